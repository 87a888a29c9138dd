import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import { IdParams } from '../http/paging.js';
import { authOf } from '../http/request-context.js';
import { MAX_ATTACHMENT_BYTES, readAttachment, storeUpload, tooLarge, type AttachmentReaders } from './attachment.service.js';

const UploadedFile = z.object({
  id: z.number(), contentType: z.string(), size: z.number(), sha256: z.string(), url: z.string(), deduplicated: z.boolean(),
});

/** Uploads per account (per IP before sign-in) and minute: a report holds at most 9 photos. */
const UPLOADS_PER_MINUTE = 60;

/**
 * Photos as a platform service: POST stores one image, GET serves it to those who may read it
 * (the rule is in attachment.service.ts). `readers` are the modules' own read rules for the
 * records files hang on, wired in app.ts.
 */
export async function fileRoutes(app: FastifyInstance, ctx: AppContext, readers: AttachmentReaders) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const tags = ['files'];

  r.post('/files', {
    config: {
      permission: 'self',
      rateLimit: { max: UPLOADS_PER_MINUTE, timeWindow: '1 minute', keyGenerator: (req) => req.cookies[SESSION_COOKIE] ?? req.ip },
    },
    schema: {
      tags, summary: '上传图片（multipart，字段名 file；JPEG/PNG/WebP，不超过5MB；同一账号重复上传同一图片返回原文件）',
      response: { 200: UploadedFile },
    },
    handler: async (req) => {
      const { actor, scope } = authOf(req);
      if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', '请以 multipart/form-data 方式上传图片（字段名 file）');
      const part = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
      if (!part || part.fieldname !== 'file') {
        part?.file.resume();
        throw new AppError('VALIDATION_FAILED', '请选择要上传的图片（字段名 file）', { fields: [{ field: 'body.file', problem: 'required' }] });
      }
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw e;
      }
      return storeUpload(db, actor, scope, bytes);
    },
  });

  r.get('/files/:id', {
    config: { permission: 'self' },
    schema: {
      tags, summary: '查看图片（上传人、管辖范围内的工作人员、可查看所属诉求的人）', params: IdParams,
      description: '不可查看时返回404，不透露文件是否存在。图片内容不变，可按 ETag 缓存。',
    },
    handler: async (req, reply) => {
      const { actor, scope } = authOf(req);
      const { meta, data } = await readAttachment(db, readers, actor, scope, req.params.id);
      const etag = `"${meta.sha256}"`;
      // Private: who may see a photo depends on the caller, so shared caches must not keep it.
      reply
        .header('cache-control', 'private, max-age=86400')
        .header('etag', etag)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-disposition', `inline; filename="linli-${meta.id}.${meta.content_type.split('/')[1]}"`);
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(meta.content_type).send(data);
    },
  });
}
