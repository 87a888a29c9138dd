import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { childPlaces, orgPlace, placeAbove } from '../../platform/org-units.js';
import type { PiiCipher } from '../../platform/pii/cipher.js';
import { phoneColumns } from '../../platform/pii/phone.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { mayKeepPlatforms, PLATFORM_KEEPER } from './register.policy.js';
import * as repo from './register.repository.js';
import * as s from './register.schemas.js';

/**
 * 新就业群体 register: platforms (kept by the county), stations by brand and place, workers
 * registered only with consent and minimal data, their party organisations (独立建 / 联合建) and
 * instructors, and coverage counted from these rows.
 */
export interface RegisterDeps { db: Kysely<DB>; clock: Clock; cipher: PiiCipher }
export const registerDeps = (ctx: AppContext): RegisterDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock, cipher: ctx.cipher });

type In<T extends z.ZodTypeAny> = z.infer<T>;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function listPlatforms(deps: RegisterDeps, scope: Scope, q: { page: number; pageSize: number }): Promise<In<typeof s.PlatformPage>> {
  const { rows, total } = await repo.listPlatforms(deps.db, scope, q.page, q.pageSize);
  return { total, items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, creditCode: r.credit_code, stations: r.stations ?? 0, workers: r.workers ?? 0 })) };
}

export async function createPlatform(deps: RegisterDeps, actor: Actor, scope: Scope, body: In<typeof s.PlatformBody>) {
  if (!mayKeepPlatforms(actor.role)) throw new AppError('FORBIDDEN', PLATFORM_KEEPER);
  const county = await placeAbove(deps.db, scope.path, 'county');
  // Kept by the county itself: an account scoped below it does not write the county's register.
  if (!county || county.id !== scope.orgId) throw new AppError('FORBIDDEN', PLATFORM_KEEPER);
  return deps.db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('gig_platform').select('id').where('county_code', '=', county.county_code).where('name', '=', body.name).executeTakeFirst();
    if (dup) throw new AppError('ALREADY_EXISTS', `平台企业“${body.name}”已登记`);
    const row = await trx.insertInto('gig_platform').values({
      org_id: county.id, org_path: county.path, county_code: county.county_code, name: body.name, kind: body.kind, credit_code: body.creditCode ?? null, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'newgroups.platform_create', entity: 'gig_platform', entityId: row.id, orgPath: county.path, countyCode: county.county_code, after: { name: body.name, kind: body.kind } });
    return { id: row.id };
  });
}

type StationRowIn = Awaited<ReturnType<typeof repo.listStations>>['rows'][number];
const stationOut = (r: StationRowIn) => ({
  id: r.id, name: r.name, platformId: r.platform_id, platformName: r.platform_name, unitName: r.unit_name, address: r.address,
  lat: r.lat, lng: r.lng, workers: r.workers ?? 0, covered: !!r.covered, closed: r.closed_at !== null, closedAt: iso(r.closed_at), closeReason: r.close_reason,
});

export async function listStations(deps: RegisterDeps, scope: Scope, q: In<typeof s.StationQuery>): Promise<In<typeof s.StationPage>> {
  const { rows, total } = await repo.listStations(deps.db, scope, q);
  return { total, items: rows.map(stationOut) };
}

export async function stationDetail(deps: RegisterDeps, scope: Scope, id: number): Promise<In<typeof s.StationDetail>> {
  const r = await repo.stationInScope(deps.db, scope, id);
  if (!r) throw notFound('站点');
  const orgs = await repo.partyOrgsOfStation(deps.db, id);
  const instructors = await repo.instructorsOf(deps.db, orgs.map((o) => o.id));
  return {
    ...stationOut(r), managerName: r.manager_name, members: r.members, applicants: r.applicants,
    partyOrgs: orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind, instructors: instructors.filter((i) => i.party_org_id === o.id).map((i) => ({ name: i.name, sentBy: i.sent_by })) })),
  };
}

