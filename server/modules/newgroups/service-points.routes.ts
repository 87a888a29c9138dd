import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './service-points.schemas.js';
import * as svc from './service-points.service.js';

/** 服务站点 on the console and the rider's nearest open ones on the phone. */
export async function servicePointRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = svc.pointDeps(ctx);
  const tags = ['newgroups'];
  r.get('/newgroups/service-points', {
    config: { permission: 'newgroups.read' },
    schema: { tags, summary: '服务站点（司机之家、暖“新”驿站等）及开放时间、是否正在开放', querystring: s.PointQuery, response: { 200: s.PointPage } },
    handler: async (req) => svc.list(deps, authOf(req).scope, req.query),
  });
  r.post('/newgroups/service-points', {
    config: { permission: 'newgroups.manage' },
    schema: { tags, summary: '登记服务站点（位置、服务项目、每周开放时间）', body: s.PointBody, response: { 200: s.Created } },
    handler: async (req) => { const a = authOf(req); return svc.create(deps, a.actor, a.scope, req.body); },
  });
  r.get('/newgroups/rider/points', {
    config: { permission: 'newgroups.rider' },
    schema: { tags, summary: '骑手：附近正在开放的服务站点（按距离）', querystring: s.NearestQuery, response: { 200: s.Nearest } },
    handler: async (req) => { const a = authOf(req); return svc.nearest(deps, a.actor, a.scope, req.query); },
  });
}
