import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, DemandEventTable, DemandTable } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { WorkdayOverrides } from './deadlines.js';

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
    .select(['c.name as category_name', 'o.name as place_name', 'h.display_name as handler_name']);
}
export type DemandRow = Awaited<ReturnType<ReturnType<typeof selectDemands>['executeTakeFirstOrThrow']>>;

export function findDemandForUpdate(db: Transaction<DB>, id: number) {
  return db.selectFrom('demand').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertDemand(db: Q, v: Insertable<DemandTable>) {
  return db.insertInto('demand').values(v).returning('id').executeTakeFirstOrThrow();
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

export async function workdayOverrides(db: Q, from: Date, days = 120): Promise<WorkdayOverrides> {
  const to = new Date(from.getTime() + days * 86400_000);
  const rows = await db.selectFrom('work_calendar').select(['day', 'workday'])
    .where('day', '>=', from.toISOString().slice(0, 10)).where('day', '<=', to.toISOString().slice(0, 10)).execute();
  return new Map(rows.map((r) => [typeof r.day === 'string' ? r.day : (r.day as Date).toISOString().slice(0, 10), r.workday]));
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

/** Accounts to tell about a new demand: the grid workers and community staff above its place. */
export function staffAbove(db: Q, orgPath: string) {
  return db.selectFrom('account').select(['id', 'role', 'scope_path'])
    .where('role', 'in', ['grid_worker', 'community_worker', 'community_secretary'])
    .where(sql<boolean>`${orgPath} LIKE scope_path || '%'`)
    .where('disabled', '=', false)
    .limit(50)
    .execute();
}

export function streetAdminsAbove(db: Q, orgPath: string) {
  return db.selectFrom('account').select(['id'])
    .where('role', '=', 'street_admin')
    .where(sql<boolean>`${orgPath} LIKE scope_path || '%'`)
    .limit(20)
    .execute();
}
