import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import type { RepairAction } from './repairs-lifecycle.js';
import * as s from './repairs.schemas.js';
import {
  applyRepair, compoundPlaces, listCompounds, listRepairs, myCompoundRepairs, reachOf, repairDeps, repairDetail, repairFigures, takeStep,
  type StepInput, voteMattersFor,
} from './repairs.service.js';

/** 专项维修资金: apply with quotes, approve (应急程序 or 业主表决), carry out, accept, publish; figures; residents' view. */
export async function repairRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = repairDeps(ctx);
  const tags = ['property'];
  const reach = async (req: Parameters<typeof authOf>[0]) => {
    const a = authOf(req);
    return { a, reach: await reachOf(deps, a.actor, a.scope) };
  };

  // Read by staff with property.read and by the serving company (property.repairs): the service checks which.
  r.get('/property/repairs', {
    config: { permission: 'self' },
    schema: { tags, summary: '维修资金项目（状态、类别、小区筛选）', querystring: s.RepairsQuery, response: { 200: paged(s.RepairItem) } },
    handler: async (req) => listRepairs(deps, (await reach(req)).reach, req.query),
  });
  r.get('/property/repairs/figures', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '维修成效统计：电梯、车棚、充电桩、外墙、受益户数、金额（按地区和月份）', querystring: s.FiguresQuery, response: { 200: s.Figures } },
    handler: async (req) => {
      const a = authOf(req);
      return repairFigures(deps, a.actor, a.scope, req.query);
    },
  });
  r.get('/property/repairs/compounds', {
    config: { permission: 'property.repairs' },
    schema: { tags, summary: '可申请维修资金的小区（物业企业：在管小区）', querystring: s.CompoundsQuery, response: { 200: s.CompoundOption.array() } },
    handler: async (req) => listCompounds(deps, (await reach(req)).reach, req.query.q),
  });
  r.get('/property/repairs/compounds/:id/places', {
    config: { permission: 'property.repairs' },
    schema: { tags, summary: '小区的楼栋、单元和户数（选择受益范围）', params: IdParams, response: { 200: s.CompoundPlaces } },
    handler: async (req) => compoundPlaces(deps, (await reach(req)).reach, req.params.id),
  });
  r.post('/property/repairs', {
    config: { permission: 'property.repairs' },
    schema: {
      tags, summary: '申请维修资金（类别、应急、数量、受益楼栋、报价和照片）', description: '受益户数按所选楼栋、单元的住户统计，不可填写。',
      body: s.ApplyBody, response: { 200: s.ApplyResult },
    },
    handler: async (req) => {
      const x = await reach(req);
      return applyRepair(deps, x.a.actor, x.reach, req.body);
    },
  });
  r.get('/property/repairs/:id', {
    config: { permission: 'self' },
    schema: { tags, summary: '维修项目详情：报价、审批、表决和每一步', params: IdParams, response: { 200: s.RepairDetail } },
    handler: async (req) => {
      const x = await reach(req);
      return repairDetail(deps, x.a.actor, x.reach, req.params.id);
    },
  });

  r.get('/property/repairs/:id/vote-matters', {
    config: { permission: 'property.repairs' },
    schema: {
      tags, summary: '本小区已计票的业主表决事项（可作为该维修依据的在前，不可的附原因）', params: IdParams, response: { 200: s.VoteMatterOption.array() },
    },
    handler: async (req) => voteMattersFor(deps, (await reach(req)).reach, req.params.id),
  });

  const step = <B extends import('zod').ZodTypeAny>(action: RepairAction, path: string, summary: string, body: B, toInput: (b: import('zod').infer<B>) => StepInput) => {
    r.post(`/property/repairs/:id/${path}`, {
      config: { permission: 'property.repairs' },
      schema: { tags, summary, params: IdParams, body, response: { 200: s.StepResult } },
      handler: async (req) => {
        const x = await reach(req);
        return takeStep(deps, x.a.actor, x.reach, req.params.id, action, toInput(req.body as import('zod').infer<B>));
      },
    });
  };
  step('submit', 'submit', '提交草稿', s.NoteBody, (b) => ({ note: b.note }));
  step('approve_community', 'approve-community', '应急程序：社区审批同意', s.NoteBody, (b) => ({ note: b.note }));
  step('approve_street', 'approve-street', '应急程序：街道审批同意', s.NoteBody, (b) => ({ note: b.note }));
  step('record_vote', 'vote', '以业主表决批准：选择本小区已计票并通过的使用维修资金事项（一般事项），票数取自该表决', s.VoteBody, (b) => ({ vote: b }));
  step('reject', 'reject', '驳回申请（须说明理由）', s.ReasonBody, (b) => ({ reason: b.reason }));
  step('start', 'start', '开工', s.NoteBody, (b) => ({ note: b.note }));
  step('finish', 'finish', '完工（可附照片）', s.FinishBody, (b) => ({ note: b.note, photoIds: b.photoIds }));
  step('accept', 'accept', '社区验收通过（验收意见）', s.AcceptBody, (b) => ({ note: b.note }));
  step('send_back', 'send-back', '验收不通过，退回整改（须说明理由）', s.ReasonBody, (b) => ({ reason: b.reason }));
  step('publish', 'publish', '向小区公示（决算金额）', s.PublishBody, (b) => ({ finalAmount: b.finalAmount }));

  r.get('/property/my-repairs', {
    config: { permission: 'property.resident' },
    schema: { tags, summary: '我所在小区的维修资金项目（居民可见的内容）', response: { 200: s.ResidentRepairs } },
    handler: async (req) => myCompoundRepairs(deps, authOf(req).actor),
  });
}
