import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, DemandCategoryTable } from '../../database.js';
import type { WorkdayOverrides } from './deadlines.js';

/**
 * Categories and the work calendar change a few times a year (by migration), yet every intake
 * and every deadline needs them: each process keeps them for a short while instead of asking
 * the database on every request. Kept per database handle, so test apps never share them.
 */
const TTL_MS = 60_000;

interface Cached {
  until: number;
  categories: Map<string, Selectable<DemandCategoryTable>>;
  calendar: WorkdayOverrides;
}
const cache = new WeakMap<object, Cached>();

/** `key` names the cache (the app's database handle); `q` runs the load, maybe inside a transaction. */
async function load(key: Kysely<DB>, q: Kysely<DB> | Transaction<DB>): Promise<Cached> {
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit;
  const [categories, days] = await Promise.all([
    q.selectFrom('demand_category').selectAll().execute(),
    q.selectFrom('work_calendar').select([sql<string>`day::text`.as('day'), 'workday']).execute(),
  ]);
  const fresh: Cached = {
    until: Date.now() + TTL_MS,
    categories: new Map(categories.map((c) => [c.code, c])),
    calendar: new Map(days.map((r) => [r.day, r.workday])),
  };
  cache.set(key, fresh);
  return fresh;
}

export async function findCategory(key: Kysely<DB>, code: string, q: Kysely<DB> | Transaction<DB> = key) {
  return (await load(key, q)).categories.get(code);
}

export async function workCalendar(key: Kysely<DB>, q: Kysely<DB> | Transaction<DB> = key): Promise<WorkdayOverrides> {
  return (await load(key, q)).calendar;
}

/** After a calendar or category change in this process (and in tests that edit them directly). */
export function forgetDemandLookups(key: Kysely<DB>) {
  cache.delete(key);
}

/** Every category with its time limit, in the order the forms offer them. */
export async function allCategories(key: Kysely<DB>) {
  return [...(await load(key, key)).categories.values()].sort((a, b) => a.sort - b.sort);
}
