import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { AccountTable, DB, Role } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { LinkKind } from './account.schemas.js';

/** Plain SQL of accounts (sign-in and upkeep): no rules here, the services decide. */
type Q = Kysely<DB> | Transaction<DB>;

// ---- sign-in and one's own account ---------------------------------------------------------

/** The account with its place, department and household, for the session answer. */
export function describeRow(db: Q, accountId: number) {
  return db
    .selectFrom('account')
    .innerJoin('org_unit', 'org_unit.id', 'account.scope_org_id')
    .leftJoin('department', 'department.id', 'account.department_id')
    .leftJoin('resident', 'resident.id', 'account.resident_id')
    .select([
      'account.id', 'account.username', 'account.display_name', 'account.role', 'account.scope_org_id',
      'account.scope_path', 'org_unit.name as scope_name', 'org_unit.kind as scope_kind',
      'account.department_id', 'department.name as department_name', 'account.resident_id', 'resident.household_id',
      'account.staff_id', 'account.merchant_id', 'account.work_unit_id', 'account.volunteer_org_id', 'account.property_company_id', 'account.gig_worker_id', 'account.must_change_password',
    ])
    .where('account.id', '=', accountId)
    .executeTakeFirstOrThrow();
}

export function accountByUsername(db: Q, username: string) {
  return db.selectFrom('account').selectAll().where('username', '=', username).executeTakeFirst();
}

