import { sql } from 'kysely';
import type { PointsHolderKind } from '../../database.js';
import { placesById } from '../../platform/org-units.js';
import { originalKindSql, scoredSql, type Q, type Trx } from './points-common.js';

/** The SQL of points reports: holder lists, a holder's standing and entries, figures, honours and heads. */

type Holder = { kind: PointsHolderKind; id: number };

/** Holders under `like` (households of residences, merchants) with balance and score, a page and the count. */
export async function holdersPage(db: Q, q: { like: string; text: string | null; kind?: PointsHolderKind; page: number; pageSize: number }) {
  const { like, text } = q;
  const households = sql`
    SELECT 'household' AS kind, h.id, coalesce(b.balance, 0) AS balance, coalesce(b.score, 0) AS score, h.id AS sort
    FROM household h
    LEFT JOIN points_balance b ON b.holder_kind = 'household' AND b.holder_id = h.id
    WHERE h.org_path LIKE ${like} AND h.kind = 'residence'
    ${text ? sql`AND (h.room LIKE ${text} OR h.address LIKE ${text} OR EXISTS (
      SELECT 1 FROM resident r WHERE r.household_id = h.id AND r.moved_out_at IS NULL AND r.name LIKE ${text}))` : sql``}`;
  const merchants = sql`
    SELECT 'merchant' AS kind, m.id, coalesce(b.balance, 0) AS balance, coalesce(b.score, 0) AS score, m.id AS sort
    FROM merchant m
    LEFT JOIN points_balance b ON b.holder_kind = 'merchant' AND b.holder_id = m.id
    WHERE m.org_path LIKE ${like} ${text ? sql`AND (m.name LIKE ${text} OR m.address LIKE ${text})` : sql``}`;
  const union = q.kind === 'household' ? households : q.kind === 'merchant' ? merchants : sql`${households} UNION ALL ${merchants}`;
  const [rows, total] = await Promise.all([
    sql<{ kind: PointsHolderKind; id: number; balance: number; score: number }>`
      SELECT kind, id, balance, score FROM (${union}) x ORDER BY kind, sort LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM (${union}) x`.execute(db),
  ]);
  return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export function balanceOf(db: Q, h: Holder) {
  return db.selectFrom('points_balance').select(['balance', 'score']).where('holder_kind', '=', h.kind).where('holder_id', '=', h.id).executeTakeFirst();
}

/** What moved the holder's score in a month. */
export async function scoredInMonth(db: Q, h: Holder, month: string) {
  const r = await sql<{ n: number }>`SELECT coalesce(sum(e.amount), 0)::int AS n FROM points_entry e
    WHERE e.holder_kind = ${h.kind} AND e.holder_id = ${h.id} AND e.month = ${month} AND ${scoredSql()}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** How many holders of the same kind in the community score above `score`, and how many there are. */
export async function standing(db: Q, h: Holder & { communityId: number }, score: number) {
  const [{ above }, { n }] = await Promise.all([
    db.selectFrom('points_balance').select((eb) => eb.fn.countAll<number>().as('above'))
      .where('community_id', '=', h.communityId).where('holder_kind', '=', h.kind).where('score', '>', score).executeTakeFirstOrThrow(),
    db.selectFrom('points_balance').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('community_id', '=', h.communityId).where('holder_kind', '=', h.kind).executeTakeFirstOrThrow(),
  ]);
  return { above: Number(above), n: Number(n) };
}

/** A page of the holder's entries, newest first, each with the balance after it, and the count. */
export async function entriesPage(db: Q, h: Holder, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    sql<{ id: number; created_at: Date; month: string; kind: string; amount: number; note: string; item_name: string | null; balance_after: number }>`
      SELECT x.* FROM (
        SELECT e.id, e.created_at, e.month, e.kind, e.amount, e.note, ri.name AS item_name,
               sum(e.amount) OVER (ORDER BY e.id)::int AS balance_after
        FROM points_entry e LEFT JOIN points_rule_item ri ON ri.id = e.rule_item_id
        WHERE e.holder_kind = ${h.kind} AND e.holder_id = ${h.id}
      ) x ORDER BY x.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db),
    db.selectFrom('points_entry').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('holder_kind', '=', h.kind).where('holder_id', '=', h.id).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.rows, total: Number(total.n) };
}

