import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Snapshot rows of some units for a month (all indicators). */
export function snapshotsOf(db: Q, month: string, orgIds: readonly number[]) {
  if (!orgIds.length) return Promise.resolve([]);
  return db.selectFrom('indicator_snapshot').select(['indicator', 'org_id', 'num', 'den'])
    .where('month', '=', month).where('org_id', 'in', [...orgIds]).execute();
}

/** One unit's snapshot rows of one indicator over months. */
export function trendOf(db: Q, orgId: number, indicator: string, months: readonly string[]) {
  return db.selectFrom('indicator_snapshot').select(['month', 'num', 'den'])
    .where('org_id', '=', orgId).where('indicator', '=', indicator).where('month', 'in', [...months]).execute();
}

/** Which of some months have been snapshotted at all: one query however many months. */
export async function monthsTaken(db: Q, months: readonly string[]): Promise<Set<string>> {
  if (!months.length) return new Set();
  const rows = await db.selectFrom('indicator_snapshot').select('month').distinct().where('month', 'in', [...months]).execute();
  return new Set(rows.map((r) => r.month));
}

/** Whether a month has been snapshotted at all. */
export async function monthTaken(db: Q, month: string) {
  return !!(await db.selectFrom('indicator_snapshot').select('org_id').where('month', '=', month).limit(1).executeTakeFirst());
}

/** Every unit from city to grid that stood at `at`: where a snapshot row is filed. */
export function unitsAt(db: Q, at: Date) {
  return db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'depth'])
    .where('kind', 'in', ['city', 'county', 'street', 'community', 'grid'])
    .where('created_at', '<', at).where((eb) => eb.or([eb('dissolved_at', 'is', null), eb('dissolved_at', '>=', at)]))
    .execute();
}

export async function insertSnapshots(db: Q, rows: { month: string; indicator: string; org_id: number; org_path: string; county_code: string; depth: number; num: number; den: number | null }[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    // A month is counted once: a second count of the same month (a retried timer) changes nothing.
    await db.insertInto('indicator_snapshot').values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['month', 'indicator', 'org_id']).doNothing()).execute();
  }
}

/** Live children of a unit (the levels the cockpit drills through). */
export function childUnits(db: Q, parentId: number) {
  return db.selectFrom('org_unit').select(['id', 'name', 'kind'])
    .where('parent_id', '=', parentId).where('dissolved_at', 'is', null)
    .where('kind', 'in', ['county', 'street', 'community', 'grid']).orderBy('code').orderBy('id').execute();
}
