import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery, sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { AccountTable, DB, HouseholdTable, MerchantTable, PartyMemberTable, StaffTable } from '../../../database.js';
import { inScope, type Scope } from '../../../platform/scope.js';
import { RESIDENT_COLUMNS, type ResidentCopyBatch, type ResidentRow } from './resident-seal.js';
import { chunks, readInChunks } from './lookup-chunks.js';
import type { KnownBuilding } from './validate-people.js';

/**
 * The SQL of a people import: lookups by the codes and ID-number hashes a file mentions, and
 * multi-row inserts for the write phase.
 */
type Q = Kysely<DB> | Transaction<DB>;


/** Live buildings in scope with these codes, each with its live units. */
export async function findBuildings(db: Q, scope: Scope, codes: readonly string[]): Promise<Map<string, KnownBuilding>> {
  const out = new Map<string, KnownBuilding>();
  const byId = new Map<number, KnownBuilding>();
  for (const part of chunks(codes)) {
    const rows = await db.selectFrom('org_unit').select(['id', 'code', 'name', 'path', 'county_code'])
      .where('code', 'in', part).where('kind', '=', 'building').where('dissolved_at', 'is', null)
      .where(inScope(scope, 'path')).execute();
    for (const b of rows) {
      const k: KnownBuilding = { id: b.id, name: b.name, path: b.path, countyCode: b.county_code, units: [] };
      out.set(b.code, k);
      byId.set(b.id, k);
    }
  }
  for (const part of chunks([...byId.keys()])) {
    const units = await db.selectFrom('org_unit').select(['id', 'parent_id', 'code', 'name', 'path', 'county_code'])
      .where('parent_id', 'in', part).where('kind', '=', 'unit').where('dissolved_at', 'is', null).orderBy('code').execute();
    for (const u of units) {
      byId.get(u.parent_id!)?.units.push({ id: u.id, code: u.code, name: u.name, path: u.path, countyCode: u.county_code });
    }
  }
  return out;
}

export function findHouseholds(db: Q, unitIds: readonly number[]) {
  return readInChunks(unitIds, (part) => db.selectFrom('household').select(['id', 'unit_id', 'room', 'org_path', 'county_code'])
    .where('unit_id', 'in', part).execute());
}

/** Residents with these ID-number hashes anywhere (the register is unique city-wide). */
export function findResidentsByHash(db: Q, hashes: readonly string[]) {
  return readInChunks(hashes, (part) => db.selectFrom('resident as r')
    .leftJoin('party_member as m', 'm.resident_id', 'r.id')
    .select(['r.id', 'r.name', 'r.org_path', 'r.county_code', 'r.id_number_hash', 'r.moved_out_at', 'm.id as member_id'])
    .where('r.id_number_hash', 'in', part).execute());
}

export function findPartyOrgs(db: Q, scope: Scope) {
  return db.selectFrom('party_org').select(['id', 'name']).where(inScope(scope, 'org_path'))
    .where('dissolved_at', 'is', null).orderBy('id').execute();
}

export function findMerchantNames(db: Q, orgIds: readonly number[]) {
  return readInChunks(orgIds, (part) => db.selectFrom('merchant').select(['org_id', 'name']).where('org_id', 'in', part).execute());
}

/** Residents (with their current paths) re-read inside the write transaction, locked. */
export function lockResidents(trx: Transaction<DB>, ids: readonly number[]) {
  return readInChunks(ids, (part) => trx.selectFrom('resident').select(['id', 'org_path', 'county_code']).where('id', 'in', part)
    .forShare().execute());
}

/**
 * Existing households re-read inside the write transaction and locked against moves: one
 * statement with one array parameter, however many (a city-sized file names tens of thousands).
 */
export async function lockHouseholds(trx: Transaction<DB>, ids: readonly number[]) {
  if (!ids.length) return [];
  return trx.selectFrom('household').select(['id', 'org_path', 'county_code'])
    .where(sql<boolean>`id = ANY(${[...ids]}::int[])`).forShare().execute();
}

/** Takes n ids from a table's identity sequence, so dependent rows can be written with them. */
export async function allocateIds(trx: Transaction<DB>, table: 'household' | 'resident' | 'staff', n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let left = n; left > 0; left -= 50_000) {
    const { rows } = await sql<{ id: number }>`
      SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::integer AS id
      FROM generate_series(1, ${Math.min(left, 50_000)})`.execute(trx);
    for (const r of rows) ids.push(r.id);
  }
  return ids;
}

export async function insertHouseholds(trx: Transaction<DB>, rows: Insertable<HouseholdTable>[]) {
  if (rows.length) await trx.insertInto('household').values(rows).execute();
}

