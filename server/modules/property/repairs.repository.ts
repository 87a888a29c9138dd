import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { RepairKind, RepairStatus } from './repairs.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * Whose repairs a caller reads: staff by their scope; a company's account, whose place scope is
 * one compound, by its company — the compounds it serves under a live contract and the repairs
 * it applied for.
 */
export interface RepairReach {
  scope: Scope;
  companyId: number | null;
}

function reachFilter(eb: ExpressionBuilder<DB, 'property_repair'>, reach: RepairReach): Expression<SqlBool> {
  if (reach.companyId == null) return inScope(reach.scope, 'property_repair.org_path');
  return eb.or([
    eb('property_repair.company_id', '=', reach.companyId),
    eb('property_repair.compound_id', 'in', eb.selectFrom('property_contract').select('compound_id')
      .where('company_id', '=', reach.companyId).where('status', '=', 'active')),
  ]);
}

export async function companyOfAccount(db: Q, accountId: number) {
  const r = await db.selectFrom('account').select('property_company_id').where('id', '=', accountId).executeTakeFirst();
  return r?.property_company_id ?? null;
}

/** Does the company serve the compound under a live contract? */
export async function companyServes(db: Q, companyId: number, compoundId: number) {
  const r = await db.selectFrom('property_contract').select('id')
    .where('company_id', '=', companyId).where('compound_id', '=', compoundId).where('status', '=', 'active').executeTakeFirst();
  return !!r;
}

/** Compounds (grids) a caller may apply for: in scope, or served by the company. */
export function compounds(db: Q, reach: RepairReach, q?: string) {
  return db.selectFrom('org_unit as g').innerJoin('org_unit as c', 'c.id', 'g.parent_id')
    .select(['g.id', 'g.name', 'c.name as community_name'])
    .where('g.kind', '=', 'grid').where('g.dissolved_at', 'is', null)
    .$if(reach.companyId == null, (b) => b.where(inScope(reach.scope, 'g.path')))
    .$if(reach.companyId != null, (b) => b.where('g.id', 'in', db.selectFrom('property_contract').select('compound_id')
      .where('company_id', '=', reach.companyId!).where('status', '=', 'active')))
    .$if(!!q, (b) => b.where(sql<SqlBool>`(g.name LIKE ${'%' + q + '%'} OR c.name LIKE ${'%' + q + '%'})`))
    .orderBy('c.name').orderBy('g.name').limit(200).execute();
}

/** The compound's buildings and units with the households of each (merchants' shops are not homes). */
export async function placesOfCompound(db: Q, compoundPath: string) {
  const units = await db.selectFrom('org_unit').select(['id', 'name', 'kind', 'path', 'parent_id'])
    .where('path', 'like', `${compoundPath}%`).where('kind', 'in', ['building', 'unit']).where('dissolved_at', 'is', null)
    .orderBy('id').execute();
  const counts = await db.selectFrom('household').select(['org_path', sql<string>`count(*)`.as('n')])
    .where('org_path', 'like', `${compoundPath}%`).where('kind', '<>', 'merchant').groupBy('org_path').execute();
  return { units, counts: counts.map((c) => ({ path: c.org_path, n: Number(c.n) })) };
}

