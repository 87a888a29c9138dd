import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, OrgUnitTable } from '../../database.js';
import { ORG_PATH_MODULES, ORG_PATH_TABLES } from '../org-path-registry.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

const unitColumns = [
  'o.id', 'o.parent_id', 'o.kind', 'o.code', 'o.name', 'o.path', 'o.depth',
  'o.county_code', 'o.grid_type', 'o.dissolved_at',
] as const;

function withChildCount(db: Q) {
  return db
    .selectFrom('org_unit as o')
    .select(unitColumns)
    .select((eb) =>
      eb
        .selectFrom('org_unit as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'o.id')
        .where('c.dissolved_at', 'is', null)
        .as('child_count'),
    );
}

export type OrgUnitRow = NonNullable<Awaited<ReturnType<typeof findUnit>>>;

/** One unit, only if inside the scope. */
export function findUnit(db: Q, scope: Scope, id: number) {
  return withChildCount(db).where('o.id', '=', id).where(inScope(scope, 'o.path')).executeTakeFirst();
}

/** Lookup without scope, for the service's own checks (e.g. the parent of a unit in scope). */
export function findUnitUnscoped(db: Q, id: number) {
  return withChildCount(db).where('o.id', '=', id).executeTakeFirst();
}

export function listChildren(db: Q, scope: Scope, parentId: number, page: number, pageSize: number) {
  return withChildCount(db)
    .where('o.parent_id', '=', parentId)
    .where('o.dissolved_at', 'is', null)
    .where(inScope(scope, 'o.path'))
    .orderBy('o.code')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

export async function countChildren(db: Q, parentId: number) {
  const r = await db
    .selectFrom('org_unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', parentId)
    .where('dissolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Names of units by id (missing ids are left out). */
export async function namesOf(db: Q, ids: readonly number[]) {
  if (!ids.length) return new Map<number, string>();
  const rows = await db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((a) => [a.id, a.name]));
}

/** Those of `ids` that are live children of the unit. */
export function liveChildrenAmong(db: Q, parentId: number, ids: readonly number[]) {
  return db.selectFrom('org_unit').select(['id', 'name', 'path'])
    .where('parent_id', '=', parentId).where('dissolved_at', 'is', null).where('id', 'in', [...ids]).execute();
}

export async function updateUnit(db: Q, id: number, v: Updateable<OrgUnitTable>) {
  await db.updateTable('org_unit').set(v).where('id', '=', id).execute();
}

/**
 * Everything that names the merged unit by id now names the target: its children, the
 * households of a merged building unit, party orgs, staff, merchants and accounts placed on it.
 */
export async function reassignUnit(db: Q, fromId: number, toId: number) {
  await db.updateTable('org_unit').set({ parent_id: toId }).where('parent_id', '=', fromId).execute();
  await db.updateTable('household').set({ unit_id: toId }).where('unit_id', '=', fromId).execute();
  await db.updateTable('party_org').set({ org_id: toId }).where('org_id', '=', fromId).execute();
  await db.updateTable('staff').set({ org_id: toId }).where('org_id', '=', fromId).execute();
  await db.updateTable('merchant').set({ org_id: toId }).where('org_id', '=', fromId).execute();
  await db.updateTable('account').set({ scope_org_id: toId }).where('scope_org_id', '=', fromId).execute();
}

export function ancestorsOf(db: Q, path: string) {
  const ids = path.split('.').filter(Boolean).map(Number);
  return db.selectFrom('org_unit').select(['id', 'name', 'kind']).where('id', 'in', ids).orderBy('depth').execute();
}

export function searchUnits(db: Q, scope: Scope, q: string, kind: string | undefined, limit: number) {
  const isCode = /^\d+$/.test(q);
  return withChildCount(db)
    .where(inScope(scope, 'o.path'))
    .where('o.dissolved_at', 'is', null)
    .where(isCode ? sql<boolean>`o.code LIKE ${q + '%'}` : sql<boolean>`o.name LIKE ${'%' + q + '%'}`)
    .$if(!!kind, (qb) => qb.where('o.kind', '=', kind as never))
    .orderBy('o.depth')
    .orderBy('o.code')
    .limit(limit)
    .execute();
}

export async function countPeopleUnder(db: Q, path: string) {
  const [h, r] = await Promise.all([
    db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n'))
      .where(sql<boolean>`org_path LIKE ${path + '%'}`).executeTakeFirstOrThrow(),
    db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n'))
      .where(sql<boolean>`org_path LIKE ${path + '%'}`).where('moved_out_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return { households: h.n, residents: r.n };
}

export function gridsWithCounts(db: Q, scope: Scope, path: string) {
  return db
    .selectFrom('org_unit as g')
    .select(['g.id', 'g.name', 'g.code', 'g.grid_type', 'g.geometry'])
    .select((eb) =>
      eb.selectFrom('household as h').select(eb.fn.countAll<number>().as('n'))
        .where(sql<boolean>`h.org_path LIKE g.path || '%'`).as('household_count'),
    )
    // The grid's workers (网格员) still in post, with the phone masked as stored: the map's contact.
    .select(sql<{ name: string; phone: string | null }[] | null>`(
      SELECT jsonb_agg(jsonb_build_object('name', s.name, 'phone', s.phone_mask) ORDER BY s.id)
      FROM staff s WHERE s.org_id = g.id AND s.post = 'grid_worker' AND s.left_on IS NULL)`.as('grid_workers'))
    .where('g.kind', '=', 'grid')
    .where('g.dissolved_at', 'is', null)
    .where(sql<boolean>`g.path LIKE ${path + '%'}`)
    .where(inScope(scope, 'g.path'))
    .orderBy('g.code')
    .limit(5000)
    .execute();
}

/** County units at or under a path that carry an outline, within scope: the city map's shapes. */
export function countyOutlines(db: Q, scope: Scope, path: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name', 'code', 'geometry'])
    .where('kind', '=', 'county')
    .where('dissolved_at', 'is', null)
    .where('geometry', 'is not', null)
    .where(sql<boolean>`path LIKE ${path + '%'}`)
    .where(inScope(scope, 'path'))
    .orderBy('code')
    .execute();
}

export function eventsOf(db: Q, orgId: number) {
  return db
    .selectFrom('org_event as e')
    .leftJoin('account as a', 'a.id', 'e.account_id')
    .select(['e.id', 'e.kind', 'e.at', 'e.detail', 'a.display_name as actor'])
    .where('e.org_id', '=', orgId)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(200)
    .execute();
}

/** Inserts with a placeholder path; the caller sets the real one once the id is known. */
export function insertUnit(db: Q, v: Omit<Insertable<OrgUnitTable>, 'path'>) {
  return db.insertInto('org_unit').values({ ...v, path: `new:${crypto.randomUUID()}` }).returning('id').executeTakeFirstOrThrow();
}

export async function setPath(db: Q, id: number, path: string) {
  await db.updateTable('org_unit').set({ path }).where('id', '=', id).execute();
}

export async function insertEvent(
  db: Q,
  e: { orgId: number; kind: DB['org_event']['kind']; accountId: number | null; orgPath: string; countyCode: string; detail: unknown; at?: Date },
) {
  await db
    .insertInto('org_event')
    .values({
      org_id: e.orgId, kind: e.kind, account_id: e.accountId, org_path: e.orgPath,
      county_code: e.countyCode, detail: JSON.stringify(e.detail), ...(e.at ? { at: e.at } : {}),
    })
    .execute();
}

/**
 * Rewrites the path prefix `from` to `to` on every row below it, in every table that carries
 * org paths, so scope checks keep working after a move or merge. `excludeId` keeps the merged
 * unit itself where it was. Runs inside the caller's transaction.
 */
export async function rewritePaths(db: Q, from: string, to: string, depthDelta: number, countyCode: string | null, excludeId?: number) {
  const like = from + '%';
  await db
    .updateTable('org_unit')
    .set((eb) => ({
      path: sql`${to} || substr(${eb.ref('path')}, ${from.length + 1})`,
      depth: sql`depth + ${depthDelta}`,
      ...(countyCode ? { county_code: countyCode } : {}),
    }))
    .where(sql<boolean>`path LIKE ${like}`)
    .$if(excludeId !== undefined, (qb) => qb.where('id', '!=', excludeId!))
    .execute();
  // Each module declared how its rows follow (server/platform/org-paths.ts, ADR 0006).
  for (const t of ORG_PATH_TABLES) {
    if (t.onMove === 'kept') continue;
    const county = countyCode && t.onMove !== 'county_recorded' ? countyCode : null;
    await sql`UPDATE ${sql.table(t.table)} SET org_path = ${to} || substr(org_path, ${from.length + 1})
      ${county ? sql`, county_code = ${county}` : sql``}
      WHERE org_path LIKE ${like}`.execute(db);
  }
  await sql`UPDATE account SET scope_path = ${to} || substr(scope_path, ${from.length + 1})
    ${countyCode ? sql`, county_code = ${countyCode}` : sql``}
    WHERE scope_path LIKE ${like}`.execute(db);
  for (const m of ORG_PATH_MODULES) await m.afterMove?.(db, { from, to, countyCode });
}
