import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../../database.js';

export const SESSION_COOKIE = 'linli_session';
export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

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

/** Looks a cookie token up; expired sessions and disabled accounts count as signed out. */
export async function findSession(db: Kysely<DB>, token: string): Promise<SessionAccount | null> {
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
      'account.disabled',
    ])
    .where('session.id', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.expiresAt.getTime() < Date.now()) return null;
  const { expiresAt: _e, disabled: _d, ...rest } = row;
  return rest;
}

export async function deleteSession(db: Kysely<DB>, sessionId: string) {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}
