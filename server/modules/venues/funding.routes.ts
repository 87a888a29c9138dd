import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './funding.schemas.js';
import { computeAwards, createRule, fundingFigures, listAwards, listRules, recordPayment, reversePayment } from './funding.service.js';
import { Created } from './venues.schemas.js';
import { venueDeps } from './venues.service.js';

/** 以奖代补: the county's versioned rule, awards computed from counted use, payments (append-only). */
export async function fundingRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = venueDeps(ctx);
  const tags = ['venues'];
  r.get('/venues/funding/rules', {
    config: { permission: 'venues.read' },
    schema: { tags, summary: '以奖代补规则（各版本）', response: { 200: s.Rule.array() } },
    handler: async (req) => { const a = authOf(req); return listRules(deps, a.actor, a.scope); },
  });
  r.post('/venues/funding/rules', {
    config: { permission: 'venues.funding' },
    schema: { tags, summary: '发布新版以奖代补规则（档次：使用次数、是否须达标、奖补金额）', body: s.RuleBody, response: { 200: Created } },
    handler: async (req) => { const a = authOf(req); return createRule(deps, a.actor, a.scope, req.body); },
  });
  r.post('/venues/funding/compute', {
    config: { permission: 'venues.funding' },
    schema: { tags, summary: '按最新规则核算全区县阵地某年度奖补（依据签到计数，不可填写）', body: s.ComputeBody, response: { 200: s.ComputeResult } },
    handler: async (req) => { const a = authOf(req); return computeAwards(deps, a.actor, a.scope, req.body.year); },
  });
  r.get('/venues/funding/awards', {
    config: { permission: 'venues.read' },
    schema: { tags, summary: '各阵地年度奖补核算（计算明细、拨付）', querystring: s.AwardsQuery, response: { 200: paged(s.Award) } },
    handler: async (req) => { const a = authOf(req); return listAwards(deps, a.actor, a.scope, req.query); },
  });
  r.get('/venues/funding/figures', {
    config: { permission: 'venues.read' },
    schema: { tags, summary: '奖补和拨付按街道汇总', querystring: s.YearQuery, response: { 200: s.Figures } },
    handler: async (req) => { const a = authOf(req); return fundingFigures(deps, a.actor, a.scope, req.query.year); },
  });
  r.post('/venues/funding/payments', {
    config: { permission: 'venues.funding' },
    schema: { tags, summary: '登记拨付（不超过核定奖补）', body: s.PaymentBody, response: { 200: Created } },
    handler: async (req) => { const a = authOf(req); return recordPayment(deps, a.actor, a.scope, req.body); },
  });
  r.post('/venues/funding/payments/:id/reverse', {
    config: { permission: 'venues.funding' },
    schema: { tags, summary: '冲正一笔拨付（记一笔相反金额，原记录不改）', params: IdParams, body: s.ReverseBody, response: { 200: Created } },
    handler: async (req) => { const a = authOf(req); return reversePayment(deps, a.actor, a.scope, req.params.id, req.body.note); },
  });
}