/**
 * Residents and their first residence_history rows in one statement: one array per column
 * (unnest), so a batch of thousands of rows is 14 parameters rather than tens of thousands, which
 * both databases parse far faster than a VALUES list of the same rows.
 */
export async function insertResidentsWithHistory(trx: Transaction<DB>, rows: ResidentRow[]) {
  if (!rows.length) return;
  const arrays = RESIDENT_COLUMNS.map(([c, type]) => sql`${rows.map((r) => r[c])}::${sql.raw(type)}[]`);
  await sql`
    WITH r AS (
      INSERT INTO resident (${sql.join(RESIDENT_COLUMNS.map(([c]) => sql.ref(c)))})
      SELECT * FROM unnest(${sql.join(arrays)})
      RETURNING id, household_id, org_path, county_code
    )
    INSERT INTO residence_history (resident_id, household_id, org_path, county_code)
    SELECT id, household_id, org_path, county_code FROM r`.execute(trx);
}

/**
 * COPY FROM STDIN on the transaction's own connection (PostgreSQL only). Kysely hands a compiled
 * query's `sql` to pg's client.query() unchanged, and pg runs any object with a submit() method
 * as the next query of that connection: so the COPY stream goes through the transaction like any
 * statement, in order, and its failure (a duplicate ID number: 23505) rejects here and rolls the
 * transaction back like any other.
 */
async function copyIn(trx: Transaction<DB>, statement: string, text: string) {
  const stream = copyFrom(statement);
  try {
    await trx.executeQuery({ ...CompiledQuery.raw(statement), sql: stream as unknown as string });
  } catch (e) {
    stream.destroy();
    throw e;
  }
  await pipeline(Readable.from([Buffer.from(text)]), stream);
}

/**
 * The same rows as insertResidentsWithHistory, through COPY (text made by residentCopyBatch). It
 * costs PostgreSQL about what the INSERT … unnest did (measured: the row-by-row foreign-key checks
 * and index upkeep dominate either way); it spares Node the serialising of fourteen arrays per
 * batch and the building of a large statement. History rows carry the preallocated resident ids,
 * so they need no RETURNING; their from_at defaults to now(), the transaction's time, as before.
 */
export async function copyResidentsWithHistory(trx: Transaction<DB>, batch: ResidentCopyBatch) {
  if (!batch.count) return;
  await copyIn(trx, `COPY resident (${RESIDENT_COLUMNS.map(([c]) => c).join(', ')}) FROM STDIN`, batch.residents);
  await copyIn(trx, 'COPY residence_history (resident_id, household_id, org_path, county_code) FROM STDIN', batch.history);
}

export async function insertMembers(trx: Transaction<DB>, rows: Insertable<PartyMemberTable>[]) {
  if (rows.length) await trx.insertInto('party_member').values(rows).execute();
}
export async function insertMerchants(trx: Transaction<DB>, rows: Insertable<MerchantTable>[]) {
  if (rows.length) await trx.insertInto('merchant').values(rows).execute();
}

/**
 * Which of these ID-number hashes belong to staff still in post: by the hash kept on the record,
 * or by the resident a record is linked to (records registered one by one carry no ID number).
 */
export async function findCurrentStaffHashes(db: Q, hashes: readonly string[]) {
  const out = new Set<string>();
  for (const part of chunks(hashes)) {
    const own = await db.selectFrom('staff').select('id_number_hash as hash')
      .where('left_on', 'is', null).where('id_number_hash', 'in', part).execute();
    const linked = await db.selectFrom('staff as s').innerJoin('resident as r', 'r.id', 's.resident_id').select('r.id_number_hash as hash')
      .where('s.left_on', 'is', null).where('r.id_number_hash', 'in', part).execute();
    for (const r of [...own, ...linked]) if (r.hash) out.add(r.hash);
  }
  return out;
}

export async function insertStaff(trx: Transaction<DB>, rows: Insertable<StaffTable>[]) {
  if (rows.length) await trx.insertInto('staff').values(rows).execute();
}

/** Which of these usernames are taken already. */
export async function takenUsernames(trx: Transaction<DB>, names: readonly string[]) {
  const out = new Set<string>();
  for (const part of chunks(names)) {
    for (const r of await trx.selectFrom('account').select('username').where('username', 'in', part).execute()) out.add(r.username);
  }
  return out;
}

export async function insertAccounts(trx: Transaction<DB>, rows: Insertable<AccountTable>[]) {
  if (!rows.length) return [];
  return trx.insertInto('account').values(rows).returning(['id', 'username']).execute();
}
