import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { PropertySanctionTable } from './companies.tables.js';
import type { ContractStatus } from './property.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * The register's SQL: companies, party branches, instructors, contracts, compounds and
 * sanctions. A county keeps the register, so a company's path is its county: staff read it when
 * their scope lies on the county's branch (at or above it, or below it — a street reads its
 * county's register). Contracts and compounds are read by the compound's path in scope.
 */

/** `col` on the branch of the scope: at or below it, or above it. */
export const onBranch = (scope: Scope, col: string) =>
  sql<boolean>`(${sql.ref(col)} LIKE ${scope.path + '%'} OR ${scope.path} LIKE ${sql.ref(col)} || '%')`;

const pageOf = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

// ---- companies ----

export const companyColumns = [
  'c.id', 'c.org_id', 'c.org_path', 'c.county_code', 'c.name', 'c.credit_code', 'c.qualification', 'c.contact_name', 'c.phone_mask', 'c.status',
  'c.created_at', 'c.exited_at',
] as const;

function companiesBase(db: Q, scope: Scope, f: { q?: string; status?: 'active' | 'exited' }) {
  return db.selectFrom('property_company as c').where(onBranch(scope, 'c.org_path'))
    .$if(!!f.q, (b) => b.where((eb) => eb.or([
      sql<boolean>`strpos(c.name, ${f.q!}) > 0`, sql<boolean>`strpos(c.credit_code, ${f.q!.toUpperCase()}) > 0`,
    ])))
    .$if(!!f.status, (b) => b.where('c.status', '=', f.status!));
}

/** Companies with their branch, live contracts in scope, instructors and open sanctions. */
function companyRows(base: ReturnType<typeof companiesBase>, scope: Scope) {
  return base.leftJoin('property_branch_company as bc', 'bc.company_id', 'c.id').leftJoin('property_branch as b', 'b.id', 'bc.branch_id')
    .select([...companyColumns, 'b.kind as branch_kind', 'b.name as branch_name'])
    .select((eb) => [
      eb.selectFrom('property_contract as k').select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('k.company_id', '=', 'c.id').where('k.status', '=', 'active').where(inScope(scope, 'k.org_path')).as('contracts'),
      eb.selectFrom('property_instructor as i').select((e) => e.fn.countAll<number>().as('n')).whereRef('i.company_id', '=', 'c.id').as('instructors'),
      eb.selectFrom('property_sanction as s').select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.company_id', '=', 'c.id').where('s.status', 'in', ['open', 'reported']).as('open_sanctions'),
    ]);
}

