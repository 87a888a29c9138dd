import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { SESSION_COOKIE, SESSION_HOURS, deleteSession } from '../../platform/auth/sessions.js';
import { authOf } from '../../platform/http/request-context.js';
import { PageQuery, paged } from '../../platform/http/paging.js';
import {
  AccountView, CreateAccountBody, LoginBody, Ok, PasswordBody, SessionResponse,
} from './account.schemas.js';
import { changePassword, createAccount, describeAccount, listAccounts, login } from './account.service.js';

export async function accountRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  // Secure whenever the browser came over HTTPS (req.protocol believes X-Forwarded-Proto only
  // from a configured proxy), or always with LINLI_SECURE_COOKIES=1.
  const cookieOpts = (req: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies || req.protocol === 'https',
    maxAge: SESSION_HOURS * 3600,
  });

  r.post('/auth/login', {
    config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: '登录', body: LoginBody, response: { 200: SessionResponse } },
    handler: async (req, reply) => {
      const s = await login(db, req.body.username, req.body.password, req.ip, req.headers['user-agent']);
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
      await changePassword(db, auth.actor, req.body.oldPassword, req.body.newPassword, auth.sessionId);
      return { ok: true as const };
    },
  });

  r.get('/accounts', {
    config: { permission: 'accounts.manage' },
    schema: { tags: ['accounts'], summary: '账号列表（管辖范围内）', querystring: PageQuery, response: { 200: paged(AccountView) } },
    handler: async (req) => listAccounts(db, authOf(req).scope, req.query.page, req.query.pageSize),
  });

  r.post('/accounts', {
    config: { permission: 'accounts.manage' },
    schema: { tags: ['accounts'], summary: '创建账号', body: CreateAccountBody, response: { 200: z.object({ id: z.number() }) } },
    handler: async (req) => {
      const auth = authOf(req);
      return { id: await createAccount(db, auth.actor, auth.scope, req.body) };
    },
  });
}
