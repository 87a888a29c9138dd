import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, fromDatabaseError } from '../errors.js';
import { z } from 'zod';
import { fieldsBeyondInteger, installInputGuard } from './input-guard.js';

// A schema without its own message still answers in Chinese ("无效选项：…", "数值过小：…"), never zod's English.
z.config(z.locales.zhCN());

/**
 * Every error leaves as `{ code, message, details }`; validation errors name their fields.
 * Control characters are refused at the edge first (input-guard), for every route.
 */
export function installErrorHandler(app: FastifyInstance) {
  installInputGuard(app);
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ code: err.code, message: err.userMessage, details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        field: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        problem: v.message,
      }));
      const names = fields.map((f) => f.field).join('、');
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message: `输入有误：${names}`, details: { fields } });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', details: {} });
    }
    const db = fromDatabaseError(err);
    if (db) {
      // A data exception got past the schemas: answer 400, and log it so the schema gets fixed.
      if (db.details.reason) req.log.warn({ err }, 'database refused input the schema accepted');
      const fields = (err as { code?: string }).code === '22003' ? fieldsBeyondInteger(req) : [];
      const details = fields.length ? { ...db.details, fields: fields.map((field) => ({ field, problem: 'out of range' })) } : db.details;
      return reply.status(db.status).send({ code: db.code, message: fields.length ? `输入有误：${fields.join('、')}超出范围` : db.userMessage, details });
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ code: 'BAD_REQUEST', message: '请求格式不正确', details: { reason: err.message } });
    }
    if (isResponseSerializationError(err)) req.log.error({ err: err.cause }, 'response did not match its schema');
    else req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试', details: {} });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}`, details: {} }),
  );
}