export function accountById(db: Q, id: number) {
  return db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Counts one sign-in attempt, only while the account is not locked at `now`; the attempt that
 * reaches `max` sets the lock until `lockUntil` and starts the count again. Nothing when locked.
 */
export function countAttempt(db: Q, id: number, now: Date, max: number, lockUntil: Date) {
  return db
    .updateTable('account')
    .set({
      failed_logins: sql<number>`CASE WHEN failed_logins + 1 >= ${max} THEN 0 ELSE failed_logins + 1 END`,
      locked_until: sql<Date | null>`CASE WHEN failed_logins + 1 >= ${max} THEN ${lockUntil}::timestamptz ELSE NULL END`,
    })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst();
}

export async function lockedUntil(db: Q, id: number) {
  return (await db.selectFrom('account').select('locked_until').where('id', '=', id).executeTakeFirst())?.locked_until;
}

export async function updateAccount(db: Q, id: number, v: Updateable<AccountTable>) {
  await db.updateTable('account').set(v).where('id', '=', id).execute();
}

/** Ends the account's sessions, but for `keepSessionId` when given. */
export async function deleteSessions(db: Q, accountId: number, keepSessionId?: string) {
  await db.deleteFrom('session').where('account_id', '=', accountId)
    .$if(keepSessionId !== undefined, (q) => q.where('id', '!=', keepSessionId!)).execute();
}

// ---- upkeep by admins ----------------------------------------------------------------------

/** An account in scope, locked FOR UPDATE. */
export function lockAccountInScope(trx: Q, scope: Scope, id: number) {
  return trx.selectFrom('account').selectAll().where('id', '=', id).where(inScope(scope, 'scope_path'))
    .forUpdate().executeTakeFirst();
}

export function usernameTaken(db: Q, username: string) {
  return db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst();
}

export function insertAccount(db: Q, v: Insertable<AccountTable>) {
  return db.insertInto('account').values(v).returning('id').executeTakeFirstOrThrow();
}

/** What a link would point to (a resident on the register, a staff record, a merchant, a department, a live work unit or volunteer organisation), locked when it can be. */
export function linkTargetRow(db: Q, kind: LinkKind, id: number) {
  if (kind === 'work_unit') {
    return db.selectFrom('work_unit').select(['id', 'org_path', 'name as label']).where('id', '=', id).where('dissolved_at', 'is', null).executeTakeFirst();
  }
  if (kind === 'property_company') {
    // Only a company still on the register (not exited) takes new accounts.
    return db.selectFrom('property_company').select(['id', 'org_path', 'name as label']).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  }
  if (kind === 'gig_worker') {
    // A worker who left takes no account.
    return db.selectFrom('gig_worker').select(['id', 'org_path', 'name as label']).where('id', '=', id).where('left_at', 'is', null).forUpdate().executeTakeFirst();
  }
  if (kind === 'volunteer_org') {
    return db.selectFrom('volunteer_org').select(['id', 'org_path', 'name as label']).where('id', '=', id).where('dissolved_at', 'is', null).executeTakeFirst();
  }
  return kind === 'resident'
    ? db.selectFrom('resident').select(['id', 'org_path', 'name as label']).where('id', '=', id).where('moved_out_at', 'is', null).forUpdate().executeTakeFirst()
    : kind === 'staff'
      ? db.selectFrom('staff').select(['id', 'org_path', 'name as label']).where('id', '=', id).forUpdate().executeTakeFirst()
      : kind === 'merchant'
        ? db.selectFrom('merchant').select(['id', 'org_path', 'name as label']).where('id', '=', id).forUpdate().executeTakeFirst()
        : db.selectFrom('department').select(['id', 'org_path', 'name as label']).where('id', '=', id).executeTakeFirst();
}

/** Another account already linked to the record, if any. */
export function accountLinkedTo(db: Q, column: 'resident_id' | 'staff_id' | 'merchant_id' | 'department_id' | 'work_unit_id' | 'volunteer_org_id' | 'property_company_id' | 'gig_worker_id', id: number, exceptAccountId: number | null) {
  return db.selectFrom('account').select('username').where(column, '=', id)
    .$if(exceptAccountId !== null, (qb) => qb.where('id', '!=', exceptAccountId!)).executeTakeFirst();
}

export interface AccountListFilter {
  page: number;
  pageSize: number;
  role?: Role;
  /** Under this place only. */
  path?: string;
  status?: 'active' | 'disabled' | 'locked' | 'must_change';
  q?: string;
}

/** A page of accounts in scope (locked and active as of `now`) with their place and link labels, and the total. */
export async function listAccounts(db: Q, scope: Scope, f: AccountListFilter, now: Date) {
  const base = db.selectFrom('account')
    .where(inScope(scope, 'account.scope_path'))
    .$if(!!f.path, (qb) => qb.where('account.scope_path', 'like', `${f.path!}%`))
    .$if(!!f.role, (qb) => qb.where('account.role', '=', f.role!))
    .$if(!!f.q, (qb) => qb.where((eb) => eb.or([
      sql<boolean>`strpos(account.username, ${f.q!.toLowerCase()}) > 0`,
      sql<boolean>`strpos(account.display_name, ${f.q!}) > 0`,
    ])))
    .$if(f.status === 'active', (qb) => qb.where('account.disabled', '=', false)
      .where((eb) => eb.or([eb('account.locked_until', 'is', null), eb('account.locked_until', '<=', now)])))
    .$if(f.status === 'disabled', (qb) => qb.where('account.disabled', '=', true))
    .$if(f.status === 'locked', (qb) => qb.where('account.locked_until', '>', now))
    .$if(f.status === 'must_change', (qb) => qb.where('account.must_change_password', '=', true));
  const [rows, total] = await Promise.all([
    base
      .innerJoin('org_unit', 'org_unit.id', 'account.scope_org_id')
      .leftJoin('resident', 'resident.id', 'account.resident_id')
      .leftJoin('department', 'department.id', 'account.department_id')
      .leftJoin('staff', 'staff.id', 'account.staff_id')
      .leftJoin('merchant', 'merchant.id', 'account.merchant_id')
      .leftJoin('work_unit', 'work_unit.id', 'account.work_unit_id')
      .leftJoin('volunteer_org', 'volunteer_org.id', 'account.volunteer_org_id')
      .leftJoin('property_company', 'property_company.id', 'account.property_company_id')
      .leftJoin('gig_worker', 'gig_worker.id', 'account.gig_worker_id')
      .select([
        'account.id', 'account.username', 'account.display_name', 'account.role', 'account.scope_org_id',
        'org_unit.name as scope_name', 'account.disabled', 'account.locked_until', 'account.must_change_password',
        'account.resident_id', 'account.department_id', 'account.staff_id', 'account.merchant_id', 'account.work_unit_id', 'account.volunteer_org_id', 'account.property_company_id', 'account.gig_worker_id',
        'resident.name as resident_name', 'department.name as department_name', 'staff.name as staff_name', 'merchant.name as merchant_name',
        'work_unit.name as work_unit_name', 'volunteer_org.name as volunteer_org_name', 'property_company.name as property_company_name', 'gig_worker.name as gig_worker_name',
      ])
      .orderBy('account.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

// ---- what an account at a place may be linked to (at most 20, by name) ---------------------

/** `col` on the branch of `path`: at or below it, or above it. */
const onBranch = (col: string, path: string) => sql<boolean>`(${sql.ref(col)} LIKE ${path + '%'} OR ${path} LIKE ${sql.ref(col)} || '%')`;
const named = (col: string, q?: string) => (q ? sql<boolean>`strpos(${sql.ref(col)}, ${q}) > 0` : sql<boolean>`true`);

export function departmentCandidates(db: Q, scope: Scope, path: string, q?: string) {
  return db.selectFrom('department as d').innerJoin('org_unit as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.name as label', 'o.name as org_name'])
    .where(inScope(scope, 'd.org_path')).where(onBranch('d.org_path', path)).where(named('d.name', q))
    .orderBy('d.name').limit(20).execute();
}

/** Live work units (共建单位) on the branch of the place: several admins may share one, so no account is read. */
export function workUnitCandidates(db: Q, scope: Scope, path: string, q?: string) {
  return db.selectFrom('work_unit as w').innerJoin('org_unit as o', 'o.id', 'w.org_id')
    .select(['w.id', 'w.name as label', 'o.name as org_name'])
    .where(inScope(scope, 'w.org_path')).where(onBranch('w.org_path', path)).where('w.dissolved_at', 'is', null).where(named('w.name', q))
    .orderBy('w.name').orderBy('w.id').limit(20).execute();
}

/** Live volunteer organisations on the branch of the place; several admins may share one. */
export function volunteerOrgCandidates(db: Q, scope: Scope, path: string, q?: string) {
  return db.selectFrom('volunteer_org as v').innerJoin('org_unit as o', 'o.id', 'v.org_id')
    .select(['v.id', 'v.name as label', 'o.name as org_name'])
    .where(inScope(scope, 'v.org_path')).where(onBranch('v.org_path', path)).where('v.dissolved_at', 'is', null).where(named('v.name', q))
    .orderBy('v.name').orderBy('v.id').limit(20).execute();
}

/** Companies on the county's register (not exited) on the branch of the place; several accounts may act for one. */
export function propertyCompanyCandidates(db: Q, scope: Scope, path: string, q?: string) {
  return db.selectFrom('property_company as c').innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .select(['c.id', 'c.name as label', 'o.name as org_name'])
    .where(inScope(scope, 'c.org_path')).where(onBranch('c.org_path', path)).where('c.status', '=', 'active').where(named('c.name', q))
    .orderBy('c.name').orderBy('c.id').limit(20).execute();
}

/** Gig workers still attached to a station on the branch of the place, with the station's name and whether an account stands for them. */
export function gigWorkerCandidates(db: Q, scope: Scope, path: string, q?: string) {
  return db.selectFrom('gig_worker as w').innerJoin('gig_station as s', 's.id', 'w.station_id')
    .leftJoin('account as a', 'a.gig_worker_id', 'w.id')
    .select(['w.id', 'w.name as label', 'w.phone_mask', 's.name as org_name', 'a.id as account_id'])
    .where(inScope(scope, 'w.org_path')).where(onBranch('w.org_path', path)).where('w.left_at', 'is', null).where(named('w.name', q))
    .orderBy('w.name').orderBy('w.id').limit(20).execute();
}

/** Shops at the place or below, with their business and street address (the contact's phone is not read). */
export function merchantCandidates(db: Q, scope: Scope, path: string, q?: string) {
  return db.selectFrom('merchant as m')
    .select(['m.id', 'm.name', 'm.business', 'm.address'])
    .select((eb) => eb.selectFrom('account as a').whereRef('a.merchant_id', '=', 'm.id').select((e) => e.fn.min<number>('a.id').as('m')).as('account_id'))
    .where(inScope(scope, 'm.org_path')).where('m.org_path', 'like', `${path}%`).where(named('m.name', q))
    .orderBy('m.name').orderBy('m.id').limit(20).execute();
}

export function staffCandidates(db: Q, scope: Scope, path: string, q?: string) {
  return db.selectFrom('staff as s').innerJoin('org_unit as o', 'o.id', 's.org_id')
    .select(['s.id', 's.name', 's.post', 'o.name as org_name'])
    .select((eb) => eb.selectFrom('account as a').whereRef('a.staff_id', '=', 's.id').select((e) => e.fn.min<number>('a.id').as('m')).as('account_id'))
    .where(inScope(scope, 's.org_path')).where(onBranch('s.org_path', path)).where(named('s.name', q))
    .orderBy('s.name').orderBy('s.id').limit(20).execute();
}

/** Residents on the register at the place or below, with the household's address (no ID number or phone). */
export function residentCandidates(db: Q, scope: Scope, path: string, q?: string) {
  return db.selectFrom('resident as r').leftJoin('household as h', 'h.id', 'r.household_id')
    .select(['r.id', 'r.name', 'h.address'])
    .select((eb) => eb.selectFrom('account as a').whereRef('a.resident_id', '=', 'r.id').select((e) => e.fn.min<number>('a.id').as('m')).as('account_id'))
    .where(inScope(scope, 'r.org_path')).where('r.org_path', 'like', `${path}%`).where('r.moved_out_at', 'is', null)
    .where(named('r.name', q))
    .orderBy('r.name').orderBy('r.id').limit(20).execute();
}
