import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { CobuildNeedStatus, CobuildNeedTable, CobuildResourceTable } from './cobuild-lists.tables.js';
import type { CobuildCategoryCode } from './cobuild-lists.schemas.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Date columns as text, so no driver turns a calendar day into a local-midnight instant. */
export const dayText = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

/** The work unit an admin account acts for (account.work_unit_id), if linked. */
export function unitOfAccount(db: Q, accountId: number) {
  return db.selectFrom('account as a').innerJoin('work_unit as u', 'u.id', 'a.work_unit_id')
    .leftJoin('org_unit as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.name', 'u.org_path', 'u.county_code', 'u.dissolved_at', 'o.name as area_name'])
    .where('a.id', '=', accountId).executeTakeFirst();
}
export type UnitOfAccount = NonNullable<Awaited<ReturnType<typeof unitOfAccount>>>;

export function workUnitById(db: Q, id: number) {
  return db.selectFrom('work_unit').select(['id', 'name', 'org_path', 'county_code', 'dissolved_at']).where('id', '=', id).executeTakeFirst();
}

/**
 * Live units that may serve places under `path`: registered by that place's county or street or
 * by an org inside the caller's scope (a street's units), by name.
 */
export function unitOptions(db: Q, scope: Scope, path: string) {
  return db.selectFrom('work_unit').select(['id', 'name']).where('dissolved_at', 'is', null)
    .where((eb) => eb.or([sql<boolean>`${path} LIKE work_unit.org_path || '%'`, inScope(scope, 'work_unit.org_path')]))
    .orderBy('name').limit(500).execute();
}

// ---- needs ----
function selectNeeds(db: Q) {
  return db.selectFrom('cobuild_need as n')
    .innerJoin('org_unit as c', 'c.id', 'n.community_id')
    .innerJoin('org_unit as p', 'p.id', 'n.place_id')
    .leftJoin('cobuild_project as pr', 'pr.need_id', 'n.id')
    .select(['n.id', 'n.community_id', 'n.place_id', 'n.org_path', 'n.county_code', 'n.category', 'n.title', 'n.detail', 'n.size',
      'n.status', 'n.created_at', 'c.name as community_name', 'c.path as community_path', 'p.name as place_name', 'p.kind as place_kind', 'pr.id as project_id'])
    .select([dayText('n.starts_on').as('starts_on'), dayText('n.ends_on').as('ends_on')]);
}
export type NeedRow = Awaited<ReturnType<ReturnType<typeof selectNeeds>['executeTakeFirstOrThrow']>>;

export async function listNeeds(
  db: Q, scope: Scope, f: { path?: string; status?: CobuildNeedStatus; category?: CobuildCategoryCode; page: number; pageSize: number },
) {
  const base = db.selectFrom('cobuild_need as n').where(inScope(scope, 'n.org_path'))
    .$if(!!f.path, (q) => q.where('n.org_path', 'like', `${f.path}%`))
    .$if(!!f.status, (q) => q.where('n.status', '=', f.status!))
    .$if(!!f.category, (q) => q.where('n.category', '=', f.category!));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = await base.select('n.id').orderBy('n.starts_on', 'desc').orderBy('n.id', 'desc')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const rows = ids.length ? await selectNeeds(db).where('n.id', 'in', ids.map((r) => r.id)).execute() : [];
  const order = new Map(ids.map((r, i) => [r.id, i]));
  return { rows: rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!), total: Number(total) };
}

export function needInScope(db: Q, scope: Scope, id: number) {
  return selectNeeds(db).where('n.id', '=', id).where(inScope(scope, 'n.org_path')).executeTakeFirst();
}

/** The need's row locked for a change (a match, a publication, closing). */
export function lockNeed(trx: Transaction<DB>, scope: Scope, id: number) {
  return trx.selectFrom('cobuild_need').select(['id', 'status', 'community_id', 'org_path', 'county_code', 'category', 'size', 'title'])
    .select([dayText('starts_on').as('starts_on'), dayText('ends_on').as('ends_on')])
    .where('id', '=', id).where(inScope(scope, 'org_path')).forUpdate().executeTakeFirst();
}

