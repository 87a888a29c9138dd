import { sql, type Insertable, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, ResidentTable } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

export function findHousehold(db: Q, scope: Scope, id: number) {
  return db.selectFrom('household').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
}

export async function listHouseholds(db: Q, scope: Scope, f: { path: string; q?: string; page: number; pageSize: number }) {
  const base = db
    .selectFrom('household as h')
    .where(inScope(scope, 'h.org_path'))
    .where(sql<boolean>`h.org_path LIKE ${f.path + '%'}`)
    .$if(!!f.q, (qb) => qb.where(sql<boolean>`(h.address LIKE ${'%' + f.q + '%'} OR h.room = ${f.q})`));
  const [items, total] = await Promise.all([
    base
      .select(['h.id', 'h.unit_id', 'h.room', 'h.address', 'h.kind', 'h.area_m2'])
      .select((eb) =>
        eb.selectFrom('resident as r').select(eb.fn.countAll<number>().as('n'))
          .whereRef('r.household_id', '=', 'h.id').where('r.moved_out_at', 'is', null).as('resident_count'),
      )
      .orderBy('h.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

const residentColumns = [
  'r.id', 'r.name', 'r.gender', 'r.birth_date', 'r.relation', 'r.id_number_mask', 'r.phone_mask',
  'r.household_id', 'h.address',
] as const;

export interface ResidentFilter {
  path: string;
  householdId?: number;
  namePrefix?: string;
  idNumberHash?: string;
  phoneHash?: string;
  page: number;
  pageSize: number;
}

/** Residents counted exactly up to this many; beyond it a list says "10000+". */
export const RESIDENT_COUNT_CAP = 10_000;

export async function listResidents(db: Q, scope: Scope, f: ResidentFilter) {
  const base = db
    .selectFrom('resident as r')
    .where(inScope(scope, 'r.org_path'))
    .where('r.moved_out_at', 'is', null)
    .$if(f.path !== scope.path, (qb) => qb.where(sql<boolean>`r.org_path LIKE ${f.path + '%'}`))
    .$if(!!f.householdId, (qb) => qb.where('r.household_id', '=', f.householdId!))
    .$if(!!f.namePrefix, (qb) => qb.where(sql<boolean>`r.name LIKE ${f.namePrefix + '%'}`))
    .$if(!!f.idNumberHash, (qb) => qb.where('r.id_number_hash', '=', f.idNumberHash!))
    .$if(!!f.phoneHash, (qb) => qb.where('r.phone_hash', '=', f.phoneHash!));
  // Pick the page's ids first, then decorate just those rows: joining before the LIMIT made
  // PostgreSQL hash all party members of the city for every page.
  const pageIds = base
    .select('r.id')
    // Registration order: an index walk that stops after one page, even for a whole county.
    .orderBy('r.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [items, total] = await Promise.all([
    db
      .selectFrom(pageIds.as('p'))
      .innerJoin('resident as r', 'r.id', 'p.id')
      .leftJoin('household as h', 'h.id', 'r.household_id')
      .leftJoin('party_member as pm', 'pm.resident_id', 'r.id')
      .select(residentColumns)
      .select(sql<SqlBool>`pm.id IS NOT NULL`.as('is_party_member'))
      .orderBy('r.id')
      .execute(),
    // Counting a whole county's residents for every page is the slow part of a list; cap it,
    // counting one past the cap so the answer can say "more than" rather than stop at it.
    db
      .selectFrom(base.select('r.id').limit(RESIDENT_COUNT_CAP + 1).as('c'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const n = Number(total.n);
  return { items, total: Math.min(n, RESIDENT_COUNT_CAP), totalExact: n <= RESIDENT_COUNT_CAP };
}

export type ResidentListRow = Awaited<ReturnType<typeof listResidents>>['items'][number];

export function findResidentForReveal(db: Q, scope: Scope, id: number) {
  return db
    .selectFrom('resident')
    .select(['id', 'name', 'org_path', 'county_code', 'id_number_enc', 'phone_enc'])
    .where('id', '=', id)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

export function findResident(db: Q, scope: Scope, id: number) {
  return db
    .selectFrom('resident as r')
    .leftJoin('household as h', 'h.id', 'r.household_id')
    .select(residentColumns)
    .select(['r.org_path', 'r.county_code'])
    .select((eb) =>
      eb.exists(eb.selectFrom('party_member as pm').select('pm.id').whereRef('pm.resident_id', '=', 'r.id')).as('is_party_member'),
    )
    .where('r.id', '=', id)
    .where(inScope(scope, 'r.org_path'))
    .executeTakeFirst();
}

export function insertResident(db: Q, v: Insertable<ResidentTable>) {
  return db.insertInto('resident').values(v).returning('id').executeTakeFirstOrThrow();
}

/** Anyone on the register, in scope or not, holding this ID number (keyed hash). */
export function residentByIdHash(db: Q, hash: string) {
  return db.selectFrom('resident').select('id').where('id_number_hash', '=', hash).executeTakeFirst();
}

type Place = { id: number; org_path: string; county_code: string };

/** The first line of a resident's residence history. */
export async function openResidence(db: Q, residentId: number, h: Place) {
  await db.insertInto('residence_history').values({
    resident_id: residentId, household_id: h.id, org_path: h.org_path, county_code: h.county_code,
  }).execute();
}

/** Moves a resident to household `h` at `now`: history closed and opened, party membership follows. */
export async function moveResidentTo(db: Q, id: number, h: Place, now: Date) {
  await db.updateTable('residence_history').set({ to_at: now }).where('resident_id', '=', id).where('to_at', 'is', null).execute();
  await db.insertInto('residence_history').values({
    resident_id: id, household_id: h.id, org_path: h.org_path, county_code: h.county_code, from_at: now,
  }).execute();
  await db.updateTable('resident').set({ household_id: h.id, org_path: h.org_path, county_code: h.county_code }).where('id', '=', id).execute();
  await db.updateTable('party_member').set({ org_path: h.org_path, county_code: h.county_code }).where('resident_id', '=', id).execute();
}

export async function listMerchants(db: Q, scope: Scope, f: { path: string; q?: string; page: number; pageSize: number }) {
  const base = db
    .selectFrom('merchant as m')
    .where(inScope(scope, 'm.org_path'))
    .where(sql<boolean>`m.org_path LIKE ${f.path + '%'}`)
    .$if(!!f.q, (qb) => qb.where(sql<boolean>`m.name LIKE ${'%' + f.q + '%'}`));
  const [items, total] = await Promise.all([
    base.select(['m.id', 'm.name', 'm.business', 'm.address', 'm.contact_name', 'm.phone_mask', 'm.org_id'])
      .orderBy('m.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}