/**
 * Points issued, deducted and redeemed under `like` per month (with holders touched), approved
 * records per month, and the same flows per child unit of `orgId`. Reversals count as what they reverse.
 */
export async function flows(db: Q, orgId: number, like: string, from: string, to: string) {
  const flows = sql`
    SELECT e.month, e.org_path, e.holder_kind, e.holder_id,
      CASE WHEN x.kind IN ('base','deed','volunteer') THEN e.amount ELSE 0 END AS issued,
      CASE WHEN x.kind = 'penalty' THEN -e.amount ELSE 0 END AS deducted,
      CASE WHEN x.kind IN ('redeem','refund') THEN -e.amount ELSE 0 END AS redeemed
    FROM points_entry e
    CROSS JOIN LATERAL (SELECT CASE WHEN e.kind = 'reversal' THEN ${originalKindSql()} ELSE e.kind END AS kind) x
    WHERE e.org_path LIKE ${like} AND e.month BETWEEN ${from} AND ${to}`;
  const [months, records, children] = await Promise.all([
    sql<{ month: string; issued: number; deducted: number; redeemed: number; holders: number }>`
      SELECT month, sum(issued)::int AS issued, sum(deducted)::int AS deducted, sum(redeemed)::int AS redeemed,
             count(DISTINCT (holder_kind, holder_id))::int AS holders
      FROM (${flows}) f GROUP BY month ORDER BY month`.execute(db),
    db.selectFrom('points_record').select(['month', (eb) => eb.fn.countAll<number>().as('n')])
      .where('org_path', 'like', like).where('status', '=', 'approved').where('month', '>=', from).where('month', '<=', to)
      .groupBy('month').execute(),
    sql<{ id: number; name: string; issued: number; deducted: number; redeemed: number }>`
      SELECT c.id, c.name, coalesce(sum(f.issued), 0)::int AS issued, coalesce(sum(f.deducted), 0)::int AS deducted,
             coalesce(sum(f.redeemed), 0)::int AS redeemed
      FROM org_unit c LEFT JOIN (${flows}) f ON f.org_path LIKE c.path || '%'
      WHERE c.parent_id = ${orgId} AND c.dissolved_at IS NULL
      GROUP BY c.id, c.name ORDER BY c.name`.execute(db),
  ]);
  return { months: months.rows, records, children: children.rows };
}

/** A year's honour candidates among the community's households: earned points, no unreversed penalty. */
export async function honourCandidates(db: Q, communityId: number, yearLike: string, limit: number) {
  const rows = await sql<{ holder_id: number; score: number }>`
    SELECT e.holder_id, sum(e.amount)::int AS score
    FROM points_entry e
    WHERE e.holder_kind = 'household' AND e.month LIKE ${yearLike}
      -- The community's households today, wherever their entries were recorded (ADR 0006).
      AND e.holder_id IN (SELECT b.holder_id FROM points_balance b WHERE b.community_id = ${communityId} AND b.holder_kind = 'household')
      AND (e.kind IN ('deed','penalty','volunteer') OR (e.kind = 'reversal' AND ${originalKindSql()} IN ('deed','penalty','volunteer')))
      AND NOT EXISTS (
        SELECT 1 FROM points_entry p WHERE p.holder_kind = 'household' AND p.holder_id = e.holder_id AND p.kind = 'penalty'
          AND p.month LIKE ${yearLike} AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses_id = p.id))
    GROUP BY e.holder_id HAVING sum(e.amount) > 0
    ORDER BY score DESC, e.holder_id LIMIT ${limit}`.execute(db);
  return rows.rows;
}

