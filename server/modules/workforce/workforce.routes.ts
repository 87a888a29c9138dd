import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { systemClock } from '../../platform/clock.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import {
  AssessmentBody, ComputeBody, ComputeResult, CreateStaffBody, HistoryView, LeaveBody, OverviewQuery, OverviewView, PayTableQuery, PayTableView,
  RatingQuery, RatingView, SavePayTableBody, StaffQuery, StaffView, UpdateStaffBody,
} from './workforce.schemas.js';
import * as workforce from './workforce.service.js';

export async function workforceRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d: workforce.WorkforceDeps = { db: ctx.database.db, cipher: ctx.cipher, clock: ctx.clock ?? systemClock };
  const tags = ['workforce'];

  r.get('/workforce/staff', {
    config: { permission: 'workforce.read' },
    schema: { tags, summary: '社区工作者、网格员、高校毕业生助理（三岗十八级，手机号脱敏）', querystring: StaffQuery, response: { 200: paged(StaffView) } },
    handler: async (req) => workforce.listStaff(d, authOf(req).scope, req.query),
  });

  r.post('/workforce/staff', {
    config: { permission: 'workforce.write' },
    schema: { tags, summary: '登记工作人员', body: CreateStaffBody, response: { 200: StaffView } },
    handler: async (req) => {
      const a = authOf(req);
      return workforce.createStaff(d, a.actor, a.scope, req.body);
    },
  });

  r.patch('/workforce/staff/:id', {
    config: { permission: 'workforce.write' },
    schema: { tags, summary: '修改岗位、等级、所在社区或网格、联系电话', params: IdParams, body: UpdateStaffBody, response: { 200: StaffView } },
    handler: async (req) => {
      const a = authOf(req);
      return workforce.updateStaff(d, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.post('/workforce/staff/:id/leave', {
    config: { permission: 'workforce.write' },
    schema: { tags, summary: '离岗（保留记录）', params: IdParams, body: LeaveBody, response: { 200: StaffView } },
    handler: async (req) => {
      const a = authOf(req);
      return workforce.leaveStaff(d, a.actor, a.scope, req.params.id, req.body.leftOn);
    },
  });

  r.get('/workforce/pay-table', {
    config: { permission: 'workforce.read' },
    schema: { tags, summary: '县(市、区)三岗十八级工资标准和星级标准（按年度；未保存的年度从上一年复制）', querystring: PayTableQuery, response: { 200: PayTableView } },
    handler: async (req) => workforce.getPayTable(d, authOf(req).scope, req.query),
  });

  r.put('/workforce/pay-table', {
    config: { permission: 'workforce.rate' },
    schema: { tags, summary: '保存某年度的工资标准和星级标准', body: SavePayTableBody, response: { 200: PayTableView } },
    handler: async (req) => {
      const a = authOf(req);
      return workforce.savePayTable(d, a.actor, a.scope, req.body);
    },
  });

  r.get('/workforce/overview', {
    config: { permission: 'workforce.read' },
    schema: { tags, summary: '每万名居民社区工作者数（按下级单位）和书记星级分布', querystring: OverviewQuery, response: { 200: OverviewView } },
    handler: async (req) => workforce.overview(d, authOf(req).scope, req.query),
  });

  r.get('/workforce/ratings', {
    config: { permission: 'workforce.read' },
    schema: { tags, summary: '社区党组织书记星级评定（某年度）', querystring: RatingQuery, response: { 200: paged(RatingView) } },
    handler: async (req) => workforce.listRatings(d, authOf(req).scope, req.query),
  });

  r.post('/workforce/ratings/compute', {
    config: { permission: 'workforce.rate' },
    schema: {
      tags, summary: '以绩定星：按年度计算范围内各社区书记的得分和星级', body: ComputeBody,
      response: { 200: ComputeResult },
    },
    handler: async (req) => {
      const a = authOf(req);
      return workforce.computeRatings(d, a.actor, a.scope, req.body);
    },
  });

  r.put('/workforce/ratings/:id/assessment', {
    config: { permission: 'workforce.rate' },
    schema: { tags, summary: '录入考核得分（0–30）', params: IdParams, body: AssessmentBody, response: { 200: RatingView } },
    handler: async (req) => {
      const a = authOf(req);
      return workforce.setAssessment(d, a.actor, a.scope, req.params.id, req.body.score);
    },
  });

  r.get('/workforce/staff/:id/ratings', {
    config: { permission: 'workforce.read' },
    schema: { tags, summary: '一位书记历年的星级（动态调整）', params: IdParams, response: { 200: HistoryView } },
    handler: async (req) => workforce.ratingHistory(d, authOf(req).scope, req.params.id),
  });
}
