import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { systemClock } from '../../platform/clock.js';
import { IdParams } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import { ApiKeyView, IssueKeyBody, IssuedKey } from './api-keys.schemas.js';
import { issueApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';

/** The console's side of Open311 (under /api, behind the usual session and scope): issue, list, revoke keys. */
export async function apiKeyRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const clock = ctx.clock ?? systemClock;
  r.get('/open311/keys', {
    config: { permission: 'open311.keys' },
    schema: { tags: ['open311'], summary: 'Open311 接口密钥', response: { 200: z.object({ items: z.array(ApiKeyView) }) } },
    handler: async (req) => ({ items: await listApiKeys(db, authOf(req).scope) }),
  });
  r.post('/open311/keys', {
    config: { permission: 'open311.keys' },
    schema: {
      tags: ['open311'], summary: '签发 Open311 密钥（只显示一次）',
      body: IssueKeyBody,
      response: { 200: IssuedKey },
    },
    handler: async (req) => {
      const a = authOf(req);
      return issueApiKey(db, a.actor, a.scope, req.body);
    },
  });
  r.post('/open311/keys/:id/revoke', {
    config: { permission: 'open311.keys' },
    schema: { tags: ['open311'], summary: '吊销密钥', params: IdParams, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (req) => {
      const a = authOf(req);
      await revokeApiKey(db, clock, a.actor, a.scope, req.params.id);
      return { ok: true as const };
    },
  });
}
