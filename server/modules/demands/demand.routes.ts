import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import { revealBody, revealReasonOf } from '../../platform/pii/reveal-reason-schema.js';
import { demandRates, departmentRates, ratesPeriod } from './demand-rates.repository.js';
import {
  ActionBody, ActionParams, AssignableHandler, CreateDemandBody, DispatchBody, CreateDemandResponse, CreateDepartmentBody, DemandDetail, DemandListItem,
  DemandListQuery, DepartmentView, DispatchParams, RatesQuery, RatesResponse, ReportPlaces,
  CreateMeetingBody, DecideItemBody, MeetingList, MeetingListQuery, MeetingView, UnmetQuery, UnmetResponse,
} from './demand.schemas.js';
import { demandDeps } from './demand-deps.js';
import { createDepartment, listDepartments } from './departments.service.js';
import { createDemand } from './demand-intake.service.js';
import { reportPlaces } from './demand-places.service.js';
import { getDemand, listDemands, revealReporterPhone } from './demand-read.service.js';
import { act, meToo } from './demand-transitions.service.js';
import { actOnDispatch, rewhistle } from './dispatch.service.js';
import * as meetings from './demand-meetings.service.js';
import { listAssignableHandlers } from './demand-handlers.repository.js';
import { allCategories } from './demand-lookups.repository.js';