export async function createStation(deps: RegisterDeps, actor: Actor, scope: Scope, body: In<typeof s.StationBody>) {
  const unit = await unitInScope(deps.db, scope, body.unitId, '街道或社区');
  if (unit.kind !== 'street' && unit.kind !== 'community') throw new AppError('VALIDATION_FAILED', '站点应登记在街道或社区');
  const platform = await repo.platformVisibleById(deps.db, scope, body.platformId);
  if (!platform || platform.county_code !== unit.county_code) throw notFound('平台企业');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('gig_station').values({
      platform_id: platform.id, org_id: unit.id, org_path: unit.path, county_code: unit.county_code, name: body.name, address: body.address,
      lat: body.lat ?? null, lng: body.lng ?? null, manager_name: body.managerName || null, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'newgroups.station_create', entity: 'gig_station', entityId: row.id, orgPath: unit.path, countyCode: unit.county_code, after: { name: body.name, platformId: platform.id } });
    return { id: row.id };
  });
}

export async function listWorkers(deps: RegisterDeps, scope: Scope, q: In<typeof s.WorkerQuery>): Promise<In<typeof s.WorkerPage>> {
  const { rows, total } = await repo.listWorkers(deps.db, scope, q);
  return {
    total, consentVersion: s.CONSENT_VERSION,
    items: rows.map((r) => ({
      id: r.id, name: r.name, kind: r.kind, phoneMask: r.phone_mask, partyStatus: r.party_status, stationId: r.station_id, stationName: r.station_name,
      platformName: r.platform_name, consentVersion: r.consent_version, consentAt: iso(r.consent_at)!, leftAt: iso(r.left_at),
    })),
  };
}

/** A worker is put on the register only with their consent to the current wording (no ID number is ever asked). */
export async function registerWorker(deps: RegisterDeps, actor: Actor, scope: Scope, body: In<typeof s.WorkerBody>) {
  if (!body.consent) throw new AppError('VALIDATION_FAILED', '须经本人同意后方可登记，请勾选“本人已同意登记”');
  if (body.consentVersion !== s.CONSENT_VERSION) throw new AppError('CONFLICT', `告知书已更新为 ${s.CONSENT_VERSION} 版，请刷新页面后重新征得本人同意`);
  const station = await repo.stationInScope(deps.db, scope, body.stationId);
  if (!station) throw notFound('站点');
  if (station.closed_at) throw new AppError('CONFLICT', '该站点已关闭，不能登记人员');
  const phone = phoneColumns(deps.cipher, body.phone);
  return deps.db.transaction().execute(async (trx) => {
    if (phone.phone_hash) {
      const dup = await trx.selectFrom('gig_worker').select('id').where('county_code', '=', station.county_code).where('phone_hash', '=', phone.phone_hash).where('left_at', 'is', null).executeTakeFirst();
      if (dup) throw new AppError('ALREADY_EXISTS', '该手机号已登记在岗');
    }
    const row = await trx.insertInto('gig_worker').values({
      station_id: station.id, platform_id: station.platform_id, org_path: station.org_path, county_code: station.county_code, name: body.name, kind: body.kind,
      ...phone, party_status: body.partyStatus, consent_at: deps.clock.now(), consent_version: body.consentVersion, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'newgroups.worker_register', entity: 'gig_worker', entityId: row.id, orgPath: station.org_path, countyCode: station.county_code, after: { stationId: station.id, kind: body.kind, consentVersion: body.consentVersion } });
    return { id: row.id };
  });
}

