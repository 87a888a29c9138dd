import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, PartyMemberTable, PartyOrgKind, PartyOrgTable } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { PartyMemberTransferTable, PartySecretaryAppointmentTable } from './party.tables.js';

/** Plain SQL of the party tree: no rules here, the service decides. */
type Q = Kysely<DB> | Transaction<DB>;

// ---- party orgs ----------------------------------------------------------------------------

/** Live party orgs (not dissolved) in scope, with their secretary and live counts. */
function orgsQuery(db: Q, scope: Scope) {
  return db
    .selectFrom('party_org as p')
    .leftJoin('party_member as sm', 'sm.id', 'p.secretary_member_id')
    .leftJoin('resident as sr', 'sr.id', 'sm.resident_id')
    .select(['p.id', 'p.parent_id', 'p.kind', 'p.name', 'p.org_id', 'p.secretary_member_id', 'p.secretary_kind', 'sr.name as secretary_name'])
    .select((eb) => [
      eb.selectFrom('party_member as m').select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.party_org_id', '=', 'p.id').where('m.left_at', 'is', null).as('member_count'),
      eb.selectFrom('party_org as c').select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'p.id').where('c.dissolved_at', 'is', null).as('child_count'),
    ])
    .where('p.dissolved_at', 'is', null)
    .where(inScope(scope, 'p.org_path'))
    .orderBy('p.id')
    .limit(500);
}

export type OrgRow = Awaited<ReturnType<ReturnType<typeof orgsQuery>['execute']>>[number];

/** Which live orgs in scope: one by id, those attached to an org unit, children of one, or the top in scope. */
export function listOrgRows(db: Q, scope: Scope, which: { id: number } | { orgId: number } | { parentId: number } | 'top') {
  const q = orgsQuery(db, scope);
  if (which === 'top') {
    // Top in scope: no parent, or a parent the caller cannot see.
    return q.where((eb) =>
      eb.or([
        eb('p.parent_id', 'is', null),
        eb.not(eb.exists(eb.selectFrom('party_org as pp').select('pp.id').whereRef('pp.id', '=', 'p.parent_id').where(inScope(scope, 'pp.org_path')))),
      ]),
    ).execute();
  }
  if ('id' in which) return q.where('p.id', '=', which.id).execute();
  if ('orgId' in which) return q.where('p.org_id', '=', which.orgId).execute();
  return q.where('p.parent_id', '=', which.parentId).execute();
}

/** A live party org in scope, locked for the rest of the transaction. */
export function lockLiveOrg(trx: Q, scope: Scope, id: number) {
  return trx.selectFrom('party_org').selectAll().where('id', '=', id)
    .where('dissolved_at', 'is', null).where(inScope(scope, 'org_path')).forUpdate().executeTakeFirst();
}

/** A party org in scope (dissolved or not), by id. */
export function orgInScope(db: Q, scope: Scope, id: number) {
  return db.selectFrom('party_org').select('id').where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
}

/** A live party org by id, whatever the scope (the service checks it). */
export function findLiveOrg(db: Q, id: number) {
  return db.selectFrom('party_org').select(['id', 'kind', 'org_path']).where('id', '=', id).where('dissolved_at', 'is', null).executeTakeFirst();
}

