import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, PageQuery, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import type { InspectionAction, ProblemAction } from './problems-lifecycle.js';
import * as s from './supervision.schemas.js';
import {
  createGroup, createInspection, inspectionStep, listDepartments, listGroups, listInspections, listProblems, problemDetail, problemStep,
  reachOf, recordProblem, supervisionDeps, supervisionFigures,
} from './supervision.service.js';

/** 督导: the coordination mechanism, inspections, problems from finding to verification, and counts. */
export async function supervisionRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = supervisionDeps(ctx);
  const tags = ['supervision'];
  const reach = (req: Parameters<typeof authOf>[0]) => reachOf(deps, authOf(req));

  r.get('/supervision/departments', {
    config: { permission: 'supervision.read' },
    schema: { tags, summary: '成员单位（本级、上级和下级的职能部门）', querystring: s.DepartmentsQuery, response: { 200: s.Department.array() } },
    handler: async (req) => listDepartments(deps, authOf(req).scope, req.query.q),
  });
  r.get('/supervision/groups', {
    config: { permission: 'supervision.read' },
    schema: { tags, summary: '工作专班及牵头、成员单位', querystring: PageQuery, response: { 200: paged(s.Group) } },
    handler: async (req) => listGroups(deps, authOf(req).scope, req.query),
  });
  r.post('/supervision/groups', {
    config: { permission: 'supervision.plan' },
    schema: { tags, summary: '设立工作专班（牵头单位、成员单位）', body: s.GroupBody, response: { 200: IdParams } },
    handler: async (req) => createGroup(deps, authOf(req).actor, authOf(req).scope, req.body),
  });

  r.get('/supervision/inspections', {
    config: { permission: 'supervision.read' },
    schema: { tags, summary: '督查（联合调研、暗访暗查）', querystring: s.InspectionsQuery, response: { 200: paged(s.Inspection) } },
    handler: async (req) => listInspections(deps, await reach(req), req.query),
  });
  r.post('/supervision/inspections', {
    config: { permission: 'supervision.plan' },
    schema: { tags, summary: '计划督查：方式、专班、地点和日期', body: s.InspectionBody, response: { 200: s.InspectionStepResult.extend({ id: IdParams.shape.id }) } },
    handler: async (req) => createInspection(deps, authOf(req).actor, await reach(req), req.body),
  });
  const inspStep = (action: InspectionAction, summary: string) => r.post(`/supervision/inspections/:id/${action}`, {
    config: { permission: 'supervision.plan' },
    schema: { tags, summary, params: IdParams, body: s.InspectionStepBody, response: { 200: s.InspectionStepResult } },
    handler: async (req) => inspectionStep(deps, authOf(req).actor, await reach(req), req.params.id, action, req.body.reason),
  });
  inspStep('start', '开始督查');
  inspStep('finish', '结束督查');
  inspStep('cancel', '取消督查（须说明原因）');

  r.get('/supervision/problems', {
    config: { permission: 'supervision.read' },
    schema: { tags, summary: '督查发现的问题（区县、部门只见移交给本级的）', querystring: s.ProblemsQuery, response: { 200: paged(s.ProblemItem) } },
    handler: async (req) => listProblems(deps, await reach(req), req.query),
  });
  r.post('/supervision/problems', {
    config: { permission: 'supervision.inspect' },
    schema: { tags, summary: '记录问题（照片、地点、定位），可同时移交', body: s.ProblemBody, response: { 200: s.ProblemResult } },
    handler: async (req) => recordProblem(deps, authOf(req).actor, await reach(req), req.body),
  });
  r.get('/supervision/problems/:id', {
    config: { permission: 'supervision.read' },
    schema: { tags, summary: '问题详情：照片、移交、整改、验收和每一步', params: IdParams, response: { 200: s.ProblemDetail } },
    handler: async (req) => problemDetail(deps, authOf(req).actor, await reach(req), req.params.id),
  });
  const step = (action: ProblemAction, path: string, permission: 'supervision.inspect' | 'supervision.rectify', summary: string) => r.post(`/supervision/problems/:id/${path}`, {
    config: { permission },
    schema: { tags, summary, params: IdParams, body: s.StepBody, response: { 200: s.StepResult } },
    handler: async (req) => problemStep(deps, authOf(req).actor, await reach(req), req.params.id, action, req.body),
  });
  step('hand_over', 'hand-over', 'supervision.inspect', '问题移交（区县或部门，整改期限）');
  step('start', 'start', 'supervision.rectify', '接收问题，开始整改');
  step('report', 'report', 'supervision.rectify', '报告整改情况（附佐证照片）');
  step('verify', 'verify', 'supervision.inspect', '验收通过，销号');
  step('send_back', 'send-back', 'supervision.inspect', '验收不通过，退回整改（须说明理由）');

  r.get('/supervision/figures', {
    config: { permission: 'supervision.read' },
    schema: { tags, summary: '按区县、部门和月份统计：发现、整改、逾期、平均整改天数', querystring: s.FiguresQuery, response: { 200: s.Figures } },
    handler: async (req) => supervisionFigures(deps, await reach(req), req.query),
  });
}
