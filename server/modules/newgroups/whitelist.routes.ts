import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './whitelist.schemas.js';
import * as svc from './whitelist.service.js';

/** 白名单: the county's or street's list of vouched-for workers, and the gates' check counts. */
export async function whitelistRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = svc.roadDeps(ctx);
  const tags = ['newgroups'];

  r.get('/newgroups/whitelist', {
    config: { permission: 'newgroups.read' },
    schema: { tags, summary: '白名单：辖区从业人员及是否列入（姓名、平台、站点，手机号脱敏）', querystring: s.WhitelistQuery, response: { 200: s.WhitelistPage } },
    handler: async (req) => svc.list(deps, authOf(req).scope, req.query),
  });
  r.post('/newgroups/whitelist', {
    config: { permission: 'newgroups.manage' },
    schema: { tags, summary: '列入白名单（区县、街道；须说明理由）', body: s.AddBody, response: { 200: s.Created } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.add(deps, a.actor, a.scope, req.body);
    },
  });
  r.post('/newgroups/whitelist/:id/remove', {
    config: { permission: 'newgroups.manage' },
    schema: { tags, summary: '移出白名单（须说明理由；记录保留）', params: IdParams, body: s.RemoveBody, response: { 200: s.Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.remove(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
  r.get('/newgroups/gate/summary', {
    config: { permission: 'newgroups.read' },
    schema: { tags, summary: '各小区门岗核验通行码次数（有效/拒绝）', querystring: s.GateSummaryQuery, response: { 200: s.GateSummary } },
    handler: async (req) => svc.gateSummary(deps, authOf(req).scope, req.query),
  });
}
