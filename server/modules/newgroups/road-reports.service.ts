import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay } from '../../platform/clock.js';
import { AppError, fromDatabaseError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { placeAbove } from '../../platform/org-units.js';
import { communityInScope, type Scope } from '../../platform/scope.js';
import { allCategories, createDemand, demandDeps, demandSummaries } from '../demands/index.js';
import { activeEnrolment } from './parttime.repository.js';
import { ownWorker } from './pass.service.js';
import * as repo from './road-reports.repository.js';
import type * as s from './road-reports.schemas.js';
import { mayRewardReports, REWARD_KEEPER } from './whitelist.policy.js';
import { liveEntry } from './whitelist.repository.js';
import type { RoadDeps } from './whitelist.service.js';

/**
 * Reports from the road (路面上报): an enrolled part-time grid worker or safety officer reports a
 * hazard or a demand; it becomes a demand (channel 'rider') through the demands module's public
 * face, so it lands in the community's inbox like any other. The community verifies it by
 * rewarding points, once per report; a wrong award is reversed by an opposite row, never edited.
 */

export async function riderPlaces(deps: RoadDeps, actor: Actor, scope: Scope): Promise<z.infer<typeof s.RiderPlaces>> {
  const w = await ownWorker(deps, actor);
  const [communities, categories, enrolment] = await Promise.all([
    repo.communitiesIn(deps.db, scope), allCategories(deps.db), activeEnrolment(deps.db, w.id, chinaDay(deps.clock.now())),
  ]);
  return { communities, categories: categories.map((c) => ({ code: c.code, name: c.name })), enrolled: !!enrolment };
}

/** The community a report is for: the one picked, or the one of the station nearest the phone. */
async function reportCommunity(deps: RoadDeps, scope: Scope, body: z.infer<typeof s.ReportBody>) {
  if (body.communityId) return communityInScope(deps.db, scope, body.communityId);
  if (body.lat === undefined || body.lng === undefined) {
    throw new AppError('VALIDATION_FAILED', '请选择社区，或允许获取位置后重试', { fields: [{ field: 'body.communityId', problem: 'required' }] });
  }
  const station = await repo.nearestStation(deps.db, scope, body.lat, body.lng);
  const c = station ? await placeAbove(deps.db, station.org_path, 'community') : undefined;
  if (!c) throw new AppError('VALIDATION_FAILED', '无法根据位置确定社区，请从列表中选择', { fields: [{ field: 'body.communityId', problem: 'not located' }] });
  return communityInScope(deps.db, scope, c.id);
}

export async function report(deps: RoadDeps, actor: Actor, scope: Scope, body: z.infer<typeof s.ReportBody>): Promise<z.infer<typeof s.ReportCreated>> {
  const w = await ownWorker(deps, actor);
  if (!(await activeEnrolment(deps.db, w.id, chinaDay(deps.clock.now())))) {
    throw new AppError('FORBIDDEN', '只有社区聘任的兼职网格员或安全员可以路面上报');
  }
  // Taken off the white-list, a rider's enrolment no longer speaks for him.
  if (!(await liveEntry(deps.db, w.id))) throw new AppError('FORBIDDEN', '您已不在白名单中，暂不能路面上报；请联系所在街道或社区');
  const community = await reportCommunity(deps, scope, body);
  // The clientId makes the two writes safe to retry: a resend finds the demand already stored
  // (createDemand replays it) and adds the report row that may be missing.
  const { demand } = await createDemand(demandDeps(deps.ctx), actor, scope, {
    orgId: community.id, categoryCode: body.categoryCode, description: `${body.kind === 'hazard' ? '【路面隐患】' : '【骑手反映】'}${body.description}`,
    lat: body.lat, lng: body.lng, attachmentIds: body.attachmentIds, channel: 'rider', clientId: body.clientId ?? `road-${randomUUID()}`,
  });
  return deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('gig_road_report').values({
      demand_id: demand.id, worker_id: w.id, station_id: w.station_id, community_id: community.id, kind: body.kind,
      org_path: community.path, county_code: community.county_code, created_at: deps.clock.now(),
    }).onConflict((oc) => oc.column('demand_id').doNothing()).execute();
    const row = await trx.selectFrom('gig_road_report').select(['id', 'worker_id']).where('demand_id', '=', demand.id).executeTakeFirstOrThrow();
    if (row.worker_id !== w.id) throw new AppError('CONFLICT', '该离线记录编号已被使用');
    await writeAudit(trx, actor, { action: 'newgroups.road_report', entity: 'gig_road_report', entityId: row.id, orgPath: community.path, countyCode: community.county_code,
      after: { demandId: demand.id, kind: body.kind } });
    return { id: row.id, demandId: demand.id, communityName: community.name };
  });
}

