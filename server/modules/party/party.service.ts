import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, MemberKind, PartyOrgKind, SecretaryKind } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { inScope, type Scope, unitInScope } from '../../platform/scope.js';
import {
  MEMBER_KIND_NAMES, PARENT_KIND, PARTY_ORG_KIND_NAMES, SECRETARY_KIND_NAMES, SECRETARY_MEMBER_KIND, assertParty, secretaryKindFits,
} from './party.policy.js';

type Q = Kysely<DB> | Transaction<DB>;

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

type OrgRow = Awaited<ReturnType<ReturnType<typeof orgsQuery>['execute']>>[number];
const toView = (p: OrgRow) => ({
  id: p.id, parentId: p.parent_id, kind: p.kind, name: p.name, orgId: p.org_id,
  secretaryMemberId: p.secretary_member_id, secretaryName: p.secretary_name, secretaryKind: p.secretary_kind,
  memberCount: Number(p.member_count ?? 0), childCount: Number(p.child_count ?? 0),
});

const dayOf = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

async function viewOf(db: Q, scope: Scope, id: number) {
  return (await orgsQuery(db, scope).where('p.id', '=', id).execute()).map(toView)[0];
}

/** A live party org in scope, locked for the rest of the transaction. */
async function liveOrg(trx: Q, scope: Scope, id: number, what = '党组织') {
  const org = await trx.selectFrom('party_org').selectAll().where('id', '=', id)
    .where('dissolved_at', 'is', null).where(inScope(scope, 'org_path')).forUpdate().executeTakeFirst();
  if (!org) throw notFound(what);
  return org;
}

/** Party orgs attached to an org unit; without one, the top of the party tree in the caller's scope. */
export async function listOrgs(db: Kysely<DB>, scope: Scope, orgId?: number) {
  let q = orgsQuery(db, scope);
  if (orgId) q = q.where('p.org_id', '=', orgId);
  else {
    // Top in scope: no parent, or a parent the caller cannot see.
    q = q.where((eb) =>
      eb.or([
        eb('p.parent_id', 'is', null),
        eb.not(eb.exists(eb.selectFrom('party_org as pp').select('pp.id').whereRef('pp.id', '=', 'p.parent_id').where(inScope(scope, 'pp.org_path')))),
      ]),
    );
  }
  return (await q.execute()).map(toView);
}

export async function listChildren(db: Kysely<DB>, scope: Scope, id: number) {
  const parent = await db.selectFrom('party_org').select('id').where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
  if (!parent) throw notFound('党组织');
  return (await orgsQuery(db, scope).where('p.parent_id', '=', id).execute()).map(toView);
}

export async function listMembers(db: Kysely<DB>, scope: Scope, partyOrgId: number, page: number, pageSize: number) {
  const org = await db.selectFrom('party_org').select('id').where('id', '=', partyOrgId).where(inScope(scope, 'org_path')).executeTakeFirst();
  if (!org) throw notFound('党组织');
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
  return {
    items: items.map((m) => ({
      id: m.id, residentId: m.resident_id, name: m.name, memberKind: m.member_kind,
      joinedOn: dayOf(m.joined_on), partyOrgId: m.party_org_id,
    })),
    total: Number(total.n),
  };
}