/** The deeds (not reversed) behind each household's score in a year, by rule item. */
export async function deedsOf(db: Q, ids: readonly number[], yearLike: string) {
  return ids.length ? (await sql<{ holder_id: number; name: string; points: number; count: number }>`
    SELECT e.holder_id, coalesce(ri.name, '其他') AS name, sum(e.amount)::int AS points, count(*)::int AS count
    FROM points_entry e LEFT JOIN points_rule_item ri ON ri.id = e.rule_item_id
    WHERE e.holder_kind = 'household' AND e.holder_id IN (${sql.join(ids)}) AND e.month LIKE ${yearLike}
      AND e.kind IN ('deed','volunteer')
      AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses_id = e.id)
    GROUP BY e.holder_id, ri.name ORDER BY points DESC`.execute(db)).rows : [];
}

/** Building and unit heads under `path`, by their household's score. */
export async function heads(db: Q, path: string, limit: number) {
  const rows = await sql<{ resident_id: number; name: string; post: 'building_head' | 'unit_head'; place: string; parent: string | null; score: number | null; member: boolean }>`
    SELECT h.resident_id, r.name, h.post, u.name AS place, p.name AS parent, b.score,
           EXISTS (SELECT 1 FROM party_member pm WHERE pm.resident_id = h.resident_id) AS member
    FROM points_head h
    JOIN resident r ON r.id = h.resident_id
    JOIN org_unit u ON u.id = h.org_id
    LEFT JOIN org_unit p ON p.id = u.parent_id AND u.kind = 'unit'
    LEFT JOIN points_balance b ON b.holder_kind = 'household' AND b.holder_id = r.household_id
    WHERE h.org_path LIKE ${`${path}%`}
    ORDER BY coalesce(b.score, 0) DESC, h.resident_id LIMIT ${limit}`.execute(db);
  return rows.rows;
}

export function headOf(db: Q, orgId: number) {
  return db.selectFrom('points_head').select('resident_id').where('org_id', '=', orgId).executeTakeFirst();
}

export async function clearHead(trx: Trx, orgId: number) {
  await trx.deleteFrom('points_head').where('org_id', '=', orgId).execute();
}

/** A resident who has not moved out, with where they live. */
export function currentResident(db: Q, id: number) {
  return db.selectFrom('resident').select(['id', 'org_path']).where('id', '=', id).where('moved_out_at', 'is', null).executeTakeFirst();
}

export async function saveHead(
  trx: Trx, org: { id: number; path: string; county_code: string }, post: 'building_head' | 'unit_head', residentId: number, by: number, now: Date,
) {
  await trx.insertInto('points_head').values({ org_id: org.id, post, resident_id: residentId, org_path: org.path, county_code: org.county_code, set_by: by, set_at: now })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ resident_id: residentId, set_by: by, set_at: now })).execute();
}

/** Names of org units by id. */
export async function unitNames(db: Q, ids: readonly number[]): Promise<Map<number, string>> {
  return new Map([...(await placesById(db, ids)).values()].map((r) => [r.id, r.name]));
}

/**
 * The compound (小区: an enclosed grid is one compound) each household lives in, by household id;
 * households in scattered or business grids have none. The grid is one of the ids in the path.
 */
export async function compoundsOf(db: Q, householdIds: readonly number[]): Promise<Map<number, string>> {
  if (!householdIds.length) return new Map();
  const rows = await sql<{ id: number; name: string }>`
    SELECT h.id, g.name FROM household h
    JOIN org_unit g ON g.kind = 'grid' AND g.grid_type = 'enclosed' AND g.id = ANY (string_to_array(rtrim(h.org_path, '.'), '.')::int[])
    WHERE h.id IN (${sql.join(householdIds)})`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r.name]));
}
