import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { SESSION_COOKIE, deleteSession } from '../../platform/auth/sessions.js';
import { sessionCookieOptions } from '../../platform/auth/session-cookie.js';
import { systemClock } from '../../platform/clock.js';
import { authOf } from '../../platform/http/request-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import {
  AccountListQuery, AccountView, CreateAccountBody, CreatedAccount, LinkBody, LinkCandidate, LinkCandidatesQuery, LoginBody, Ok,
  PasswordBody, ResetPasswordBody, SessionResponse, TemporaryPassword, UpdateAccountBody,
} from './account.schemas.js';
import { changePassword, describeAccount, login } from './account.service.js';
import {
  createAccount, linkAccount, linkCandidates, listAccounts, resetPassword, setDisabled, unlinkAccount, unlockAccount, updateAccount,
} from './account-admin.service.js';

export async function accountRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const clock = ctx.clock ?? systemClock;
  // The same cookie as the phone sign-in's (platform/auth/session-cookie.ts).
  const cookieOpts = (req: FastifyRequest) => sessionCookieOptions(ctx.config, req);

  r.post('/auth/login', {
    config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: '登录', body: LoginBody, response: { 200: SessionResponse } },
    handler: async (req, reply) => {
      const s = await login(db, clock, req.body.username, req.body.password, req.ip, req.headers['user-agent']);
      reply.setCookie(SESSION_COOKIE, s.token, cookieOpts(req));
      return { account: await describeAccount(db, s.accountId), csrfToken: s.csrfToken };
    },
  });

  r.post('/auth/logout', {
    config: { permission: 'self' },
    schema: { tags: ['auth'], summary: '退出登录', response: { 200: Ok } },
    handler: async (req, reply) => {
      await deleteSession(db, authOf(req).sessionId);
      const { maxAge: _m, ...attributes } = cookieOpts(req);
      reply.clearCookie(SESSION_COOKIE, attributes);
      return { ok: true as const };
    },
  });

  r.get('/auth/me', {
    config: { permission: 'self' },
    schema: { tags: ['auth'], summary: '当前账号', response: { 200: SessionResponse } },
    handler: async (req) => {
      const auth = authOf(req);
      return { account: await describeAccount(db, auth.actor.accountId), csrfToken: auth.csrfToken };
    },
  });

  r.post('/auth/password', {
    config: { permission: 'self', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: '修改密码', body: PasswordBody, response: { 200: Ok } },
    handler: async (req) => {
      const auth = authOf(req);
      await changePassword(db, clock, auth.actor, req.body.oldPassword, req.body.newPassword, auth.sessionId);
      return { ok: true as const };
    },
  });

  r.get('/accounts', {
    config: { permission: 'accounts.manage' },
    schema: { tags: ['accounts'], summary: '账号列表（管辖范围内，可按角色、组织、状态筛选）', querystring: AccountListQuery, response: { 200: paged(AccountView) } },
    handler: async (req) => listAccounts(db, clock, authOf(req).scope, req.query),
  });

  r.post('/accounts', {
    config: { permission: 'accounts.manage' },
    schema: { tags: ['accounts'], summary: '创建账号（首次登录须修改密码）', body: CreateAccountBody, response: { 200: CreatedAccount } },
    handler: async (req) => {
      const auth = authOf(req);
      return createAccount(db, auth.actor, auth.scope, req.body);
    },
  });

  r.get('/accounts/link-candidates', {
    config: { permission: 'accounts.manage' },
    schema: { tags: ['accounts'], summary: '可关联的居民、职能部门、工作人员或商户', querystring: LinkCandidatesQuery, response: { 200: z.object({ items: z.array(LinkCandidate) }) } },
    handler: async (req) => linkCandidates(db, authOf(req).scope, req.query),
  });

  r.patch('/accounts/:id', {
    config: { permission: 'accounts.manage' },
    schema: { tags: ['accounts'], summary: '修改账号的姓名、角色或所属组织', params: IdParams, body: UpdateAccountBody, response: { 200: Ok } },
    handler: async (req) => {
      const auth = authOf(req);
      await updateAccount(db, auth.actor, auth.scope, req.params.id, req.body);
      return { ok: true as const };
    },
  });

  for (const [action, summary] of [['disable', '停用账号（其登录随即失效）'], ['enable', '启用账号'], ['unlock', '解除登录锁定']] as const) {
    r.post(`/accounts/:id/${action}`, {
      config: { permission: 'accounts.manage' },
      schema: { tags: ['accounts'], summary, params: IdParams, response: { 200: Ok } },
      handler: async (req) => {
        const auth = authOf(req);
        if (action === 'unlock') await unlockAccount(db, auth.actor, auth.scope, req.params.id);
        else await setDisabled(db, auth.actor, auth.scope, req.params.id, action === 'disable');
        return { ok: true as const };
      },
    });
  }

  r.post('/accounts/:id/reset-password', {
    config: { permission: 'accounts.manage' },
    schema: {
      tags: ['accounts'], summary: '重置密码（临时密码只显示一次；下次登录须修改）', params: IdParams, body: ResetPasswordBody,
      response: { 200: TemporaryPassword },
    },
    handler: async (req) => {
      const auth = authOf(req);
      return resetPassword(db, clock, auth.actor, auth.scope, req.params.id, req.body.password);
    },
  });

  r.post('/accounts/:id/link', {
    config: { permission: 'accounts.manage' },
    schema: { tags: ['accounts'], summary: '关联居民、职能部门、工作人员或商户', params: IdParams, body: LinkBody, response: { 200: Ok } },
    handler: async (req) => {
      const auth = authOf(req);
      await linkAccount(db, auth.actor, auth.scope, req.params.id, req.body);
      return { ok: true as const };
    },
  });

  r.post('/accounts/:id/unlink', {
    config: { permission: 'accounts.manage' },
    schema: { tags: ['accounts'], summary: '解除关联', params: IdParams, response: { 200: Ok } },
    handler: async (req) => {
      const auth = authOf(req);
      await unlinkAccount(db, auth.actor, auth.scope, req.params.id);
      return { ok: true as const };
    },
  });
}
