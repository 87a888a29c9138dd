import { phoneColumns } from '../../platform/pii/phone.js';
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { placeAbove } from '../../platform/org-units.js';
import type { PiiCipher } from '../../platform/pii/cipher.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { starStanding } from './volunteer-stars.js';
import { boundToOrganisation, mayBeVolunteer, mayRegisterOrganisation, reachesOrganisation } from './volunteers.policy.js';
import * as repo from './volunteers.repository.js';
import type { Reach } from './volunteers.repository.js';
import type { VolunteerOrgKind } from './volunteers.tables.js';

export type Trx = Transaction<DB>;

/** What the volunteers services use: the database, the clock and the cipher (phones, QR tokens). */
export interface VolunteerDeps {
  db: Kysely<DB>;
  clock: Clock;
  cipher: PiiCipher;
}

export const volunteerDeps = (ctx: AppContext): VolunteerDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock, cipher: ctx.cipher });

/** The caller's reach: an organisation's admin is narrowed to the organisation its account is linked to. */
export async function reachOf(deps: VolunteerDeps, actor: Actor, scope: Scope): Promise<Reach> {
  if (!boundToOrganisation(actor.role)) return { scope, orgOnly: null };
  const links = await repo.accountLinks(deps.db, actor.accountId);
  if (!links?.volunteer_org_id) throw new AppError('FORBIDDEN', '您的账号还没有关联志愿组织，请联系社区关联');
  return { scope, orgOnly: links.volunteer_org_id };
}

/** The subtree a list reads: the caller's scope, or a place inside it. */
async function within(db: Kysely<DB>, scope: Scope, orgId?: number) {
  if (!orgId) return scope.path;
  return (await unitInScope(db, scope, orgId)).path;
}

// ---- organisations ----

/** An organisation the caller reaches (an org admin: its own), or 404. */
export async function orgInReach(db: Kysely<DB> | Trx, reach: Reach, id: number) {
  const o = await repo.orgById(db, id);
  if (!o || !reach.scope.contains(o.org_path) || !reachesOrganisation(reach.orgOnly, o.id)) throw notFound('志愿组织');
  return o;
}

export async function listOrgs(deps: VolunteerDeps, reach: Reach, q: { orgId?: number; page: number; pageSize: number }) {
  const { rows, total } = await repo.orgsPage(deps.db, reach, { within: await within(deps.db, reach.scope, q.orgId), page: q.page, pageSize: q.pageSize });
  return {
    total,
    items: rows.map((o) => ({
      id: o.id, name: o.name, kind: o.kind, orgId: o.org_id, placeName: o.place_name, workUnitId: o.work_unit_id, contactName: o.contact_name,
      phone: o.phone_mask, members: Number(o.members ?? 0), admins: Number(o.admins ?? 0), projects: Number(o.projects ?? 0),
      createdAt: o.created_at.toISOString(), dissolved: o.dissolved_at != null,
    })),
  };
}

export async function createOrg(deps: VolunteerDeps, actor: Actor, scope: Scope, input: {
  orgId: number; name: string; kind: VolunteerOrgKind; contactName: string; phone?: string; workUnitId?: number | null;
}) {
  if (!mayRegisterOrganisation(actor.role)) throw new AppError('FORBIDDEN', '志愿组织由社区、街道或区县登记');
  const place = await unitInScope(deps.db, scope, input.orgId);
  if (!['county', 'street', 'community'].includes(place.kind)) {
    throw new AppError('VALIDATION_FAILED', '志愿组织登记在社区、街道或区县', { fields: [{ field: 'body.orgId', problem: 'kind' }] });
  }
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertOrg(trx, {
      org_id: place.id, org_path: place.path, county_code: place.county_code, name: input.name, kind: input.kind,
      work_unit_id: input.workUnitId ?? null, contact_name: input.contactName, ...phoneColumns(deps.cipher, input.phone),
    });
    await writeAudit(trx, actor, { action: 'volunteer.org_create', entity: 'volunteer_org', entityId: id, orgPath: place.path, countyCode: place.county_code, after: { name: input.name, kind: input.kind } });
    return { id };
  });
}

