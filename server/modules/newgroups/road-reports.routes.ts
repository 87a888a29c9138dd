import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './road-reports.schemas.js';
import * as svc from './road-reports.service.js';
import { Created } from './whitelist.schemas.js';
import { roadDeps } from './whitelist.service.js';

/** Reports from the road: the rider's form and list, the community's verification and the counts. */
export async function roadReportRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = roadDeps(ctx);
  const tags = ['newgroups'];

  r.get('/newgroups/road-reports/places', {
    config: { permission: 'newgroups.rider' },
    schema: { tags, summary: '骑手上报可选的社区和诉求类别', response: { 200: s.RiderPlaces } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.riderPlaces(deps, a.actor, a.scope);
    },
  });
  r.post('/newgroups/road-reports', {
    config: { permission: 'newgroups.rider' },
    schema: { tags, summary: '路面上报隐患或诉求（进入社区诉求办理）', body: s.ReportBody, response: { 200: s.ReportCreated } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.report(deps, a.actor, a.scope, req.body);
    },
  });
  r.get('/newgroups/road-reports/mine', {
    config: { permission: 'newgroups.rider' },
    schema: { tags, summary: '我的路面上报和积分', querystring: s.ReportsQuery, response: { 200: s.MyReports } },
    handler: async (req) => svc.mine(deps, authOf(req).actor, req.query),
  });
  r.get('/newgroups/road-reports', {
    config: { permission: 'newgroups.read' },
    schema: { tags, summary: '辖区路面上报', querystring: s.ReportsQuery, response: { 200: s.ReportsPage } },
    handler: async (req) => svc.list(deps, authOf(req).scope, req.query),
  });
  r.get('/newgroups/road-reports/counts', {
    config: { permission: 'newgroups.read' },
    schema: { tags, summary: '路面上报统计（按骑手、站点或社区）', querystring: s.CountsQuery, response: { 200: s.Counts } },
    handler: async (req) => svc.counts(deps, authOf(req).scope, req.query),
  });
  r.post('/newgroups/road-reports/:id/reward', {
    config: { permission: 'newgroups.manage' },
    schema: { tags, summary: '核实并奖励积分（每条上报一次）', params: IdParams, body: s.RewardBody, response: { 200: Created } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.reward(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
  r.post('/newgroups/road-reports/:id/reward/reverse', {
    config: { permission: 'newgroups.manage' },
    schema: { tags, summary: '撤销奖励（追加冲正记录）', params: IdParams, body: s.ReverseBody, response: { 200: Created } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.reverse(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
}
