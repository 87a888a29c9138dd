import type { Kysely, Transaction } from 'kysely';
import type { DB, MemberKind, PartyOrgKind, SecretaryKind } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { orgPlace } from '../../platform/org-units.js';
import { type Scope, unitInScope } from '../../platform/scope.js';
import {
  MEMBER_KIND_NAMES, PARENT_KIND, PARTY_ORG_KIND_NAMES, SECRETARY_KIND_NAMES, SECRETARY_MEMBER_KIND, assertParty, secretaryKindFits,
} from './party.policy.js';
import * as repo from './party.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

const toView = (p: repo.OrgRow) => ({
  id: p.id, parentId: p.parent_id, kind: p.kind, name: p.name, orgId: p.org_id,
  secretaryMemberId: p.secretary_member_id, secretaryName: p.secretary_name, secretaryKind: p.secretary_kind,
  memberCount: Number(p.member_count ?? 0), childCount: Number(p.child_count ?? 0),
});

const dayOf = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

async function viewOf(db: Q, scope: Scope, id: number) {
  return (await repo.listOrgRows(db, scope, { id })).map(toView)[0];
}

/** A live party org in scope, locked for the rest of the transaction. */
async function liveOrg(trx: Q, scope: Scope, id: number, what = '党组织') {
  const org = await repo.lockLiveOrg(trx, scope, id);
  if (!org) throw notFound(what);
  return org;
}

/** Party orgs attached to an org unit; without one, the top of the party tree in the caller's scope. */
export async function listOrgs(db: Kysely<DB>, scope: Scope, orgId?: number) {
  return (await repo.listOrgRows(db, scope, orgId ? { orgId } : 'top')).map(toView);
}

export async function listChildren(db: Kysely<DB>, scope: Scope, id: number) {
  if (!(await repo.orgInScope(db, scope, id))) throw notFound('党组织');
  return (await repo.listOrgRows(db, scope, { parentId: id })).map(toView);
}

export async function listMembers(db: Kysely<DB>, scope: Scope, partyOrgId: number, page: number, pageSize: number) {
  if (!(await repo.orgInScope(db, scope, partyOrgId))) throw notFound('党组织');
  const { items, total } = await repo.listMembers(db, scope, partyOrgId, page, pageSize);
  return {
    items: items.map((m) => ({
      id: m.id, residentId: m.resident_id, name: m.name, memberKind: m.member_kind,
      joinedOn: dayOf(m.joined_on), partyOrgId: m.party_org_id,
    })),
    total,
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
        ? await repo.findLiveOrg(trx, input.parentId)
        : undefined;
      if (!parent || !scope.contains(parent.org_path)) throw notFound('上级党组织');
      if (parent.kind !== expectedParent) throw new AppError('CONFLICT', '上级党组织层级不符');
      if (!unit!.path.startsWith(parent.org_path)) throw new AppError('CONFLICT', '党组织所挂的组织须在上级党组织的范围内');
    } else if (input.parentId) {
      throw new AppError('CONFLICT', '社区大党委没有上级党组织');
    }
    if (input.kind === 'member_household') {
      const h = input.householdId
        ? await repo.findHousehold(trx, input.householdId)
        : undefined;
      if (!h || !h.org_path.startsWith(unit!.path)) throw new AppError('VALIDATION_FAILED', '党员中心户须指定所在住户');
    }
    const row = await repo.insertOrg(trx, {
      parent_id: input.parentId, kind: input.kind, name: input.name, org_id: unit!.id,
      household_id: input.householdId ?? null, org_path: unit!.path, county_code: unit!.county_code,
    });
    await writeAudit(trx, actor, { action: 'party.org_create', entity: 'party_org', entityId: row.id, orgPath: unit!.path, countyCode: unit!.county_code, after: input });
    return viewOf(trx, scope, row.id);
  });
}