export async function orgAdmins(deps: VolunteerDeps, reach: Reach, id: number) {
  await orgInReach(deps.db, reach, id);
  return (await repo.orgAdmins(deps.db, id)).map((a) => ({ id: a.id, username: a.username, displayName: a.display_name }));
}

export async function addMember(deps: VolunteerDeps, actor: Actor, reach: Reach, orgId: number, volunteerId: number) {
  const o = await orgInReach(deps.db, reach, orgId);
  const v = await repo.volunteerById(deps.db, volunteerId);
  if (!v || !reach.scope.contains(v.org_path)) throw notFound('志愿者');
  await deps.db.transaction().execute(async (trx) => {
    await repo.addMembership(trx, v.id, o.id);
    await writeAudit(trx, actor, { action: 'volunteer.member_add', entity: 'volunteer', entityId: v.id, orgPath: v.org_path, countyCode: v.county_code, after: { volunteerOrgId: o.id } });
  });
  return { ok: true };
}

// ---- volunteers ----

export async function listVolunteers(deps: VolunteerDeps, reach: Reach, q: { orgId?: number; volunteerOrgId?: number; q?: string; page: number; pageSize: number }) {
  if (q.volunteerOrgId) await orgInReach(deps.db, reach, q.volunteerOrgId);
  const { rows, total } = await repo.volunteersPage(deps.db, reach, { ...q, within: await within(deps.db, reach.scope, q.orgId) });
  const orgs = await repo.orgNamesOfVolunteers(deps.db, rows.map((r) => r.id));
  return {
    total,
    items: rows.map((v) => {
      const hours = Number(v.total_hours);
      return {
        id: v.id, name: v.name, phone: v.phone_mask, communityName: v.community_name ?? '', linkedResident: v.resident_id != null,
        hours, stars: starStanding(hours).stars, points: v.total_points,
        orgs: orgs.filter((o) => o.volunteer_id === v.id).map((o) => ({ id: o.id, name: o.name })), createdAt: v.created_at.toISOString(),
      };
    }),
  };
}

/** Staff or an organisation's admin registers a volunteer by name and phone (sealed); an admin's joins its organisation. */
export async function registerVolunteer(deps: VolunteerDeps, actor: Actor, reach: Reach, input: { orgId: number; name: string; phone: string; volunteerOrgId?: number }) {
  const place = await unitInScope(deps.db, reach.scope, input.orgId);
  const community = place.kind === 'community' ? place : await placeAbove(deps.db, place.path, 'community');
  if (!community || !reach.scope.contains(community.path)) {
    throw new AppError('VALIDATION_FAILED', '请选择志愿者所在的社区', { fields: [{ field: 'body.orgId', problem: 'community' }] });
  }
  const orgId = reach.orgOnly ?? input.volunteerOrgId;
  if (orgId) await orgInReach(deps.db, reach, orgId);
  const phone = phoneColumns(deps.cipher, input.phone);
  if (await repo.volunteerByPhone(deps.db, community.path, phone.phone_hash!)) {
    throw new AppError('ALREADY_EXISTS', '该手机号已在本社区登记为志愿者', { fields: [{ field: 'body.phone', problem: 'exists' }] });
  }
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertVolunteer(trx, {
      resident_id: null, account_id: null, org_id: community.id, org_path: community.path, county_code: community.county_code, name: input.name, ...phone,
    });
    if (orgId) await repo.addMembership(trx, id, orgId);
    await writeAudit(trx, actor, { action: 'volunteer.register', entity: 'volunteer', entityId: id, orgPath: community.path, countyCode: community.county_code, after: { name: input.name, volunteerOrgId: orgId ?? null } });
    return { id };
  });
}

