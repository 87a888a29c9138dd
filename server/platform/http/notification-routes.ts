import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { systemClock } from '../clock.js';
import { listInbox, markRead } from '../notifications.js';
import { IdParams, PageQuery, paged } from './paging.js';
import { authOf } from './request-context.js';

/** Every signed-in account's own inbox (消息): what any module told it through notify(). */
export async function notificationRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const clock = ctx.clock ?? systemClock;

  r.get('/notifications', {
    config: { permission: 'self' },
    schema: {
      tags: ['notifications'], summary: '我的消息', querystring: PageQuery,
      response: { 200: paged(z.object({ id: z.number(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: z.string(), read: z.boolean() })) },
    },
    handler: async (req) => listInbox(db, authOf(req).actor.accountId, req.query),
  });

  r.post('/notifications/:id/read', {
    config: { permission: 'self' },
    schema: { tags: ['notifications'], summary: '标为已读', params: IdParams, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (req) => {
      await markRead(db, authOf(req).actor.accountId, req.params.id, clock.now());
      return { ok: true as const };
    },
  });
}