/** Households (not shops) under any of the paths; each counted once even if a building and its unit are both chosen. */
export async function householdsUnder(db: Q, paths: string[]) {
  if (!paths.length) return 0;
  const r = await db.selectFrom('household').select(sql<string>`count(*)`.as('n'))
    .where('kind', '<>', 'merchant')
    .where((eb) => eb.or(paths.map((p) => eb('org_path', 'like', `${p}%`))))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The compound's owners (households by headcount, shops included) and their area in m², for the vote's totals. */
export async function compoundTotals(db: Q, compoundPath: string) {
  const r = await db.selectFrom('household')
    .select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(area_m2), 0)`.as('area'),
      sql<string>`count(*) FILTER (WHERE kind <> 'merchant')`.as('homes')])
    .where('org_path', 'like', `${compoundPath}%`).executeTakeFirstOrThrow();
  return { owners: Number(r.n), area: Number(r.area), households: Number(r.homes) };
}

export function orgUnits(db: Q, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(['id', 'name', 'kind', 'path']).where('id', 'in', ids).execute();
}

const listColumns = [
  'r.id', 'r.compound_id', 'r.kind', 'r.urgent', 'r.title', 'r.quantity', 'r.households', 'r.budget', 'r.final_amount', 'r.status',
  'r.approval', 'r.applied_at', 'r.created_at', 'g.name as compound_name', 'c.name as community_name', 'pc.name as company_name',
] as const;

export interface RepairFilter { status?: RepairStatus; kind?: RepairKind; compoundId?: number; within?: string }

export async function repairsPage(db: Q, reach: RepairReach, f: RepairFilter & { page: number; pageSize: number }) {
  const base = db.selectFrom('property_repair')
    .where((eb) => reachFilter(eb, reach))
    .$if(!!f.status, (b) => b.where('property_repair.status', '=', f.status!))
    .$if(!!f.kind, (b) => b.where('property_repair.kind', '=', f.kind!))
    .$if(!!f.compoundId, (b) => b.where('property_repair.compound_id', '=', f.compoundId!))
    .$if(!!f.within, (b) => b.where('property_repair.org_path', 'like', `${f.within}%`));
  const total = Number((await base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.innerJoin('property_repair as r', 'r.id', 'property_repair.id')
    .innerJoin('org_unit as g', 'g.id', 'r.compound_id').innerJoin('org_unit as c', 'c.id', 'g.parent_id')
    .leftJoin('property_company as pc', 'pc.id', 'r.company_id')
    .select(listColumns).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total };
}

/** One repair the caller reaches, or undefined. */
export function repairInReach(db: Q, reach: RepairReach, id: number) {
  return db.selectFrom('property_repair')
    .innerJoin('org_unit as g', 'g.id', 'property_repair.compound_id').innerJoin('org_unit as c', 'c.id', 'g.parent_id')
    .leftJoin('property_company as pc', 'pc.id', 'property_repair.company_id')
    .selectAll('property_repair').select(['g.name as compound_name', 'c.name as community_name', 'pc.name as company_name'])
    // The day as written: a date column would come back as a Date at the server's local midnight.
    .select(sql<string | null>`property_repair.voted_on::text`.as('voted_day'))
    .where('property_repair.id', '=', id).where((eb) => reachFilter(eb, reach)).executeTakeFirst();
}
export type RepairRow = NonNullable<Awaited<ReturnType<typeof repairInReach>>>;

/** The repair row locked for a step (the status is re-read under the lock). */
export function lockRepair(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('property_repair').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export function quotesOf(db: Q, repairId: number) {
  return db.selectFrom('property_repair_quote').selectAll().where('repair_id', '=', repairId).orderBy('id').execute();
}

export function placesOf(db: Q, repairId: number) {
  return db.selectFrom('property_repair_place').innerJoin('org_unit as u', 'u.id', 'property_repair_place.org_id')
    .innerJoin('org_unit as b', 'b.id', 'u.parent_id')
    .select(['u.id', 'u.name', 'u.kind', 'b.name as parent_name']).where('repair_id', '=', repairId).orderBy('u.path').execute();
}

export function stepsOf(db: Q, repairId: number) {
  return db.selectFrom('property_repair_step').selectAll().where('repair_id', '=', repairId).orderBy('at').orderBy('id').execute();
}

export function accountName(db: Q, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('account').select(['id', 'display_name']).where('id', 'in', ids).execute();
}

/** Attachment ids linked to records of `entity`, by record. */
export async function photosOf(db: Q, entity: string, ids: number[]) {
  if (!ids.length) return new Map<number, number[]>();
  const rows = await db.selectFrom('attachment_link').select(['entity_id', 'attachment_id'])
    .where('entity', '=', entity).where('entity_id', 'in', ids).orderBy('attachment_id').execute();
  const m = new Map<number, number[]>();
  for (const r of rows) m.set(r.entity_id, [...(m.get(r.entity_id) ?? []), r.attachment_id]);
  return m;
}

/** Repairs (by id) whose files a reach may read. */
export async function repairsReadable(db: Q, reach: RepairReach, ids: number[]) {
  if (!ids.length) return [];
  return db.selectFrom('property_repair').select('id').where('id', 'in', ids).where((eb) => reachFilter(eb, reach)).execute();
}
export async function quotesReadable(db: Q, reach: RepairReach, quoteIds: number[]) {
  if (!quoteIds.length) return [];
  return db.selectFrom('property_repair_quote').innerJoin('property_repair', 'property_repair.id', 'property_repair_quote.repair_id')
    .select('property_repair_quote.id').where('property_repair_quote.id', 'in', quoteIds).where((eb) => reachFilter(eb, reach)).execute();
}

// ---- residents ----

/** The compound (grid) of a resident's household, if the household lies in one. */
export async function compoundOfAccount(db: Q, accountId: number) {
  return db.selectFrom('account').innerJoin('resident', 'resident.id', 'account.resident_id')
    .innerJoin('household', 'household.id', 'resident.household_id')
    .innerJoin('org_unit as g', (j) => j.on('g.kind', '=', 'grid').on(sql<SqlBool>`household.org_path LIKE g.path || '%'`))
    .select(['g.id', 'g.name', 'g.path']).where('account.id', '=', accountId).where('resident.moved_out_at', 'is', null)
    .executeTakeFirst();
}

/** What residents see: a compound's repairs once applied (never drafts), newest first. */
export function residentRepairs(db: Q, compoundId: number) {
  return db.selectFrom('property_repair')
    .select(['id', 'kind', 'title', 'description', 'status', 'urgent', 'budget', 'final_amount', 'households', 'applied_at', 'accepted_at', 'published_at'])
    .where('compound_id', '=', compoundId).where('status', '<>', 'draft')
    .orderBy('created_at', 'desc').limit(100).execute();
}

/** Repairs (by id) of the resident's compound that residents see. */
export async function residentReadable(db: Q, accountId: number, repairIds: number[]) {
  const compound = await compoundOfAccount(db, accountId);
  if (!compound || !repairIds.length) return [];
  return db.selectFrom('property_repair').select('id').where('id', 'in', repairIds)
    .where('compound_id', '=', compound.id).where('status', 'in', ['done', 'accepted', 'published']).execute();
}

// ---- figures ----

const counted = sql`count(*)::int AS repairs,
  coalesce(sum(r.quantity) FILTER (WHERE r.kind = 'lift'), 0) AS lifts,
  coalesce(sum(r.quantity) FILTER (WHERE r.kind = 'ebike_shed'), 0) AS sheds,
  coalesce(sum(r.quantity) FILTER (WHERE r.kind = 'charging'), 0) AS charging_ports,
  coalesce(sum(r.quantity) FILTER (WHERE r.kind = 'wall_leak'), 0) AS wall_m2,
  coalesce(sum(r.households), 0) AS households,
  coalesce(sum(coalesce(r.final_amount, r.budget)), 0) AS amount`;

export interface CountedRow {
  repairs: number | string; lifts: string | number; sheds: string | number; charging_ports: string | number; wall_m2: string | number;
  households: string | number; amount: string | number;
}

/**
 * Counted figures of accepted and published repairs (验收 done) under `path`, by the month of
 * acceptance in China time and by the children of `path`'s place. `from`/`to`: China months.
 */
export async function figures(db: Q, rootId: number, path: string, from: string | null, to: string | null) {
  const month = sql`to_char((r.accepted_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;
  const where = sql`r.status IN ('accepted', 'published') AND r.org_path LIKE ${path + '%'}
    ${from ? sql`AND ${month} >= ${from}` : sql``} ${to ? sql`AND ${month} <= ${to}` : sql``}`;
  const totals = await sql<CountedRow>`SELECT ${counted} FROM property_repair r WHERE ${where}`.execute(db);
  const byPlace = await sql<CountedRow & { org_id: number; name: string }>`SELECT ch.id AS org_id, ch.name, ${counted}
    FROM org_unit ch JOIN property_repair r ON r.org_path LIKE ch.path || '%'
    WHERE ch.parent_id = ${rootId} AND ${where} GROUP BY ch.id, ch.name ORDER BY ch.name`.execute(db);
  const byMonth = await sql<CountedRow & { month: string }>`SELECT ${month} AS month, ${counted}
    FROM property_repair r WHERE ${where} GROUP BY 1 ORDER BY 1`.execute(db);
  return { totals: totals.rows[0]!, byPlace: byPlace.rows, byMonth: byMonth.rows };
}

/** Repairs already decided by any of these owners' vote matters (one matter decides one repair). */
export function repairsUsingMatters(db: Q, matterIds: number[]) {
  if (!matterIds.length) return Promise.resolve([]);
  return db.selectFrom('property_repair').select(['id', 'title', 'vote_matter_id']).where('vote_matter_id', 'in', matterIds).execute();
}
