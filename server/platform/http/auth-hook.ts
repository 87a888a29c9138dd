import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { can } from '../auth/permissions.js';
import { SESSION_COOKIE, findSession } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import { Scope } from '../scope.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What an account that must choose a new password may still call. */
const BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

/**
 * The one gate in front of every API route: a route must declare `config.permission` or
 * `config.public`, or the server refuses to start. For non-public routes the hook signs the
 * caller in from the session cookie, checks CSRF on writes and checks the permission; handlers
 * then get `req.auth` with the caller's Scope.
 */
export interface ApiRoute {
  method: string;
  url: string;
  permission?: string;
  public?: boolean;
}

export function installAuthHook(app: FastifyInstance, db: Kysely<DB>, opts: { rememberSessionsMs?: number } = {}): ApiRoute[] {
  const routes: ApiRoute[] = [];
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const cfg = route.config as { permission?: string; public?: boolean } | undefined;
    if (!cfg?.permission && !cfg?.public) {
      throw new Error(`route ${route.method} ${url} declares neither config.permission nor config.public`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url, permission: cfg.permission, public: cfg.public });
    }
  });

  app.addHook('preHandler', async (req) => {
    const cfg = req.routeOptions.config;
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/') || url.startsWith('/api/docs') || cfg.public) return;
    const token = req.cookies[SESSION_COOKIE];
    const s = token ? await findSession(db, token, { rememberMs: opts.rememberSessionsMs }) : null;
    if (!s) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== s.csrfToken) {
      throw new AppError('CSRF_FAILED', '页面已过期，请刷新后重试');
    }
    if (s.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(url)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录或密码被重置后，请先修改密码');
    }
    if (cfg.permission && !can(s.role, cfg.permission)) {
      throw new AppError('FORBIDDEN', '您的角色无权进行此操作');
    }
    req.auth = {
      actor: { accountId: s.accountId, username: s.username, displayName: s.displayName, role: s.role, ip: req.ip },
      scope: new Scope(s.scopeOrgId, s.scopePath, s.countyCode),
      sessionId: s.sessionId,
      csrfToken: s.csrfToken,
    };
  });
  return routes;
}
