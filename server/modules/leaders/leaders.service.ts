import type { Kysely, Transaction } from 'kysely';
import type { DB, LeaderLevel, OrgKind } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { orgPlace } from '../../platform/org-units.js';
import type { Scope } from '../../platform/scope.js';
import { createDemand, type DemandDeps } from '../demands/index.js';
import * as repo from './leaders.repository.js';
import type { LevelStats, LeaderView, LinkView, VisitView } from './leaders.schemas.js';

const LEVELS: readonly LeaderLevel[] = ['city', 'county', 'township', 'community'];

/** A leader sits on the org unit of their own level. */
const LEVEL_KIND: Record<LeaderLevel, OrgKind> = { city: 'city', county: 'county', township: 'street', community: 'community' };
const LEVEL_NAMES: Record<LeaderLevel, string> = { city: '市级领导', county: '县级领导', township: '乡镇(街道)干部', community: '社区干部' };
const KIND_NAMES: Partial<Record<OrgKind, string>> = { city: '市', county: '县(市、区)', street: '街道/乡镇', community: '社区' };

/** What a leader is linked to (包联): a community, or a compound/grid inside one. */
const LINKABLE: ReadonlySet<OrgKind> = new Set(['community', 'grid']);


const toLeaderView = (l: repo.LeaderRow): LeaderView => ({
  id: l.id, name: l.name, level: l.level, title: l.title, workUnit: l.work_unit, orgId: l.org_id, orgName: l.org_name,
  accountId: l.account_id, linkCount: Number(l.link_count ?? 0), visitCount: Number(l.visit_count ?? 0),
  problemsFound: Number(l.problems_found ?? 0), problemsSolved: Number(l.problems_solved ?? 0),
});

const toLinkView = (k: repo.LinkRow): LinkView => ({
  id: k.id, orgId: k.org_id, orgName: k.org_name, orgKind: k.org_kind, since: k.since, until: k.until,
});

type ProblemRow = Awaited<ReturnType<typeof repo.problemsOf>>[number];

const toVisitView = (v: repo.VisitRow, problems: ProblemRow[]): VisitView => {
  const own = problems.filter((p) => p.visit_id === v.id).map((p) => ({
    demandId: p.id, description: p.description, categoryName: p.category_name, state: p.state, solved: !!p.solved,
  }));
  return {
    id: v.id, orgId: v.org_id, orgName: v.org_name, visitedOn: v.visited_on, summary: v.summary, problems: own,
    problemsFound: own.length, problemsSolved: own.filter((p) => p.solved).length, recordedBy: v.recorded_by_name,
  };
};

/** The area to look at: a unit the caller names (in scope), or the caller's whole scope. */
async function areaOf(db: Kysely<DB>, scope: Scope, orgId?: number) {
  if (!orgId) return { id: scope.orgId, path: scope.path };
  const u = await orgPlace(db, orgId);
  scope.assert(u?.path, '组织');
  return { id: u!.id, path: u!.path };
}

export async function listLeaders(db: Kysely<DB>, scope: Scope, q: { level?: LeaderLevel; orgId?: number; page: number; pageSize: number }) {
  const area = await areaOf(db, scope, q.orgId);
  const { items, total } = await repo.listLeaders(db, area.path, q);
  return { items: items.map(toLeaderView), total };
}

/** One leader with the links and visits the caller may see: those inside the caller's scope. */
export async function getLeader(db: Kysely<DB>, scope: Scope, id: number) {
  const l = await repo.getLeader(db, id, scope.path);
  if (!l || !(await repo.findLeader(db, id, scope.path))) throw notFound('领导干部');
  const [links, visits] = await Promise.all([repo.linksOf(db, id, scope.path), repo.visitsOf(db, id, scope.path, 100)]);
  const problems = await repo.problemsOf(db, visits.map((v) => v.id));
  return {
    ...toLeaderView(l),
    links: links.filter((k) => k.until === null).map(toLinkView),
    pastLinks: links.filter((k) => k.until !== null).map(toLinkView),
    visits: visits.map((v) => toVisitView(v, problems)),
  };
}

export async function createLeader(
  db: Kysely<DB>, actor: Actor, scope: Scope,
  input: { name: string; level: LeaderLevel; title: string; workUnit: string; orgId: number; accountId?: number },
) {
  return db.transaction().execute(async (trx) => {
    const unit = await orgPlace(trx, input.orgId);
    scope.assert(unit?.path, '组织');
    const kind = LEVEL_KIND[input.level];
    if (unit!.kind !== kind) {
      throw new AppError('VALIDATION_FAILED', `${LEVEL_NAMES[input.level]}应挂在${KIND_NAMES[kind]}一级的组织上`, {
        fields: [{ field: 'body.orgId', problem: 'level_mismatch' }],
      });
    }
    if (input.accountId) {
      const acc = await repo.findAccount(trx, input.accountId);
      if (!acc || !scope.contains(acc.scope_path)) throw notFound('账号');
    }
    const id = await repo.insertLeader(trx, {
      name: input.name, level: input.level, title: input.title, work_unit: input.workUnit, account_id: input.accountId ?? null,
      org_id: unit!.id, org_path: unit!.path, county_code: unit!.county_code,
    });
    await writeAudit(trx, actor, { action: 'leader.create', entity: 'leader', entityId: id, orgPath: unit!.path, countyCode: unit!.county_code, after: input });
    return toLeaderView((await repo.getLeader(trx, id, scope.path))!);
  });
}

