import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import { demandDeps } from './demand-deps.js';
import { MyVisitsQuery, RecordVisitBody, RecordVisitResponse, VisitCountsQuery, VisitCountsResponse, VisitItem } from './visits.schemas.js';
import { listMyVisits, recordVisit, visitCountsByMonth } from './visits.service.js';

/** 背包上门: door-to-door visits, with or without a demand, and how many each grid worker made. */
export async function visitRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = demandDeps(ctx);
  const tags = ['visits'];

  r.post('/visits', {
    config: { permission: 'demands.act' },
    schema: {
      tags, summary: '登记无诉求走访（网格员、社区工作人员）',
      description: '发现问题的走访通过 POST /demands（channel=visit）登记，走访记录随诉求一起保存。同一 clientId 重放只记一次。',
      body: RecordVisitBody, response: { 200: RecordVisitResponse },
    },
    handler: async (req) => {
      const a = authOf(req);
      return recordVisit(deps, a.actor, a.scope, req.body);
    },
  });

  r.get('/visits/mine', {
    config: { permission: 'demands.act' },
    schema: { tags, summary: '我的走访记录（最新在前）', querystring: MyVisitsQuery, response: { 200: paged(VisitItem) } },
    handler: async (req) => {
      const a = authOf(req);
      return listMyVisits(deps, a.actor, a.scope, req.query);
    },
  });

  r.get('/visits/counts', {
    config: { permission: 'demands.rates' },
    schema: { tags, summary: '走访工作量：每人每月走访户次', querystring: VisitCountsQuery, response: { 200: VisitCountsResponse } },
    handler: async (req) => visitCountsByMonth(deps, authOf(req).scope, req.query),
  });
}
