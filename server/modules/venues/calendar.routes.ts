import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './calendar.schemas.js';
import { atYou, follow, nearVenues, publishCalendar } from './calendar.service.js';
import { Ok } from './venues.schemas.js';
import { venueDeps } from './venues.service.js';

/** "党群阵地@你": monthly calendars published to followers; residents' venues on the phone. */
export async function calendarRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = venueDeps(ctx);
  const tags = ['venues'];
  r.post('/venues/:id/calendars', {
    config: { permission: 'venues.manage' },
    schema: { tags, summary: '发布本月活动日历（党群阵地@你；空日历和已发布月份拒绝，更正另发新版本）', params: IdParams, body: s.PublishBody, response: { 200: s.PublishResult } },
    handler: async (req) => { const a = authOf(req); return publishCalendar(deps, a.actor, a.scope, req.params.id, req.body); },
  });
  r.get('/venues/near', {
    config: { permission: 'venues.visitor' },
    schema: { tags, summary: '我所在社区的党群服务阵地（活动室、开放时间、是否已关注）', response: { 200: s.Near } },
    handler: async (req) => { const a = authOf(req); return nearVenues(deps, a.actor, a.scope); },
  });
  r.post('/venues/:id/follow', {
    config: { permission: 'venues.visitor' },
    schema: { tags, summary: '关注阵地（接收每月活动）', params: IdParams, response: { 200: Ok } },
    handler: async (req) => { const a = authOf(req); return follow(deps, a.actor, a.scope, req.params.id, true); },
  });
  r.post('/venues/:id/unfollow', {
    config: { permission: 'venues.visitor' },
    schema: { tags, summary: '取消关注阵地', params: IdParams, response: { 200: Ok } },
    handler: async (req) => { const a = authOf(req); return follow(deps, a.actor, a.scope, req.params.id, false); },
  });
  r.get('/venues/at-you', {
    config: { permission: 'venues.visitor' },
    schema: { tags, summary: '本月@你：所关注阵地本月的活动日历', querystring: s.AtYouQuery, response: { 200: s.AtYou } },
    handler: async (req) => atYou(deps, authOf(req).actor, req.query.month),
  });
}
