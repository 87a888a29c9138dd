import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { sessionCookieOptions } from '../../platform/auth/session-cookie.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import { SessionResponse } from './account.schemas.js';
import { describeAccount } from './account.service.js';
import {
  CodeRequestBody, CodeSent, CommunityOption, CommunityQuery, ConfirmBody, PhoneLoginBody, RegistrationBody, RegistrationQuery,
  RegistrationSubmitted, RegistrationView, RejectBody,
} from './phone-login.schemas.js';
import * as phone from './phone-login.service.js';

/** Residents sign in with phone and SMS code, and apply to be registered; staff decide. */
export async function phoneLoginRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = phone.phoneLoginDeps(ctx);
  const { db } = deps;

  // Per address as well as per phone (the phone's limits are counted in the database).
  r.post('/auth/phone/code', {
    config: { public: true, rateLimit: { max: 5, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'], summary: '获取手机验证码（登录或登记）',
      description: '未登记的手机号得到同样的答复，但不会收到登录验证码',
      body: CodeRequestBody, response: { 200: CodeSent },
    },
    handler: async (req) => phone.requestCode(deps, req.body, req.ip),
  });

  r.post('/auth/phone/login', {
    config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: '手机号验证码登录（居民）', body: PhoneLoginBody, response: { 200: SessionResponse } },
    handler: async (req, reply) => {
      const s = await phone.loginWithCode(deps, req.body.phone, req.body.code, req.ip, req.headers['user-agent']);
      reply.setCookie(SESSION_COOKIE, s.token, sessionCookieOptions(ctx.config, req));
      return { account: await describeAccount(db, s.accountId), csrfToken: s.csrfToken };
    },
  });

  r.get('/public/communities', {
    config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: '按名称查找社区（登记申请用）', querystring: CommunityQuery, response: { 200: z.object({ items: z.array(CommunityOption) }) } },
    handler: async (req) => phone.searchCommunities(db, req.query.q),
  });

  r.post('/auth/phone/registrations', {
    config: { public: true, rateLimit: { max: 5, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'], summary: '居民登记申请（须先验证手机号）', body: RegistrationBody,
      response: { 200: RegistrationSubmitted },
    },
    handler: async (req) => phone.submitRegistration(deps, req.body, req.ip),
  });

  r.get('/registrations', {
    config: { permission: 'registrations.review' },
    schema: { tags: ['accounts'], summary: '居民登记申请（管辖范围内）', querystring: RegistrationQuery, response: { 200: paged(RegistrationView) } },
    handler: async (req) => phone.listRegistrations(db, authOf(req).scope, req.query),
  });

  r.post('/registrations/:id/confirm', {
    config: { permission: 'registrations.review' },
    schema: {
      tags: ['accounts'], summary: '确认登记：入住户并开通居民账号', params: IdParams, body: ConfirmBody, response: { 200: RegistrationView },
    },
    handler: async (req) => {
      const a = authOf(req);
      return phone.confirmRegistration(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.post('/registrations/:id/reject', {
    config: { permission: 'registrations.review' },
    schema: { tags: ['accounts'], summary: '登记不予通过（须写明原因）', params: IdParams, body: RejectBody, response: { 200: RegistrationView } },
    handler: async (req) => {
      const a = authOf(req);
      return phone.rejectRegistration(deps, a.actor, a.scope, req.params.id, req.body.reason);
    },
  });
}
