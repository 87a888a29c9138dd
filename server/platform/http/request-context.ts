import type { Role } from '../../database.js';
import type { Permission } from '../auth/permissions.js';
import type { Scope } from '../scope.js';

/** Who is calling: what audit records and what services need to decide. */
export interface Actor {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  ip: string;
}

export interface AuthContext {
  actor: Actor;
  scope: Scope;
  sessionId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every non-public route; absent only on public ones. */
    auth?: AuthContext;
  }
  interface FastifyContextConfig {
    /** The permission the route needs; the auth hook refuses callers without it. */
    permission?: Permission;
    /** No sign-in needed (login, health, public disclosure pages). */
    public?: boolean;
  }
}

/** For handlers of non-public routes: the hook guarantees auth is set. */
export function authOf(req: { auth?: AuthContext }): AuthContext {
  if (!req.auth) throw new Error('route without auth context: is it marked public by mistake?');
  return req.auth;
}
