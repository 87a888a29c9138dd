import type { PointsMonthStatus } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { assertMonth, communityInScope, monthLabel, prevMonth, type CommunityRow, type PointsDeps, type Q, type Trx } from './points-common.js';
import { monthOf } from './points-ledger.repository.js';
import { checkMonthTransition, MONTH_TRANSITIONS, noticeUrl } from './points-month-lifecycle.js';
import * as repo from './points-months.repository.js';
import { communityForRead } from './points.repository.js';

/**
 * Accounting months (一月一评、一月一示), by the lifecycle in points-month-lifecycle.ts: closing
 * publishes the notice and starts the objection window; settling ends it (points.jobs.ts).
 */

type Place = Pick<CommunityRow, 'id' | 'path' | 'county_code'>;

/** Refuses a write into a month that is no longer open, naming the month. */
export async function assertMonthOpen(trx: Trx, c: Place, month: string) {
  const m = await repo.lockMonth(trx, c, month, 'share');
  if (m.status !== 'open') throw new AppError('INVALID_TRANSITION', `${monthLabel(month)}已结账公示，不能再记录或审核该月的积分`);
}

export interface MonthView {
  month: string;
  status: PointsMonthStatus;
  pending: number;
  approved: number;
  closedAt: string | null;
  closedBy: string | null;
  objectionUntil: string | null;
  settledAt: string | null;
  headHash: string | null;
  noticeUrl: string | null;
}

/** Views of the given months of a community, from its month rows and record counts. */
async function monthViews(db: Q, communityId: number, months: Iterable<string>, only?: string): Promise<MonthView[]> {
  const { rows, counts } = await repo.monthFacts(db, communityId, only);
  const all = new Set(months);
  for (const r of rows) all.add(r.month);
  for (const r of counts) all.add(r.month);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const count = (month: string, status: string) => Number(counts.find((x) => x.month === month && x.status === status)?.n ?? 0);
  return [...all].sort().reverse().map((month): MonthView => {
    const r = byMonth.get(month);
    const status = r?.status ?? 'open';
    return {
      month, status, pending: count(month, 'pending'), approved: count(month, 'approved'),
      closedAt: r?.closed_at?.toISOString() ?? null, closedBy: r?.display_name ?? null,
      objectionUntil: r?.objection_until?.toISOString() ?? null, settledAt: r?.settled_at?.toISOString() ?? null,
      headHash: r?.head_hash ?? null, noticeUrl: status === 'open' ? null : noticeUrl(communityId, month),
    };
  });
}

const monthView = async (db: Q, communityId: number, month: string) => (await monthViews(db, communityId, [month], month))[0]!;

/** The last 12 months and any other month with records or a row. */
export async function listMonths(deps: PointsDeps, scope: Scope, communityId: number) {
  const c = await communityForRead(deps.db, scope, communityId);
  const months: string[] = [];
  let m = monthOf(deps.clock.now());
  for (let i = 0; i < 12; i++, m = prevMonth(m)) months.push(m);
  return { items: await monthViews(deps.db, c.id, months) };
}

interface ClosedMonth {
  c: Place;
  households: number;
  until: Date;
  headSeq: number;
}

/**
 * The one way a month closes, for one community or many in one go: refuses a month with records
 * still pending; leaves communities already closed alone. Publishes each notice (a snapshot of
 * every holder's month and score, labels already masked), records the chain head and schedules
 * the settle job at the end of the objection window. Returns the months it closed.
 */