export async function createOrg(
  db: Kysely<DB>, actor: Actor, scope: Scope,
  input: { parentId: number | null; kind: PartyOrgKind; name: string; orgId: number; householdId?: number },
) {
  assertParty(actor.role, 'create', input.kind);
  return db.transaction().execute(async (trx) => {
    const unit = await unitInScope(trx, scope, input.orgId);
    const expectedParent = PARENT_KIND[input.kind];
    if (expectedParent) {
      const parent = input.parentId
        ? await trx.selectFrom('party_org').select(['id', 'kind', 'org_path']).where('id', '=', input.parentId).where('dissolved_at', 'is', null).executeTakeFirst()
        : undefined;
      if (!parent || !scope.contains(parent.org_path)) throw notFound('上级党组织');
      if (parent.kind !== expectedParent) throw new AppError('CONFLICT', '上级党组织层级不符');
      if (!unit!.path.startsWith(parent.org_path)) throw new AppError('CONFLICT', '党组织所挂的组织须在上级党组织的范围内');
    } else if (input.parentId) {
      throw new AppError('CONFLICT', '社区大党委没有上级党组织');
    }
    if (input.kind === 'member_household') {
      const h = input.householdId
        ? await trx.selectFrom('household').select(['id', 'org_path']).where('id', '=', input.householdId).executeTakeFirst()
        : undefined;
      if (!h || !h.org_path.startsWith(unit!.path)) throw new AppError('VALIDATION_FAILED', '党员中心户须指定所在住户');
    }
    const row = await trx.insertInto('party_org').values({
      parent_id: input.parentId, kind: input.kind, name: input.name, org_id: unit!.id,
      household_id: input.householdId ?? null, org_path: unit!.path, county_code: unit!.county_code,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'party.org_create', entity: 'party_org', entityId: row.id, orgPath: unit!.path, countyCode: unit!.county_code, after: input });
    return viewOf(trx, scope, row.id);
  });
}

export async function renameOrg(db: Kysely<DB>, actor: Actor, scope: Scope, id: number, name: string) {
  return db.transaction().execute(async (trx) => {
    const org = await liveOrg(trx, scope, id);
    assertParty(actor.role, 'rename', org.kind);
    await trx.updateTable('party_org').set({ name }).where('id', '=', org.id).execute();
    await writeAudit(trx, actor, {
      action: 'party.org_rename', entity: 'party_org', entityId: org.id, orgPath: org.org_path, countyCode: org.county_code,
      before: { name: org.name }, after: { name },
    });
    return viewOf(trx, scope, org.id);
  });
}

/**
 * Hangs a party org under another parent of the level above (and, when `orgId` is given,
 * attaches it to another org unit). The party org's own org path follows its unit, as rows
 * follow their place in an org move; its children keep their own units, so each must still
 * lie inside the new unit.
 */
export async function moveOrg(db: Kysely<DB>, actor: Actor, scope: Scope, id: number, input: { parentId: number; orgId?: number }) {
  return db.transaction().execute(async (trx) => {
    const org = await liveOrg(trx, scope, id);
    assertParty(actor.role, 'move', org.kind);
    const expectedParent = PARENT_KIND[org.kind];
    if (!expectedParent) throw new AppError('CONFLICT', '社区大党委没有上级党组织，不能调整隶属关系');
    if (input.parentId === org.id) throw new AppError('CONFLICT', '不能调整到自身之下');
    const parent = await liveOrg(trx, scope, input.parentId, '上级党组织');
    if (parent.kind !== expectedParent) {
      throw new AppError('CONFLICT', `${PARTY_ORG_KIND_NAMES[org.kind]}只能挂在${PARTY_ORG_KIND_NAMES[expectedParent]}之下`);
    }
    const unit = input.orgId
      ? await trx.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('id', '=', input.orgId)
        .where('dissolved_at', 'is', null).where(inScope(scope, 'path')).executeTakeFirst()
      : { id: org.org_id, path: org.org_path, county_code: org.county_code };
    if (!unit) throw notFound('组织');
    if (parent.id === org.parent_id && unit.id === org.org_id) throw new AppError('CONFLICT', '已在该上级党组织之下');
    if (!unit.path.startsWith(parent.org_path)) {
      throw new AppError('CONFLICT', '党组织所挂的组织须在上级党组织的范围内，请同时选择新的所挂组织');
    }
    if (org.household_id) {
      const h = await trx.selectFrom('household').select('org_path').where('id', '=', org.household_id).executeTakeFirstOrThrow();
      if (!h.org_path.startsWith(unit.path)) throw new AppError('CONFLICT', '党员中心户所在住户须在所挂组织的范围内');
    }
    if (unit.id !== org.org_id) {
      const stray = await trx.selectFrom('party_org').select(['name']).where('parent_id', '=', org.id).where('dissolved_at', 'is', null)
        .where(sql<boolean>`org_path NOT LIKE ${unit.path + '%'}`).executeTakeFirst();
      if (stray) throw new AppError('CONFLICT', `下级党组织「${stray.name}」所挂组织不在新的范围内，请先调整下级党组织`);
    }
    await trx.updateTable('party_org')
      .set({ parent_id: parent.id, org_id: unit.id, org_path: unit.path, county_code: unit.county_code })
      .where('id', '=', org.id).execute();
    // Its secretary history belongs to it, wherever it hangs now.
    await trx.updateTable('party_secretary_appointment').set({ org_path: unit.path, county_code: unit.county_code })
      .where('party_org_id', '=', org.id).execute();
    await writeAudit(trx, actor, {
      action: 'party.org_move', entity: 'party_org', entityId: org.id, orgPath: unit.path, countyCode: unit.county_code,
      before: { parentId: org.parent_id, orgId: org.org_id }, after: { parentId: parent.id, orgId: unit.id },
    });
    return viewOf(trx, scope, org.id);
  });
}