/** Leaving keeps the row (history and counts over time); a worker who left cannot leave again. */
export async function leave(deps: RegisterDeps, actor: Actor, scope: Scope, id: number, body: In<typeof s.LeaveBody>) {
  const w = await repo.workerInScope(deps.db, scope, id);
  if (!w) throw notFound('从业人员');
  const today = chinaDay(deps.clock.now());
  if (body.leftOn && body.leftOn > today) throw new AppError('VALIDATION_FAILED', '离职日期不能晚于今天');
  const at = body.leftOn ? new Date(`${body.leftOn}T12:00:00+08:00`) : deps.clock.now();
  if (at < w.consent_at && body.leftOn && body.leftOn < chinaDay(w.consent_at)) throw new AppError('VALIDATION_FAILED', '离职日期不能早于登记日期');
  return deps.db.transaction().execute(async (trx) => {
    const done = await trx.updateTable('gig_worker').set({ left_at: at }).where('id', '=', id).where('left_at', 'is', null).executeTakeFirst();
    if (!Number(done.numUpdatedRows)) throw new AppError('INVALID_TRANSITION', '该人员已离职');
    await writeAudit(trx, actor, { action: 'newgroups.worker_leave', entity: 'gig_worker', entityId: id, orgPath: w.org_path, countyCode: w.county_code, after: { leftAt: at.toISOString() } });
    return { ok: true };
  });
}

export async function setPartyStatus(deps: RegisterDeps, actor: Actor, scope: Scope, id: number, body: In<typeof s.PartyStatusBody>) {
  const w = await repo.workerInScope(deps.db, scope, id);
  if (!w) throw notFound('从业人员');
  if (w.left_at) throw new AppError('INVALID_TRANSITION', '该人员已离职，不能修改政治面貌');
  if (w.party_status === body.partyStatus) return { ok: true };
  return deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('gig_worker').set({ party_status: body.partyStatus }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'newgroups.worker_party_status', entity: 'gig_worker', entityId: id, orgPath: w.org_path, countyCode: w.county_code, before: { partyStatus: w.party_status }, after: { partyStatus: body.partyStatus } });
    return { ok: true };
  });
}

export async function listPartyOrgs(deps: RegisterDeps, scope: Scope, q: In<typeof s.PartyOrgQuery>): Promise<In<typeof s.PartyOrgPage>> {
  const { rows, total } = await repo.listPartyOrgs(deps.db, scope, q.status, q.page, q.pageSize);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id, name: r.name, kind: r.kind, unitName: r.unit_name, foundedOn: r.founded_on, stations: r.stations, instructors: r.instructors,
      closedAt: iso(r.dissolved_at), closeReason: r.dissolve_reason,
    })),
  };
}

