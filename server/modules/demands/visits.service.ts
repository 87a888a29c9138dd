import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { Scope, unitInScope } from '../../platform/scope.js';
import type { DemandDeps, Trx } from './demand-deps.js';
import { recordsVisits } from './demand.policy.js';
import * as demandRepo from './demand.repository.js';
import * as repo from './visits.repository.js';
import type { VisitOutcome } from './visits.tables.js';

export interface RecordVisitInput {
  householdId?: number;
  orgId?: number;
  note?: string;
  clientId?: string;
}

function assertVisitor(actor: Actor) {
  if (!recordsVisits(actor.role)) throw new AppError('FORBIDDEN', '只有网格员和社区工作人员可以登记走访');
}

/** The place a visit names, in the caller's scope: a household (its unit) or a unit below the street. */
async function visitPlace(deps: DemandDeps, scope: Scope, input: RecordVisitInput) {
  if (input.householdId) {
    const h = await demandRepo.householdPlace(deps.db, input.householdId);
    scope.assert(h?.org_path, '住户');
    return { orgId: h!.unit_id, householdId: h!.id, orgPath: h!.org_path, countyCode: h!.county_code };
  }
  if (!input.orgId) throw new AppError('VALIDATION_FAILED', '请选择走访的住户或地点', { fields: [{ field: 'body.householdId', problem: 'required' }] });
  const u = await unitInScope(deps.db, scope, input.orgId);
  if (['city', 'county', 'street'].includes(u.kind)) {
    throw new AppError('VALIDATION_FAILED', '请选择到社区、网格或楼栋', { fields: [{ field: 'body.orgId', problem: 'too broad' }] });
  }
  return { orgId: u.id, householdId: null, orgPath: u.path, countyCode: u.county_code };
}

/**
 * 无诉求走访: a visit that found nothing to report is recorded too — it is the work counted.
 * Replaying the same clientId (the phone's offline queue) answers the visit already stored.
 */
export async function recordVisit(deps: DemandDeps, actor: Actor, scope: Scope, input: RecordVisitInput) {
  assertVisitor(actor);
  const place = await visitPlace(deps, scope, input);
  const now = deps.clock.now();
  const replay = async () => {
    const prior = input.clientId ? await repo.visitByClientId(deps.db, input.clientId) : undefined;
    if (prior && prior.visitor_account_id !== actor.accountId) throw new AppError('CONFLICT', '该离线记录编号已被使用');
    return prior;
  };
  const before = await replay();
  if (before) return { id: before.id, replayed: true };
  const row = await repo.insertVisit(deps.db, {
    visitor_account_id: actor.accountId, visitor_name: actor.displayName, org_id: place.orgId, household_id: place.householdId,
    org_path: place.orgPath, county_code: place.countyCode, visited_at: now, note: input.note?.trim() ?? '', outcome: 'no_demand',
    demand_id: null, client_id: input.clientId ?? null, created_at: now,
  });
  if (row) return { id: row.id, replayed: false };
  // Lost a race with the same record sent twice: answer with what the other one stored.
  const raced = await replay();
  if (!raced) throw new AppError('CONFLICT', '该离线记录编号已被使用');
  return { id: raced.id, replayed: true };
}

/** The visit behind a demand a visitor raised on the doorstep (inside the intake's transaction). */
export async function recordDemandVisit(
  trx: Trx, actor: Actor, at: Date,
  d: { id: number; org_id: number; household_id: number | null; org_path: string; county_code: string },
  outcome: Exclude<VisitOutcome, 'no_demand'>,
) {
  await repo.insertVisit(trx, {
    visitor_account_id: actor.accountId, visitor_name: actor.displayName, org_id: d.org_id, household_id: d.household_id,
    org_path: d.org_path, county_code: d.county_code, visited_at: at, note: '', outcome, demand_id: d.id, client_id: null, created_at: at,
  });
}

/** The caller's own visits, newest first (the phone's 走访记录). */
export async function listMyVisits(deps: DemandDeps, actor: Actor, scope: Scope, q: { page: number; pageSize: number }) {
  const { rows, total } = await repo.visitsOf(deps.db, scope, actor.accountId, q.page, q.pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id, visitedAt: r.visited_at.toISOString(), note: r.note, outcome: r.outcome, demandId: r.demand_id,
      demandState: r.demand_state ?? null, categoryName: r.category_name ?? null, householdId: r.household_id,
      place: r.household_address ?? r.place_name,
    })),
    total,
  };
}

/** 走访工作量: visits per grid worker (and community staff) in a month, counted from the records. */
export async function visitCountsByMonth(deps: DemandDeps, scope: Scope, q: { month: string; orgId?: number }) {
  const within = q.orgId ? await unitInScope(deps.db, scope, q.orgId) : null;
  const s = within ? new Scope(within.id, within.path, within.county_code) : scope;
  const [y, m] = q.month.split('-').map(Number);
  // Months in China Standard Time, as every other monthly figure.
  const from = new Date(`${q.month}-01T00:00:00+08:00`);
  const to = new Date(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+08:00`);
  const rows = await repo.visitCounts(deps.db, s, from, to);
  return {
    month: q.month,
    items: rows.map((r) => ({
      accountId: r.visitor_account_id, name: r.display_name, role: r.role, visits: r.visits, withDemand: r.with_demand,
      solved: r.solved, households: r.households,
    })),
  };
}