export async function demandRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = demandDeps(ctx);
  const { db } = deps;
  const tags = ['demands'];

  r.get('/demands/categories', {
    config: { permission: 'self' },
    schema: {
      tags, summary: '诉求类别与办理时限',
      response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), limitKind: z.string(), limitValue: z.number() })) }) },
    },
    handler: async () => ({
      items: (await allCategories(db)).map((c) => ({
        code: c.code, name: c.name, limitKind: c.limit_kind, limitValue: c.limit_value,
      })),
    }),
  });

  r.get('/demands/places', {
    config: { permission: 'demands.act' },
    schema: {
      tags, summary: '可反映问题的地点（本社区的小区与楼栋）',
      description: '居民可把问题定位到本社区内任一小区或楼栋，而不只是自己家所在单元。',
      response: { 200: ReportPlaces },
    },
    handler: async (req) => reportPlaces(db, authOf(req).scope),
  });

  r.post('/demands', {
    config: { permission: 'demands.act' },
    schema: { tags, summary: '登记诉求（居民上报、走访、来访、热线）', body: CreateDemandBody, response: { 200: CreateDemandResponse } },
    handler: async (req) => {
      const a = authOf(req);
      const { demand, replayed } = await createDemand(deps, a.actor, a.scope, req.body);
      return { demand, replayed };
    },
  });

  r.get('/demands', {
    config: { permission: 'demands.read' },
    schema: { tags, summary: '诉求列表', querystring: DemandListQuery, response: { 200: paged(DemandListItem) } },
    handler: async (req) => {
      const a = authOf(req);
      return listDemands(deps, a.actor, a.scope, req.query);
    },
  });

  r.get('/demands/:id', {
    config: { permission: 'demands.read' },
    schema: { tags, summary: '诉求详情与办理时间线', params: IdParams, response: { 200: DemandDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return getDemand(deps, a.actor, a.scope, req.params.id);
    },
  });

  r.post('/demands/:id/actions/:action', {
    config: { permission: 'demands.act' },
    schema: {
      tags, summary: '办理一步（受理、就地解决、指派、办结、上会、提请吹哨、吹哨、评价、合并、申请/批准/驳回延期）',
      description: '按状态表校验；不允许的操作返回409并说明原因，数据不变。', params: ActionParams, body: ActionBody,
      response: { 200: DemandDetail },
    },
    handler: async (req) => {
      const a = authOf(req);
      return act(deps, a.actor, a.scope, req.params.id, req.params.action, req.body);
    },
  });

  r.get('/demands/:id/handlers', {
    config: { permission: 'demands.assign' },
    schema: {
      tags, summary: '可指派的办理人（此处的网格员、社区工作者、小区物业）', params: IdParams,
      response: { 200: z.object({ items: z.array(AssignableHandler) }) },
    },
    handler: async (req) => ({ items: await listAssignableHandlers(db, authOf(req).scope, req.params.id) }),
  });

  r.post('/demands/:id/reveal-phone', {
    config: { permission: 'demands.read', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '查看反映人完整手机号（须选择原因，留痕）', params: IdParams,
      body: revealBody({}),
      response: { 200: z.object({ value: z.string() }) },
    },
    handler: async (req) => {
      const a = authOf(req);
      return revealReporterPhone(deps, a.actor, a.scope, req.params.id, revealReasonOf(req.body));
    },
  });

  r.post('/demands/:id/me-too', {
    config: { permission: 'demands.act' },
    schema: { tags, summary: '我也遇到', params: IdParams, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (req) => {
      const a = authOf(req);
      return meToo(deps, a.actor, a.scope, req.params.id);
    },
  });

  r.post('/demands/:id/rewhistle', {
    config: { permission: 'demands.act' },
    schema: {
      tags, summary: '街道追加或改派职能部门', params: IdParams,
      body: z.object({
        departmentIds: z.array(z.number().int().positive()).min(1).max(10), note: z.string().trim().min(2).max(500),
        /** Dispatches whose departments asked to be re-routed: released when the new ones go out. */
        releaseDispatchIds: z.array(z.number().int().positive()).max(10).optional(),
      }),
      response: { 200: DemandDetail },
    },
    handler: async (req) => {
      const a = authOf(req);
      return rewhistle(deps, a.actor, a.scope, req.params.id, req.body.departmentIds, req.body.note, req.body.releaseDispatchIds);
    },
  });

  r.post('/demands/dispatches/:id/:action', {
    config: { permission: 'demands.dispatch' },
    schema: {
      tags, summary: '部门报到：报到（接收）、反馈进展、办结、退回（收到2个工作日内，须说明理由）、申请延期、申请改派', params: DispatchParams,
      body: DispatchBody, response: { 200: DemandDetail },
    },
    handler: async (req) => {
      const a = authOf(req);
      return actOnDispatch(deps, a.actor, a.scope, req.params.id, req.params.action, req.body.note, req.body.attachments, { days: req.body.days });
    },
  });

  r.get('/demands/rates', {
    config: { permission: 'demands.rates' },
    schema: { tags, summary: '响应率、就地解决率、解决率、满意率、超期、平均办结时长', querystring: RatesQuery, response: { 200: RatesResponse } },
    handler: async (req) => {
      const a = authOf(req);
      const now = deps.clock.now();
      const { from, to } = ratesPeriod(now, req.query);
      const rates = await demandRates(db, a.scope, req.query.orgId ?? a.scope.orgId, from, to, now);
      return { ...rates, departments: await departmentRates(db, a.scope, from, to) };
    },
  });

  r.get('/departments', {
    config: { permission: 'demands.read' },
    schema: { tags, summary: '职能部门（可吹哨的部门）', response: { 200: z.object({ items: z.array(DepartmentView) }) } },
    handler: async (req) => ({ items: await listDepartments(db, authOf(req).scope) }),
  });

  r.post('/departments', {
    config: { permission: 'departments.manage' },
    schema: { tags, summary: '新增职能部门', body: CreateDepartmentBody, response: { 200: DepartmentView } },
    handler: async (req) => {
      const a = authOf(req);
      return createDepartment(db, a.actor, a.scope, req.body);
    },
  });

  r.post('/demands/meetings', {
    config: { permission: 'demands.meetings' },
    schema: {
      tags, summary: '召开民情分析会（议程由系统从上会和超期诉求生成）',
      body: CreateMeetingBody,
      response: { 200: MeetingView },
    },
    handler: async (req) => {
      const a = authOf(req);
      return meetings.createMeeting(deps, a.actor, a.scope, req.body);
    },
  });

  r.get('/demands/meetings', {
    config: { permission: 'demands.meetings' },
    schema: {
      tags, summary: '民情分析会列表', querystring: MeetingListQuery,
      response: { 200: MeetingList },
    },
    handler: async (req) => ({ items: await meetings.listMeetings(deps, authOf(req).scope, req.query.orgId) }),
  });

  r.get('/demands/meetings/unmet', {
    config: { permission: 'demands.meetings' },
    schema: {
      tags, summary: '本月（或指定月份）尚未召开民情分析会的社区',
      querystring: UnmetQuery,
      response: { 200: UnmetResponse },
    },
    handler: async (req) => meetings.communitiesWithoutMeeting(deps, authOf(req).scope, req.query),
  });

  r.get('/demands/meetings/:id', {
    config: { permission: 'demands.meetings' },
    schema: { tags, summary: '民情分析会议程与决定', params: IdParams, response: { 200: MeetingView } },
    handler: async (req) => meetings.getMeeting(deps, authOf(req).scope, req.params.id),
  });

  r.post('/demands/meetings/:id/decisions', {
    config: { permission: 'demands.meetings' },
    schema: {
      tags, summary: '记录议题决定（社区办理或提请街道吹哨）', params: IdParams,
      body: DecideItemBody,
      response: { 200: MeetingView },
    },
    handler: async (req) => {
      const a = authOf(req);
      return meetings.decide(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
}
