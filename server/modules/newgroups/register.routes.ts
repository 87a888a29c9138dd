import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, PageQuery } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './register.schemas.js';
import * as svc from './register.service.js';

/** 新就业群体登记: platforms, stations, workers (with consent), party organisations, instructors and coverage. */
export async function registerRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = svc.registerDeps(ctx);
  const tags = ['newgroups'];
  const read = { permission: 'newgroups.read' } as const;
  const manage = { permission: 'newgroups.manage' } as const;

  r.get('/newgroups/platforms', { config: read, schema: { tags, summary: '平台企业名录', querystring: PageQuery, response: { 200: s.PlatformPage } },
    handler: async (req) => svc.listPlatforms(deps, authOf(req).scope, req.query) });
  r.post('/newgroups/platforms', { config: manage, schema: { tags, summary: '登记平台企业（区县）', body: s.PlatformBody, response: { 200: s.Created } },
    handler: async (req) => { const a = authOf(req); return svc.createPlatform(deps, a.actor, a.scope, req.body); } });

  r.get('/newgroups/stations', { config: read, schema: { tags, summary: '站点（网点）按品牌和地点', querystring: s.StationQuery, response: { 200: s.StationPage } },
    handler: async (req) => svc.listStations(deps, authOf(req).scope, req.query) });
  r.post('/newgroups/stations', { config: manage, schema: { tags, summary: '登记站点', body: s.StationBody, response: { 200: s.Created } },
    handler: async (req) => { const a = authOf(req); return svc.createStation(deps, a.actor, a.scope, req.body); } });
  r.get('/newgroups/stations/:id', { config: read, schema: { tags, summary: '站点详情：人员、党员、党组织和党建指导员', params: IdParams, response: { 200: s.StationDetail } },
    handler: async (req) => svc.stationDetail(deps, authOf(req).scope, req.params.id) });

  r.get('/newgroups/workers', { config: read, schema: { tags, summary: '从业人员（手机号脱敏，不含身份证号）', querystring: s.WorkerQuery, response: { 200: s.WorkerPage } },
    handler: async (req) => svc.listWorkers(deps, authOf(req).scope, req.query) });
  r.post('/newgroups/workers', { config: manage, schema: { tags, summary: '登记从业人员（须本人同意）', body: s.WorkerBody, response: { 200: s.Created } },
    handler: async (req) => { const a = authOf(req); return svc.registerWorker(deps, a.actor, a.scope, req.body); } });
  r.post('/newgroups/workers/:id/leave', { config: manage, schema: { tags, summary: '登记离职（记录保留）', params: IdParams, body: s.LeaveBody, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return svc.leave(deps, a.actor, a.scope, req.params.id, req.body); } });
  r.post('/newgroups/workers/:id/party-status', { config: manage, schema: { tags, summary: '修改政治面貌（党员 / 入党申请人）', params: IdParams, body: s.PartyStatusBody, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return svc.setPartyStatus(deps, a.actor, a.scope, req.params.id, req.body); } });

  r.get('/newgroups/party-orgs', { config: read, schema: { tags, summary: '新就业群体党组织（独立建 / 联合建；可看已撤销的）', querystring: s.PartyOrgQuery, response: { 200: s.PartyOrgPage } },
    handler: async (req) => svc.listPartyOrgs(deps, authOf(req).scope, req.query) });
  r.post('/newgroups/party-orgs', { config: manage, schema: { tags, summary: '登记党组织及其覆盖站点', body: s.PartyOrgBody, response: { 200: s.Created } },
    handler: async (req) => { const a = authOf(req); return svc.createPartyOrg(deps, a.actor, a.scope, req.body); } });

  r.get('/newgroups/instructors', { config: read, schema: { tags, summary: '党建指导员（手机号脱敏；可看已结束选派的）', querystring: s.InstructorQuery, response: { 200: s.InstructorPage } },
    handler: async (req) => svc.listInstructors(deps, authOf(req).scope, req.query) });
  r.post('/newgroups/instructors', { config: manage, schema: { tags, summary: '选派党建指导员', body: s.InstructorBody, response: { 200: s.Created } },
    handler: async (req) => { const a = authOf(req); return svc.sendInstructor(deps, a.actor, a.scope, req.body); } });

  r.get('/newgroups/coverage', { config: read, schema: { tags, summary: '覆盖情况（按下级单位统计，不可填报）', querystring: s.CoverageQuery, response: { 200: s.Coverage } },
    handler: async (req) => svc.coverage(deps, authOf(req).scope, req.query) });
}
