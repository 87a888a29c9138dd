import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './lifecycle.schemas.js';
import * as svc from './lifecycle.service.js';

/** Closing, dissolving and ending from the console, each with a reason (站点关闭 / 服务站点撤销 and 恢复 / 党组织撤销 / 结束选派). */
export async function lifecycleRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = svc.lifecycleDeps(ctx);
  const tags = ['newgroups'];
  const manage = { permission: 'newgroups.manage' } as const;

  r.post('/newgroups/stations/:id/close', { config: manage, schema: { tags, summary: '关闭站点（须无在岗人员和独立建党组织；记录保留）', params: IdParams, body: s.ReasonBody, response: { 200: s.Done } },
    handler: async (req) => { const a = authOf(req); return svc.closeStation(deps, a.actor, a.scope, req.params.id, req.body); } });
  r.post('/newgroups/service-points/:id/close', { config: manage, schema: { tags, summary: '撤销服务站点（记录保留）', params: IdParams, body: s.ReasonBody, response: { 200: s.Done } },
    handler: async (req) => { const a = authOf(req); return svc.closePoint(deps, a.actor, a.scope, req.params.id, req.body); } });
  r.post('/newgroups/service-points/:id/reopen', { config: manage, schema: { tags, summary: '恢复已撤销的服务站点（须写明原因；撤销记录保留在审计日志）', params: IdParams, body: s.ReasonBody, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (req) => { const a = authOf(req); return svc.reopenPoint(deps, a.actor, a.scope, req.params.id, req.body); } });
  r.post('/newgroups/party-orgs/:id/dissolve', { config: manage, schema: { tags, summary: '撤销党组织（其党建指导员的选派同时结束；记录保留）', params: IdParams, body: s.ReasonBody, response: { 200: s.Done.extend({ endedInstructors: z.number() }) } },
    handler: async (req) => { const a = authOf(req); return svc.dissolvePartyOrg(deps, a.actor, a.scope, req.params.id, req.body); } });
  r.post('/newgroups/instructors/:id/end', { config: manage, schema: { tags, summary: '结束党建指导员的选派（记录保留）', params: IdParams, body: s.ReasonBody, response: { 200: s.Done } },
    handler: async (req) => { const a = authOf(req); return svc.endInstructor(deps, a.actor, a.scope, req.params.id, req.body); } });
}