/** A page of companies on the caller's branch. */
export async function companiesPage(db: Q, scope: Scope, f: { q?: string; status?: 'active' | 'exited'; page: number; pageSize: number }) {
  const { limit, offset } = pageOf(f);
  const base = companiesBase(db, scope, f);
  const [rows, total] = await Promise.all([
    companyRows(base, scope).orderBy('c.status').orderBy('c.name').orderBy('c.id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** One company on the caller's branch, with the same figures as the list. */
export function companyRow(db: Q, scope: Scope, id: number) {
  return companyRows(companiesBase(db, scope, {}).where('c.id', '=', id), scope).executeTakeFirst();
}

export function companyById(db: Q, id: number) {
  return db.selectFrom('property_company as c').select(companyColumns).where('c.id', '=', id).executeTakeFirst();
}

/** The company's row locked: its contracts and status change one decision at a time. */
export function lockCompany(db: Q, id: number) {
  return db.selectFrom('property_company as c').select(companyColumns).where('c.id', '=', id).forUpdate().executeTakeFirst();
}

export function insertCompany(db: Q, v: Insertable<DB['property_company']>) {
  return db.insertInto('property_company').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function markExited(db: Q, id: number, at: Date) {
  return db.updateTable('property_company').set({ status: 'exited', exited_at: at }).where('id', '=', id).where('status', '=', 'active')
    .executeTakeFirst();
}

export function companyNames(db: Q, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('property_company').select(['id', 'name', 'org_path', 'status']).where('id', 'in', [...ids]).execute();
}

// ---- party branches and instructors ----

/** Dates come back as text ('YYYY-MM-DD'): a date column parsed into a Date would shift with the server's zone. */
const branchColumns = ['b.id', 'b.kind', 'b.name', 'b.secretary_name', 'b.member_count', sql<string | null>`b.founded_on::text`.as('founded_on')] as const;

export function branchOfCompany(db: Q, companyId: number) {
  return db.selectFrom('property_branch_company as bc').innerJoin('property_branch as b', 'b.id', 'bc.branch_id')
    .select(branchColumns).where('bc.company_id', '=', companyId).executeTakeFirst();
}

export async function branchesPage(db: Q, scope: Scope, f: { kind?: 'independent' | 'joint'; page: number; pageSize: number }) {
  const { limit, offset } = pageOf(f);
  const base = db.selectFrom('property_branch as b').where(onBranch(scope, 'b.org_path')).$if(!!f.kind, (q) => q.where('b.kind', '=', f.kind!));
  const [rows, total] = await Promise.all([
    base.select(branchColumns).orderBy('b.name').orderBy('b.id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function companiesOfBranches(db: Q, branchIds: readonly number[]) {
  if (!branchIds.length) return Promise.resolve([]);
  return db.selectFrom('property_branch_company as bc').innerJoin('property_company as c', 'c.id', 'bc.company_id')
    .select(['bc.branch_id', 'c.id', 'c.name']).where('bc.branch_id', 'in', [...branchIds]).orderBy('c.name').execute();
}

export function insertBranch(db: Q, v: Insertable<DB['property_branch']>) {
  return db.insertInto('property_branch').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function insertBranchCompanies(db: Q, branchId: number, companyIds: readonly number[]) {
  await db.insertInto('property_branch_company').values(companyIds.map((c) => ({ branch_id: branchId, company_id: c }))).execute();
}

export function instructorsOf(db: Q, companyId: number) {
  return db.selectFrom('property_instructor')
    .select(['id', 'company_id', 'name', 'unit', 'post', 'phone_mask', sql<string>`from_on::text`.as('from_on'), sql<string | null>`to_on::text`.as('to_on')]).where('company_id', '=', companyId)
    .orderBy('from_on', 'desc').orderBy('id').execute();
}

export function insertInstructor(db: Q, v: Insertable<DB['property_instructor']>) {
  return db.insertInto('property_instructor').values(v).returning('id').executeTakeFirstOrThrow();
}

// ---- contracts and compounds ----

const contractColumns = [
  'k.id', 'k.company_id', 'k.compound_id', 'k.org_path', 'k.county_code', sql<string>`k.starts_on::text`.as('starts_on'), sql<string>`k.ends_on::text`.as('ends_on'), 'k.fee_per_m2', 'k.service_level',
  'k.service_standard', 'k.status', sql<string | null>`k.ended_on::text`.as('ended_on'), 'k.end_reason', 'c.name as company_name', 'g.name as compound_name',
] as const;

function contracts(db: Q) {
  return db.selectFrom('property_contract as k').innerJoin('property_company as c', 'c.id', 'k.company_id')
    .innerJoin('org_unit as g', 'g.id', 'k.compound_id').select(contractColumns);
}

/** A company's contracts whose compound lies in scope (all of them for the company's own account: pass null). */
export function contractsOfCompany(db: Q, scope: Scope | null, companyId: number, only?: ContractStatus) {
  return contracts(db).where('k.company_id', '=', companyId)
    .$if(!!scope, (q) => q.where(inScope(scope!, 'k.org_path')))
    .$if(!!only, (q) => q.where('k.status', '=', only!))
    .orderBy('k.status').orderBy('g.path').orderBy('k.id', 'desc').execute();
}

export function contractById(db: Q, id: number) {
  return contracts(db).where('k.id', '=', id).executeTakeFirst();
}

export function lockContract(db: Q, id: number) {
  return db.selectFrom('property_contract').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertContract(db: Q, v: Insertable<DB['property_contract']>) {
  return db.insertInto('property_contract').values(v).returning('id').executeTakeFirstOrThrow();
}

/** Ends a live contract; the guard makes a second end of the same contract change nothing. */
export function endContract(db: Q, id: number, v: { status: 'ended' | 'terminated'; day: string; reason: string }) {
  return db.updateTable('property_contract').set({ status: v.status, ended_on: v.day, end_reason: v.reason })
    .where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
}

/** Terminates every live contract of a company (清退), returning what ended. */
export function terminateCompanyContracts(db: Q, companyId: number, day: string, reason: string) {
  return db.updateTable('property_contract').set({ status: 'terminated', ended_on: day, end_reason: reason })
    .where('company_id', '=', companyId).where('status', '=', 'active').returning(['id', 'compound_id', 'org_path']).execute();
}

export function changeContractTerms(db: Q, id: number, v: { service_level?: '1' | '2' | '3' | '4' | '5'; fee_per_m2?: number }) {
  return db.updateTable('property_contract').set(v).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
}

/** Enclosed compounds (grids) in scope under `within`, with their live contract and the last re-selection if no contract followed it. */
export async function compoundsPage(db: Q, scope: Scope, f: { within: string; q?: string; served?: 'with' | 'without'; page: number; pageSize: number }) {
  const { limit, offset } = pageOf(f);
  const live = sql<number | null>`(SELECT k.id FROM property_contract k WHERE k.compound_id = g.id AND k.status = 'active')`;
  const base = db.selectFrom('org_unit as g')
    .where('g.kind', '=', 'grid').where('g.grid_type', '=', 'enclosed').where('g.dissolved_at', 'is', null)
    .where(inScope(scope, 'g.path')).where('g.path', 'like', `${f.within}%`)
    .$if(!!f.q, (b) => b.where(sql<boolean>`strpos(g.name, ${f.q!}) > 0`))
    .$if(f.served === 'with', (b) => b.where(sql<boolean>`${live} IS NOT NULL`))
    .$if(f.served === 'without', (b) => b.where(sql<boolean>`${live} IS NULL`));
  const [rows, total] = await Promise.all([
    base.leftJoin('org_unit as p', 'p.id', 'g.parent_id')
      .select(['g.id', 'g.name', 'g.path', 'g.grid_type', 'p.name as parent_name'])
      .select((eb) => [
        live.as('contract_id'),
        eb.selectFrom('property_sanction as s').select('s.reselect_to').whereRef('s.compound_id', '=', 'g.id').where('s.kind', '=', 'reselect')
          .orderBy('s.decided_at', 'desc').limit(1).as('reselect_to'),
      ])
      .orderBy('g.path').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function contractsByIds(db: Q, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return contracts(db).where('k.id', 'in', [...ids]).execute();
}

// ---- sanctions ----

export const sanctionColumns = [
  's.id', 's.company_id', 's.contract_id', 's.compound_id', 's.org_path', 's.county_code', 's.kind', 's.status', 's.reason', 's.basis',
  sql<string | null>`s.interview_on::text`.as('interview_on'), 's.interview_people', 's.minutes', 's.task', sql<string | null>`s.deadline::text`.as('deadline'), 's.report_note', 's.report_photo_id', 's.reported_at',
  's.level_before', 's.level_after', 's.fee_before', 's.fee_after', 's.reselect_to', 's.decided_at', 's.closed_at',
  'c.name as company_name', 'g.name as compound_name', 'a.display_name as decided_by_name',
] as const;

function sanctions(db: Q) {
  return db.selectFrom('property_sanction as s').innerJoin('property_company as c', 'c.id', 's.company_id')
    .leftJoin('org_unit as g', 'g.id', 's.compound_id').innerJoin('account as a', 'a.id', 's.decided_by');
}

export type SanctionRow = Awaited<ReturnType<typeof sanctionById>> & object;

export function sanctionById(db: Q, id: number) {
  return sanctions(db).select(sanctionColumns).where('s.id', '=', id).executeTakeFirst();
}

/** A page of sanctions: on the staff caller's branch, or the one company's (its own account). */
export async function sanctionsPage(db: Q, who: { scope: Scope } | { companyId: number }, f: {
  companyId?: number; kind?: string; status?: string; page: number; pageSize: number;
}) {
  const { limit, offset } = pageOf(f);
  const base = sanctions(db)
    .$if('scope' in who, (q) => q.where(onBranch((who as { scope: Scope }).scope, 's.org_path')))
    .$if('companyId' in who, (q) => q.where('s.company_id', '=', (who as { companyId: number }).companyId))
    .$if(!!f.companyId, (q) => q.where('s.company_id', '=', f.companyId!))
    .$if(!!f.kind, (q) => q.where('s.kind', '=', f.kind as never))
    .$if(!!f.status, (q) => q.where('s.status', '=', f.status as never));
  const [rows, total] = await Promise.all([
    base.select(sanctionColumns).orderBy('s.decided_at', 'desc').orderBy('s.id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function lockSanction(db: Q, id: number) {
  return db.selectFrom('property_sanction').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertSanction(db: Q, v: Insertable<PropertySanctionTable>) {
  return db.insertInto('property_sanction').values(v).returning('id').executeTakeFirstOrThrow();
}

/** Moves a sanction on, guarded by the state it was read in. */
export function updateSanction(db: Q, id: number, fromStatus: string, v: Updateable<PropertySanctionTable>) {
  return db.updateTable('property_sanction').set(v).where('id', '=', id).where('status', '=', fromStatus as never).executeTakeFirst();
}

export async function insertStep(db: Q, v: Insertable<DB['property_sanction_step']>) {
  await db.insertInto('property_sanction_step').values(v).execute();
}

export function stepsOf(db: Q, sanctionIds: readonly number[]) {
  if (!sanctionIds.length) return Promise.resolve([]);
  return db.selectFrom('property_sanction_step').select(['sanction_id', 'action', 'from_status', 'to_status', 'note', 'actor_name', 'at'])
    .where('sanction_id', 'in', [...sanctionIds]).orderBy('sanction_id').orderBy('id').execute();
}

// ---- overview ----

/** The register's figures on the caller's branch; counted from rows, never typed. */
export async function overviewCounts(db: Q, scope: Scope, today: string) {
  const { rows } = await sql<Record<string, string | number>>`
    WITH co AS (SELECT id, status FROM property_company c WHERE ${onBranch(scope, 'c.org_path')}),
         br AS (SELECT b.id, b.kind FROM property_branch b WHERE ${onBranch(scope, 'b.org_path')}),
         sa AS (SELECT s.* FROM property_sanction s WHERE ${onBranch(scope, 's.org_path')})
    SELECT
      (SELECT count(*) FROM co) AS companies,
      (SELECT count(*) FROM co WHERE status = 'active') AS active_companies,
      (SELECT count(DISTINCT bc.company_id) FROM property_branch_company bc JOIN co ON co.id = bc.company_id) AS with_branch,
      (SELECT count(DISTINCT bc.company_id) FROM property_branch_company bc JOIN co ON co.id = bc.company_id JOIN br ON br.id = bc.branch_id AND br.kind = 'independent') AS with_independent,
      (SELECT count(DISTINCT bc.company_id) FROM property_branch_company bc JOIN co ON co.id = bc.company_id JOIN br ON br.id = bc.branch_id AND br.kind = 'joint') AS with_joint,
      (SELECT count(*) FROM br) AS branches,
      (SELECT count(*) FROM br WHERE kind = 'joint') AS joint_branches,
      (SELECT count(*) FROM property_instructor i JOIN co ON co.id = i.company_id) AS instructors,
      (SELECT count(*) FROM property_instructor i JOIN co ON co.id = i.company_id WHERE i.from_on <= ${today}::date AND (i.to_on IS NULL OR i.to_on >= ${today}::date)) AS serving_instructors,
      (SELECT count(*) FROM org_unit g WHERE g.kind = 'grid' AND g.grid_type = 'enclosed' AND g.dissolved_at IS NULL AND ${inScope(scope, 'g.path')}) AS compounds,
      (SELECT count(*) FROM property_contract k WHERE k.status = 'active' AND ${inScope(scope, 'k.org_path')}) AS contracts,
      (SELECT count(DISTINCT k.compound_id) FROM property_contract k WHERE k.status = 'active' AND ${inScope(scope, 'k.org_path')}) AS served_compounds,
      (SELECT count(DISTINCT company_id) FROM sa WHERE kind = 'downgrade') AS downgraded_companies,
      (SELECT count(DISTINCT contract_id) FROM sa WHERE kind = 'downgrade') AS downgraded_projects,
      (SELECT count(DISTINCT company_id) FROM sa WHERE kind = 'exit') AS exited,
      (SELECT count(DISTINCT contract_id) FROM sa WHERE kind = 'reselect') AS reselected,
      (SELECT count(*) FROM sa WHERE kind = 'interview') AS interviews,
      (SELECT count(*) FROM sa WHERE kind = 'rectify' AND status IN ('open', 'reported')) AS rectify_open,
      (SELECT count(*) FROM sa WHERE kind = 'rectify' AND status = 'open' AND deadline < ${today}::date) AS rectify_overdue`.execute(db);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

// ---- the company's own account ----

export function companyOfAccount(db: Q, accountId: number) {
  return db.selectFrom('account').select('property_company_id').where('id', '=', accountId).executeTakeFirst();
}
