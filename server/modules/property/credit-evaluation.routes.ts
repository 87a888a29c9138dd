import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './credit-evaluation.schemas.js';
import * as credit from './credit-evaluation.service.js';

/** 物业信用评价: schemes, party organisations' ratings, residents' survey, quarterly scores, the 红黑榜 and objections. */
export async function creditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = credit.creditDeps(ctx);
  const tags = ['property-credit'];

  r.get('/property/credit/schemes', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '区县信用评价方案（各版本）', querystring: s.CountyQuery, response: { 200: s.Scheme.array() } },
    handler: async (req) => credit.listSchemes(deps, authOf(req).scope, req.query.countyId),
  });
  r.post('/property/credit/schemes', {
    config: { permission: 'property.credit' },
    schema: {
      tags, summary: '发布新版评价方案（旧版作废，已计分季度保留原版本）',
      description: '指标权重合计100；街道、社区、小区党组织评价合计不低于50%。', body: s.CreateSchemeBody, response: { 200: s.Created },
    },
    handler: async (req) => { const a = authOf(req); return credit.createScheme(deps, a.actor, a.scope, req.body); },
  });

  r.get('/property/credit/ratings', {
    config: { permission: 'property.rate' },
    schema: { tags, summary: '本辖区小区的党组织季度评价', querystring: s.RatingsQuery, response: { 200: paged(s.RatingRow) } },
    handler: async (req) => credit.ratingsPage(deps, authOf(req).scope, req.query),
  });
  r.post('/property/credit/ratings', {
    config: { permission: 'property.rate' },
    schema: { tags, summary: '录入或更正党组织对小区物业的季度评价（0–100，更正保留历史）', body: s.RateBody, response: { 200: s.Created } },
    handler: async (req) => { const a = authOf(req); return credit.rate(deps, a.actor, a.scope, req.body); },
  });

  r.get('/property/credit/survey', {
    config: { permission: 'property.resident' },
    schema: { tags, summary: '我家小区物业的本季度满意度测评', response: { 200: s.Survey } },
    handler: async (req) => credit.mySurvey(deps, authOf(req).actor),
  });
  r.post('/property/credit/survey', {
    config: { permission: 'property.resident' },
    schema: { tags, summary: '给我家小区的物业打分（每户每季度一票）', body: s.VoteBody, response: { 200: s.Created } },
    handler: async (req) => credit.vote(deps, authOf(req).actor, req.body),
  });

  r.get('/property/credit/quarters', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '区县各季度的计分和发布状态', querystring: s.CountyQuery, response: { 200: s.QuartersAnswer } },
    handler: async (req) => credit.listQuarters(deps, authOf(req).scope, req.query.countyId),
  });
  r.get('/property/credit/quarters/:quarter', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '季度得分：方案、分布、严重事件', params: s.QuarterParams, querystring: s.CountyQuery, response: { 200: s.QuarterDetail } },
    handler: async (req) => credit.quarterDetail(deps, authOf(req).scope, req.params.quarter, req.query.countyId),
  });
  r.get('/property/credit/quarters/:quarter/companies', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '企业得分和排名（按小区户数加权）', params: s.QuarterParams, querystring: s.CompanyScoresQuery.merge(s.CountyQuery), response: { 200: paged(s.CompanyScore) } },
    handler: async (req) => credit.companyScores(deps, authOf(req).scope, req.params.quarter, req.query),
  });
  r.get('/property/credit/quarters/:quarter/compounds', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '小区得分和各指标明细', params: s.QuarterParams, querystring: s.CompoundScoresQuery.merge(s.CountyQuery), response: { 200: paged(s.CompoundScore) } },
    handler: async (req) => credit.compoundScores(deps, authOf(req).scope, req.params.quarter, req.query),
  });
  r.post('/property/credit/quarters/:quarter/score', {
    config: { permission: 'property.credit' },
    schema: { tags, summary: '计算季度得分（未发布的季度重新计分会替换，已发布的冻结）', params: s.QuarterParams },
    handler: async (req) => { const a = authOf(req); return credit.scoreQuarter(deps, a.actor, a.scope, req.params.quarter); },
  });
  r.post('/property/credit/quarters/:quarter/publish', {
    config: { permission: 'property.credit' },
    schema: { tags, summary: '发布季度红黑榜（得分冻结，异议期开始）', params: s.QuarterParams, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return credit.publishQuarter(deps, a.actor, a.scope, req.params.quarter); },
  });
  r.post('/property/credit/incidents', {
    config: { permission: 'property.credit' },
    schema: { tags, summary: '记录企业本季度严重事件（列入黑榜）', body: s.IncidentBody, response: { 200: s.Created } },
    handler: async (req) => { const a = authOf(req); return credit.recordIncident(deps, a.actor, a.scope, req.body); },
  });

  r.get('/property/credit/objections', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '企业对红黑榜的异议', querystring: s.ObjectionsQuery, response: { 200: paged(s.Objection) } },
    handler: async (req) => credit.listObjections(deps, authOf(req).scope, req.query),
  });
  r.post('/property/credit/objections/:id/decide', {
    config: { permission: 'property.credit' },
    schema: { tags, summary: '处理异议（支持则以更正记录更正榜单，驳回须说明理由）', params: IdParams, body: s.DecideBody, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return credit.decideObjection(deps, a.actor, a.scope, req.params.id, req.body); },
  });
  r.get('/property/credit/mine', {
    config: { permission: 'property.company' },
    schema: { tags, summary: '本企业各季度得分、榜单、异议和处理结果', response: { 200: s.MyCredit } },
    handler: async (req) => credit.myCredit(deps, authOf(req).actor),
  });
  r.post('/property/credit/objections', {
    config: { permission: 'property.company' },
    schema: { tags, summary: '对已发布的红黑榜提出异议（发布后10天内）', body: s.ObjectBody, response: { 200: s.Created } },
    handler: async (req) => credit.fileObjection(deps, authOf(req).actor, req.body),
  });
}

/** The published 红黑榜 without sign-in: county, quarter, company names, ranks, scores and lists only. */
export async function publicCreditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = credit.creditDeps(ctx);
  r.get('/public/property-lists', {
    config: { public: true },
    schema: { tags: ['property-public'], summary: '已发布的物业红黑榜（无需登录）', response: { 200: s.PublicLists } },
    handler: async () => credit.publicLists(deps.db),
  });
  r.get('/public/property-lists/:id', {
    config: { public: true },
    schema: { tags: ['property-public'], summary: '一期物业红黑榜（无需登录，只有企业名称、名次、得分和榜单）', params: s.PublicListParams, response: { 200: s.PublicList } },
    handler: async (req) => credit.publicList(deps.db, req.params.id),
  });
}
