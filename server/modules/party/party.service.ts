import type { Kysely } from 'kysely';
import type { DB, MemberKind, PartyOrgKind, SecretaryKind } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { inScope, type Scope } from '../../platform/scope.js';

/** Each party level hangs under the one above it: 大党委 → 支部 → 党小组 → 党员中心户. */
const PARENT_KIND: Record<PartyOrgKind, PartyOrgKind | null> = {
  committee: null,
  branch: 'committee',
  group: 'branch',
  member_household: 'group',
};

function orgsQuery(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom('party_org as p')
    .leftJoin('party_member as sm', 'sm.id', 'p.secretary_member_id')
    .leftJoin('resident as sr', 'sr.id', 'sm.resident_id')
    .select(['p.id', 'p.parent_id', 'p.kind', 'p.name', 'p.org_id', 'p.secretary_kind', 'sr.name as secretary_name'])
    .select((eb) => [
      eb.selectFrom('party_member as m').select(eb.fn.countAll<number>().as('n')).whereRef('m.party_org_id', '=', 'p.id').as('member_count'),
      eb.selectFrom('party_org as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 'p.id').as('child_count'),
    ])
    .where(inScope(scope, 'p.org_path'))
    .orderBy('p.id')
    .limit(500);
}

type OrgRow = Awaited<ReturnType<ReturnType<typeof orgsQuery>['execute']>>[number];
const toView = (p: OrgRow) => ({
  id: p.id, parentId: p.parent_id, kind: p.kind, name: p.name, orgId: p.org_id,
  secretaryName: p.secretary_name, secretaryKind: p.secretary_kind,
  memberCount: Number(p.member_count ?? 0), childCount: Number(p.child_count ?? 0),
});

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
      joinedOn: typeof m.joined_on === 'string' ? m.joined_on : (m.joined_on as Date).toISOString().slice(0, 10),
      partyOrgId: m.party_org_id,
    })),
    total: total.n,
  };
}

export async function createOrg(
  db: Kysely<DB>, actor: Actor, scope: Scope,
  input: { parentId: number | null; kind: PartyOrgKind; name: string; orgId: number; householdId?: number },
) {
  return db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('id', '=', input.orgId).executeTakeFirst();
    scope.assert(unit?.path, '组织');
    const expectedParent = PARENT_KIND[input.kind];
    if (expectedParent) {
      const parent = input.parentId
        ? await trx.selectFrom('party_org').select(['id', 'kind', 'org_path']).where('id', '=', input.parentId).executeTakeFirst()
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
    return (await orgsQuery(trx as unknown as Kysely<DB>, scope).where('p.id', '=', row.id).execute()).map(toView)[0];
  });
}

export async function createMember(
  db: Kysely<DB>, actor: Actor, scope: Scope,
  input: { residentId: number; partyOrgId: number; memberKind: MemberKind; joinedOn: string },
) {
  return db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('resident').select(['id', 'org_path', 'county_code']).where('id', '=', input.residentId).where(inScope(scope, 'org_path')).executeTakeFirst();
    if (!r) throw notFound('居民');
    const org = await trx.selectFrom('party_org').select(['id']).where('id', '=', input.partyOrgId).where(inScope(scope, 'org_path')).executeTakeFirst();
    if (!org) throw notFound('党组织');
    const row = await trx.insertInto('party_member').values({
      resident_id: r.id, party_org_id: org.id, org_path: r.org_path, county_code: r.county_code,
      member_kind: input.memberKind, joined_on: input.joinedOn,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'party.member_create', entity: 'party_member', entityId: row.id, orgPath: r.org_path, countyCode: r.county_code, after: input });
    return { id: row.id };
  });
}

export async function setSecretary(db: Kysely<DB>, actor: Actor, scope: Scope, partyOrgId: number, memberId: number, kind: SecretaryKind) {
  return db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('party_org').selectAll().where('id', '=', partyOrgId).where(inScope(scope, 'org_path')).executeTakeFirst();
    if (!org) throw notFound('党组织');
    const m = await trx.selectFrom('party_member').select(['id', 'party_org_id']).where('id', '=', memberId).where(inScope(scope, 'org_path')).executeTakeFirst();
    if (!m) throw notFound('党员');
    await trx.updateTable('party_org').set({ secretary_member_id: m.id, secretary_kind: kind }).where('id', '=', org.id).execute();
    await writeAudit(trx, actor, {
      action: 'party.secretary_set', entity: 'party_org', entityId: org.id, orgPath: org.org_path, countyCode: org.county_code,
      before: { memberId: org.secretary_member_id, kind: org.secretary_kind }, after: { memberId: m.id, kind },
    });
    return { ok: true as const };
  });
}
