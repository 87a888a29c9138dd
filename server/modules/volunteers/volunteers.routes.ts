import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import { activitiesNearMe, cancelSignUp, checkinQr, scan, scanPreview, signUp } from './volunteer-attendance.service.js';
import { confirmHours, correctHours, myHours } from './volunteer-hours.service.js';
import * as s from './volunteers.schemas.js';
import {
  activityDetail, addMember, createActivity, createOrg, createProject, listActivities, listOrgs, listProjects, listVolunteers, orgAdmins,
  overview, reachOf, registerSelf, registerVolunteer, volunteerDeps,
} from './volunteers.service.js';

/** 志愿吕梁: organisations, volunteers, projects, activities, QR check-in/out, hours and stars. */
export async function volunteerRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = volunteerDeps(ctx);
  const tags = ['volunteers'];
  const reach = async (req: Parameters<typeof authOf>[0]) => {
    const a = authOf(req);
    return { a, reach: await reachOf(deps, a.actor, a.scope) };
  };

  r.get('/volunteers/overview', {
    config: { permission: 'volunteers.read' },
    schema: { tags, summary: '志愿服务概况：组织、志愿者、时长、活动、服务人次、星级分布', querystring: s.OverviewQuery, response: { 200: s.Overview } },
    handler: async (req) => overview(deps, (await reach(req)).reach, req.query),
  });

  r.get('/volunteers/orgs', {
    config: { permission: 'volunteers.read' },
    schema: { tags, summary: '志愿组织（组织管理员只见本组织）', querystring: s.OrgsQuery, response: { 200: paged(s.VolunteerOrgItem) } },
    handler: async (req) => listOrgs(deps, (await reach(req)).reach, req.query),
  });
  r.post('/volunteers/orgs', {
    config: { permission: 'volunteers.manage' },
    schema: { tags, summary: '登记志愿组织（社区、街道、区县）', body: s.CreateOrgBody, response: { 200: s.Created } },
    handler: async (req) => {
      const a = authOf(req);
      return createOrg(deps, a.actor, a.scope, req.body);
    },
  });
  r.get('/volunteers/orgs/:id/admins', {
    config: { permission: 'volunteers.read' },
    schema: { tags, summary: '志愿组织的管理员账号', params: IdParams, response: { 200: s.OrgAdmin.array() } },
    handler: async (req) => orgAdmins(deps, (await reach(req)).reach, req.params.id),
  });
  r.post('/volunteers/orgs/:id/members', {
    config: { permission: 'volunteers.manage' },
    schema: { tags, summary: '把志愿者加入组织', params: IdParams, body: s.AddMemberBody, response: { 200: s.Ok } },
    handler: async (req) => {
      const x = await reach(req);
      return addMember(deps, x.a.actor, x.reach, req.params.id, req.body.volunteerId);
    },
  });

  r.get('/volunteers/people', {
    config: { permission: 'volunteers.read' },
    schema: { tags, summary: '注册志愿者（手机号脱敏）', querystring: s.VolunteersQuery, response: { 200: paged(s.VolunteerItem) } },
    handler: async (req) => listVolunteers(deps, (await reach(req)).reach, req.query),
  });
  r.post('/volunteers/people', {
    config: { permission: 'volunteers.manage' },
    schema: { tags, summary: '登记志愿者（姓名和手机号，手机号加密保存）', body: s.RegisterVolunteerBody, response: { 200: s.Created } },
    handler: async (req) => {
      const x = await reach(req);
      return registerVolunteer(deps, x.a.actor, x.reach, req.body);
    },
  });

  r.get('/volunteers/projects', {
    config: { permission: 'volunteers.read' },
    schema: { tags, summary: '服务项目', querystring: s.ProjectsQuery, response: { 200: paged(s.ProjectItem) } },
    handler: async (req) => listProjects(deps, (await reach(req)).reach, req.query),
  });
  r.post('/volunteers/projects', {
    config: { permission: 'volunteers.manage' },
    schema: { tags, summary: '新建服务项目', body: s.CreateProjectBody, response: { 200: s.Created } },
    handler: async (req) => {
      const x = await reach(req);
      return createProject(deps, x.a.actor, x.reach, req.body);
    },
  });

  r.get('/volunteers/activities', {
    config: { permission: 'volunteers.read' },
    schema: { tags, summary: '志愿活动', querystring: s.ActivitiesQuery, response: { 200: paged(s.ActivityItem) } },
    handler: async (req) => listActivities(deps, (await reach(req)).reach, req.query),
  });
  r.post('/volunteers/activities', {
    config: { permission: 'volunteers.manage' },
    schema: { tags, summary: '发布志愿活动（地点、时间、名额）', body: s.CreateActivityBody, response: { 200: s.Created } },
    handler: async (req) => {
      const x = await reach(req);
      return createActivity(deps, x.a.actor, x.reach, req.body);
    },
  });
  r.get('/volunteers/activities/:id', {
    config: { permission: 'volunteers.read' },
    schema: { tags, summary: '活动详情：报名、签到签退和时长', params: IdParams, response: { 200: s.ActivityDetail } },
    handler: async (req) => activityDetail(deps, (await reach(req)).reach, req.params.id),
  });
  r.get('/volunteers/activities/:id/qr', {
    config: { permission: 'volunteers.manage' },
    schema: { tags, summary: '签到二维码（签名令牌，每30秒更新，3分钟内有效）', params: IdParams, response: { 200: s.CheckinQr } },
    handler: async (req) => checkinQr(deps, (await reach(req)).reach, req.params.id),
  });
  r.post('/volunteers/activities/:id/confirm', {
    config: { permission: 'volunteers.manage' },
    schema: {
      tags, summary: '确认活动时长（签到签退配对，或组织者说明理由）并转积分',
      description: '同一志愿者同一活动只确认一次、只转一次积分；重复确认跳过已确认的人。',
      params: IdParams, body: s.ConfirmBody, response: { 200: s.ConfirmResponse },
    },
    handler: async (req) => {
      const x = await reach(req);
      return confirmHours(deps, x.a.actor, x.reach, req.params.id, req.body);
    },
  });
  r.post('/volunteers/activities/:id/corrections', {
    config: { permission: 'volunteers.manage' },
    schema: { tags, summary: '更正时长（冲正记录，须说明理由）', params: IdParams, body: s.CorrectBody, response: { 200: z.object({ hours: z.number() }) } },
    handler: async (req) => {
      const x = await reach(req);
      return correctHours(deps, x.a.actor, x.reach, req.params.id, req.body);
    },
  });

  // The volunteer's own, from the phone.
  r.post('/volunteers/me', {
    config: { permission: 'volunteers.self' },
    schema: { tags, summary: '一键注册为志愿者（关联本人居民信息）', response: { 200: s.RegisterSelfResponse } },
    handler: async (req) => registerSelf(deps, authOf(req).actor),
  });
  r.get('/volunteers/me', {
    config: { permission: 'volunteers.self' },
    schema: { tags, summary: '我的服务时长、星级和积分', response: { 200: s.MyHours } },
    handler: async (req) => myHours(deps, authOf(req).actor),
  });
  r.get('/volunteers/me/activities', {
    config: { permission: 'volunteers.self' },
    schema: { tags, summary: '附近的志愿活动（本街道优先）', response: { 200: s.NearActivities } },
    handler: async (req) => activitiesNearMe(deps, authOf(req).actor),
  });
  r.post('/volunteers/activities/:id/signup', {
    config: { permission: 'volunteers.self' },
    schema: { tags, summary: '报名活动（名额、时间冲突检查）', params: IdParams, response: { 200: s.SignupResponse } },
    handler: async (req) => signUp(deps, authOf(req).actor, req.params.id),
  });
  r.post('/volunteers/activities/:id/cancel', {
    config: { permission: 'volunteers.self' },
    schema: { tags, summary: '取消报名（签到前）', params: IdParams, response: { 200: s.Ok } },
    handler: async (req) => cancelSignUp(deps, authOf(req).actor, req.params.id),
  });
  r.get('/volunteers/scan', {
    config: { permission: 'volunteers.self' },
    schema: { tags, summary: '扫码页：二维码对应的活动和我的签到状态', querystring: s.ScanQuery, response: { 200: s.ScanPreview } },
    handler: async (req) => scanPreview(deps, authOf(req).actor, req.query.t),
  });
  r.post('/volunteers/scan', {
    config: { permission: 'volunteers.self' },
    schema: {
      tags, summary: '扫码签到或签退', description: '离线扫码带 clientId 和 scannedAt 重放：只记一次，记录扫码时间（在时间窗内）。',
      body: s.ScanBody, response: { 200: s.ScanResponse },
    },
    handler: async (req) => scan(deps, authOf(req).actor, req.body),
  });
}