/** Dissolves a party org that has no members and no live children left; its history stays. */
export async function dissolveOrg(db: Kysely<DB>, actor: Actor, scope: Scope, id: number) {
  return db.transaction().execute(async (trx) => {
    const org = await liveOrg(trx, scope, id);
    assertParty(actor.role, 'dissolve', org.kind);
    const members = await trx.selectFrom('party_member').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('party_org_id', '=', org.id).where('left_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(members.n) > 0) {
      throw new AppError('CONFLICT', `「${org.name}」还有 ${members.n} 名党员，请先将他们转接到其他党组织后再撤销`, { members: Number(members.n) });
    }
    const children = await trx.selectFrom('party_org').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', org.id).where('dissolved_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(children.n) > 0) {
      throw new AppError('CONFLICT', `「${org.name}」还有 ${children.n} 个下级党组织，请先撤销或调整它们`, { children: Number(children.n) });
    }
    await trx.updateTable('party_secretary_appointment').set({ ended_at: sql`now()` })
      .where('party_org_id', '=', org.id).where('ended_at', 'is', null).execute();
    await trx.updateTable('party_org').set({ dissolved_at: sql`now()`, secretary_member_id: null, secretary_kind: null })
      .where('id', '=', org.id).execute();
    await writeAudit(trx, actor, {
      action: 'party.org_dissolve', entity: 'party_org', entityId: org.id, orgPath: org.org_path, countyCode: org.county_code,
      before: { name: org.name, kind: org.kind, parentId: org.parent_id },
    });
    return { ok: true as const };
  });
}

/**
 * Registers a resident as a party member. A resident who is a member already is refused; one
 * who once transferred out of the system comes back on the same record. `fromPlace` records a
 * transfer in (转入) from outside the system.
 */
export async function createMember(
  db: Kysely<DB>, actor: Actor, scope: Scope,
  input: { residentId: number; partyOrgId: number; memberKind: MemberKind; joinedOn: string; fromPlace?: string },
) {
  assertParty(actor.role, 'register');
  return db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('resident').select(['id', 'org_path', 'county_code']).where('id', '=', input.residentId)
      .where('moved_out_at', 'is', null).where(inScope(scope, 'org_path')).executeTakeFirst();
    if (!r) throw notFound('居民');
    const org = await liveOrg(trx, scope, input.partyOrgId);
    const existing = await trx.selectFrom('party_member as m').innerJoin('party_org as p', 'p.id', 'm.party_org_id')
      .select(['m.id', 'm.left_at', 'p.name as org_name', 'p.org_path as org_org_path'])
      .where('m.resident_id', '=', r.id).forUpdate('m').executeTakeFirst();
    if (existing && !existing.left_at) {
      throw new AppError('ALREADY_EXISTS', scope.contains(existing.org_org_path)
        ? `该居民已是党员，组织关系在「${existing.org_name}」；如需变更请办理转接`
        : '该居民已登记为党员，组织关系不在您的管辖范围内', { memberId: existing.id });
    }
    const values = {
      party_org_id: org.id, org_path: r.org_path, county_code: r.county_code, member_kind: input.memberKind, joined_on: input.joinedOn,
    };
    const id = existing
      ? (await trx.updateTable('party_member').set({ ...values, left_at: null }).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
      : (await trx.insertInto('party_member').values({ ...values, resident_id: r.id }).returning('id').executeTakeFirstOrThrow()).id;
    const fromPlace = input.fromPlace?.trim();
    if (fromPlace) {
      await trx.insertInto('party_member_transfer').values({
        member_id: id, kind: 'in', to_party_org_id: org.id, place_text: fromPlace, transferred_on: input.joinedOn,
        account_id: actor.accountId, org_path: r.org_path, county_code: r.county_code,
      }).execute();
    }
    await writeAudit(trx, actor, {
      action: existing ? 'party.member_return' : 'party.member_create', entity: 'party_member', entityId: id,
      orgPath: r.org_path, countyCode: r.county_code, after: input,
    });
    return { id };
  });
}