async function closeOpenMonths(trx: Trx, actor: Actor, communities: readonly Place[], month: string, now: Date): Promise<ClosedMonth[]> {
  if (!communities.length) return [];
  const open = await repo.lockMonthsIn(trx, communities, month, MONTH_TRANSITIONS.close.from);
  const toClose = communities.filter((c) => open.has(c.id));
  if (!toClose.length) return [];
  const ids = toClose.map((c) => c.id);
  const pending = await repo.pendingRecords(trx, ids, month);
  if (pending > 0) {
    throw new AppError('INVALID_TRANSITION', `${monthLabel(month)}还有 ${pending} 条记录待审核，全部审核后才能结账公示`, { pending });
  }
  const head = await repo.lockChainHeads(trx, ids);
  const days = await repo.objectionDays(trx, ids);
  const households = await repo.writeNotice(trx, ids, month);
  const closed = toClose.map((c): ClosedMonth => ({
    c, households: households.get(c.id) ?? 0, until: new Date(now.getTime() + days(c.id) * 86400_000), headSeq: head(c.id).seq,
  }));
  for (const m of closed) {
    await repo.markMonth(trx, m.c.id, month, {
      status: MONTH_TRANSITIONS.close.to, closed_at: now, closed_by: actor.accountId, objection_until: m.until,
      head_seq: m.headSeq, head_hash: head(m.c.id).hash, households: m.households,
    });
  }
  await repo.scheduleSettles(trx, closed.map((m) => ({ c: m.c, runAt: m.until })), month, now);
  return closed;
}

/**
 * Closes a community's month (结账公示): refuses an unfinished month; closing a closed month
 * returns it as it is.
 */
export async function closeMonth(deps: PointsDeps, actor: Actor, scope: Scope, input: { communityId: number; month: string }): Promise<MonthView> {
  assertMonth(input.month);
  const c = await communityInScope(deps.db, scope, input.communityId);
  const now = deps.clock.now();
  if (input.month >= monthOf(now)) {
    throw new AppError('INVALID_TRANSITION', `${monthLabel(input.month)}尚未结束，月底之后才能结账公示`);
  }
  return deps.db.transaction().execute(async (trx) => {
    for (const m of await closeOpenMonths(trx, actor, [c], input.month, now)) {
      await writeAudit(trx, actor, {
        action: 'points.month.close', entity: 'points_month', entityId: `${c.id}:${input.month}`, orgPath: c.path, countyCode: c.county_code,
        after: { month: input.month, households: m.households, objectionUntil: m.until.toISOString(), headSeq: m.headSeq },
      });
    }
    return monthView(trx, c.id, input.month);
  });
}

/** Closes one month for many communities in one go (the demo seed), with one audit row. */
export async function closeMonthForMany(trx: Trx, actor: Actor, communities: readonly CommunityRow[], month: string, now: Date) {
  const closed = await closeOpenMonths(trx, actor, communities, month, now);
  if (!closed.length) return;
  await writeAudit(trx, actor, {
    action: 'points.month.close', entity: 'points_month', entityId: month, orgPath: commonPath(closed.map((m) => m.c.path)),
    countyCode: closed[0]!.c.county_code, after: { month, communities: closed.map((m) => m.c.id) },
  });
}

/** The deepest org path every one of these paths lies under. */
function commonPath(paths: readonly string[]): string {
  let parts = paths[0]!.split('.').filter(Boolean);
  for (const p of paths.slice(1)) {
    const q = p.split('.').filter(Boolean);
    let i = 0;
    while (i < parts.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.length ? `${parts.join('.')}.` : '';
}

/** Moves a closed month whose window is over to settled, unless objections are still open. */
export async function settleIfDue(trx: Trx, communityId: number, month: string, now: Date): Promise<boolean> {
  const m = await repo.monthForSettle(trx, communityId, month);
  if (!m) return false;
  const step = checkMonthTransition(m.status, 'settle');
  if (!step.ok) return false;
  if (!m.objection_until || m.objection_until.getTime() > now.getTime()) return false;
  if (await repo.hasOpenObjection(trx, communityId, month)) return false;
  await repo.markMonth(trx, communityId, month, { status: step.to, settled_at: now });
  await writeAudit(trx, null, {
    action: 'points.month.settle', entity: 'points_month', entityId: `${communityId}:${month}`, orgPath: m.org_path, countyCode: m.county_code,
    after: { month, settledAt: now.toISOString() },
  });
  return true;
}