/** One tap on the phone: the signed-in resident or party member becomes a volunteer of their community. */
export async function registerSelf(deps: VolunteerDeps, actor: Actor) {
  if (!mayBeVolunteer(actor.role)) throw new AppError('FORBIDDEN', '只有居民和党员可以自己注册志愿者');
  const existing = await repo.volunteerByAccount(deps.db, actor.accountId);
  if (existing) return { id: existing.id, created: false };
  const links = await repo.accountLinks(deps.db, actor.accountId);
  const r = links?.resident_id ? await repo.residentPlace(deps.db, links.resident_id) : undefined;
  if (!r) throw new AppError('NOT_FOUND', '您的账号还没有关联住户，请到社区登记后再注册志愿者');
  const community = await placeAbove(deps.db, r.org_path, 'community');
  if (!community) throw new AppError('NOT_FOUND', '没有找到您所在的社区');
  return deps.db.transaction().execute(async (trx) => {
    const byResident = await repo.volunteerByResident(trx, r.id);
    let id: number;
    if (byResident) {
      // Registered earlier by the community: this account takes it over.
      if (byResident.account_id != null && byResident.account_id !== actor.accountId) throw new AppError('CONFLICT', '该居民已由其他账号注册为志愿者');
      await trx.updateTable('volunteer').set({ account_id: actor.accountId }).where('id', '=', byResident.id).execute();
      id = byResident.id;
    } else {
      id = (await repo.insertVolunteer(trx, {
        resident_id: r.id, account_id: actor.accountId, org_id: community.id, org_path: community.path, county_code: community.county_code,
        name: r.name, phone_enc: r.phone_enc, phone_hash: r.phone_hash, phone_mask: r.phone_mask,
      })).id;
    }
    await writeAudit(trx, actor, { action: 'volunteer.register', entity: 'volunteer', entityId: id, orgPath: community.path, countyCode: community.county_code, after: { self: true } });
    return { id, created: true };
  });
}

/** The volunteer the signed-in account is, or 404 asking them to register. */
export async function requireSelf(db: Kysely<DB> | Trx, actor: Actor) {
  const v = await repo.volunteerByAccount(db, actor.accountId);
  if (!v) throw new AppError('NOT_FOUND', '您还不是注册志愿者，请先注册', { reason: 'not_volunteer' });
  return v;
}

// ---- projects ----

export async function listProjects(deps: VolunteerDeps, reach: Reach, q: { orgId?: number; volunteerOrgId?: number; page: number; pageSize: number }) {
  const { rows, total } = await repo.projectsPage(deps.db, reach, { ...q, within: await within(deps.db, reach.scope, q.orgId) });
  return {
    total,
    items: rows.map((p) => ({ id: p.id, volunteerOrgId: p.volunteer_org_id, orgName: p.org_name, name: p.name, description: p.description, activities: Number(p.activities ?? 0), createdAt: p.created_at.toISOString() })),
  };
}

export async function createProject(deps: VolunteerDeps, actor: Actor, reach: Reach, input: { volunteerOrgId: number; name: string; description?: string }) {
  const o = await orgInReach(deps.db, reach, input.volunteerOrgId);
  if (o.dissolved_at) throw new AppError('INVALID_TRANSITION', '该志愿组织已注销');
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertProject(trx, { volunteer_org_id: o.id, org_path: o.org_path, county_code: o.county_code, name: input.name, description: input.description ?? '', created_by: actor.accountId });
    await writeAudit(trx, actor, { action: 'volunteer.project_create', entity: 'volunteer_project', entityId: id, orgPath: o.org_path, countyCode: o.county_code, after: { name: input.name } });
    return { id };
  });
}

// ---- activities ----

export type ActivityRow = NonNullable<Awaited<ReturnType<typeof repo.activityById>>>;

export const activityView = (a: ActivityRow) => ({
  id: a.id, projectId: a.project_id, projectName: a.project_name, volunteerOrgId: a.volunteer_org_id, orgName: a.org_name,
  placeId: a.place_id, placeName: a.place_name, title: a.title, address: a.address, startsAt: a.starts_at.toISOString(), endsAt: a.ends_at.toISOString(),
  capacity: a.capacity, signedUp: a.signed_up, served: a.served, status: a.status, confirmedAt: a.confirmed_at?.toISOString() ?? null,
});

/** An activity the caller reaches (an org admin: its organisation's), or 404. */
export async function activityInReach(db: Kysely<DB> | Trx, reach: Reach, id: number) {
  const a = await repo.activityById(db, id);
  if (!a || !reach.scope.contains(a.org_path) || !reachesOrganisation(reach.orgOnly, a.volunteer_org_id)) throw notFound('志愿活动');
  return a;
}

