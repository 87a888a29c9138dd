import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import {
  DeclineBody, EvaluationBody, MemberRecordQuery, MemberRecordView, MemberReportListQuery, MemberReportView, MyReportBody, MyReportResponse,
  PairingBody, PairingListQuery, PairingView, PostOffers, PostOffersBody, PostOffersQuery, UnitOption, UnitOptionsQuery, UnitRecordResponse,
  WorkUnitBody, WorkUnitListQuery, WorkUnitPatch, WorkUnitView, YearQuery,
} from './dual-report.schemas.js';
import { dualReportDeps } from './dual-report-deps.js';
import * as records from './evaluations.service.js';
import * as reports from './member-reports.service.js';
import * as pairings from './unit-pairings.service.js';
import * as units from './work-units.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Ok = z.object({ ok: z.literal(true) });

/**
 * 双报到 and 双评价. Staff read under `cobuild.read` (a unit admin too, for its own unit only) and
 * act under `cobuild.manage`; the unit admin reports its unit under `cobuild.unit`; an in-service
 * party member reports under `cobuild.report`.
 */
export async function dualReportRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = dualReportDeps(ctx);
  const tags = ['cobuild'];
  const read = { permission: 'cobuild.read' as const };
  const manage = { permission: 'cobuild.manage' as const };
  const unit = { permission: 'cobuild.unit' as const };
  const member = { permission: 'cobuild.report' as const };

  // ---- 共建单位 ----
  r.get('/cobuild/units', {
    config: read,
    schema: { tags, summary: '共建单位列表（本辖区登记的，及与本辖区社区结对或有党员报到的；单位管理员只看本单位）', querystring: WorkUnitListQuery, response: { 200: paged(WorkUnitView) } },
    handler: async (req) => {
      const a = authOf(req);
      return units.listUnits(d, a.actor, a.scope, req.query);
    },
  });

  r.post('/cobuild/units', {
    config: manage,
    schema: { tags, summary: '登记共建单位（县、街道；联系人手机号加密保存）', body: WorkUnitBody, response: { 200: WorkUnitView } },
    handler: async (req) => {
      const a = authOf(req);
      return units.registerUnit(d, a.actor, a.scope, req.body);
    },
  });

  r.patch('/cobuild/units/:id', {
    config: manage,
    schema: { tags, summary: '修改共建单位（登记它的县、街道）', params: IdParams, body: WorkUnitPatch, response: { 200: WorkUnitView } },
    handler: async (req) => {
      const a = authOf(req);
      return units.updateUnit(d, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.get('/cobuild/units/:id/record', {
    config: read,
    schema: {
      tags, summary: '单位的年度记录：结对社区、在职党员的服务、心愿、岗位和双评价（按记录统计）',
      params: IdParams, querystring: YearQuery, response: { 200: UnitRecordResponse },
    },
    handler: async (req) => {
      const a = authOf(req);
      return records.unitRecord(d, a.actor, a.scope, req.params.id, req.query.year);
    },
  });

  r.get('/cobuild/units/:id/export', {
    config: read,
    schema: { tags, summary: '导出单位年度双报到、双评价（.xlsx，供单位考核）', params: IdParams, querystring: YearQuery, produces: [XLSX] },
    handler: async (req, reply) => {
      const a = authOf(req);
      const { body, filename } = await records.exportUnitRecord(d, a.actor, a.scope, req.params.id, req.query.year);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="unit-${req.params.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  });

  // ---- 单位报到 / 结对 ----
  r.get('/cobuild/pairings', {
    config: read,
    schema: { tags, summary: '单位报到（结对）列表', querystring: PairingListQuery, response: { 200: paged(PairingView) } },
    handler: async (req) => {
      const a = authOf(req);
      return pairings.listPairings(d, a.actor, a.scope, req.query);
    },
  });

  r.post('/cobuild/pairings', {
    config: unit,
    schema: { tags, summary: '本单位向社区报到（结对），等待社区确认', body: PairingBody, response: { 200: PairingView } },
    handler: async (req) => {
      const a = authOf(req);
      return pairings.requestPairing(d, a.actor, a.scope, req.body);
    },
  });

  r.post('/cobuild/units/:id/pairings', {
    config: manage,
    schema: { tags, summary: '街道、县代单位登记向社区报到（结对）', params: IdParams, body: PairingBody, response: { 200: PairingView } },
    handler: async (req) => {
      const a = authOf(req);
      return pairings.requestPairing(d, a.actor, a.scope, { ...req.body, workUnitId: req.params.id });
    },
  });

  r.post('/cobuild/pairings/:id/confirm', {
    config: manage,
    schema: { tags, summary: '社区确认单位报到', params: IdParams, response: { 200: PairingView } },
    handler: async (req) => {
      const a = authOf(req);
      return pairings.decidePairing(d, a.actor, a.scope, req.params.id, 'confirm');
    },
  });

  r.post('/cobuild/pairings/:id/decline', {
    config: manage,
    schema: { tags, summary: '社区退回单位报到（须说明原因）', params: IdParams, body: DeclineBody, response: { 200: PairingView } },
    handler: async (req) => {
      const a = authOf(req);
      return pairings.decidePairing(d, a.actor, a.scope, req.params.id, 'decline', req.body.reason);
    },
  });

  r.post('/cobuild/pairings/:id/withdraw', {
    config: unit,
    schema: { tags, summary: '单位撤回待确认的报到', params: IdParams, response: { 200: PairingView } },
    handler: async (req) => {
      const a = authOf(req);
      return pairings.decidePairing(d, a.actor, a.scope, req.params.id, 'withdraw');
    },
  });

  r.put('/cobuild/pairings/:id/evaluation', {
    config: manage,
    schema: { tags, summary: '社区对结对单位的年度评价（双评价）', params: IdParams, body: EvaluationBody, response: { 200: PairingView } },
    handler: async (req) => {
      const a = authOf(req);
      return pairings.evaluatePairing(d, a.actor, a.scope, req.params.id, req.body);
    },
  });

  // ---- 在职党员报到 (phone) ----
  r.get('/cobuild/my-report', {
    config: member,
    schema: { tags, summary: '我的社区报到：报到社区（按住户登记，不能自选）、可认领岗位、本年度状态', response: { 200: MyReportResponse } },
    handler: async (req) => reports.myReport(d, authOf(req).actor),
  });

  r.get('/cobuild/my-report/units', {
    config: member,
    schema: { tags, summary: '可选的工作单位（本县登记的共建单位，按名称查找）', querystring: UnitOptionsQuery, response: { 200: z.object({ items: z.array(UnitOption) }) } },
    handler: async (req) => reports.unitOptions(d, authOf(req).actor, req.query.q),
  });

  r.post('/cobuild/my-report', {
    config: member,
    schema: { tags, summary: '在职党员向居住地社区报到并认领岗位（每年一次）', body: MyReportBody, response: { 200: MemberReportView } },
    handler: async (req) => reports.submitReport(d, authOf(req).actor, req.body),
  });

  r.post('/cobuild/my-report/:id/withdraw', {
    config: member,
    schema: { tags, summary: '撤回待确认的报到', params: IdParams, response: { 200: MyReportResponse } },
    handler: async (req) => reports.withdrawMyReport(d, authOf(req).actor, req.params.id),
  });

  // ---- 报到审核 ----
  r.get('/cobuild/member-reports', {
    config: read,
    schema: { tags, summary: '在职党员报到列表（单位管理员只看本单位党员）', querystring: MemberReportListQuery, response: { 200: paged(MemberReportView) } },
    handler: async (req) => {
      const a = authOf(req);
      return reports.listReports(d, a.actor, a.scope, req.query);
    },
  });

  r.post('/cobuild/member-reports/:id/confirm', {
    config: manage,
    schema: { tags, summary: '社区确认党员报到（认领的岗位本年度生效）', params: IdParams, response: { 200: MemberReportView } },
    handler: async (req) => {
      const a = authOf(req);
      return reports.decideReport(d, a.actor, a.scope, req.params.id, 'confirm');
    },
  });

  r.post('/cobuild/member-reports/:id/decline', {
    config: manage,
    schema: { tags, summary: '社区退回党员报到（须说明原因）', params: IdParams, body: DeclineBody, response: { 200: MemberReportView } },
    handler: async (req) => {
      const a = authOf(req);
      return reports.decideReport(d, a.actor, a.scope, req.params.id, 'decline', req.body.reason);
    },
  });

  r.put('/cobuild/member-reports/:id/evaluation', {
    config: manage,
    schema: { tags, summary: '社区对在职党员的年度评价（双评价）', params: IdParams, body: EvaluationBody, response: { 200: Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return reports.evaluateReport(d, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.get('/cobuild/post-offers', {
    config: read,
    schema: { tags, summary: '社区提供的报到岗位', querystring: PostOffersQuery, response: { 200: PostOffers } },
    handler: async (req) => reports.postOffers(d, authOf(req).scope, req.query.communityId),
  });

  r.put('/cobuild/post-offers', {
    config: manage,
    schema: { tags, summary: '设置社区提供的报到岗位', body: PostOffersBody, response: { 200: PostOffers } },
    handler: async (req) => {
      const a = authOf(req);
      return reports.setPostOffers(d, a.actor, a.scope, req.body);
    },
  });

  // ---- 年度记录与双评价 ----
  r.get('/cobuild/member-records', {
    config: read,
    schema: {
      tags, summary: '在职党员年度记录：服务次数、时长、完成心愿、岗位（按记录统计）和双评价；未参与的也列出',
      querystring: MemberRecordQuery, response: { 200: paged(MemberRecordView) },
    },
    handler: async (req) => {
      const a = authOf(req);
      return records.memberRecords(d, a.actor, a.scope, req.query);
    },
  });
}
