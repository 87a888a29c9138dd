import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Role } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { hashPassword, passwordProblem } from '../../platform/auth/password.js';
import { forgetSessions } from '../../platform/auth/sessions.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { type Scope, unitInScope } from '../../platform/scope.js';
import { LINK_FOR_ROLE, mayManageRole } from './account.policy.js';
import * as repo from './account.repository.js';
import type { LinkKind } from './account.schemas.js';

/**
 * Account upkeep by county, street and community admins: every account they touch lies in their
 * scope and has a lower role than their own (ROLE_RANK), and each write is audited. An account
 * stands for what it is linked to: a resident (and so a household), a department (its inbox and
 * 报到), a staff record or a merchant (its points and redemptions) — each only for the roles
 * that act as one.
 */

type Q = Kysely<DB> | Transaction<DB>;

const LINK_COLUMN = {
  resident: 'resident_id', department: 'department_id', staff: 'staff_id', merchant: 'merchant_id',
  work_unit: 'work_unit_id', volunteer_org: 'volunteer_org_id', property_company: 'property_company_id',
  gig_worker: 'gig_worker_id',
} as const;
const LINK_WHAT = { resident: '居民', department: '职能部门', staff: '工作人员', merchant: '商户', work_unit: '共建单位', volunteer_org: '志愿组织', property_company: '物业企业', gig_worker: '新就业群体从业人员' } as const;
/** Several accounts may act for one department, work unit or volunteer organisation. */
const SHARED_LINKS: ReadonlySet<LinkKind> = new Set(['department', 'work_unit', 'volunteer_org', 'property_company']);

const rankProblem = () => new AppError('FORBIDDEN', '只能管理比自己级别低的角色账号');

function checkRank(actor: Actor, role: Role) {
  if (!mayManageRole(actor.role, role)) throw rankProblem();
}

function checkPassword(password: string, username: string, field: string) {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { fields: [{ field, problem }] });
}

// No 0/O, 1/l/I: read aloud or copied from a screen without mistakes.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const pick = (s: string) => s[randomInt(s.length)];