type Row = Awaited<ReturnType<typeof repo.reportsIn>>['rows'][number];

/** Rows with their demands' states (read through the demands module, within `path`). */
async function withStates(deps: RoadDeps, path: string, rows: Row[]): Promise<z.infer<typeof s.ReportRow>[]> {
  const states = new Map((await demandSummaries(deps.db, path, rows.map((r) => r.demand_id))).map((d) => [d.id, d]));
  return rows.map((r) => ({
    id: r.id, demandId: r.demand_id, kind: r.kind, description: states.get(r.demand_id)?.description ?? '', demandState: states.get(r.demand_id)?.state ?? 'unknown',
    workerName: r.worker_name, stationName: r.station_name, communityName: r.community_name, createdAt: new Date(r.created_at).toISOString(),
    reward: r.reward, points: Number(r.points), rewardId: r.award_id,
  }));
}

export async function list(deps: RoadDeps, scope: Scope, q: z.infer<typeof s.ReportsQuery>): Promise<z.infer<typeof s.ReportsPage>> {
  const { rows, total } = await repo.reportsIn(deps.db, scope, q.page, q.pageSize);
  return { total, items: await withStates(deps, scope.path, rows) };
}

export async function mine(deps: RoadDeps, actor: Actor, q: z.infer<typeof s.ReportsQuery>): Promise<z.infer<typeof s.MyReports>> {
  const w = await ownWorker(deps, actor);
  const { rows, total, points } = await repo.reportsOf(deps.db, w.id, q.page, q.pageSize);
  // A rider's own reports, wherever they were filed: the demands' states are read county-wide.
  const county = await placeAbove(deps.db, w.org_path, 'county');
  return { total, pointsTotal: points, items: await withStates(deps, county?.path ?? w.org_path, rows) };
}

export async function counts(deps: RoadDeps, scope: Scope, q: z.infer<typeof s.CountsQuery>): Promise<z.infer<typeof s.Counts>> {
  const { rows, total } = await repo.counts(deps.db, scope, q.by, q.page, q.pageSize);
  return { total, items: rows.map((r) => ({ key: Number(r.key), name: String(r.name), reports: r.reports, hazards: r.hazards, rewarded: r.rewarded })) };
}

/** Unique-index clashes (a second award, a second reversal racing) read as the refusal they are. */
async function once<T>(message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (fromDatabaseError(e)?.code === 'ALREADY_EXISTS') throw new AppError('ALREADY_EXISTS', message);
    throw e;
  }
}

export async function reward(deps: RoadDeps, actor: Actor, scope: Scope, id: number, body: z.infer<typeof s.RewardBody>) {
  if (!mayRewardReports(actor.role)) throw new AppError('FORBIDDEN', REWARD_KEEPER);
  return once('该上报已核实奖励过，每条上报只奖励一次', () => deps.db.transaction().execute(async (trx) => {
    const r = await repo.reportInScope(trx, scope, id);
    if (!r) throw notFound('路面上报');
    if (await repo.awardOf(trx, id)) throw new AppError('ALREADY_EXISTS', '该上报已核实奖励过，每条上报只奖励一次');
    const row = await trx.insertInto('gig_road_reward').values({
      report_id: id, worker_id: r.worker_id, points: body.points, note: body.note, org_path: r.org_path, county_code: r.county_code,
      created_by: actor.accountId, created_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'newgroups.road_reward', entity: 'gig_road_report', entityId: id, orgPath: r.org_path, countyCode: r.county_code,
      after: { points: body.points }, reason: body.note });
    return { id: row.id };
  }));
}

export async function reverse(deps: RoadDeps, actor: Actor, scope: Scope, id: number, body: z.infer<typeof s.ReverseBody>) {
  if (!mayRewardReports(actor.role)) throw new AppError('FORBIDDEN', REWARD_KEEPER);
  return once('该奖励已撤销', () => deps.db.transaction().execute(async (trx) => {
    const r = await repo.reportInScope(trx, scope, id);
    if (!r) throw notFound('路面上报');
    const award = await repo.awardOf(trx, id);
    if (!award) throw new AppError('INVALID_TRANSITION', '该上报尚未奖励，无需撤销');
    const row = await trx.insertInto('gig_road_reward').values({
      report_id: id, worker_id: award.worker_id, points: -award.points, note: body.reason, reverses_id: award.id,
      org_path: r.org_path, county_code: r.county_code, created_by: actor.accountId, created_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'newgroups.road_reward_reverse', entity: 'gig_road_report', entityId: id, orgPath: r.org_path, countyCode: r.county_code,
      before: { points: award.points }, reason: body.reason });
    return { id: row.id };
  }));
}
