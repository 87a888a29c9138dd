import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { ROLE_PERMISSIONS } from '../../platform/auth/permissions.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/password.js';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS, createSession, forgetSessions } from '../../platform/auth/sessions.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import * as repo from './account.repository.js';

// Verifying against a throwaway hash keeps "no such user" as slow as "wrong password".
const DUMMY_HASH = hashPassword('linli-timing-equaliser-0');

export async function describeAccount(db: Kysely<DB>, accountId: number) {
  const a = await repo.describeRow(db, accountId);
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    role: a.role,
    permissions: [...ROLE_PERMISSIONS[a.role]],
    scope: { orgId: a.scope_org_id, name: a.scope_name, kind: a.scope_kind, path: a.scope_path },
    departmentId: a.department_id,
    departmentName: a.department_name,
    residentId: a.resident_id,
    householdId: a.household_id,
    staffId: a.staff_id,
    merchantId: a.merchant_id,
    workUnitId: a.work_unit_id,
    volunteerOrgId: a.volunteer_org_id,
    propertyCompanyId: a.property_company_id,
    gigWorkerId: a.gig_worker_id,
    mustChangePassword: a.must_change_password,
  };
}

/**
 * Signs in. Five wrong passwords lock the account for 15 minutes; the lock is kept in the
 * database so every server instance honours it.
 *
 * Each attempt is counted *before* its password is checked, in one UPDATE that also sets the
 * lock, and only while the account is not locked: however many guesses arrive at once, at most
 * MAX_FAILED_LOGINS passwords are checked, and a locked account checks none. A right password
 * then clears the count.
 *
 * Unknown, disabled and known accounts with a wrong password get the same answer (same code,
 * message, empty details, status, and a password hash's worth of time), so the answer does not
 * tell which user names exist. Only ACCOUNT_LOCKED does, and only after MAX_FAILED_LOGINS wrong
 * passwords for that real account: telling a locked-out person why is worth more than hiding
 * from someone who has just spent five guesses on it. Unknown names are not counted, so they
 * never answer "locked".
 */
export async function login(db: Kysely<DB>, clock: Clock, username: string, password: string, ip: string, userAgent?: string) {
  const acc = await repo.accountByUsername(db, username);
  if (!acc || acc.disabled) {
    await verifyPassword(password, await DUMMY_HASH);
    throw invalidCredentials();
  }
  const now = clock.now();
  const attempt = await repo.countAttempt(db, acc.id, now, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCKOUT_MINUTES * 60000));
  if (!attempt) {
    const until = await repo.lockedUntil(db, acc.id);
    throw locked(until ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000)) : LOCKOUT_MINUTES);
  }
  const lockedNow = attempt.locked_until !== null;
  if (!(await verifyPassword(password, acc.password_hash))) {
    await writeAudit(db, null, {
      action: lockedNow ? 'auth.locked' : 'auth.login_failed',
      entity: 'account',
      entityId: acc.id,
      orgPath: acc.scope_path,
      countyCode: acc.county_code,
      after: { username, failed: lockedNow ? MAX_FAILED_LOGINS : attempt.failed_logins },
      reason: null,
      ip,
    });
    if (lockedNow) throw locked(LOCKOUT_MINUTES);
    throw invalidCredentials();
  }
  await repo.updateAccount(db, acc.id, { failed_logins: 0, locked_until: null });
  const session = await createSession(db, acc.id, ip, userAgent);
  return { ...session, accountId: acc.id };
}

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
const locked = (minutes: number) =>
  new AppError('ACCOUNT_LOCKED', `密码错误次数过多，账号已锁定，请${minutes}分钟后再试`, { minutes });

export async function changePassword(db: Kysely<DB>, clock: Clock, actor: Actor, oldPassword: string, newPassword: string, keepSessionId: string) {
  const problem = passwordProblem(newPassword, actor.username);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { fields: [{ field: 'body.newPassword', problem }] });
  const acc = await repo.accountById(db, actor.accountId);
  if (!(await verifyPassword(oldPassword, acc.password_hash))) {
    throw new AppError('VALIDATION_FAILED', '原密码不正确', { fields: [{ field: 'body.oldPassword', problem: '原密码不正确' }] });
  }
  if (newPassword === oldPassword) {
    const problem = '新密码不能与原密码相同';
    throw new AppError('VALIDATION_FAILED', problem, { fields: [{ field: 'body.newPassword', problem }] });
  }
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await repo.updateAccount(trx, acc.id, { password_hash: hash, password_changed_at: clock.now(), must_change_password: false });
    // Other sessions (a phone left somewhere) end with the old password.
    await repo.deleteSessions(trx, acc.id, keepSessionId);
    await writeAudit(trx, actor, {
      action: 'auth.password_changed', entity: 'account', entityId: acc.id,
      orgPath: acc.scope_path, countyCode: acc.county_code,
    });
  });
  // The kept session too: its remembered copy still says the password must change.
  forgetSessions((s) => s.accountId === acc.id);
}
