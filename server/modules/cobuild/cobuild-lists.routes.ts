import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, PageQuery, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import { listsDeps } from './cobuild-lists-deps.js';
import {
  AcceptMatchBody, AssignBody, CobuildCategory, CobuildOverview, CreateNeedBody, CreateProjectBody, CreateResourceBody, CreateUnitResourceBody,
  MatchQuery, MatchView, MilestoneBody, MilestoneDoneBody, MyUnit, NeedListQuery, NeedView, OverviewQuery, PlanBody, ProjectDetail,
  ProjectListQuery, ProjectView, ResourceListQuery, ResourceView, ReturnBody, UnitOption, UnitOptionsQuery,
} from './cobuild-lists.schemas.js';
import * as matching from './cobuild-matching.service.js';
import * as needs from './cobuild-needs.service.js';
import { overview } from './cobuild-overview.service.js';
import * as projects from './cobuild-projects.service.js';
import * as resources from './cobuild-resources.service.js';

/**
 * 结对共建: the community's three lists (需求、资源、项目清单), matching, projects and the figures.
 * Staff keep the lists under `cobuild.manage`; a work unit's admin acts for its own unit under `cobuild.unit`.
 */
export async function cobuildListsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = listsDeps(ctx);
  const tags = ['cobuild'];
  const read = { permission: 'cobuild.read' as const };
  const manage = { permission: 'cobuild.manage' as const };
  const unit = { permission: 'cobuild.unit' as const };

  // ---- 需求清单 ----
  r.get('/cobuild/needs', {
    config: read,
    schema: { tags, summary: '需求清单（按地点、状态、类别筛选）', querystring: NeedListQuery, response: { 200: paged(NeedView) } },
    handler: async (req) => needs.listNeeds(deps, authOf(req).scope, req.query),
  });
  r.post('/cobuild/needs', {
    config: manage,
    schema: { tags, summary: '登记社区或小区的需求', body: CreateNeedBody, response: { 200: NeedView } },
    handler: async (req) => {
      const a = authOf(req);
      return needs.createNeed(deps, a.actor, a.scope, req.body);
    },
  });
  r.post('/cobuild/needs/:id/close', {
    config: manage,
    schema: { tags, summary: '关闭待匹配的需求', params: IdParams, response: { 200: NeedView } },
    handler: async (req) => {
      const a = authOf(req);
      return needs.closeNeed(deps, a.actor, a.scope, req.params.id);
    },
  });

  // ---- 资源清单 ----
  r.get('/cobuild/resources', {
    config: read,
    schema: {
      tags, summary: '资源清单（共建单位管理员只看本单位的）', description: '服务范围在管辖范围内或覆盖管辖范围（如整个街道）的资源。',
      querystring: ResourceListQuery, response: { 200: paged(ResourceView) },
    },
    handler: async (req) => {
      const a = authOf(req);
      return resources.listResources(deps, a.actor, a.scope, req.query);
    },
  });
  r.post('/cobuild/resources', {
    config: manage,
    schema: { tags, summary: '为共建单位登记资源（服务范围须在管辖范围内）', body: CreateResourceBody, response: { 200: ResourceView } },
    handler: async (req) => {
      const a = authOf(req);
      return resources.createResource(deps, a.actor, a.scope, req.body);
    },
  });
  r.post('/cobuild/resources/:id/withdraw', {
    config: manage,
    schema: { tags, summary: '撤回资源（不再参与匹配）', params: IdParams, response: { 200: ResourceView } },
    handler: async (req) => {
      const a = authOf(req);
      return resources.withdrawResource(deps, a.actor, a.scope, req.params.id);
    },
  });

  // ---- 供需匹配 ----
  r.get('/cobuild/matches', {
    config: manage,
    schema: {
      tags, summary: '供需匹配建议', description: '同类别、资源覆盖需求地点、服务能力不小于需求规模、时间重叠；就近的、能力最贴合的、重叠最长的排在前面。',
      querystring: MatchQuery, response: { 200: paged(MatchView) },
    },
    handler: async (req) => matching.proposals(deps, authOf(req).scope, req.query),
  });
  r.post('/cobuild/matches/accept', {
    config: manage,
    schema: { tags, summary: '采纳匹配：由需求生成项目，资源所属单位领办', body: AcceptMatchBody, response: { 200: ProjectView } },
    handler: async (req) => {
      const a = authOf(req);
      return matching.acceptMatch(deps, a.actor, a.scope, req.body);
    },
  });

  // ---- 项目清单 ----
  r.get('/cobuild/projects', {
    config: read,
    schema: { tags, summary: '项目清单（共建单位管理员只看本单位领办的）', querystring: ProjectListQuery, response: { 200: paged(ProjectView) } },
    handler: async (req) => {
      const a = authOf(req);
      return projects.listProjects(deps, a.actor, a.scope, req.query);
    },
  });
  r.get('/cobuild/projects/:id', {
    config: read,
    schema: { tags, summary: '项目详情：方案、进度节点与照片、流转记录', params: IdParams, response: { 200: ProjectDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return projects.getProject(deps, a.actor, a.scope, req.params.id);
    },
  });
  r.post('/cobuild/projects', {
    config: manage,
    schema: {
      tags, summary: '发布揭榜项目，或（街道、区）直接指派给共建单位', body: CreateProjectBody, response: { 200: ProjectView },
    },
    handler: async (req) => {
      const a = authOf(req);
      return projects.createProject(deps, a.actor, a.scope, req.body);
    },
  });
  r.post('/cobuild/projects/:id/assign', {
    config: manage,
    schema: { tags, summary: '街道指派揭榜中的项目给共建单位', params: IdParams, body: AssignBody, response: { 200: ProjectView } },
    handler: async (req) => {
      const a = authOf(req);
      return projects.assignProject(deps, a.actor, a.scope, req.params.id, req.body.workUnitId);
    },
  });
  r.post('/cobuild/projects/:id/accept', {
    config: manage,
    schema: { tags, summary: '社区验收项目', params: IdParams, response: { 200: ProjectDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return projects.staffStep(deps, a.actor, a.scope, req.params.id, 'accept');
    },
  });
  r.post('/cobuild/projects/:id/return', {
    config: manage,
    schema: { tags, summary: '退回整改（须说明原因）', params: IdParams, body: ReturnBody, response: { 200: ProjectDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return projects.staffStep(deps, a.actor, a.scope, req.params.id, 'send_back', req.body.reason);
    },
  });
  r.post('/cobuild/projects/:id/withdraw', {
    config: manage,
    schema: { tags, summary: '撤回揭榜中的项目', params: IdParams, response: { 200: ProjectDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return projects.staffStep(deps, a.actor, a.scope, req.params.id, 'withdraw');
    },
  });
  r.get('/cobuild/unit-options', {
    config: manage,
    schema: { tags, summary: '可指派或登记资源的共建单位', querystring: UnitOptionsQuery, response: { 200: z.object({ items: z.array(UnitOption) }) } },
    handler: async (req) => projects.unitOptions(deps, authOf(req).scope, req.query.orgId),
  });

  // ---- 共建单位管理员（本单位） ----
  r.get('/cobuild/unit/me', {
    config: unit,
    schema: { tags, summary: '本账号所代表的共建单位', response: { 200: MyUnit } },
    handler: async (req) => projects.myUnitView(deps, authOf(req).actor),
  });
  r.get('/cobuild/unit/board', {
    config: unit,
    schema: {
      tags, summary: '揭榜中的项目（本单位所属区、街道范围内）', querystring: PageQuery.extend({ category: CobuildCategory.optional() }),
      response: { 200: paged(ProjectView) },
    },
    handler: async (req) => projects.openProjects(deps, authOf(req).actor, req.query),
  });
  r.post('/cobuild/unit/resources', {
    config: unit,
    schema: { tags, summary: '登记本单位可提供的资源', body: CreateUnitResourceBody, response: { 200: ResourceView } },
    handler: async (req) => resources.createUnitResource(deps, authOf(req).actor, req.body),
  });
  r.post('/cobuild/unit/resources/:id/withdraw', {
    config: unit,
    schema: { tags, summary: '撤回本单位的资源', params: IdParams, response: { 200: ResourceView } },
    handler: async (req) => {
      const a = authOf(req);
      return resources.withdrawResource(deps, a.actor, a.scope, req.params.id);
    },
  });
  r.post('/cobuild/unit/projects/:id/take-up', {
    config: unit,
    schema: { tags, summary: '揭榜领办（一个项目只由一个单位领办）', params: IdParams, response: { 200: ProjectView } },
    handler: async (req) => projects.takeUp(deps, authOf(req).actor, req.params.id),
  });
  r.put('/cobuild/unit/projects/:id/plan', {
    config: unit,
    schema: { tags, summary: '填写实施方案', params: IdParams, body: PlanBody, response: { 200: ProjectDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return projects.savePlan(deps, a.actor, a.scope, req.params.id, req.body.plan);
    },
  });
  r.post('/cobuild/unit/projects/:id/milestones', {
    config: unit,
    schema: { tags, summary: '添加进度节点（可附进展照片）', params: IdParams, body: MilestoneBody, response: { 200: ProjectDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return projects.addMilestone(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
  r.post('/cobuild/unit/milestones/:id/done', {
    config: unit,
    schema: { tags, summary: '完成进度节点（须上传进展照片）', params: IdParams, body: MilestoneDoneBody, response: { 200: ProjectDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return projects.completeMilestone(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
  r.post('/cobuild/unit/projects/:id/submit', {
    config: unit,
    schema: { tags, summary: '提交社区验收', params: IdParams, response: { 200: ProjectDetail } },
    handler: async (req) => {
      const a = authOf(req);
      return projects.submit(deps, a.actor, a.scope, req.params.id);
    },
  });

  // ---- 概览 ----
  r.get('/cobuild/overview', {
    config: read,
    schema: { tags, summary: '结对共建概览：分类项目数、共建单位、需求满足情况，及下级分布', querystring: OverviewQuery, response: { 200: CobuildOverview } },
    handler: async (req) => overview(deps, authOf(req).scope, req.query.orgId),
  });
}
