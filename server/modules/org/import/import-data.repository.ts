import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, HouseholdTable, OrgEventTable, OrgUnitTable } from '../../../database.js';
import { readInChunks } from './lookup-chunks.js';

/**
 * The SQL of an import: lookups by the codes a file mentions, and multi-row inserts for the
 * write phase (one statement per batch instead of one per row).
 */
type Q = Kysely<DB> | Transaction<DB>;


/** Live units with these codes, wherever they are: scope is the validator's decision. */
export function findLiveUnitsByCode(db: Q, codes: readonly string[]) {
  return readInChunks(codes, (part) => db.selectFrom('org_unit')
    .select(['id', 'code', 'kind', 'name', 'path', 'county_code'])
    .where('code', 'in', part).where('dissolved_at', 'is', null).execute());
}

export function findRooms(db: Q, unitIds: readonly number[]) {
  return readInChunks(unitIds, (part) => db.selectFrom('household').select(['unit_id', 'room']).where('unit_id', 'in', part).execute());
}

/**
 * The existing parents, re-read inside the write transaction and locked against moves and
 * merges until it commits: paths are computed from these, not from what validation saw.
 */
export function lockParents(trx: Transaction<DB>, ids: readonly number[]) {
  return readInChunks(ids, (part) => trx.selectFrom('org_unit')
    .select(['id', 'kind', 'path', 'depth', 'county_code'])
    .where('id', 'in', part).where('dissolved_at', 'is', null).forShare().execute());
}

/** Takes n ids from org_unit's identity sequence, so paths can be written in the insert itself. */
export async function allocateUnitIds(trx: Transaction<DB>, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let left = n; left > 0; left -= 50_000) {
    const { rows } = await sql<{ id: number }>`
      SELECT nextval(pg_get_serial_sequence('org_unit', 'id'))::integer AS id
      FROM generate_series(1, ${Math.min(left, 50_000)})`.execute(trx);
    for (const r of rows) ids.push(r.id);
  }
  return ids;
}

export async function insertUnits(trx: Transaction<DB>, rows: Insertable<OrgUnitTable>[]) {
  if (rows.length) await trx.insertInto('org_unit').values(rows).execute();
}

export async function insertEvents(trx: Transaction<DB>, rows: Insertable<OrgEventTable>[]) {
  if (rows.length) await trx.insertInto('org_event').values(rows).execute();
}

export async function insertHouseholds(trx: Transaction<DB>, rows: Insertable<HouseholdTable>[]) {
  if (rows.length) await trx.insertInto('household').values(rows).execute();
}
