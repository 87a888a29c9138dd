import { CompiledQuery, sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, DemandEventTable, DemandExtensionTable, DemandTable } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

export const demandColumns = [
  'd.id', 'd.org_id', 'd.org_path', 'd.county_code', 'd.household_id', 'd.channel', 'd.category_code', 'd.description',
  'd.address', 'd.lat', 'd.lng', 'd.photos', 'd.reporter_account_id', 'd.reporter_name', 'd.reporter_phone_mask',
  'd.state', 'd.tier', 'd.handler_account_id', 'd.due_at', 'd.overdue_at', 'd.merged_into_id', 'd.me_too_count',
  'd.reopen_count', 'd.rating', 'd.client_id', 'd.created_at', 'd.responded_at', 'd.resolved_at', 'd.closed_at',
] as const;

export function selectDemands(db: Q) {
  return db
    .selectFrom('demand as d')
    .innerJoin('demand_category as c', 'c.code', 'd.category_code')
    .innerJoin('org_unit as o', 'o.id', 'd.org_id')
    .leftJoin('account as h', 'h.id', 'd.handler_account_id')
    .select(demandColumns)
    .select(['c.name as category_name', 'o.name as place_name', 'h.display_name as handler_name'])
    .select([ancestorName('community').as('community_name'), ancestorName('grid').as('compound_name')]);
}

export type DemandQuery = ReturnType<typeof selectDemands>;

/** Narrows a demand query to demands whistled (dispatched) to the department. */
export function whistledTo(qb: DemandQuery, departmentId: number) {
  return qb.where((eb) =>
    eb.exists(eb.selectFrom('demand_dispatch as x').select('x.id').whereRef('x.demand_id', '=', 'd.id').where('x.department_id', '=', departmentId)),
  );
}