/** 组织关系转接: to another party org in scope, or out of the system to a named destination. */
export async function transferMember(
  db: Kysely<DB>, actor: Actor, scope: Scope, memberId: number,
  input: { toPartyOrgId?: number; destination?: string; transferredOn: string },
) {
  assertParty(actor.role, 'transfer');
  return db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('party_member').selectAll().where('id', '=', memberId).where('left_at', 'is', null)
      .where(inScope(scope, 'org_path')).forUpdate().executeTakeFirst();
    if (!m) throw notFound('党员');
    const base = { member_id: m.id, from_party_org_id: m.party_org_id, transferred_on: input.transferredOn, account_id: actor.accountId, org_path: m.org_path, county_code: m.county_code };
    if (input.toPartyOrgId) {
      const to = await liveOrg(trx, scope, input.toPartyOrgId, '转入的党组织');
      if (to.id === m.party_org_id) throw new AppError('CONFLICT', '该党员的组织关系已在此党组织');
      await trx.updateTable('party_member').set({ party_org_id: to.id }).where('id', '=', m.id).execute();
      await trx.insertInto('party_member_transfer').values({ ...base, kind: 'move', to_party_org_id: to.id }).execute();
    } else {
      const office = await trx.selectFrom('party_org').select('name').where('secretary_member_id', '=', m.id).where('dissolved_at', 'is', null).executeTakeFirst();
      if (office) throw new AppError('CONFLICT', `该党员现任「${office.name}」书记，请先任命新的书记再转出`);
      await trx.updateTable('party_member').set({ left_at: sql`now()` }).where('id', '=', m.id).execute();
      await trx.insertInto('party_member_transfer').values({ ...base, kind: 'out', place_text: input.destination!.trim() }).execute();
    }
    await writeAudit(trx, actor, {
      action: 'party.member_transfer', entity: 'party_member', entityId: m.id, orgPath: m.org_path, countyCode: m.county_code,
      before: { partyOrgId: m.party_org_id }, after: input,
    });
    return { ok: true as const };
  });
}

export async function listTransfers(db: Kysely<DB>, scope: Scope, memberId: number) {
  const m = await db.selectFrom('party_member').select('id').where('id', '=', memberId).where(inScope(scope, 'org_path')).executeTakeFirst();
  if (!m) throw notFound('党员');
  const rows = await db.selectFrom('party_member_transfer as t')
    .leftJoin('party_org as f', 'f.id', 't.from_party_org_id')
    .leftJoin('party_org as o', 'o.id', 't.to_party_org_id')
    .select(['t.id', 't.kind', 'f.name as from_name', 'o.name as to_name', 't.place_text', 't.transferred_on'])
    .where('t.member_id', '=', m.id).where(inScope(scope, 't.org_path'))
    .orderBy('t.id', 'desc').limit(200).execute();
  return rows.map((t) => ({
    id: t.id, kind: t.kind, fromName: t.from_name, toName: t.to_name, place: t.place_text, transferredOn: dayOf(t.transferred_on),
  }));
}

