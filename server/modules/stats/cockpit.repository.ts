import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';

type Q = Kysely<DB> | Transaction<DB>;

/** One indicator's figure for one unit, as filed: the unit's figure and its own part (rows at it, at no child). */
export interface FigureRow {
  month: string; indicator: string; org_id: number; org_path: string; county_code: string; depth: number;
  num: number; den: number | null; own_num: number; own_den: number | null;
}

/** Where counted figures are kept: month-end snapshots, or the month under way counted every few minutes. */
export type FigureStore = 'indicator_snapshot' | 'indicator_current';

/** Parts of one indicator for one unit as read back. */
export interface StoredPart { indicator: string; org_id: number; num: string | number; den: string | number | null }

/**
 * Figures of some units (a unit and its children) for a month as filed, read for the tree as it
 * stands today. While nothing under the unit has moved, merged or split since the count, that is
 * the filed rows themselves. Otherwise each filed unit's own part is added to the unit of today
 * it now lies under: a unit merged away counts under the unit it went into, a moved community
 * under its new street — history stays filed under the unit that existed then.
 */
export async function storedFigures(
  db: Q, store: FigureStore, month: string, unit: { id: number; path: string; depth: number }, childIds: readonly number[], countedAt: Date,
): Promise<StoredPart[]> {
  const ids = [unit.id, ...childIds];
  if (!(await treeChangedSince(db, unit.path, countedAt))) {
    return db.selectFrom(store).select(['indicator', 'org_id', 'num', 'den'])
      .where('month', '=', month).where('org_id', 'in', ids).execute();
  }
  const moved = await mergedInto(db);
  // Today's place of each filed unit: its own path, or the path of the unit it was merged into.
  const place = moved.length
    ? sql`coalesce((SELECT m.path FROM (VALUES ${sql.join(moved.map((m) => sql`(${m.id}::int, ${m.path}::text)`))}) AS m(id, path) WHERE m.id = s.org_id), u.path)`
    : sql`u.path`;
  const child = sql`NULLIF(split_part(p.place, '.', ${sql.lit(unit.depth + 2)}), '')::int`;
  const r = await sql<{ child_id: number | null; indicator: string; num: string; den: string | null }>`
    SELECT ${child} AS child_id, p.indicator, sum(p.own_num) AS num, sum(p.own_den) AS den
    FROM (SELECT ${place} AS place, s.indicator, s.own_num, s.own_den FROM ${sql.table(store)} s JOIN org_unit u ON u.id = s.org_id WHERE s.month = ${month}) p
    WHERE p.place LIKE ${unit.path + '%'}
    GROUP BY 1, 2`.execute(db);
  // The unit is the sum of everything under it; each child the sum of what lies under it.
  const out = new Map<string, StoredPart & { num: number; den: number | null }>();
  const add = (orgId: number, x: { indicator: string; num: string; den: string | null }) => {
    const k = `${orgId}:${x.indicator}`;
    const o = out.get(k) ?? { indicator: x.indicator, org_id: orgId, num: 0, den: null };
    o.num += Number(x.num);
    if (x.den !== null) o.den = (o.den ?? 0) + Number(x.den);
    out.set(k, o);
  };
  const wanted = new Set(childIds);
  for (const x of r.rows) {
    add(unit.id, x);
    if (x.child_id !== null && wanted.has(x.child_id)) add(x.child_id, x);
  }
  return [...out.values()];
}

/** Whether units under `path` moved, merged or split after `since` (the path of then or now). */
async function treeChangedSince(db: Q, path: string, since: Date) {
  const r = await db.selectFrom('org_event').select('id')
    .where('kind', 'in', ['move', 'merge', 'split']).where('at', '>=', since)
    .where((eb) => eb.or([eb('org_path', 'like', `${path}%`), eb(sql<string>`detail->'from'->>'path'`, 'like', `${path}%`)]))
    .limit(1).executeTakeFirst();
  return !!r;
}