/** How many demands a query finds, counted up to 100,000. */
export async function countDemands(db: Q, qb: DemandQuery) {
  const r = await db.selectFrom(qb.clearSelect().select('d.id').limit(100_000).as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/**
 * The name of the community or the grid (an enclosed compound is its own grid) above a demand's
 * place: the ancestors are the ids in its path, so this is a primary-key lookup, not a tree walk.
 */
const ancestorName = (kind: 'community' | 'grid') =>
  sql<string | null>`(SELECT a.name FROM org_unit a WHERE a.kind = ${kind} AND a.id = ANY (string_to_array(rtrim(d.org_path, '.'), '.')::int[]))`;
export type DemandRow = Awaited<ReturnType<ReturnType<typeof selectDemands>['executeTakeFirstOrThrow']>>;

export function findDemandForUpdate(db: Transaction<DB>, id: number) {
  return db.selectFrom('demand').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export type DemandForUpdate = NonNullable<Awaited<ReturnType<typeof findDemandForUpdate>>>;

export function extensionsOf(db: Q, demandId: number) {
  return db.selectFrom('demand_extension').selectAll().where('demand_id', '=', demandId).orderBy('id').execute();
}

export interface NewDemand {
  /**
   * Where: a household (its unit is the place) or an org unit below the street, either inside
   * `scopePath`. Looked up inside the statement; nothing is written when it is not found.
   */
  place: { orgId: number | null; householdId: number | null; scopePath: string };
  demand: Omit<Insertable<DemandTable>, 'org_id' | 'org_path' | 'county_code' | 'household_id'> & {
    created_at: Date; due_at: Date; photos: string; address: string | null;
  };
  actor: { accountId: number; username: string; displayName: string; role: string; ip: string | null };
  /** The first timeline step's detail, as JSON. */
  eventDetail: string;
  warnAt: Date;
  /** The audit record's `after`, as JSON. */
  auditAfter: string;
  /** Tell the staff above the place in their inbox; null = tell nobody (solved on the spot). */
  notice: { title: string; body: string } | null;
}

// demand_intake() (migration 0017) holds the statement, so its plan is kept per connection. The
// call is one fixed text sent with its values (no query building per intake), times as ISO text.
const INTAKE_SQL = `SELECT * FROM demand_intake($1::int, $2::int, $3::text, $4::text, $5::text, $6::text, $7::text, $8::float8,
  $9::float8, $10::jsonb, $11::int, $12::text, $13::text, $14::text, $15::text, $16::timestamptz, $17::text, $18::timestamptz,
  $19::int, $20::text, $21::text, $22::text, $23::text, $24::jsonb, $25::timestamptz, $26::text, $27::jsonb, $28::text, $29::text)`;

/**
 * A new demand with everything that comes with it — the place lookup and scope check, the first
 * timeline step, its two deadline timers, the audit record and the staff's inbox notices — in
 * one statement: intake costs one round trip and needs no explicit transaction (a statement is
 * atomic). The rate rollups follow from the trigger on demand. It writes what scheduleJob, writeAudit,
 * staffAbove and notify would (tests/integration/demands-intake.test.ts proves the rows equal).
 * Returns undefined when the place is not found in scope.
 */
export async function insertNewDemand(db: Q, n: NewDemand) {
  const { demand: d, actor: a, place } = n;
  const due = d.due_at.toISOString();
  const r = await db.executeQuery<{
    id: number; event_id: number; org_id: number; org_path: string; county_code: string; household_id: number | null;
    address: string | null; place_name: string; community_name: string | null; compound_name: string | null;
  }>(CompiledQuery.raw(INTAKE_SQL, [
    place.orgId, place.householdId, place.scopePath + '%',
    d.channel, d.category_code, d.description, d.address, d.lat ?? null,
    d.lng ?? null, d.photos, d.reporter_account_id ?? null, d.reporter_name ?? null,
    d.reporter_phone_enc ?? null, d.reporter_phone_hash ?? null, d.reporter_phone_mask ?? null,
    due, d.client_id ?? null, d.created_at.toISOString(),
    a.accountId, a.username, a.displayName, a.role, a.ip,
    n.eventDetail, n.warnAt.toISOString(), due, n.auditAfter,
    n.notice?.title ?? null, n.notice?.body ?? null,
  ]));
  const row = r.rows[0];
  return row && { ...row, event_id: Number(row.event_id) };
}

export function insertEvent(db: Q, v: Insertable<DemandEventTable>) {
  return db.insertInto('demand_event').values(v).execute();
}

export function timeline(db: Q, demandId: number) {
  return db.selectFrom('demand_event').selectAll().where('demand_id', '=', demandId).orderBy('id').execute();
}

export function dispatchesOf(db: Q, demandId: number) {
  return db
    .selectFrom('demand_dispatch as x')
    .innerJoin('department as dep', 'dep.id', 'x.department_id')
    .select(['x.id', 'x.department_id', 'dep.name as department_name', 'x.state', 'x.created_at', 'x.report_due_at',
      'x.accepted_at', 'x.resolved_at', 'x.returned_at', 'x.return_reason'])
    .where('x.demand_id', '=', demandId)
    .orderBy('x.id')
    .execute();
}

/** Open demands of the same category at the same place in the last 14 days: likely the same problem. */
export function likelyDuplicates(db: Q, scope: Scope, orgId: number, category: string, since: Date) {
  return selectDemands(db)
    .where('d.org_id', '=', orgId)
    .where('d.category_code', '=', category)
    .where('d.created_at', '>=', since)
    .where('d.closed_at', 'is', null)
    .where('d.merged_into_id', 'is', null)
    .where(inScope(scope, 'd.org_path'))
    .orderBy('d.id', 'desc')
    .limit(5)
    .execute();
}

/** Accounts to tell about a new demand: the grid workers and community staff above its place, but not `except` (who recorded it). */
export function staffAbove(db: Q, orgPath: string, except?: number) {
  return db.selectFrom('account').select(['id', 'role', 'scope_path'])
    .where('role', 'in', ['grid_worker', 'community_worker', 'community_secretary'])
    .where(sql<boolean>`${orgPath} LIKE scope_path || '%'`)
    .where('disabled', '=', false)
    .$if(except !== undefined, (qb) => qb.where('id', '<>', except!))
    .limit(50)
    .execute();
}

/** Who decides a community-level extension: the community's secretary and workers. */
export function communityStaffAbove(db: Q, orgPath: string) {
  return db.selectFrom('account').select(['id'])
    .where('role', 'in', ['community_secretary', 'community_worker'])
    .where(sql<boolean>`${orgPath} LIKE scope_path || '%'`)
    .where('disabled', '=', false)
    .limit(20)
    .execute();
}

export function streetAdminsAbove(db: Q, orgPath: string) {
  return db.selectFrom('account').select(['id'])
    .where('role', '=', 'street_admin')
    .where(sql<boolean>`${orgPath} LIKE scope_path || '%'`)
    .limit(20)
    .execute();
}

/** The caller's department and resident links: which whistles a department sees, whose household a resident's is. */
export function accountLinks(db: Q, accountId: number) {
  return db.selectFrom('account').select(['department_id', 'resident_id']).where('id', '=', accountId).executeTakeFirstOrThrow();
}

export function ownHouseholdId(db: Q, accountId: number) {
  return db.selectFrom('account').innerJoin('resident', 'resident.id', 'account.resident_id')
    .select('resident.household_id').where('account.id', '=', accountId).executeTakeFirst();
}

export function findByClientId(db: Q, clientId: string) {
  return db.selectFrom('demand').select(['id', 'reporter_account_id']).where('client_id', '=', clientId).executeTakeFirst();
}

export function householdPlace(db: Q, householdId: number) {
  return db.selectFrom('household').innerJoin('org_unit as o', 'o.id', 'household.unit_id')
    .select(['household.id', 'household.unit_id', 'household.org_path', 'household.county_code', 'household.address', 'o.name as unit_name'])
    .where('household.id', '=', householdId).executeTakeFirst();
}

export function accountForAssign(db: Q, accountId: number) {
  return db.selectFrom('account').select(['id', 'display_name', 'role', 'scope_path']).where('id', '=', accountId).executeTakeFirst();
}

export function mergeTarget(db: Q, id: number) {
  return db.selectFrom('demand').select(['id', 'org_path', 'state', 'merged_into_id']).where('id', '=', id).executeTakeFirst();
}

export function addMeToo(db: Q, id: number, count: number) {
  return db.updateTable('demand').set((eb) => ({ me_too_count: eb('me_too_count', '+', count) })).where('id', '=', id).execute();
}

export function updateDemand(db: Q, id: number, set: Record<string, unknown>) {
  return db.updateTable('demand').set(set).where('id', '=', id).execute();
}

export function insertExtension(db: Q, v: Insertable<DemandExtensionTable>) {
  return db.insertInto('demand_extension').values(v).returning('id').executeTakeFirstOrThrow();
}

export function pendingExtensionForUpdate(db: Q, demandId: number) {
  return db.selectFrom('demand_extension').selectAll().where('demand_id', '=', demandId).where('state', '=', 'requested')
    .forUpdate().executeTakeFirst();
}

export function decideExtensionRow(db: Q, id: number, set: Updateable<DemandExtensionTable>) {
  return db.updateTable('demand_extension').set(set).where('id', '=', id).execute();
}

export function meTooTarget(db: Q, id: number) {
  return db.selectFrom('demand').select(['id', 'org_path', 'county_code', 'closed_at']).where('id', '=', id).executeTakeFirst();
}

/** One "me too" per account and demand; false when this account had already joined. */
export async function insertMeToo(db: Q, demandId: number, accountId: number, at: Date) {
  const res = await db.insertInto('demand_me_too').values({ demand_id: demandId, account_id: accountId, at })
    .onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function reporterPhone(db: Q, id: number) {
  return db.selectFrom('demand').select(['reporter_phone_enc', 'org_path', 'county_code']).where('id', '=', id).executeTakeFirstOrThrow();
}

export function demandById(db: Q, id: number) {
  return db.selectFrom('demand').selectAll().where('id', '=', id).executeTakeFirst();
}

export function setOverdue(db: Q, id: number, at: Date) {
  return db.updateTable('demand').set({ overdue_at: at }).where('id', '=', id).execute();
}

/**
 * Demands for an outside feed (Open311's requests list): by ids, or created in a period with
 * optional categories and open/closed, newest first, at most 1,000 — with the time of the last
 * step, the last note on the timeline and the departments still on it.
 */
export function feedRows(db: Q, scope: Scope, where: { ids?: number[]; categories?: string[]; closed?: boolean; start: Date; end: Date }, closedStates: readonly string[]) {
  let q = db.selectFrom('demand as d')
    .innerJoin('demand_category as c', 'c.code', 'd.category_code')
    .innerJoin('org_unit as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.state', 'd.description', 'd.category_code', 'c.name as category_name', 'd.created_at', 'd.due_at', 'd.address',
      'd.lat', 'd.lng', 'd.photos', 'o.name as place_name', 'd.closed_at', 'd.merged_into_id', 'd.org_id', 'd.org_path'])
    .select((eb) => [
      eb.selectFrom('demand_event as e').select('e.at').whereRef('e.demand_id', '=', 'd.id').orderBy('e.id', 'desc').limit(1).as('updated_at'),
      eb.selectFrom('demand_event as e').select('e.note').whereRef('e.demand_id', '=', 'd.id').where('e.note', 'is not', null).orderBy('e.id', 'desc').limit(1).as('last_note'),
      eb.selectFrom('demand_dispatch as x').innerJoin('department as dep', 'dep.id', 'x.department_id')
        .select(sql<string>`string_agg(DISTINCT dep.name, '、')`.as('n')).whereRef('x.demand_id', '=', 'd.id').where('x.state', '!=', 'returned').as('agencies'),
    ])
    .where(inScope(scope, 'd.org_path'));
  if (where.ids) q = q.where('d.id', 'in', where.ids.length ? where.ids : [-1]);
  else {
    q = q.where('d.created_at', '>=', where.start).where('d.created_at', '<=', where.end);
    if (where.categories?.length) q = q.where('d.category_code', 'in', where.categories);
    if (where.closed === false) q = q.where('d.state', 'not in', [...closedStates]);
    if (where.closed === true) q = q.where('d.state', 'in', [...closedStates]);
  }
  return q.orderBy('d.created_at', 'desc').limit(1000).execute();
}

/** A demand an outside system filed, by the client id it was filed under, in scope. */
export function idByClientId(db: Q, scope: Scope, clientId: string) {
  return db.selectFrom('demand').select(['id']).where('client_id', '=', clientId).where(inScope(scope, 'org_path')).executeTakeFirst();
}