export async function renameOrg(db: Kysely<DB>, actor: Actor, scope: Scope, id: number, name: string) {
  return db.transaction().execute(async (trx) => {
    const org = await liveOrg(trx, scope, id);
    assertParty(actor.role, 'rename', org.kind);
    await repo.updateOrg(trx, org.id, { name });
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
    const place = input.orgId ? await orgPlace(trx, input.orgId, { live: true }) : undefined;
    const unit = input.orgId
      ? place && scope.contains(place.path) ? place : undefined
      : { id: org.org_id, path: org.org_path, county_code: org.county_code };
    if (!unit) throw notFound('组织');
    if (parent.id === org.parent_id && unit.id === org.org_id) throw new AppError('CONFLICT', '已在该上级党组织之下');
    if (!unit.path.startsWith(parent.org_path)) {
      throw new AppError('CONFLICT', '党组织所挂的组织须在上级党组织的范围内，请同时选择新的所挂组织');
    }
    if (org.household_id) {
      const h = await repo.findHousehold(trx, org.household_id);
      if (!h!.org_path.startsWith(unit.path)) throw new AppError('CONFLICT', '党员中心户所在住户须在所挂组织的范围内');
    }
    if (unit.id !== org.org_id) {
      const stray = await repo.childOutside(trx, org.id, unit.path);
      if (stray) throw new AppError('CONFLICT', `下级党组织「${stray.name}」所挂组织不在新的范围内，请先调整下级党组织`);
    }
    await repo.updateOrg(trx, org.id, { parent_id: parent.id, org_id: unit.id, org_path: unit.path, county_code: unit.county_code });
    // Its secretary history belongs to it, wherever it hangs now.
    await repo.moveAppointments(trx, org.id, unit.path, unit.county_code);
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
    const members = await repo.countLiveMembers(trx, org.id);
    if (members > 0) {
      throw new AppError('CONFLICT', `「${org.name}」还有 ${members} 名党员，请先将他们转接到其他党组织后再撤销`, { members });
    }
    const children = await repo.countLiveChildren(trx, org.id);
    if (children > 0) {
      throw new AppError('CONFLICT', `「${org.name}」还有 ${children} 个下级党组织，请先撤销或调整它们`, { children });
    }
    await repo.endAppointments(trx, org.id);
    await repo.dissolveOrg(trx, org.id);
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
    const r = await repo.liveResidentInScope(trx, scope, input.residentId);
    if (!r) throw notFound('居民');
    const org = await liveOrg(trx, scope, input.partyOrgId);
    const existing = await repo.lockMemberOfResident(trx, r.id);
    if (existing && !existing.left_at) {
      throw new AppError('ALREADY_EXISTS', scope.contains(existing.org_org_path)
        ? `该居民已是党员，组织关系在「${existing.org_name}」；如需变更请办理转接`
        : '该居民已登记为党员，组织关系不在您的管辖范围内', { memberId: existing.id });
    }
    const values = {
      party_org_id: org.id, org_path: r.org_path, county_code: r.county_code, member_kind: input.memberKind, joined_on: input.joinedOn,
    };
    const id = existing
      ? await repo.updateMember(trx, existing.id, { ...values, left_at: null })
      : await repo.insertMember(trx, { ...values, resident_id: r.id });
    const fromPlace = input.fromPlace?.trim();
    if (fromPlace) {
      await repo.insertTransfer(trx, {
        member_id: id, kind: 'in', to_party_org_id: org.id, place_text: fromPlace, transferred_on: input.joinedOn,
        account_id: actor.accountId, org_path: r.org_path, county_code: r.county_code,
      });
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
    const m = await repo.lockLiveMember(trx, scope, memberId);
    if (!m) throw notFound('党员');
    const base = { member_id: m.id, from_party_org_id: m.party_org_id, transferred_on: input.transferredOn, account_id: actor.accountId, org_path: m.org_path, county_code: m.county_code };
    if (input.toPartyOrgId) {
      const to = await liveOrg(trx, scope, input.toPartyOrgId, '转入的党组织');
      if (to.id === m.party_org_id) throw new AppError('CONFLICT', '该党员的组织关系已在此党组织');
      await repo.updateMember(trx, m.id, { party_org_id: to.id });
      await repo.insertTransfer(trx, { ...base, kind: 'move', to_party_org_id: to.id });
    } else {
      const office = await repo.officeOf(trx, m.id);
      if (office) throw new AppError('CONFLICT', `该党员现任「${office.name}」书记，请先任命新的书记再转出`);
      await repo.memberLeft(trx, m.id);
      await repo.insertTransfer(trx, { ...base, kind: 'out', place_text: input.destination!.trim() });
    }
    await writeAudit(trx, actor, {
      action: 'party.member_transfer', entity: 'party_member', entityId: m.id, orgPath: m.org_path, countyCode: m.county_code,
      before: { partyOrgId: m.party_org_id }, after: input,
    });
    return { ok: true as const };
  });
}

export async function listTransfers(db: Kysely<DB>, scope: Scope, memberId: number) {
  const m = await repo.memberInScope(db, scope, memberId);
  if (!m) throw notFound('党员');
  const rows = await repo.transfersOf(db, scope, m.id);
  return rows.map((t) => ({
    id: t.id, kind: t.kind, fromName: t.from_name, toName: t.to_name, place: t.place_text, transferredOn: dayOf(t.transferred_on),
  }));
}

/** Appoints a secretary whose member kind fits the secretary kind; the appointment history keeps the predecessor. */
export async function setSecretary(db: Kysely<DB>, actor: Actor, scope: Scope, partyOrgId: number, memberId: number, kind: SecretaryKind) {
  assertParty(actor.role, 'appoint');
  return db.transaction().execute(async (trx) => {
    const org = await liveOrg(trx, scope, partyOrgId);
    const m = await repo.liveMemberInScope(trx, scope, memberId);
    if (!m) throw notFound('党员');
    if (!secretaryKindFits(kind, m.member_kind)) {
      throw new AppError('CONFLICT', `「${SECRETARY_KIND_NAMES[kind]}」书记须为${MEMBER_KIND_NAMES[SECRETARY_MEMBER_KIND[kind]]}，该党员是${MEMBER_KIND_NAMES[m.member_kind]}`, {
        secretaryKind: kind, memberKind: m.member_kind, requiredMemberKind: SECRETARY_MEMBER_KIND[kind],
      });
    }
    if (org.secretary_member_id === m.id && org.secretary_kind === kind) return { ok: true as const };
    await repo.endAppointments(trx, org.id);
    await repo.insertAppointment(trx, {
      party_org_id: org.id, member_id: m.id, secretary_kind: kind,
      account_id: actor.accountId, org_path: org.org_path, county_code: org.county_code,
    });
    await repo.updateOrg(trx, org.id, { secretary_member_id: m.id, secretary_kind: kind });
    await writeAudit(trx, actor, {
      action: 'party.secretary_set', entity: 'party_org', entityId: org.id, orgPath: org.org_path, countyCode: org.county_code,
      before: { memberId: org.secretary_member_id, kind: org.secretary_kind }, after: { memberId: m.id, kind },
    });
    return { ok: true as const };
  });
}

export async function listAppointments(db: Kysely<DB>, scope: Scope, partyOrgId: number) {
  const org = await repo.orgInScope(db, scope, partyOrgId);
  if (!org) throw notFound('党组织');
  const rows = await repo.appointmentsOf(db, scope, org.id);
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
  const { rows, total } = await repo.coverageRows(db, scope, at.path, page, pageSize);
  return {
    items: rows.map((r) => ({
      communityId: r.id, name: r.name,
      grids: Number(r.grids), gridsWithBranch: Number(r.grids_with_branch),
      buildings: Number(r.buildings), buildingsWithGroup: Number(r.buildings_with_group),
    })),
    total,
  };
}