export function insertNeed(trx: Transaction<DB>, v: Insertable<CobuildNeedTable>) {
  return trx.insertInto('cobuild_need').values(v).returning('id').executeTakeFirstOrThrow();
}

/** Moves a need on only from the state the caller saw: false when someone else moved it first. */
export async function setNeedStatus(trx: Transaction<DB>, id: number, from: CobuildNeedStatus, to: CobuildNeedStatus) {
  const r = await trx.updateTable('cobuild_need').set({ status: to }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- resources ----
function selectResources(db: Q) {
  return db.selectFrom('cobuild_resource as r').innerJoin('work_unit as u', 'u.id', 'r.work_unit_id')
    .select(['r.id', 'r.work_unit_id', 'r.org_path', 'r.county_code', 'r.category', 'r.title', 'r.detail', 'r.capacity', 'r.created_at',
      'r.withdrawn_at', 'u.name as work_unit_name', 'u.dissolved_at as unit_dissolved_at'])
    .select([dayText('r.available_from').as('available_from'), dayText('r.available_to').as('available_to')]);
}
export type ResourceRow = Awaited<ReturnType<ReturnType<typeof selectResources>['executeTakeFirstOrThrow']>>;

/** A resource reaches the caller when one of its places lies in the scope or covers it (a street-wide offer seen by a community). */
const reaches = (path: string) => sql<boolean>`EXISTS (SELECT 1 FROM cobuild_resource_place rp WHERE rp.resource_id = r.id
  AND (rp.org_path LIKE ${path + '%'} OR ${path} LIKE rp.org_path || '%'))`;

export async function listResources(
  db: Q, f: { path: string; unitId?: number; category?: CobuildCategoryCode; includeWithdrawn: boolean; page: number; pageSize: number },
) {
  const base = db.selectFrom('cobuild_resource as r')
    .$if(f.unitId != null, (q) => q.where('r.work_unit_id', '=', f.unitId!))
    .where(reaches(f.path))
    .$if(!!f.category, (q) => q.where('r.category', '=', f.category!))
    .$if(!f.includeWithdrawn, (q) => q.where('r.withdrawn_at', 'is', null));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = await base.select('r.id').orderBy('r.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const rows = ids.length ? await selectResources(db).where('r.id', 'in', ids.map((r) => r.id)).orderBy('r.id', 'desc').execute() : [];
  return { rows, total: Number(total) };
}

/** All of a unit's resources (its admin's list), newest first. */
export async function listUnitResources(db: Q, unitId: number, page: number, pageSize: number) {
  const { total } = await db.selectFrom('cobuild_resource').select((eb) => eb.fn.countAll<number>().as('total'))
    .where('work_unit_id', '=', unitId).executeTakeFirstOrThrow();
  const rows = await selectResources(db).where('r.work_unit_id', '=', unitId).orderBy('r.id', 'desc')
    .limit(pageSize).offset((page - 1) * pageSize).execute();
  return { rows, total: Number(total) };
}

export function resourceById(db: Q, id: number) {
  return selectResources(db).where('r.id', '=', id).executeTakeFirst();
}

export function resourceReaching(db: Q, path: string, id: number) {
  return selectResources(db).where('r.id', '=', id).where(reaches(path)).executeTakeFirst();
}

export function placesOfResources(db: Q, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('cobuild_resource_place as rp').innerJoin('org_unit as o', 'o.id', 'rp.place_id')
    .select(['rp.resource_id', 'rp.place_id as id', 'rp.org_path', 'o.name', 'o.kind'])
    .where('rp.resource_id', 'in', [...ids]).orderBy('rp.org_path').execute();
}

export async function insertResource(
  trx: Transaction<DB>, v: Insertable<CobuildResourceTable>, places: readonly { id: number; path: string; county_code: string }[],
) {
  const { id } = await trx.insertInto('cobuild_resource').values(v).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('cobuild_resource_place')
    .values(places.map((p) => ({ resource_id: id, place_id: p.id, org_path: p.path, county_code: p.county_code }))).execute();
  return id;
}

export async function withdrawResource(trx: Transaction<DB>, id: number, at: Date) {
  const r = await trx.updateTable('cobuild_resource').set({ withdrawn_at: at }).where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