export function insertOrg(trx: Q, v: Insertable<PartyOrgTable>) {
  return trx.insertInto('party_org').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateOrg(trx: Q, id: number, v: Updateable<PartyOrgTable>) {
  await trx.updateTable('party_org').set(v).where('id', '=', id).execute();
}

/** Marks the org dissolved and clears its secretary. */
export async function dissolveOrg(trx: Q, id: number) {
  await trx.updateTable('party_org').set({ dissolved_at: sql`now()`, secretary_member_id: null, secretary_kind: null })
    .where('id', '=', id).execute();
}

/** A live child of the org whose own unit lies outside `path`, if any. */
export function childOutside(trx: Q, orgId: number, path: string) {
  return trx.selectFrom('party_org').select(['name']).where('parent_id', '=', orgId).where('dissolved_at', 'is', null)
    .where(sql<boolean>`org_path NOT LIKE ${path + '%'}`).executeTakeFirst();
}

export async function countLiveMembers(trx: Q, orgId: number) {
  const r = await trx.selectFrom('party_member').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('party_org_id', '=', orgId).where('left_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countLiveChildren(trx: Q, orgId: number) {
  const r = await trx.selectFrom('party_org').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', orgId).where('dissolved_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The live party org whose secretary the member is, if any. */
export function officeOf(trx: Q, memberId: number) {
  return trx.selectFrom('party_org').select('name').where('secretary_member_id', '=', memberId).where('dissolved_at', 'is', null).executeTakeFirst();
}

export function findHousehold(trx: Q, id: number) {
  return trx.selectFrom('household').select(['id', 'org_path']).where('id', '=', id).executeTakeFirst();
}

// ---- members -------------------------------------------------------------------------------

/** Live members of the org and of every org below it, in scope, a page of them with the total. */
export async function listMembers(db: Q, scope: Scope, partyOrgId: number, page: number, pageSize: number) {
  // A committee's list holds everyone in its branches and groups too: that is who it leads.
  const base = db
    .withRecursive('sub(id)', (qb) =>
      qb.selectFrom('party_org').select('id').where('id', '=', partyOrgId)
        .unionAll((u) => u.selectFrom('party_org as c').innerJoin('sub', 'sub.id', 'c.parent_id').select('c.id')),
    )
    .selectFrom('party_member as m')
    .where('m.party_org_id', 'in', (eb) => eb.selectFrom('sub').select('sub.id'))
    .where('m.left_at', 'is', null)
    .where(inScope(scope, 'm.org_path'));
  const [items, total] = await Promise.all([
    base.innerJoin('resident as r', 'r.id', 'm.resident_id')
      .select(['m.id', 'm.resident_id', 'r.name', 'm.member_kind', 'm.joined_on', 'm.party_org_id'])
      .orderBy('m.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** A resident on the register (not moved out) in scope. */
export function liveResidentInScope(trx: Q, scope: Scope, id: number) {
  return trx.selectFrom('resident').select(['id', 'org_path', 'county_code']).where('id', '=', id)
    .where('moved_out_at', 'is', null).where(inScope(scope, 'org_path')).executeTakeFirst();
}

/** The resident's member record (current or past) with its party org, locked. */
export function lockMemberOfResident(trx: Q, residentId: number) {
  return trx.selectFrom('party_member as m').innerJoin('party_org as p', 'p.id', 'm.party_org_id')
    .select(['m.id', 'm.left_at', 'p.name as org_name', 'p.org_path as org_org_path'])
    .where('m.resident_id', '=', residentId).forUpdate('m').executeTakeFirst();
}

export async function insertMember(trx: Q, v: Insertable<PartyMemberTable>) {
  return (await trx.insertInto('party_member').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMember(trx: Q, id: number, v: Updateable<PartyMemberTable>) {
  return (await trx.updateTable('party_member').set(v).where('id', '=', id).returning('id').executeTakeFirstOrThrow()).id;
}

/** Marks the member transferred out of the system. */
export async function memberLeft(trx: Q, id: number) {
  await trx.updateTable('party_member').set({ left_at: sql`now()` }).where('id', '=', id).execute();
}

/** A current member in scope, locked. */
export function lockLiveMember(trx: Q, scope: Scope, id: number) {
  return trx.selectFrom('party_member').selectAll().where('id', '=', id).where('left_at', 'is', null)
    .where(inScope(scope, 'org_path')).forUpdate().executeTakeFirst();
}

/** A current member in scope, with the kind that decides which secretaries they may be. */
export function liveMemberInScope(trx: Q, scope: Scope, id: number) {
  return trx.selectFrom('party_member').select(['id', 'member_kind']).where('id', '=', id)
    .where('left_at', 'is', null).where(inScope(scope, 'org_path')).executeTakeFirst();
}

/** A member in scope (current or past), by id. */
export function memberInScope(db: Q, scope: Scope, id: number) {
  return db.selectFrom('party_member').select('id').where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
}

export async function insertTransfer(trx: Q, v: Insertable<PartyMemberTransferTable>) {
  await trx.insertInto('party_member_transfer').values(v).execute();
}

export function transfersOf(db: Q, scope: Scope, memberId: number) {
  return db.selectFrom('party_member_transfer as t')
    .leftJoin('party_org as f', 'f.id', 't.from_party_org_id')
    .leftJoin('party_org as o', 'o.id', 't.to_party_org_id')
    .select(['t.id', 't.kind', 'f.name as from_name', 'o.name as to_name', 't.place_text', 't.transferred_on'])
    .where('t.member_id', '=', memberId).where(inScope(scope, 't.org_path'))
    .orderBy('t.id', 'desc').limit(200).execute();
}

// ---- secretaries ---------------------------------------------------------------------------

/** Ends the org's open appointment, if any. */
export async function endAppointments(trx: Q, orgId: number) {
  await trx.updateTable('party_secretary_appointment').set({ ended_at: sql`now()` })
    .where('party_org_id', '=', orgId).where('ended_at', 'is', null).execute();
}

/** Appoints from now on. */
export async function insertAppointment(trx: Q, v: Omit<Insertable<PartySecretaryAppointmentTable>, 'appointed_at'>) {
  await trx.insertInto('party_secretary_appointment').values({ ...v, appointed_at: sql`now()` }).execute();
}

/** The org's appointment history follows it to its new place. */
export async function moveAppointments(trx: Q, orgId: number, orgPath: string, countyCode: string) {
  await trx.updateTable('party_secretary_appointment').set({ org_path: orgPath, county_code: countyCode })
    .where('party_org_id', '=', orgId).execute();
}

export function appointmentsOf(db: Q, scope: Scope, orgId: number) {
  return db.selectFrom('party_secretary_appointment as a')
    .innerJoin('party_member as m', 'm.id', 'a.member_id')
    .innerJoin('resident as r', 'r.id', 'm.resident_id')
    .select(['a.id', 'a.member_id', 'r.name', 'a.secretary_kind', 'a.appointed_at', 'a.ended_at'])
    .where('a.party_org_id', '=', orgId).where(inScope(scope, 'a.org_path'))
    .orderBy('a.id', 'desc').limit(200).execute();
}

// ---- coverage ------------------------------------------------------------------------------

/**
 * Per community in scope that holds or lies inside `path`: live grids and buildings, and those
 * with a live 党支部 / 党小组 attached inside them; a page of them with the total.
 */
export async function coverageRows(db: Q, scope: Scope, path: string, page: number, pageSize: number) {
  const base = db.selectFrom('org_unit as c')
    .where('c.kind', '=', 'community').where('c.dissolved_at', 'is', null)
    .where(inScope(scope, 'c.path'))
    .where(sql<boolean>`(c.path LIKE ${path + '%'} OR ${path} LIKE c.path || '%')`);
  const units = (kind: 'grid' | 'building', partyKind?: PartyOrgKind) => sql<string>`(SELECT count(*) FROM org_unit u
    WHERE u.kind = ${kind} AND u.dissolved_at IS NULL AND u.path LIKE c.path || '%'
    ${partyKind ? sql`AND EXISTS (SELECT 1 FROM party_org p WHERE p.kind = ${partyKind} AND p.dissolved_at IS NULL AND p.org_path LIKE u.path || '%')` : sql``})`;
  const [rows, total] = await Promise.all([
    base.select(['c.id', 'c.name'])
      .select([
        units('grid').as('grids'), units('grid', 'branch').as('grids_with_branch'),
        units('building').as('buildings'), units('building', 'group').as('buildings_with_group'),
      ])
      .orderBy('c.path').limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