/** 独立建 covers exactly one station; 联合建 covers two or more, all inside the organisation's unit. */
export async function createPartyOrg(deps: RegisterDeps, actor: Actor, scope: Scope, body: In<typeof s.PartyOrgBody>) {
  const stationIds = [...new Set(body.stationIds)];
  if (body.kind === 'independent' && stationIds.length !== 1) throw new AppError('VALIDATION_FAILED', '独立建立的党组织应覆盖一个站点');
  if (body.kind === 'joint' && stationIds.length < 2) throw new AppError('VALIDATION_FAILED', '联合建立的党组织应覆盖两个及以上站点');
  if (body.foundedOn > chinaDay(deps.clock.now())) throw new AppError('VALIDATION_FAILED', '成立日期不能晚于今天');
  const unit = await unitInScope(deps.db, scope, body.unitId, '所属单位');
  if (!['county', 'street', 'community'].includes(unit.kind)) throw new AppError('VALIDATION_FAILED', '党组织应隶属于区县、街道或社区');
  return deps.db.transaction().execute(async (trx) => {
    const stations = await trx.selectFrom('gig_station').select(['id', 'org_path', 'county_code', 'closed_at']).where('id', 'in', stationIds).execute();
    const outside = stations.length !== stationIds.length || stations.some((x) => !x.org_path.startsWith(unit.path) || x.closed_at);
    if (outside) throw new AppError('VALIDATION_FAILED', '所选站点须在党组织所属单位辖区内且未关闭');
    const row = await trx.insertInto('gig_party_org').values({
      org_id: unit.id, org_path: unit.path, county_code: unit.county_code, name: body.name, kind: body.kind, founded_on: body.foundedOn, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('gig_party_org_station').values(stations.map((x) => ({ party_org_id: row.id, station_id: x.id, org_path: x.org_path, county_code: x.county_code }))).execute();
    await writeAudit(trx, actor, { action: 'newgroups.party_org_create', entity: 'gig_party_org', entityId: row.id, orgPath: unit.path, countyCode: unit.county_code, after: { name: body.name, kind: body.kind, stationIds } });
    return { id: row.id };
  });
}

export async function listInstructors(deps: RegisterDeps, scope: Scope, q: In<typeof s.InstructorQuery>): Promise<In<typeof s.InstructorPage>> {
  const { rows, total } = await repo.listInstructors(deps.db, scope, q.status, q.page, q.pageSize);
  return { total, items: rows.map((r) => ({ id: r.id, name: r.name, sentBy: r.sent_by, phoneMask: r.phone_mask, sentOn: r.sent_on, endedOn: r.ended_on, endReason: r.end_reason, partyOrgId: r.party_org_id, partyOrgName: r.party_org_name })) };
}

export async function sendInstructor(deps: RegisterDeps, actor: Actor, scope: Scope, body: In<typeof s.InstructorBody>) {
  const org = await repo.partyOrgInScope(deps.db, scope, body.partyOrgId);
  if (!org) throw notFound('党组织');
  if (body.sentOn > chinaDay(deps.clock.now())) throw new AppError('VALIDATION_FAILED', '选派日期不能晚于今天');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('gig_instructor').values({
      party_org_id: org.id, org_path: org.org_path, county_code: org.county_code, name: body.name, sent_by: body.sentBy, ...phoneColumns(deps.cipher, body.phone),
      sent_on: body.sentOn, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'newgroups.instructor_send', entity: 'gig_instructor', entityId: row.id, orgPath: org.org_path, countyCode: org.county_code, after: { partyOrgId: org.id } });
    return { id: row.id };
  });
}

const zero = (): s.CoverageCounts => ({ stations: 0, coveredStations: 0, workers: 0, members: 0, applicants: 0, independentOrgs: 0, jointOrgs: 0, instructors: 0 });

function fold(c: Awaited<ReturnType<typeof repo.coverageCounts>>) {
  const by = new Map<number, s.CoverageCounts>();
  const at = (id: number) => by.get(id) ?? (by.set(id, zero()), by.get(id)!);
  for (const r of c.stations) Object.assign(at(r.unit_id), { stations: r.stations, coveredStations: r.covered_stations });
  for (const r of c.workers) Object.assign(at(r.unit_id), { workers: r.workers, members: r.members, applicants: r.applicants });
  for (const r of c.orgs) Object.assign(at(r.unit_id), { independentOrgs: r.independent_orgs, jointOrgs: r.joint_orgs });
  for (const r of c.instructors) Object.assign(at(r.unit_id), { instructors: r.instructors });
  return by;
}

/** Coverage of a unit (the caller's by default) and of each of its children (counties for the city, streets for a county …). */
export async function coverage(deps: RegisterDeps, scope: Scope, q: In<typeof s.CoverageQuery>): Promise<In<typeof s.Coverage>> {
  const unit = q.unitId ? await unitInScope(deps.db, scope, q.unitId) : await orgPlace(deps.db, scope.orgId);
  if (!unit) throw notFound('组织');
  const [children, total, childNames] = await Promise.all([
    repo.coverageCounts(deps.db, { parentId: unit.id }).then(fold),
    repo.coverageCounts(deps.db, { unitId: unit.id }).then(fold),
    childPlaces(deps.db, unit.id),
  ]);
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    total: total.get(unit.id) ?? zero(),
    rows: childNames.map((c) => ({ unitId: c.id, unitName: c.name, ...(children.get(c.id) ?? zero()) })),
  };
}