/** Appoints a secretary whose member kind fits the secretary kind; the appointment history keeps the predecessor. */
export async function setSecretary(db: Kysely<DB>, actor: Actor, scope: Scope, partyOrgId: number, memberId: number, kind: SecretaryKind) {
  assertParty(actor.role, 'appoint');
  return db.transaction().execute(async (trx) => {
    const org = await liveOrg(trx, scope, partyOrgId);
    const m = await trx.selectFrom('party_member').select(['id', 'member_kind']).where('id', '=', memberId)
      .where('left_at', 'is', null).where(inScope(scope, 'org_path')).executeTakeFirst();
    if (!m) throw notFound('党员');
    if (!secretaryKindFits(kind, m.member_kind)) {
      throw new AppError('CONFLICT', `「${SECRETARY_KIND_NAMES[kind]}」书记须为${MEMBER_KIND_NAMES[SECRETARY_MEMBER_KIND[kind]]}，该党员是${MEMBER_KIND_NAMES[m.member_kind]}`, {
        secretaryKind: kind, memberKind: m.member_kind, requiredMemberKind: SECRETARY_MEMBER_KIND[kind],
      });
    }
    if (org.secretary_member_id === m.id && org.secretary_kind === kind) return { ok: true as const };
    await trx.updateTable('party_secretary_appointment').set({ ended_at: sql`now()` })
      .where('party_org_id', '=', org.id).where('ended_at', 'is', null).execute();
    await trx.insertInto('party_secretary_appointment').values({
      party_org_id: org.id, member_id: m.id, secretary_kind: kind, appointed_at: sql`now()`,
      account_id: actor.accountId, org_path: org.org_path, county_code: org.county_code,
    }).execute();
    await trx.updateTable('party_org').set({ secretary_member_id: m.id, secretary_kind: kind }).where('id', '=', org.id).execute();
    await writeAudit(trx, actor, {
      action: 'party.secretary_set', entity: 'party_org', entityId: org.id, orgPath: org.org_path, countyCode: org.county_code,
      before: { memberId: org.secretary_member_id, kind: org.secretary_kind }, after: { memberId: m.id, kind },
    });
    return { ok: true as const };
  });
}

export async function listAppointments(db: Kysely<DB>, scope: Scope, partyOrgId: number) {
  const org = await db.selectFrom('party_org').select('id').where('id', '=', partyOrgId).where(inScope(scope, 'org_path')).executeTakeFirst();
  if (!org) throw notFound('党组织');
  const rows = await db.selectFrom('party_secretary_appointment as a')
    .innerJoin('party_member as m', 'm.id', 'a.member_id')
    .innerJoin('resident as r', 'r.id', 'm.resident_id')
    .select(['a.id', 'a.member_id', 'r.name', 'a.secretary_kind', 'a.appointed_at', 'a.ended_at'])
    .where('a.party_org_id', '=', org.id).where(inScope(scope, 'a.org_path'))
    .orderBy('a.id', 'desc').limit(200).execute();
  return rows.map((a) => ({
    id: a.id, memberId: a.member_id, name: a.name, secretaryKind: a.secretary_kind,
    appointedAt: new Date(a.appointed_at).toISOString(), endedAt: a.ended_at ? new Date(a.ended_at).toISOString() : null,
  }));
}

/**
 * Coverage per community, counted live: grids with a live 党支部 attached inside them, buildings
 * with a live 党小组 attached inside them, over all live grids and buildings.
 */
export async function coverage(db: Kysely<DB>, scope: Scope, orgId: number | undefined, page: number, pageSize: number) {
  const at = orgId ? await unitInScope(db, scope, orgId) : { path: scope.path };
  // The community itself when the place is inside one, else every community below it.
  const base = db.selectFrom('org_unit as c')
    .where('c.kind', '=', 'community').where('c.dissolved_at', 'is', null)
    .where(inScope(scope, 'c.path'))
    .where(sql<boolean>`(c.path LIKE ${at.path + '%'} OR ${at.path} LIKE c.path || '%')`);
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
  return {
    items: rows.map((r) => ({
      communityId: r.id, name: r.name,
      grids: Number(r.grids), gridsWithBranch: Number(r.grids_with_branch),
      buildings: Number(r.buildings), buildingsWithGroup: Number(r.buildings_with_group),
    })),
    total: Number(total.n),
  };
}
