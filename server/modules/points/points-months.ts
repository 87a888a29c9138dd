import { sql } from 'kysely';
import type { PointsMonthStatus } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { scheduleJob, type JobHandler } from '../../platform/jobs.js';
import type { Scope } from '../../platform/scope.js';
import { GENESIS_HASH, monthOf } from './points-ledger.js';
import {
  assertMonth, communityForRead, communityInScope, maskNameSql, monthLabel, prevMonth, scoredSql, type CommunityRow, type PointsDeps, type Q, type Trx,
} from './points-common.js';
import { DEFAULT_RULES, ruleSetOf } from './points-rules.js';

const DEFAULT_OBJECTION_DAYS = DEFAULT_RULES.objectionDays;

/**
 * A community's accounting month (一月一评、一月一示):
 *
 *   open ──close──▶ closed ──settle──▶ settled
 *
 * close: the points group has reviewed every record of the month; the notice is written and
 * published and the objection window starts. settle: a DB job when the window ends, once no
 * objection is still undecided (deciding the last one settles a month whose window is over).
 * Nothing moves backwards: a mistake found later is corrected by reversing entries.
 */
export type MonthAction = 'close' | 'settle';

export const MONTH_TRANSITIONS: Record<MonthAction, { from: readonly PointsMonthStatus[]; to: PointsMonthStatus }> = {
  close: { from: ['open'], to: 'closed' },
  settle: { from: ['closed'], to: 'settled' },
};

/** Why each action is refused in each state it cannot start from. */
const REFUSALS: Record<MonthAction, Partial<Record<PointsMonthStatus, string>>> = {
  close: { closed: '该月已结账公示', settled: '该月已结账并结算' },
  settle: { open: '该月尚未结账公示，不能结算', settled: '该月已结算' },
};

export function checkMonthTransition(status: PointsMonthStatus, action: MonthAction): { ok: true; to: PointsMonthStatus } | { ok: false; reason: string } {
  const t = MONTH_TRANSITIONS[action];
  if (t.from.includes(status)) return { ok: true, to: t.to };
  return { ok: false, reason: REFUSALS[action][status] ?? '不允许的操作' };
}

export const SETTLE_JOB = 'points.settle';
export const noticeUrl = (communityId: number, month: string) => `/public/points/${communityId}/${month}`;

/**
 * The month's row, locked for share (records, approvals) or update (close, settle). A month
 * nobody touched yet gets its 'open' row here, so the lock always has a row to hold.
 */
export async function lockMonth(trx: Trx, c: { id: number; path: string; county_code: string }, month: string, mode: 'share' | 'update') {
  await trx.insertInto('points_month').values({ community_id: c.id, month, org_path: c.path, county_code: c.county_code })
    .onConflict((oc) => oc.columns(['community_id', 'month']).doNothing()).execute();
  const q = trx.selectFrom('points_month').selectAll().where('community_id', '=', c.id).where('month', '=', month);
  return (mode === 'share' ? q.forShare() : q.forUpdate()).executeTakeFirstOrThrow();
}