export async function listActivities(deps: VolunteerDeps, reach: Reach, q: { orgId?: number; volunteerOrgId?: number; projectId?: number; status?: string; page: number; pageSize: number }) {
  const { rows, total } = await repo.activitiesPage(deps.db, reach, { ...q, within: await within(deps.db, reach.scope, q.orgId) });
  return { total, items: rows.map(activityView) };
}

export async function createActivity(deps: VolunteerDeps, actor: Actor, reach: Reach, input: {
  projectId: number; placeId: number; title: string; address?: string; startsAt: string; endsAt: string; capacity: number;
}) {
  const p = await repo.projectById(deps.db, input.projectId);
  if (!p || !reach.scope.contains(p.org_path) || !reachesOrganisation(reach.orgOnly, p.volunteer_org_id)) throw notFound('服务项目');
  const place = await unitInScope(deps.db, reach.scope, input.placeId, '活动地点');
  if (place.kind !== 'community' && place.kind !== 'grid') {
    throw new AppError('VALIDATION_FAILED', '活动地点请选择社区或小区', { fields: [{ field: 'body.placeId', problem: 'kind' }] });
  }
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (!(endsAt > startsAt)) throw new AppError('VALIDATION_FAILED', '结束时间应晚于开始时间', { fields: [{ field: 'body.endsAt', problem: 'before start' }] });
  if (endsAt.getTime() - startsAt.getTime() > 24 * 3600_000) throw new AppError('VALIDATION_FAILED', '一次活动不超过24小时，长期服务请分次发布', { fields: [{ field: 'body.endsAt', problem: 'too long' }] });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertActivity(trx, {
      project_id: p.id, volunteer_org_id: p.volunteer_org_id, place_id: place.id, org_path: place.path, county_code: place.county_code,
      title: input.title, address: input.address ?? '', starts_at: startsAt, ends_at: endsAt, capacity: input.capacity, created_by: actor.accountId, created_at: now,
    });
    await writeAudit(trx, actor, { action: 'volunteer.activity_create', entity: 'volunteer_activity', entityId: id, orgPath: place.path, countyCode: place.county_code, after: { title: input.title, startsAt, endsAt, capacity: input.capacity } });
    return { id };
  });
}

/** An activity with its sign-ups, check-ins and hours: the organiser's confirm table. */
export async function activityDetail(deps: VolunteerDeps, reach: Reach, id: number) {
  const a = await activityInReach(deps.db, reach, id);
  const roster = await repo.rosterOf(deps.db, id);
  return {
    ...activityView(a),
    roster: roster.map((r) => ({
      volunteerId: r.volunteer_id, name: r.name, phone: r.phone_mask, status: r.status, signedAt: r.signed_at.toISOString(),
      checkinAt: r.checkin_at?.toISOString() ?? null, checkoutAt: r.checkout_at?.toISOString() ?? null,
      hours: Number(r.hours ?? 0), points: Number(r.points ?? 0), confirmed: Number(r.confirmed ?? 0) > 0,
    })),
  };
}

// ---- overview ----

export async function overview(deps: VolunteerDeps, reach: Reach, q: { orgId?: number }) {
  const place = q.orgId ? await unitInScope(deps.db, reach.scope, q.orgId) : await unitInScope(deps.db, reach.scope, reach.scope.orgId);
  // The first day of the month eleven months back, in China time.
  const china = new Date(deps.clock.now().getTime() + 8 * 3600_000);
  const from = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - 11, 1) - 8 * 3600_000);
  const [figures, months] = await Promise.all([repo.overview(deps.db, reach, place.path), repo.hoursByMonth(deps.db, reach, place.path, from)]);
  return {
    place: { id: place.id, name: place.name, kind: place.kind },
    ...figures,
    stars: [1, 2, 3, 4, 5].map((s) => ({ stars: s, volunteers: figures.stars.find((x) => x.stars === s)?.n ?? 0 })),
    months: months.map((m) => ({ month: m.month, hours: Number(m.hours) })),
  };
}
