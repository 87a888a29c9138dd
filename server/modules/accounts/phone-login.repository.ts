import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, HouseholdTable, ResidentTable } from '../../database.js';
import { placesOnPath } from '../../platform/org-units.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { PhoneCodeTable, RegistrationRequestTable, RegistrationStatus } from './phone-login.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Serialises requests for one phone, so two at once cannot both pass the per-phone limits. */
export async function lockPhone(trx: Transaction<DB>, phoneHash: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'phone_code:' + phoneHash}))`.execute(trx);
}

/** Requests for this phone: for this purpose since `recent`, and for any purpose since `hour`. */
export async function countRequests(db: Q, phoneHash: string, purpose: PhoneCodeTable['purpose'], recent: Date, hour: Date) {
  const row = await db.selectFrom('phone_code')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere((w) => w.and([w('created_at', '>', recent), w('purpose', '=', purpose)])).as('recent'),
      eb.fn.countAll<number>().as('hour'),
    ])
    .where('phone_hash', '=', phoneHash)
    .where('created_at', '>', hour)
    .executeTakeFirstOrThrow();
  return { recent: Number(row.recent), hour: Number(row.hour) };
}

export async function insertCode(db: Q, v: Insertable<PhoneCodeTable>) {
  await db.insertInto('phone_code').values(v).execute();
}

/**
 * Counts one try against the newest live code of this phone and purpose, in the same UPDATE
 * that checks it is still live and under the limit: however many tries arrive at once, at most
 * `maxAttempts` see the code's hash.
 */
export function tryLatestCode(db: Q, phoneHash: string, purpose: PhoneCodeTable['purpose'], now: Date, maxAttempts: number) {
  return db.updateTable('phone_code')
    .set({ attempts: sql`attempts + 1` })
    .where('id', '=', (eb) => eb.selectFrom('phone_code')
      .select('id')
      .where('phone_hash', '=', phoneHash)
      .where('purpose', '=', purpose)
      .where('code_hash', 'is not', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', maxAttempts)
    .returning(['id', 'code_hash'])
    .executeTakeFirst();
}

/** Single use: only the first caller gets the row back. */
export function consumeCode(db: Q, id: string, now: Date) {
  return db.updateTable('phone_code').set({ used_at: now })
    .where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now)
    .returning('id').executeTakeFirst();
}

/** Residents living here with this phone; the household head first, then the longest registered. */
export function residentsByPhone(db: Q, phoneHash: string) {
  return db.selectFrom('resident')
    .innerJoin('household', 'household.id', 'resident.household_id')
    .select([
      'resident.id', 'resident.name', 'resident.org_path', 'resident.county_code', 'resident.relation',
      'household.unit_id',
    ])
    .where('resident.phone_hash', '=', phoneHash)
    .where('resident.moved_out_at', 'is', null)
    .orderBy(sql`CASE WHEN resident.relation = 'head' THEN 0 ELSE 1 END`)
    .orderBy('resident.id')
    .execute();
}

export function accountOfResident(db: Q, residentId: number) {
  return db.selectFrom('account').select(['id', 'role', 'disabled', 'username'])
    .where('resident_id', '=', residentId).executeTakeFirst();
}

export function insertResidentAccount(db: Q, v: {
  username: string; displayName: string; residentId: number; unitId: number; unitPath: string; countyCode: string; passwordHash: string;
}) {
  return db.insertInto('account').values({
    username: v.username, display_name: v.displayName, role: 'resident', password_hash: v.passwordHash,
    scope_org_id: v.unitId, scope_path: v.unitPath, county_code: v.countyCode, resident_id: v.residentId,
  }).returning('id').executeTakeFirstOrThrow();
}

export function searchCommunities(db: Q, q: string, limit: number) {
  return db.selectFrom('org_unit as c')
    .leftJoin('org_unit as s', 's.id', 'c.parent_id')
    .leftJoin('org_unit as k', 'k.id', 's.parent_id')
    .select(['c.id', 'c.name', 's.name as street_name', 'k.name as county_name'])
    .where('c.kind', '=', 'community')
    .where('c.dissolved_at', 'is', null)
    .$if(q !== '', (qb) => qb.where(sql<boolean>`position(${q} in c.name) > 0`))
    .orderBy('c.name')
    .limit(limit)
    .execute();
}

export function insertRequest(db: Q, v: Insertable<RegistrationRequestTable>) {
  return db.insertInto('registration_request').values(v).returning('id').executeTakeFirstOrThrow();
}

export function pendingRequestOfPhone(db: Q, phoneHash: string) {
  return db.selectFrom('registration_request').select('id')
    .where('phone_hash', '=', phoneHash).where('status', '=', 'pending').executeTakeFirst();
}

function requestsQuery(db: Q, scope: Scope) {
  return db.selectFrom('registration_request as r')
    .innerJoin('org_unit as c', 'c.id', 'r.community_id')
    .leftJoin('account as d', 'd.id', 'r.decided_by')
    .where(inScope(scope, 'r.org_path'));
}

const requestColumns = [
  'r.id', 'r.community_id', 'c.name as community_name', 'r.name', 'r.id_number_mask', 'r.id_number_hash', 'r.phone_mask',
  'r.address', 'r.status', 'r.created_at', 'r.decided_at', 'd.display_name as decided_by_name', 'r.reject_reason', 'r.resident_id',
  'r.org_path', 'r.county_code',
] as const;

export async function listRequests(db: Q, scope: Scope, f: { status: RegistrationStatus; page: number; pageSize: number }) {
  const base = requestsQuery(db, scope).where('r.status', '=', f.status);
  const [items, total] = await Promise.all([
    base.select(requestColumns)
      .orderBy('r.id', f.status === 'pending' ? 'asc' : 'desc')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findRequest(db: Q, scope: Scope, id: number) {
  return requestsQuery(db, scope).select(requestColumns).select(['r.id_number_enc', 'r.phone_enc', 'r.phone_hash'])
    .where('r.id', '=', id).executeTakeFirst();
}

/** Residents in scope already holding these ID numbers (keyed hashes), by hash. */
export async function residentsByIdHash(db: Q, scope: Scope, hashes: string[]) {
  if (!hashes.length) return new Map<string, number>();
  const rows = await db.selectFrom('resident').select(['id', 'id_number_hash'])
    .where('id_number_hash', 'in', hashes).where(inScope(scope, 'resident.org_path')).execute();
  return new Map(rows.map((r) => [r.id_number_hash, r.id]));
}

export function residentByIdHashAnywhere(db: Q, hash: string) {
  return db.selectFrom('resident')
    .leftJoin('household', 'household.id', 'resident.household_id')
    .select(['resident.id', 'resident.org_path', 'resident.county_code', 'resident.name', 'household.unit_id'])
    .where('resident.id_number_hash', '=', hash).executeTakeFirst();
}

/** Moves a pending request to its decision; null when someone else decided it first. */
export function decideRequest(db: Q, id: number, v: { status: 'confirmed' | 'rejected'; at: Date; by: number; reason?: string; residentId?: number }) {
  return db.updateTable('registration_request')
    .set({ status: v.status, decided_at: v.at, decided_by: v.by, reject_reason: v.reason ?? null, resident_id: v.residentId ?? null })
    .where('id', '=', id).where('status', '=', 'pending')
    .returning('id').executeTakeFirst();
}

/** The phone a registration proved goes onto the resident's record. */
export async function setResidentPhone(db: Q, residentId: number, p: { phone_enc: string; phone_hash: string; phone_mask: string }) {
  await db.updateTable('resident').set(p).where('id', '=', residentId).execute();
}

/** A new resident on the register, with the first line of their residence history from `at`. */
export async function insertResident(db: Q, v: Insertable<ResidentTable>, at: Date) {
  const { id } = await db.insertInto('resident').values(v).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('residence_history').values({
    resident_id: id, household_id: v.household_id, org_path: v.org_path, county_code: v.county_code, from_at: at,
  }).execute();
  return id;
}

export function householdOfRoom(db: Q, unitId: number, room: string) {
  return db.selectFrom('household').select('id').where('unit_id', '=', unitId).where('room', '=', room).executeTakeFirst();
}

export function insertHousehold(db: Q, v: Insertable<HouseholdTable>) {
  return db.insertInto('household').values(v).returning('id').executeTakeFirstOrThrow();
}

export function findHouseholdInScope(db: Q, scope: Scope, id: number) {
  return db.selectFrom('household').select(['id', 'unit_id', 'org_path', 'county_code', 'address'])
    .where('id', '=', id).where(inScope(scope, 'household.org_path')).executeTakeFirst();
}

/** The unit's name with its building: 2号楼1单元. */
export async function unitAddress(db: Q, unitPath: string) {
  const rows = await placesOnPath(db, unitPath);
  return ['building', 'unit'].map((k) => rows.find((r) => r.kind === k)?.name ?? '').join('');
}