/** Refuses a write into a month that is no longer open, naming the month. */
export async function assertMonthOpen(trx: Trx, c: { id: number; path: string; county_code: string }, month: string) {
  const m = await lockMonth(trx, c, month, 'share');
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

/** The last 12 months and any other month with records or a row. */
export async function listMonths(deps: PointsDeps, scope: Scope, communityId: number) {
  const c = await communityForRead(deps.db, scope, communityId);
  const months = new Set<string>();
  let m = monthOf(deps.clock.now());
  for (let i = 0; i < 12; i++, m = prevMonth(m)) months.add(m);
  const [rows, counts] = await Promise.all([
    deps.db.selectFrom('points_month as pm').leftJoin('account as a', 'a.id', 'pm.closed_by')
      .select(['pm.month', 'pm.status', 'pm.closed_at', 'pm.objection_until', 'pm.settled_at', 'pm.head_hash', 'a.display_name'])
      .where('pm.community_id', '=', c.id).execute(),
    deps.db.selectFrom('points_record').select(['month', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('community_id', '=', c.id).groupBy(['month', 'status']).execute(),
  ]);
  for (const r of rows) months.add(r.month);
  for (const r of counts) months.add(r.month);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const count = (month: string, status: string) => Number(counts.find((x) => x.month === month && x.status === status)?.n ?? 0);
  return {
    items: [...months].sort().reverse().map((month): MonthView => {
      const r = byMonth.get(month);
      const status = r?.status ?? 'open';
      return {
        month, status, pending: count(month, 'pending'), approved: count(month, 'approved'),
        closedAt: r?.closed_at?.toISOString() ?? null, closedBy: r?.display_name ?? null,
        objectionUntil: r?.objection_until?.toISOString() ?? null, settledAt: r?.settled_at?.toISOString() ?? null,
        headHash: r?.head_hash ?? null, noticeUrl: status === 'open' ? null : noticeUrl(c.id, month),
      };
    }),
  };
}

async function monthView(db: Q, communityId: number, month: string): Promise<MonthView> {
  const r = await db.selectFrom('points_month as pm').leftJoin('account as a', 'a.id', 'pm.closed_by')
    .select(['pm.month', 'pm.status', 'pm.closed_at', 'pm.objection_until', 'pm.settled_at', 'pm.head_hash', 'a.display_name'])
    .where('pm.community_id', '=', communityId).where('pm.month', '=', month).executeTakeFirst();
  const counts = await db.selectFrom('points_record').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('community_id', '=', communityId).where('month', '=', month).groupBy('status').execute();
  const n = (s: string) => Number(counts.find((x) => x.status === s)?.n ?? 0);
  const status = r?.status ?? 'open';
  return {
    month, status, pending: n('pending'), approved: n('approved'), closedAt: r?.closed_at?.toISOString() ?? null,
    closedBy: r?.display_name ?? null, objectionUntil: r?.objection_until?.toISOString() ?? null,
    settledAt: r?.settled_at?.toISOString() ?? null, headHash: r?.head_hash ?? null,
    noticeUrl: status === 'open' ? null : noticeUrl(communityId, month),
  };
}

/**
 * Closes a month: refuses an unfinished month or one with records still pending; closing a
 * closed month returns it as it is. Publishes the notice (a snapshot of every holder's month
 * and score, labels already masked), records the chain head and schedules the settle job at the
 * end of the objection window.
 */
export async function closeMonth(deps: PointsDeps, actor: Actor, scope: Scope, input: { communityId: number; month: string }): Promise<MonthView> {
  assertMonth(input.month);
  const c = await communityInScope(deps.db, scope, input.communityId);
  const now = deps.clock.now();
  if (input.month >= monthOf(now)) {
    throw new AppError('INVALID_TRANSITION', `${monthLabel(input.month)}尚未结束，月底之后才能结账公示`);
  }
  return deps.db.transaction().execute(async (trx) => {
    const m = await lockMonth(trx, c, input.month, 'update');
    const step = checkMonthTransition(m.status, 'close');
    if (!step.ok) return monthView(trx, c.id, input.month); // idempotent: already closed
    const { n: pending } = await trx.selectFrom('points_record').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('community_id', '=', c.id).where('month', '=', input.month).where('status', '=', 'pending').executeTakeFirstOrThrow();
    if (Number(pending) > 0) {
      throw new AppError('INVALID_TRANSITION', `${monthLabel(input.month)}还有 ${pending} 条记录待审核，全部审核后才能结账公示`, { pending: Number(pending) });
    }
    // Freeze the community's chain while the notice is written, so head and notice agree.
    const head = await trx.selectFrom('points_chain').select(['last_seq', 'last_hash']).where('community_id', '=', c.id).forUpdate().executeTakeFirst();
    const households = (await writeNotice(trx, [c.id], input.month)).get(c.id) ?? 0;
    const rules = await ruleSetOf(trx, c.id);
    const until = new Date(now.getTime() + rules.objectionDays * 86400_000);
    await trx.updateTable('points_month').set({
      status: step.to, closed_at: now, closed_by: actor.accountId, objection_until: until,
      head_seq: head?.last_seq ?? 0, head_hash: head?.last_hash ?? GENESIS_HASH, households,
    }).where('community_id', '=', c.id).where('month', '=', input.month).execute();
    await scheduleJob(trx, {
      kind: SETTLE_JOB, runAt: until, payload: { communityId: c.id, month: input.month }, countyCode: c.county_code,
      dedupeKey: `points:${c.id}:${input.month}:settle`,
    });
    await writeAudit(trx, actor, {
      action: 'points.month.close', entity: 'points_month', entityId: `${c.id}:${input.month}`, orgPath: c.path, countyCode: c.county_code,
      after: { month: input.month, households, objectionUntil: until.toISOString(), headSeq: head?.last_seq ?? 0 },
    });
    return monthView(trx, c.id, input.month);
  });
}

/**
 * Writes the notice rows of a month for the given communities in one statement: each holder's change in the
 * month (score kinds only, by rule item), its score at the month's end (today's score less
 * what came after), rank by that score, and a masked label. Reads only the month and later.
 */
async function writeNotice(trx: Trx, communityIds: readonly number[], month: string): Promise<Map<number, number>> {
  const ids = sql.join(communityIds);
  // A community's notice is a few thousand rows: starting parallel workers costs more than it saves.
  await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
  const res = await sql<{ community_id: number; n: number }>`
    WITH me AS (
      SELECT hb.community_id, e.holder_kind, e.holder_id, e.amount, e.month,
             coalesce(ri.name, CASE WHEN e.kind = 'base' THEN '基础分' WHEN e.kind = 'reversal' THEN '更正' ELSE e.kind END) AS item
      FROM points_entry e
      LEFT JOIN points_rule_item ri ON ri.id = e.rule_item_id
      -- By holder, not by chain: a household that came with an org merge or move brings its
      -- entries from the chain it was recorded in (ADR 0006).
      JOIN points_balance hb ON hb.holder_kind = e.holder_kind AND hb.holder_id = e.holder_id AND hb.community_id IN (${ids})
      WHERE e.month >= ${month} AND ${scoredSql()}
    ),
    agg AS (
      SELECT holder_kind, holder_id,
             coalesce(sum(amount) FILTER (WHERE month = ${month}), 0)::int AS month_change,
             coalesce(sum(amount) FILTER (WHERE month > ${month}), 0)::int AS later
      FROM me GROUP BY holder_kind, holder_id
    ),
    per_item AS (
      SELECT holder_kind, holder_id, item, sum(amount)::int AS pts FROM me WHERE month = ${month} GROUP BY 1, 2, 3
    ),
    items AS (
      SELECT holder_kind, holder_id, jsonb_agg(jsonb_build_object('name', item, 'points', pts) ORDER BY pts DESC, item) AS items
      FROM per_item GROUP BY 1, 2
    ),
    rows AS (
      SELECT b.community_id, b.holder_kind, b.holder_id, b.org_path, b.county_code,
             coalesce(a.month_change, 0) AS month_change, b.score - coalesce(a.later, 0) AS score,
             coalesce(i.items, '[]'::jsonb) AS items, a.holder_id IS NULL AS untouched
      FROM points_balance b
      LEFT JOIN agg a ON a.holder_kind = b.holder_kind AND a.holder_id = b.holder_id
      LEFT JOIN items i ON i.holder_kind = b.holder_kind AND i.holder_id = b.holder_id
      WHERE b.community_id IN (${ids})
    ),
    shown AS (
      -- A holder whose first points came after this month is not on this month's notice.
      SELECT * FROM rows WHERE untouched OR score <> 0 OR month_change <> 0
    ),
    ins AS (
      INSERT INTO points_notice_row (community_id, month, holder_kind, holder_id, org_path, county_code, rank, label, month_change, score, items)
      SELECT s.community_id, ${month}, s.holder_kind, s.holder_id, s.org_path, s.county_code,
             rank() OVER (PARTITION BY s.community_id ORDER BY s.score DESC),
             CASE WHEN s.holder_kind = 'merchant' THEN coalesce(m.name, '')
                  ELSE trim(${maskNameSql(sql.ref('hd.name'))} || ' ' || coalesce(bd.name, '') || coalesce(u.name, '')) END,
             s.month_change, s.score, s.items
      FROM shown s
      LEFT JOIN merchant m ON s.holder_kind = 'merchant' AND m.id = s.holder_id
      LEFT JOIN household h ON s.holder_kind = 'household' AND h.id = s.holder_id
      LEFT JOIN org_unit u ON u.id = h.unit_id
      LEFT JOIN org_unit bd ON bd.id = u.parent_id AND bd.kind = 'building'
      LEFT JOIN LATERAL (
        SELECT r.name FROM resident r WHERE r.household_id = h.id AND r.moved_out_at IS NULL
        ORDER BY (r.relation = 'head') DESC, r.id LIMIT 1
      ) hd ON true
      RETURNING community_id, holder_kind
    )
    SELECT community_id, count(*) FILTER (WHERE holder_kind = 'household')::int AS n FROM ins GROUP BY community_id`.execute(trx);
  return new Map(res.rows.map((r) => [r.community_id, Number(r.n)]));
}

/**
 * Closes one month for many communities in one go (the demo seed): the same notice and month
 * rows as `closeMonth`, written in a few statements. Communities already closed are left alone;
 * a community with records still pending is refused, as in `closeMonth`.
 */
export async function closeMonthForMany(trx: Trx, actor: Actor, communities: readonly CommunityRow[], month: string, now: Date) {
  if (!communities.length) return;
  const ids = communities.map((c) => c.id);
  await trx.insertInto('points_month')
    .values(communities.map((c) => ({ community_id: c.id, month, org_path: c.path, county_code: c.county_code })))
    .onConflict((oc) => oc.columns(['community_id', 'month']).doNothing()).execute();
  const open = new Set((await trx.selectFrom('points_month').select('community_id').where('community_id', 'in', ids).where('month', '=', month)
    .where('status', '=', 'open').forUpdate().execute()).map((r) => r.community_id));
  const toClose = communities.filter((c) => open.has(c.id));
  if (!toClose.length) return;
  const pending = await trx.selectFrom('points_record').select('community_id').where('community_id', 'in', [...open]).where('month', '=', month)
    .where('status', '=', 'pending').limit(1).executeTakeFirst();
  if (pending) throw new AppError('INVALID_TRANSITION', `${monthLabel(month)}还有记录待审核，全部审核后才能结账公示`);
  const heads = new Map((await trx.selectFrom('points_chain').select(['community_id', 'last_seq', 'last_hash']).where('community_id', 'in', [...open])
    .forUpdate().execute()).map((h) => [h.community_id, h]));
  const days = new Map((await trx.selectFrom('points_rule_set').select(['community_id', 'objection_days']).where('community_id', 'in', [...open]).execute())
    .map((r) => [r.community_id, r.objection_days]));
  const households = await writeNotice(trx, [...open], month);
  for (const c of toClose) {
    const until = new Date(now.getTime() + (days.get(c.id) ?? DEFAULT_OBJECTION_DAYS) * 86400_000);
    const head = heads.get(c.id);
    await trx.updateTable('points_month').set({
      status: 'closed', closed_at: now, closed_by: actor.accountId, objection_until: until,
      head_seq: head?.last_seq ?? 0, head_hash: head?.last_hash ?? GENESIS_HASH, households: households.get(c.id) ?? 0,
    }).where('community_id', '=', c.id).where('month', '=', month).execute();
  }
  // As scheduleJob does, one at a time: a pending timer with the same key is replaced.
  const keys = toClose.map((c) => `points:${c.id}:${month}:settle`);
  await trx.updateTable('job').set({ status: 'cancelled', done_at: now }).where('dedupe_key', 'in', keys).where('status', '=', 'pending').execute();
  await trx.insertInto('job').values(toClose.map((c) => ({
    kind: SETTLE_JOB, run_at: new Date(now.getTime() + (days.get(c.id) ?? DEFAULT_OBJECTION_DAYS) * 86400_000),
    payload: JSON.stringify({ communityId: c.id, month }), county_code: c.county_code, dedupe_key: `points:${c.id}:${month}:settle`,
  }))).execute();
  await writeAudit(trx, actor, {
    action: 'points.month.close', entity: 'points_month', entityId: month, orgPath: commonPath(toClose.map((c) => c.path)),
    countyCode: toClose[0]!.county_code, after: { month, communities: toClose.map((c) => c.id) },
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
  const m = await trx.selectFrom('points_month').selectAll().where('community_id', '=', communityId).where('month', '=', month)
    .forUpdate().executeTakeFirst();
  if (!m || !checkMonthTransition(m.status, 'settle').ok) return false;
  if (!m.objection_until || m.objection_until.getTime() > now.getTime()) return false;
  const open = await trx.selectFrom('points_objection').select('id').where('community_id', '=', communityId).where('month', '=', month)
    .where('status', '=', 'open').limit(1).executeTakeFirst();
  if (open) return false;
  await trx.updateTable('points_month').set({ status: 'settled', settled_at: now })
    .where('community_id', '=', communityId).where('month', '=', month).execute();
  await writeAudit(trx, null, {
    action: 'points.month.settle', entity: 'points_month', entityId: `${communityId}:${month}`, orgPath: m.org_path, countyCode: m.county_code,
    after: { month, settledAt: now.toISOString() },
  });
  return true;
}

export function pointsJobHandlers(): Record<string, JobHandler> {
  return {
    [SETTLE_JOB]: async (trx, job, now) => {
      const { communityId, month } = job.payload as { communityId: number; month: string };
      await settleIfDue(trx, communityId, month, now);
    },
  };
}