/** Every unit merged away, with the path of the live unit its rows now lie under (following merges of merges). */
async function mergedInto(db: Q): Promise<{ id: number; path: string }[]> {
  const events = await db.selectFrom('org_event').select(['org_id', sql<string>`detail->'into'->>'id'`.as('into')])
    .where('kind', '=', 'merge').where(sql<boolean>`org_id = (detail->'merged'->>'id')::int`).execute();
  if (!events.length) return [];
  const into = new Map(events.map((e) => [e.org_id, Number(e.into)]));
  const last = (id: number) => {
    let at = id;
    for (let hops = 0; into.has(at) && hops < 50; hops++) at = into.get(at)!;
    return at;
  };
  const finals = [...new Set([...into.keys()].map(last))];
  const paths = new Map((await db.selectFrom('org_unit').select(['id', 'path']).where('id', 'in', finals).execute()).map((u) => [u.id, u.path]));
  return [...into.keys()].flatMap((id) => (paths.has(last(id)) ? [{ id, path: paths.get(last(id))! }] : []));
}

/** Which of some months have been snapshotted at all: one query however many months, one index probe per month. */
export async function monthsTaken(db: Q, months: readonly string[]): Promise<Set<string>> {
  if (!months.length) return new Set();
  const r = await sql<{ month: string }>`
    SELECT v.month FROM (VALUES ${sql.join(months.map((m) => sql`(${m}::text)`))}) AS v(month)
    WHERE EXISTS (SELECT 1 FROM indicator_snapshot s WHERE s.month = v.month)`.execute(db);
  return new Set(r.rows.map((x) => x.month));
}

/**
 * When the month under way was last counted for every unit, read at the unit asked for: one probe
 * of the key. Every unit standing at the count has rows (it counts itself in the tree's figures);
 * one set up since has none, and is counted live until the next count.
 */
export async function currentCountedAt(db: Q, month: string, orgId: number): Promise<Date | null> {
  const r = await db.selectFrom('indicator_current').select('counted_at').where('org_id', '=', orgId).where('month', '=', month).limit(1).executeTakeFirst();
  return r ? new Date(r.counted_at) : null;
}

const COUNTED_KINDS = new Set(['city', 'county', 'street', 'community', 'grid']);

/**
 * Every unit from the city to the grids' depth, standing or gone (rows may still name a unit
 * gone since), with the ids of its path: a few thousand rows for the whole city, the tree only.
 */
export async function unitsUpToGrid(db: Q) {
  const rows = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'depth', 'kind', 'created_at', 'dissolved_at'])
    .where('depth', '<=', 4).execute();
  return rows.map((u) => ({
    id: u.id, path: u.path, county_code: u.county_code, depth: u.depth,
    ancestry: u.path.split('.').filter(Boolean).map(Number),
    /** Where a count is filed: a unit of the cockpit's levels standing at `at`. */
    standing: (at: Date) => COUNTED_KINDS.has(u.kind) && new Date(u.created_at) < at && (u.dissolved_at === null || new Date(u.dissolved_at) >= at),
  }));
}

/** When the first unit of the tree was set up (null for an empty tree). */
export async function firstUnitAt(db: Q): Promise<Date | null> {
  const r = await db.selectFrom('org_unit').select((eb) => eb.fn.min('created_at').as('at')).executeTakeFirst();
  return r?.at ? new Date(r.at as unknown as string) : null;
}

export async function insertSnapshots(db: Q, rows: readonly FigureRow[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    // A month is counted once: a second count of the same month (a retried timer) changes nothing.
    await db.insertInto('indicator_snapshot').values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['month', 'indicator', 'org_id']).doNothing()).execute();
  }
  // Fresh statistics for the pages that read the month at once (a plan made before the month's
  // rows were there walks the whole month instead of probing a unit).
  await sql`ANALYZE indicator_snapshot`.execute(db);
}

/** Replaces the count of the month under way with a new one, in the caller's transaction. */
export async function replaceCurrent(db: Q, rows: readonly FigureRow[], countedAt: Date) {
  await db.deleteFrom('indicator_current').execute();
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('indicator_current').values(rows.slice(i, i + 1000).map((r) => ({ ...r, counted_at: countedAt }))).execute();
  }
  await sql`ANALYZE indicator_current`.execute(db); // replaced whole: statistics of the new rows, not the old
}

/** Live children of a unit (the levels the cockpit drills through). */
export function childUnits(db: Q, parentId: number) {
  return db.selectFrom('org_unit').select(['id', 'name', 'kind'])
    .where('parent_id', '=', parentId).where('dissolved_at', 'is', null)
    .where('kind', 'in', ['county', 'street', 'community', 'grid']).orderBy('code').orderBy('id').execute();
}
