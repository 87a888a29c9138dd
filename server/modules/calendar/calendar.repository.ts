import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';

/** The SQL of the working-day calendar: one row per day that differs from the Monday–Friday week. */
type Q = Kysely<DB> | Transaction<DB>;

export function daysOfYear(db: Q, year: number) {
  return db.selectFrom('work_calendar')
    .select([sql<string>`day::text`.as('day'), 'workday', 'note'])
    .where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`)
    .orderBy('day').execute();
}

export function findDay(db: Q, day: string) {
  return db.selectFrom('work_calendar').select(['workday', 'note']).where('day', '=', day).executeTakeFirst();
}

export async function deleteDay(db: Q, day: string) {
  await db.deleteFrom('work_calendar').where('day', '=', day).execute();
}

export async function upsertDay(db: Q, row: { day: string; workday: boolean; note: string | null }) {
  await db.insertInto('work_calendar').values(row)
    .onConflict((oc) => oc.column('day').doUpdateSet({ workday: row.workday, note: row.note })).execute();
}
