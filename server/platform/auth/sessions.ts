import { hash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../../database.js';

export const SESSION_COOKIE = 'linli_session';
export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

// One-shot: every API request hashes its session cookie.
const sha256 = (s: string) => hash('sha256', s, 'base64url');

export interface SessionAccount {
  sessionId: string;
  csrfToken: string;
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  scopeOrgId: number;
  scopePath: string;
  countyCode: string;
  /** A new or reset account that has not chosen its own password yet. */
  mustChangePassword: boolean;
  /** Epoch ms. */
  expiresAt: number;
}

export async function createSession(db: Kysely<DB>, accountId: number, ip: string, userAgent: string | undefined) {
  // Expired sessions of this account go when it signs in again; nothing else needs them.
  await db.deleteFrom('session').where('account_id', '=', accountId).where('expires_at', '<', new Date()).execute();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db
    .insertInto('session')
    .values({
      id: sha256(token),
      account_id: accountId,
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + SESSION_HOURS * 3600_000),
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/**
 * Every API request signs its caller in, so the session lookup is paid on every request. It is
 * remembered for a few seconds: on the embedded database (one connection that a long import can
 * hold) for 10 s, on PostgreSQL for 2 s — there a busy console or phone sends several requests a
 * second, and one query fewer each counts. Logout and password changes evict at once in this
 * process; other instances sharing the PostgreSQL database see them within those 2 s.
 */
const recent = new Map<string, { session: SessionAccount; until: number }>();
export const REMEMBER_SESSIONS_MS = { pglite: 10_000, postgres: 2_000 } as const;

export function forgetSessions(match: (s: SessionAccount) => boolean) {
  for (const [k, v] of recent) if (match(v.session)) recent.delete(k);
}

/** Looks a cookie token up; expired sessions and disabled accounts count as signed out. */
export async function findSession(db: Kysely<DB>, token: string, opts: { rememberMs?: number } = {}): Promise<SessionAccount | null> {
  const id = sha256(token);
  if (opts.rememberMs) {
    const hit = recent.get(id);
    if (hit && hit.until > Date.now()) return hit.session;
  }
  const session = await lookupSession(db, id);
  if (opts.rememberMs && session) {
    if (recent.size > 10_000) recent.clear();
    // Never past the session's own end.
    recent.set(id, { session, until: Math.min(Date.now() + opts.rememberMs, session.expiresAt) });
  }
  return session;
}

async function lookupSession(db: Kysely<DB>, id: string): Promise<SessionAccount | null> {
  const row = await db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select([
      'session.id as sessionId',
      'session.csrf_token as csrfToken',
      'session.expires_at as expiresAt',
      'account.id as accountId',
      'account.username',
      'account.display_name as displayName',
      'account.role',
      'account.scope_org_id as scopeOrgId',
      'account.scope_path as scopePath',
      'account.county_code as countyCode',
      'account.must_change_password as mustChangePassword',
      'account.disabled',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row || row.disabled || row.expiresAt.getTime() < Date.now()) return null;
  const { expiresAt, disabled: _d, ...rest } = row;
  return { ...rest, expiresAt: expiresAt.getTime() };
}

export async function deleteSession(db: Kysely<DB>, sessionId: string) {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
  forgetSessions((s) => s.sessionId === sessionId);
}
