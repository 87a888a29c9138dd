import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './meetings.schemas.js';
import * as svc from './meetings.service.js';

/** 三方协调月例会: the community's monthly three-party meeting per compound, its tasks, residents' proposals and the street's overview. */
export async function propertyMeetingRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = svc.meetingDeps(ctx);
  const tags = ['property'];

  r.get('/property/meetings/board', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '三方协调会看板：社区各小区逐月召开情况', querystring: s.BoardQuery, response: { 200: s.Board } },
    handler: async (req) => svc.board(deps, authOf(req).scope, req.query),
  });
  r.get('/property/meetings/overview', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '街道三方协调会统计：未召开的小区、召开次数、解决问题数', querystring: s.OverviewQuery, response: { 200: s.Overview } },
    handler: async (req) => svc.overview(deps, authOf(req).scope, req.query),
  });
  r.post('/property/meetings', {
    config: { permission: 'property.meetings' },
    schema: {
      tags, summary: '安排小区本月三方协调会（议程由未办结诉求、居民议题和往期未完成事项生成）',
      description: '每个小区每月一次；重复安排返回 ALREADY_EXISTS。', body: s.ScheduleBody, response: { 200: s.Created },
    },
    handler: async (req) => {
      const a = authOf(req);
      return svc.schedule(deps, a.actor, a.scope, req.body);
    },
  });
  r.get('/property/meetings/:id', {
    config: { permission: 'property.read' },
    schema: { tags, summary: '三方协调会：议程、参会、纪要和决议事项', params: IdParams, response: { 200: s.MeetingDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.detail(deps, a.actor, a.scope, req.params.id);
    },
  });
  r.post('/property/meetings/:id/agenda', {
    config: { permission: 'property.meetings' },
    schema: { tags, summary: '增加议程事项', params: IdParams, body: s.AgendaBody, response: { 200: s.Created } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.addAgendaItem(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
  r.post('/property/meetings/:id/agenda/refresh', {
    config: { permission: 'property.meetings' },
    schema: { tags, summary: '更新议程：补入新出现的诉求、议题和未完成事项', params: IdParams, response: { 200: s.Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.refreshAgenda(deps, a.actor, a.scope, req.params.id);
    },
  });
  r.put('/property/meetings/:id/attendance', {
    config: { permission: 'property.meetings' },
    schema: { tags, summary: '登记参会方及出席情况（物业企业是否出席据此记录）', params: IdParams, body: s.AttendanceBody, response: { 200: s.Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.saveAttendance(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
  r.post('/property/meetings/:id/hold', {
    config: { permission: 'property.meetings' },
    schema: { tags, summary: '登记召开：时间和会议纪要', params: IdParams, body: s.HoldBody, response: { 200: s.Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.hold(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
  r.post('/property/meetings/:id/cancel', {
    config: { permission: 'property.meetings' },
    schema: { tags, summary: '取消协调会（须说明理由）', params: IdParams, body: s.CancelBody, response: { 200: s.Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.cancel(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
  r.post('/property/meetings/:id/tasks', {
    config: { permission: 'property.meetings' },
    schema: { tags, summary: '登记决议事项：承办方、完成期限，可关联议程中的诉求', params: IdParams, body: s.TaskBody, response: { 200: s.Created } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.addTask(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
  for (const action of ['confirm', 'send_back', 'drop'] as const) {
    const summary = { confirm: '确认事项办结', send_back: '退回企业报告的完成情况（须说明理由）', drop: '撤销事项（须说明理由）' }[action];
    r.post(`/property/meeting-tasks/:id/${action.replace('_', '-')}`, {
      config: { permission: 'property.meetings' },
      schema: { tags, summary, params: IdParams, body: s.NoteBody, response: { 200: s.Ok } },
      handler: async (req) => {
        const a = authOf(req);
        return svc.communityTaskStep(deps, a.actor, a.scope, req.params.id, action, req.body.note);
      },
    });
  }
  r.post('/property/meeting-proposals', {
    config: { permission: 'property.meetings' },
    schema: { tags, summary: '代居民登记协调会议题', body: s.StaffProposalBody, response: { 200: s.Created } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.recordProposal(deps, a.actor, a.scope, req.body);
    },
  });

  // The company's own tasks, from its phone.
  r.get('/property/company/meeting-tasks', {
    config: { permission: 'property.company' },
    schema: { tags, summary: '本企业承办的协调会事项', querystring: s.TasksQuery, response: { 200: s.TasksPage } },
    handler: async (req) => svc.companyTasks(deps, authOf(req).actor, req.query),
  });
  r.post('/property/company/meeting-tasks/:id/report', {
    config: { permission: 'property.company' },
    schema: { tags, summary: '报告事项已完成（待社区确认）', params: IdParams, body: s.NoteBody, response: { 200: s.Ok } },
    handler: async (req) => svc.companyReport(deps, authOf(req).actor, req.params.id, req.body.note),
  });

  // The resident's proposals, from the phone.
  r.get('/property/my-proposals', {
    config: { permission: 'property.resident' },
    schema: { tags, summary: '我提交的协调会议题', response: { 200: s.MyProposals } },
    handler: async (req) => svc.myProposals(deps, authOf(req).actor),
  });
  r.post('/property/my-proposals', {
    config: { permission: 'property.resident' },
    schema: { tags, summary: '为本小区的三方协调会提交议题', body: s.ProposalBody, response: { 200: s.Created } },
    handler: async (req) => svc.submitProposal(deps, authOf(req).actor, req.body),
  });
}
