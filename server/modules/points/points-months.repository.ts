import { sql } from 'kysely';
import type { PointsMonthStatus } from '../../database.js';
import { maskNameSql, scoredSql, type CommunityRow, type Q, type Trx } from './points-common.js';
import { GENESIS_HASH } from './points-ledger.repository.js';
import { SETTLE_JOB, settleJobKey } from './points-month-lifecycle.js';
import { DEFAULT_RULES } from './points-rules.repository.js';

/** The SQL of accounting months (一月一评、一月一示): month rows, their notices and settle timers. */

type Place = Pick<CommunityRow, 'id' | 'path' | 'county_code'>;

/** Inserts the 'open' row of each month nobody touched yet, so a lock always has a row to hold. */
async function ensureMonthRows(trx: Trx, communities: readonly Place[], month: string) {
  await trx.insertInto('points_month')
    .values(communities.map((c) => ({ community_id: c.id, month, org_path: c.path, county_code: c.county_code })))
    .onConflict((oc) => oc.columns(['community_id', 'month']).doNothing()).execute();
}

/** The month's row, locked for share (records, approvals) or update (settle). */
export async function lockMonth(trx: Trx, c: Place, month: string, mode: 'share' | 'update') {
  await ensureMonthRows(trx, [c], month);
  const q = trx.selectFrom('points_month').selectAll().where('community_id', '=', c.id).where('month', '=', month);
  return (mode === 'share' ? q.forShare() : q.forUpdate()).executeTakeFirstOrThrow();
}

/** Of these communities, those whose month is in one of these states, their rows locked for update. */
export async function lockMonthsIn(trx: Trx, communities: readonly Place[], month: string, states: readonly PointsMonthStatus[]): Promise<Set<number>> {
  await ensureMonthRows(trx, communities, month);
  const rows = await trx.selectFrom('points_month').select('community_id').where('community_id', 'in', communities.map((c) => c.id))
    .where('month', '=', month).where('status', 'in', states).forUpdate().execute();
  return new Set(rows.map((r) => r.community_id));
}

/** Records of the month still waiting for review, over these communities. */
export async function pendingRecords(db: Q, communityIds: readonly number[], month: string): Promise<number> {
  const { n } = await db.selectFrom('points_record').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', 'in', communityIds).where('month', '=', month).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(n);
}

/** Each community's chain head, locked so head and notice agree while the notice is written. */
export async function lockChainHeads(trx: Trx, communityIds: readonly number[]) {
  const rows = await trx.selectFrom('points_chain').select(['community_id', 'last_seq', 'last_hash'])
    .where('community_id', 'in', communityIds).forUpdate().execute();
  const heads = new Map(rows.map((h) => [h.community_id, h]));
  return (id: number) => ({ seq: heads.get(id)?.last_seq ?? 0, hash: heads.get(id)?.last_hash ?? GENESIS_HASH });
}

/** Each community's objection window in days (its rules, or the default). */
export async function objectionDays(db: Q, communityIds: readonly number[]) {
  const rows = await db.selectFrom('points_rule_set').select(['community_id', 'objection_days']).where('community_id', 'in', communityIds).execute();
  const days = new Map(rows.map((r) => [r.community_id, r.objection_days]));
  return (id: number) => days.get(id) ?? DEFAULT_RULES.objectionDays;
}

export async function markMonth(trx: Trx, communityId: number, month: string, set: {
  status: PointsMonthStatus; closed_at?: Date; closed_by?: number; objection_until?: Date; head_seq?: number; head_hash?: string;
  households?: number; settled_at?: Date;
}) {
  await trx.updateTable('points_month').set(set).where('community_id', '=', communityId).where('month', '=', month).execute();
}

/** Schedules each month's settle timer; as scheduleJob does, a pending timer with the same key is replaced. */
export async function scheduleSettles(trx: Trx, timers: readonly { c: Place; runAt: Date }[], month: string, now: Date) {
  if (!timers.length) return;
  const keys = timers.map((t) => settleJobKey(t.c.id, month));
  await trx.updateTable('job').set({ status: 'cancelled', done_at: now }).where('dedupe_key', 'in', keys).where('status', '=', 'pending').execute();
  await trx.insertInto('job').values(timers.map((t) => ({
    kind: SETTLE_JOB, run_at: t.runAt, payload: JSON.stringify({ communityId: t.c.id, month }), county_code: t.c.county_code,
    dedupe_key: settleJobKey(t.c.id, month),
  }))).execute();
}

/** A closed month's row, locked for settling (undefined for a month nobody touched). */
export async function monthForSettle(trx: Trx, communityId: number, month: string) {
  return trx.selectFrom('points_month').selectAll().where('community_id', '=', communityId).where('month', '=', month)
    .forUpdate().executeTakeFirst();
}

export async function hasOpenObjection(db: Q, communityId: number, month: string): Promise<boolean> {
  const open = await db.selectFrom('points_objection').select('id').where('community_id', '=', communityId).where('month', '=', month)
    .where('status', '=', 'open').limit(1).executeTakeFirst();
  return !!open;
}

/** Month rows (with who closed them) and record counts by month and status; one month or all of a community's. */
export async function monthFacts(db: Q, communityId: number, month?: string) {
  // One after the other: inside a transaction both would queue on one connection anyway.
  const rows = await db.selectFrom('points_month as pm').leftJoin('account as a', 'a.id', 'pm.closed_by')
    .select(['pm.month', 'pm.status', 'pm.closed_at', 'pm.objection_until', 'pm.settled_at', 'pm.head_hash', 'a.display_name'])
    .where('pm.community_id', '=', communityId).$if(month !== undefined, (q) => q.where('pm.month', '=', month!)).execute();
  const counts = await db.selectFrom('points_record').select(['month', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('community_id', '=', communityId).$if(month !== undefined, (q) => q.where('month', '=', month!))
    .groupBy(['month', 'status']).execute();
  return { rows, counts };
}

/**
 * Writes the notice rows of a month for the given communities in one statement: each holder's change in the
 * month (score kinds only, by rule item), its score at the month's end (today's score less
 * what came after), rank by that score, and a masked label. Reads only the month and later.
 */
export async function writeNotice(trx: Trx, communityIds: readonly number[], month: string): Promise<Map<number, number>> {
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