/** A leader the caller may act on, and a unit in both the caller's scope and the leader's own area. */
async function leaderAndUnit(db: Kysely<DB> | Transaction<DB>, scope: Scope, leaderId: number, orgId: number) {
  const leader = await repo.findLeader(db, leaderId, scope.path);
  if (!leader) throw notFound('领导干部');
  const unit = await orgPlace(db, orgId);
  scope.assert(unit?.path, '组织');
  if (!unit!.path.startsWith(leader.org_path)) {
    throw new AppError('CONFLICT', `${unit!.name}不在${leader.name}所在的管辖范围内`);
  }
  return { leader, unit: unit! };
}

export async function addLink(db: Kysely<DB>, clock: Clock, actor: Actor, scope: Scope, leaderId: number, input: { orgId: number; since?: string }) {
  const today = chinaDay(clock.now());
  const since = input.since ?? today;
  if (since > today) throw new AppError('VALIDATION_FAILED', '包联开始日期不能晚于今天', { fields: [{ field: 'body.since', problem: 'future' }] });
  return db.transaction().execute(async (trx) => {
    const { leader, unit } = await leaderAndUnit(trx, scope, leaderId, input.orgId);
    if (!LINKABLE.has(unit.kind)) throw new AppError('VALIDATION_FAILED', '包联对象应为社区或小区(网格)', { fields: [{ field: 'body.orgId', problem: 'kind' }] });
    if (await repo.currentLink(trx, leader.id, unit.id)) throw new AppError('ALREADY_EXISTS', `${leader.name}已在包联${unit.name}`);
    const id = await repo.insertLink(trx, { leader_id: leader.id, org_id: unit.id, org_path: unit.path, county_code: unit.county_code, since });
    await writeAudit(trx, actor, {
      action: 'leader.link', entity: 'leader_link', entityId: id, orgPath: unit.path, countyCode: unit.county_code,
      after: { leaderId: leader.id, orgId: unit.id, since },
    });
    return toLinkView((await repo.findLink(trx, id))!);
  });
}

/** Ends a link: it stays in the history with the day it ended. */
export async function endLink(db: Kysely<DB>, clock: Clock, actor: Actor, scope: Scope, leaderId: number, linkId: number) {
  const today = chinaDay(clock.now());
  return db.transaction().execute(async (trx) => {
    const link = await repo.findLink(trx, linkId);
    if (!link || link.leader_id !== leaderId) throw notFound('包联关系');
    scope.assert(link.org_path, '包联关系');
    const until = today < link.since ? link.since : today;
    if (!(await repo.endLink(trx, link.id, until))) throw new AppError('INVALID_TRANSITION', '该包联关系已解除');
    await writeAudit(trx, actor, {
      action: 'leader.unlink', entity: 'leader_link', entityId: link.id, orgPath: link.org_path, countyCode: link.county_code,
      before: { until: null }, after: { until },
    });
    return toLinkView((await repo.findLink(trx, link.id))!);
  });
}

/**
 * 进社区办实事: the visit, and each problem found on it recorded as a demand (channel
 * 'leader_visit') at the visited place, in one transaction. Found and solved are counted from
 * those demands as they are handled, never typed in.
 */
export async function addVisit(
  deps: DemandDeps, actor: Actor, scope: Scope, leaderId: number,
  input: { orgId: number; visitedOn: string; summary: string; problems: { description: string; categoryCode: string }[] },
) {
  if (input.visitedOn > chinaDay(deps.clock.now())) throw new AppError('VALIDATION_FAILED', '走访日期不能晚于今天', { fields: [{ field: 'body.visitedOn', problem: 'future' }] });
  return deps.db.transaction().execute(async (trx) => {
    const { leader, unit } = await leaderAndUnit(trx, scope, leaderId, input.orgId);
    const id = await repo.insertVisit(trx, {
      leader_id: leader.id, org_id: unit.id, org_path: unit.path, county_code: unit.county_code, visited_on: input.visitedOn,
      summary: input.summary, recorded_by: actor.accountId,
    });
    const demandIds: number[] = [];
    for (const p of input.problems) {
      const { demand } = await createDemand({ ...deps, db: trx }, actor, scope, {
        orgId: unit.id, channel: 'leader_visit', categoryCode: p.categoryCode, description: p.description, force: true,
      });
      await repo.linkVisitDemand(trx, id, demand.id);
      demandIds.push(demand.id);
    }
    await writeAudit(trx, actor, {
      action: 'leader.visit', entity: 'leader_visit', entityId: id, orgPath: unit.path, countyCode: unit.county_code,
      after: { leaderId: leader.id, orgId: unit.id, visitedOn: input.visitedOn, summary: input.summary, demandIds },
    });
    return toVisitView((await repo.findVisit(trx, id))!, await repo.problemsOf(trx, [id]));
  });
}

export async function stats(db: Kysely<DB>, scope: Scope, orgId?: number) {
  const area = await areaOf(db, scope, orgId);
  const s = await repo.statsUnder(db, area.path);
  const items: LevelStats[] = LEVELS.map((level) => {
    const l = s.leaders.find((r) => r.level === level);
    const k = s.links.find((r) => r.level === level);
    const v = s.visits.find((r) => r.level === level);
    const p = s.problems.find((r) => r.level === level);
    return {
      level,
      leaders: Number(l?.n ?? 0),
      linkedCommunities: Number(k?.communities ?? 0),
      linkedCompounds: Number(k?.compounds ?? 0),
      visits: Number(v?.visits ?? 0),
      problemsFound: Number(p?.found ?? 0),
      problemsSolved: Number(p?.solved ?? 0),
    };
  });
  return { orgId: area.id, items };
}