/** A 12-character temporary password with all four kinds of character; it passes the rule. */
export function temporaryPassword(username: string): string {
  for (;;) {
    const body = Array.from({ length: 9 }, () => pick(LOWER + UPPER + DIGITS));
    const chars = [...body, pick(UPPER), pick(LOWER), pick(DIGITS)];
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const pw = `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
    if (!passwordProblem(pw, username)) return pw;
  }
}

/** An org unit in the caller's scope (the place of an account), or 404. */
async function placeInScope(db: Q, scope: Scope, orgId: number) {
  return unitInScope(db, scope, orgId);
}

/** The account, if it lies in the caller's scope and ranks below them; locked FOR UPDATE inside a transaction. */
async function managedAccount(trx: Transaction<DB>, actor: Actor, scope: Scope, id: number) {
  const acc = await repo.lockAccountInScope(trx, scope, id);
  if (!acc) throw notFound('账号');
  checkRank(actor, acc.role);
  return acc;
}

/**
 * The record a link points to, if the caller reaches it and it sits on the account's branch of
 * the tree: at or below the account's place (a resident in the community), or above it (the
 * community's staff record for a grid worker). Departments sit at the county or city, so only
 * admins whose scope holds them link department accounts.
 */
async function linkTarget(db: Q, scope: Scope, kind: LinkKind, id: number, accountPath: string) {
  const row = await repo.linkTargetRow(db, kind, id);
  const onBranch = row && (row.org_path.startsWith(accountPath) || accountPath.startsWith(row.org_path));
  if (!row || !onBranch || !scope.contains(row.org_path)) throw notFound(LINK_WHAT[kind]);
  return row;
}

function checkLinkFits(role: Role, kind: LinkKind) {
  if (LINK_FOR_ROLE[role] !== kind) {
    throw new AppError('VALIDATION_FAILED', `该角色的账号不能关联${LINK_WHAT[kind]}`, { fields: [{ field: 'body.kind', problem: 'role' }] });
  }
}

/** Residents, staff and merchants have one account each (the link locked the record, so two admins cannot both link it); shared links may have many. */
async function checkLinkFree(db: Q, kind: LinkKind, id: number, accountId: number | null) {
  if (SHARED_LINKS.has(kind)) return;
  const other = await repo.accountLinkedTo(db, LINK_COLUMN[kind], id, accountId);
  if (other) throw new AppError('ALREADY_EXISTS', `该${LINK_WHAT[kind]}已有账号（${other.username}）`);
}

interface LinkColumns {
  department_id: number | null;
  resident_id: number | null;
  staff_id: number | null;
  merchant_id: number | null;
  work_unit_id: number | null;
  volunteer_org_id: number | null;
  property_company_id: number | null;
  gig_worker_id: number | null;
}

function currentLink(acc: LinkColumns): { kind: LinkKind; id: number } | null {
  for (const kind of Object.keys(LINK_COLUMN) as LinkKind[]) {
    const id = acc[LINK_COLUMN[kind]];
    if (id !== null) return { kind, id };
  }
  return null;
}

const NO_LINK = { resident_id: null, department_id: null, staff_id: null, merchant_id: null, work_unit_id: null, volunteer_org_id: null, property_company_id: null, gig_worker_id: null };

/** Sessions of an account end now (the callers forget this process's remembered copies). */
const endSessions = (trx: Q, accountId: number) => repo.deleteSessions(trx, accountId);

export interface AccountFilter {
  page: number;
  pageSize: number;
  role?: Role;
  orgId?: number;
  status?: 'active' | 'disabled' | 'locked' | 'must_change';
  q?: string;
}

export async function listAccounts(db: Kysely<DB>, clock: Clock, scope: Scope, f: AccountFilter) {
  const place = f.orgId ? await placeInScope(db, scope, f.orgId) : null;
  const now = clock.now();
  const { rows, total } = await repo.listAccounts(db, scope, { ...f, path: place?.path }, now);
  return {
    items: rows.map((a) => {
      const link = currentLink(a);
      const label = link
        ? {
          resident: a.resident_name, department: a.department_name, staff: a.staff_name, merchant: a.merchant_name,
          work_unit: a.work_unit_name, volunteer_org: a.volunteer_org_name, property_company: a.property_company_name,
          gig_worker: a.gig_worker_name,
        }[link.kind]
        : null;
      return {
        id: a.id, username: a.username, displayName: a.display_name, role: a.role,
        scopeOrgId: a.scope_org_id, scopeName: a.scope_name, disabled: a.disabled,
        lockedUntil: a.locked_until && a.locked_until > now ? a.locked_until.toISOString() : null,
        mustChangePassword: a.must_change_password,
        link: link ? { ...link, label: label ?? '' } : null,
      };
    }),
    total,
  };
}

export async function createAccount(
  db: Kysely<DB>, actor: Actor, scope: Scope,
  input: { username: string; displayName: string; role: Role; scopeOrgId: number; password?: string; link?: { kind: LinkKind; id: number } },
) {
  checkRank(actor, input.role);
  if (input.password !== undefined) checkPassword(input.password, input.username, 'body.password');
  const org = await placeInScope(db, scope, input.scopeOrgId);
  const temporary = input.password === undefined ? temporaryPassword(input.username) : null;
  const hash = await hashPassword(input.password ?? temporary!);
  return db.transaction().execute(async (trx) => {
    let link = { ...NO_LINK };
    if (input.link) {
      checkLinkFits(input.role, input.link.kind);
      const target = await linkTarget(trx, scope, input.link.kind, input.link.id, org.path);
      await checkLinkFree(trx, input.link.kind, target.id, null);
      link = { ...link, [LINK_COLUMN[input.link.kind]]: target.id };
    }
    const taken = await repo.usernameTaken(trx, input.username);
    if (taken) throw new AppError('ALREADY_EXISTS', '用户名已被使用', { fields: [{ field: 'body.username', problem: 'taken' }] });
    const row = await repo.insertAccount(trx, {
      username: input.username, display_name: input.displayName, role: input.role, password_hash: hash,
      scope_org_id: org.id, scope_path: org.path, county_code: org.county_code, must_change_password: true, ...link,
    });
    await writeAudit(trx, actor, {
      action: 'account.create', entity: 'account', entityId: row.id, orgPath: org.path, countyCode: org.county_code,
      after: { username: input.username, role: input.role, scopeOrgId: org.id, link: input.link ?? null, temporaryPassword: temporary !== null },
    });
    return { id: row.id, temporaryPassword: temporary };
  });
}

export async function updateAccount(
  db: Kysely<DB>, actor: Actor, scope: Scope, id: number,
  input: { displayName?: string; role?: Role; scopeOrgId?: number },
) {
  await db.transaction().execute(async (trx) => {
    const acc = await managedAccount(trx, actor, scope, id);
    const role = input.role ?? acc.role;
    checkRank(actor, role);
    const org = input.scopeOrgId !== undefined && input.scopeOrgId !== acc.scope_org_id
      ? await placeInScope(trx, scope, input.scopeOrgId)
      : { id: acc.scope_org_id, path: acc.scope_path, county_code: acc.county_code };
    // The link must still fit the new role and place: unlink first to change what it stands for.
    const link = currentLink(acc);
    if (link) {
      if (LINK_FOR_ROLE[role] !== link.kind) {
        throw new AppError('CONFLICT', `账号已关联${LINK_WHAT[link.kind]}，与新角色不符，请先解除关联`);
      }
      if (org.path !== acc.scope_path) {
        const t = await linkTarget(trx, scope, link.kind, link.id, org.path).catch(() => null);
        if (!t) throw new AppError('CONFLICT', `关联的${LINK_WHAT[link.kind]}不在新的所属组织内，请先解除关联`);
      }
    }
    const after = {
      display_name: input.displayName ?? acc.display_name, role,
      scope_org_id: org.id, scope_path: org.path, county_code: org.county_code,
    };
    await repo.updateAccount(trx, acc.id, after);
    await writeAudit(trx, actor, {
      action: 'account.update', entity: 'account', entityId: acc.id, orgPath: org.path, countyCode: org.county_code,
      before: { displayName: acc.display_name, role: acc.role, scopeOrgId: acc.scope_org_id },
      after: { displayName: after.display_name, role, scopeOrgId: org.id },
    });
  });
  // Role and place come with every request: the remembered sessions must not keep the old ones.
  forgetSessions((s) => s.accountId === id);
}

export async function setDisabled(db: Kysely<DB>, actor: Actor, scope: Scope, id: number, disabled: boolean) {
  await db.transaction().execute(async (trx) => {
    const acc = await managedAccount(trx, actor, scope, id);
    await repo.updateAccount(trx, acc.id, { disabled });
    if (disabled) await endSessions(trx, acc.id);
    await writeAudit(trx, actor, {
      action: disabled ? 'account.disable' : 'account.enable', entity: 'account', entityId: acc.id,
      orgPath: acc.scope_path, countyCode: acc.county_code, before: { disabled: acc.disabled }, after: { disabled },
    });
  });
  forgetSessions((s) => s.accountId === id);
}

export async function unlockAccount(db: Kysely<DB>, actor: Actor, scope: Scope, id: number) {
  await db.transaction().execute(async (trx) => {
    const acc = await managedAccount(trx, actor, scope, id);
    await repo.updateAccount(trx, acc.id, { failed_logins: 0, locked_until: null });
    await writeAudit(trx, actor, {
      action: 'account.unlock', entity: 'account', entityId: acc.id, orgPath: acc.scope_path, countyCode: acc.county_code,
      before: { lockedUntil: acc.locked_until?.toISOString() ?? null, failedLogins: acc.failed_logins },
    });
  });
}

/**
 * A new password chosen by the admin (it must pass the rule), or a temporary one shown to the
 * admin once. Either way the owner must change it at the next sign-in; their sessions end and
 * any lock is lifted.
 */
export async function resetPassword(db: Kysely<DB>, clock: Clock, actor: Actor, scope: Scope, id: number, password?: string) {
  const result = await db.transaction().execute(async (trx) => {
    const acc = await managedAccount(trx, actor, scope, id);
    if (password !== undefined) checkPassword(password, acc.username, 'body.password');
    const temporary = password === undefined ? temporaryPassword(acc.username) : null;
    await repo.updateAccount(trx, acc.id, {
      password_hash: await hashPassword(password ?? temporary!), password_changed_at: clock.now(),
      must_change_password: true, failed_logins: 0, locked_until: null,
    });
    await endSessions(trx, acc.id);
    await writeAudit(trx, actor, {
      action: 'account.reset_password', entity: 'account', entityId: acc.id, orgPath: acc.scope_path, countyCode: acc.county_code,
      after: { temporaryPassword: temporary !== null },
    });
    return { temporaryPassword: temporary };
  });
  forgetSessions((s) => s.accountId === id);
  return result;
}

export async function linkAccount(db: Kysely<DB>, actor: Actor, scope: Scope, id: number, link: { kind: LinkKind; id: number }) {
  await db.transaction().execute(async (trx) => {
    const acc = await managedAccount(trx, actor, scope, id);
    checkLinkFits(acc.role, link.kind);
    const target = await linkTarget(trx, scope, link.kind, link.id, acc.scope_path);
    await checkLinkFree(trx, link.kind, target.id, acc.id);
    await repo.updateAccount(trx, acc.id, { ...NO_LINK, [LINK_COLUMN[link.kind]]: target.id });
    await writeAudit(trx, actor, {
      action: 'account.link', entity: 'account', entityId: acc.id, orgPath: acc.scope_path, countyCode: acc.county_code,
      before: currentLink(acc), after: link,
    });
  });
  forgetSessions((s) => s.accountId === id);
}

export async function unlinkAccount(db: Kysely<DB>, actor: Actor, scope: Scope, id: number) {
  await db.transaction().execute(async (trx) => {
    const acc = await managedAccount(trx, actor, scope, id);
    const before = currentLink(acc);
    if (!before) return;
    await repo.updateAccount(trx, acc.id, NO_LINK);
    await writeAudit(trx, actor, {
      action: 'account.unlink', entity: 'account', entityId: acc.id, orgPath: acc.scope_path, countyCode: acc.county_code, before,
    });
  });
  forgetSessions((s) => s.accountId === id);
}

/** Records an account at this place may be linked to, found by name; at most 20. */
export async function linkCandidates(db: Kysely<DB>, scope: Scope, input: { kind: LinkKind; orgId: number; q?: string }) {
  const place = await placeInScope(db, scope, input.orgId);
  if (input.kind === 'department') {
    const rows = await repo.departmentCandidates(db, scope, place.path, input.q);
    return { items: rows.map((r) => ({ id: r.id, label: r.label, orgName: r.org_name, linkedAccountId: null })) };
  }
  if (input.kind === 'work_unit' || input.kind === 'volunteer_org' || input.kind === 'property_company') {
    const rows = input.kind === 'work_unit'
      ? await repo.workUnitCandidates(db, scope, place.path, input.q)
      : input.kind === 'volunteer_org'
        ? await repo.volunteerOrgCandidates(db, scope, place.path, input.q)
        : await repo.propertyCompanyCandidates(db, scope, place.path, input.q);
    return { items: rows.map((r) => ({ id: r.id, label: r.label, orgName: r.org_name, linkedAccountId: null })) };
  }
  if (input.kind === 'gig_worker') {
    // One account per worker; two riders of one name are told apart by their station.
    const rows = await repo.gigWorkerCandidates(db, scope, place.path, input.q);
    return { items: rows.map((r) => ({ id: r.id, label: `${r.label}（${r.phone_mask ?? ''}）`, orgName: r.org_name, linkedAccountId: r.account_id })) };
  }
  if (input.kind === 'merchant') {
    // Two shops of one name are told apart by their business and street address.
    const rows = await repo.merchantCandidates(db, scope, place.path, input.q);
    return { items: rows.map((r) => ({ id: r.id, label: r.business ? `${r.name}（${r.business}）` : r.name, orgName: r.address, linkedAccountId: r.account_id })) };
  }
  if (input.kind === 'staff') {
    const rows = await repo.staffCandidates(db, scope, place.path, input.q);
    return { items: rows.map((r) => ({ id: r.id, label: `${r.name}（${STAFF_POST[r.post] ?? r.post}）`, orgName: r.org_name, linkedAccountId: r.account_id })) };
  }
  // Residents: two people of the same name are told apart by the household's address.
  const rows = await repo.residentCandidates(db, scope, place.path, input.q);
  return { items: rows.map((r) => ({ id: r.id, label: r.name, orgName: r.address ?? '', linkedAccountId: r.account_id })) };
}

const STAFF_POST: Record<string, string> = { grid_worker: '专职网格员', community_worker: '社区工作者', graduate_assistant: '大学生助理', community_secretary: '社区书记' };
