import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { PointsHolderKind } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { monthOf, verifyLedger } from './points-ledger.js';
import {
  communityForRead, communityInScope, holderLabels, labelKey, originalKindSql, prevMonth, scoredSql, staffLabel, type PointsDeps,
} from './points-common.js';
import { ownHousehold } from './points-objections.js';

/** Holders of a community with their balance and score; q matches room, building or head's name. */
export async function listHolders(
  deps: PointsDeps, scope: Scope,
  q: { communityId: number; q?: string; kind?: PointsHolderKind; page: number; pageSize: number },
) {
  const c = await communityForRead(deps.db, scope, q.communityId);
  const like = `${c.within}%`;
  const text = q.q ? `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
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
      SELECT kind, id, balance, score FROM (${union}) x ORDER BY kind, sort LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(deps.db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM (${union}) x`.execute(deps.db),
  ]);
  const labels = await holderLabels(deps.db, rows.rows.map((r) => ({ kind: r.kind, id: r.id })));
  return {
    items: rows.rows.map((r) => ({
      kind: r.kind, id: r.id, label: staffLabel(labels.get(labelKey(r.kind, r.id))), balance: Number(r.balance), score: Number(r.score),
    })),
    total: Number(total.rows[0]?.n ?? 0),
  };
}

/** A resident's own household: balance, score, rank in the community and this month's change. */
export async function myPoints(deps: PointsDeps, actor: Actor) {
  const home = await ownHousehold(deps.db, actor.accountId);
  if (!home) throw new AppError('NOT_FOUND', '您的账号还没有关联住户，请到社区登记后再查看积分');
  const month = monthOf(deps.clock.now());
  const [bal, labels, thisMonth] = await Promise.all([
    deps.db.selectFrom('points_balance').select(['balance', 'score']).where('holder_kind', '=', 'household').where('holder_id', '=', home.id).executeTakeFirst(),
    holderLabels(deps.db, [{ kind: 'household', id: home.id }]),
    sql<{ n: number }>`SELECT coalesce(sum(e.amount), 0)::int AS n FROM points_entry e
      WHERE e.holder_kind = 'household' AND e.holder_id = ${home.id} AND e.month = ${month} AND ${scoredSql()}`.execute(deps.db),
  ]);
  const score = bal?.score ?? 0;
  const [{ above }, { n }] = await Promise.all([
    deps.db.selectFrom('points_balance').select((eb) => eb.fn.countAll<number>().as('above'))
      .where('community_id', '=', home.communityId).where('holder_kind', '=', 'household').where('score', '>', score).executeTakeFirstOrThrow(),
    deps.db.selectFrom('points_balance').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('community_id', '=', home.communityId).where('holder_kind', '=', 'household').executeTakeFirstOrThrow(),
  ]);
  const l = labels.get(labelKey('household', home.id));
  return {
    holder: { kind: 'household' as const, id: home.id, label: staffLabel(l) },
    communityId: home.communityId,
    balance: bal?.balance ?? 0, score, rankInCommunity: Number(above) + 1, communityHouseholds: Number(n),
    thisMonth: Number(thisMonth.rows[0]?.n ?? 0),
  };
}

const KIND_NAMES: Record<string, string> = {
  base: '基础分', deed: '加分', penalty: '扣分', volunteer: '志愿服务', redeem: '积分兑换', refund: '兑换退回', reversal: '更正',
};

export async function myEntries(deps: PointsDeps, actor: Actor, page: number, pageSize: number) {
  const home = await ownHousehold(deps.db, actor.accountId);
  if (!home) throw new AppError('NOT_FOUND', '您的账号还没有关联住户，请到社区登记后再查看积分');
  const [rows, total] = await Promise.all([
    sql<{ id: number; created_at: Date; month: string; kind: string; amount: number; note: string; item_name: string | null; balance_after: number }>`
      SELECT x.* FROM (
        SELECT e.id, e.created_at, e.month, e.kind, e.amount, e.note, ri.name AS item_name,
               sum(e.amount) OVER (ORDER BY e.id)::int AS balance_after
        FROM points_entry e LEFT JOIN points_rule_item ri ON ri.id = e.rule_item_id
        WHERE e.holder_kind = 'household' AND e.holder_id = ${home.id}
      ) x ORDER BY x.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(deps.db),
    deps.db.selectFrom('points_entry').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('holder_kind', '=', 'household').where('holder_id', '=', home.id).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.rows.map((r) => ({
      id: Number(r.id), at: new Date(r.created_at).toISOString(), month: r.month, kind: r.kind, amount: Number(r.amount),
      itemName: r.item_name ?? KIND_NAMES[r.kind] ?? r.kind, note: r.note, balanceAfter: Number(r.balance_after),
    })),
    total: Number(total.n),
  };
}

/**
 * Figures for the chart: per month issued (points given for deeds, volunteering, base),
 * deducted (penalties), redeemed (spent less refunds), holders with any entry, approved
 * records; and the same per child org unit over the whole range. Reversals count against
 * what they reverse.
 */
export async function stats(deps: PointsDeps, scope: Scope, q: { orgId?: number; from?: string; to?: string }) {
  const orgId = q.orgId ?? scope.orgId;
  const org = await deps.db.selectFrom('org_unit').select(['id', 'path', 'kind']).where('id', '=', orgId).executeTakeFirst();
  scope.assert(org?.path, '组织');
  const to = q.to ?? monthOf(deps.clock.now());
  let from = q.from ?? to;
  if (!q.from) for (let i = 0; i < 11; i++) from = prevMonth(from);
  if (from > to) throw new AppError('VALIDATION_FAILED', '开始月份不能晚于结束月份');
  const like = `${org!.path}%`;
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
      FROM (${flows}) f GROUP BY month ORDER BY month`.execute(deps.db),
    deps.db.selectFrom('points_record').select(['month', (eb) => eb.fn.countAll<number>().as('n')])
      .where('org_path', 'like', like).where('status', '=', 'approved').where('month', '>=', from).where('month', '<=', to)
      .groupBy('month').execute(),
    sql<{ id: number; name: string; issued: number; deducted: number; redeemed: number }>`
      SELECT c.id, c.name, coalesce(sum(f.issued), 0)::int AS issued, coalesce(sum(f.deducted), 0)::int AS deducted,
             coalesce(sum(f.redeemed), 0)::int AS redeemed
      FROM org_unit c LEFT JOIN (${flows}) f ON f.org_path LIKE c.path || '%'
      WHERE c.parent_id = ${org!.id} AND c.dissolved_at IS NULL
      GROUP BY c.id, c.name ORDER BY c.name`.execute(deps.db),
  ]);
  const byMonth = new Map(months.rows.map((r) => [r.month, r]));
  const recs = new Map(records.map((r) => [r.month, Number(r.n)]));
  const list: string[] = [];
  for (let m = to; m >= from; m = prevMonth(m)) list.unshift(m);
  return {
    months: list.map((month) => {
      const r = byMonth.get(month);
      return {
        month, issued: Number(r?.issued ?? 0), deducted: Number(r?.deducted ?? 0), redeemed: Number(r?.redeemed ?? 0),
        holders: Number(r?.holders ?? 0), records: recs.get(month) ?? 0,
      };
    }),
    children: children.rows.map((r) => ({ id: r.id, name: r.name, issued: Number(r.issued), deducted: Number(r.deducted), redeemed: Number(r.redeemed) })),
  };
}

/**
 * 最美居民户 candidates of a year: households ranked by the points they earned that year (deeds,
 * volunteering, penalties and corrections; base points are not a deed), leaving out any household
 * with a penalty that year that was not reversed. Each comes with the deeds behind its score.
 */
export async function honourHouseholds(deps: PointsDeps, scope: Scope, q: { communityId: number; year: number; limit: number }) {
  const c = await communityInScope(deps.db, scope, q.communityId);
  const yearLike = `${q.year}-%`;
  const rows = await sql<{ holder_id: number; score: number }>`
    SELECT e.holder_id, sum(e.amount)::int AS score
    FROM points_entry e
    WHERE e.holder_kind = 'household' AND e.month LIKE ${yearLike}
      -- The community's households today, wherever their entries were recorded (ADR 0006).
      AND e.holder_id IN (SELECT b.holder_id FROM points_balance b WHERE b.community_id = ${c.id} AND b.holder_kind = 'household')
      AND (e.kind IN ('deed','penalty','volunteer') OR (e.kind = 'reversal' AND ${originalKindSql()} IN ('deed','penalty','volunteer')))
      AND NOT EXISTS (
        SELECT 1 FROM points_entry p WHERE p.holder_kind = 'household' AND p.holder_id = e.holder_id AND p.kind = 'penalty'
          AND p.month LIKE ${yearLike} AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses_id = p.id))
    GROUP BY e.holder_id HAVING sum(e.amount) > 0
    ORDER BY score DESC, e.holder_id LIMIT ${q.limit}`.execute(deps.db);
  const ids = rows.rows.map((r) => r.holder_id);
  const deeds = ids.length ? (await sql<{ holder_id: number; name: string; points: number; count: number }>`
    SELECT e.holder_id, coalesce(ri.name, '其他') AS name, sum(e.amount)::int AS points, count(*)::int AS count
    FROM points_entry e LEFT JOIN points_rule_item ri ON ri.id = e.rule_item_id
    WHERE e.holder_kind = 'household' AND e.holder_id IN (${sql.join(ids)}) AND e.month LIKE ${yearLike}
      AND e.kind IN ('deed','volunteer')
      AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses_id = e.id)
    GROUP BY e.holder_id, ri.name ORDER BY points DESC`.execute(deps.db)).rows : [];
  const labels = await holderLabels(deps.db, ids.map((id) => ({ kind: 'household' as const, id })));
  let rank = 0;
  let prev: number | null = null;
  return {
    items: rows.rows.map((r, i) => {
      if (r.score !== prev) rank = i + 1;
      prev = r.score;
      return {
        rank, holderId: r.holder_id, label: staffLabel(labels.get(labelKey('household', r.holder_id))), score: Number(r.score),
        deeds: deeds.filter((d) => d.holder_id === r.holder_id).map((d) => ({ name: d.name, points: Number(d.points), count: Number(d.count) })),
      };
    }),
  };
}

/**
 * Reserve branch-secretary candidates (后备支部书记): building and unit heads of the community,
 * ranked by their household's score; party members are marked. Staff see names unmasked.
 */
export async function reserveSecretaries(deps: PointsDeps, scope: Scope, q: { communityId: number; limit: number }) {
  const c = await communityInScope(deps.db, scope, q.communityId);
  const rows = await sql<{ resident_id: number; name: string; post: 'building_head' | 'unit_head'; place: string; parent: string | null; score: number | null; member: boolean }>`
    SELECT h.resident_id, r.name, h.post, u.name AS place, p.name AS parent, b.score,
           EXISTS (SELECT 1 FROM party_member pm WHERE pm.resident_id = h.resident_id) AS member
    FROM points_head h
    JOIN resident r ON r.id = h.resident_id
    JOIN org_unit u ON u.id = h.org_id
    LEFT JOIN org_unit p ON p.id = u.parent_id AND u.kind = 'unit'
    LEFT JOIN points_balance b ON b.holder_kind = 'household' AND b.holder_id = r.household_id
    WHERE h.org_path LIKE ${`${c.path}%`}
    ORDER BY coalesce(b.score, 0) DESC, h.resident_id LIMIT ${q.limit}`.execute(deps.db);
  return {
    items: rows.rows.map((r) => ({
      residentId: r.resident_id, name: r.name, post: r.post, place: `${r.parent ?? ''}${r.place}`, score: Number(r.score ?? 0), partyMember: Boolean(r.member),
    })),
  };
}

/** 楼栋长 / 单元长: one resident who lives in that building or unit; null clears the post. */
export async function setHead(deps: PointsDeps, actor: Actor, scope: Scope, input: { orgId: number; residentId: number | null }) {
  const org = await deps.db.selectFrom('org_unit').select(['id', 'kind', 'path', 'county_code', 'name']).where('id', '=', input.orgId).executeTakeFirst();
  if (!org || (org.kind !== 'building' && org.kind !== 'unit')) throw notFound('楼栋或单元');
  scope.assert(org.path, '楼栋或单元');
  const post = org.kind === 'building' ? 'building_head' as const : 'unit_head' as const;
  return deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('points_head').select('resident_id').where('org_id', '=', org.id).executeTakeFirst();
    if (input.residentId === null) {
      await trx.deleteFrom('points_head').where('org_id', '=', org.id).execute();
    } else {
      const r = await trx.selectFrom('resident').select(['id', 'org_path']).where('id', '=', input.residentId).where('moved_out_at', 'is', null).executeTakeFirst();
      if (!r || !r.org_path.startsWith(org.path)) throw new AppError('VALIDATION_FAILED', `该居民不住在${org.name}，不能担任${post === 'building_head' ? '楼栋长' : '单元长'}`);
      const now = deps.clock.now();
      await trx.insertInto('points_head').values({ org_id: org.id, post, resident_id: r.id, org_path: org.path, county_code: org.county_code, set_by: actor.accountId, set_at: now })
        .onConflict((oc) => oc.column('org_id').doUpdateSet({ resident_id: r.id, set_by: actor.accountId, set_at: now })).execute();
    }
    await writeAudit(trx, actor, {
      action: 'points.head.set', entity: 'org_unit', entityId: org.id, orgPath: org.path, countyCode: org.county_code,
      before: { residentId: before?.resident_id ?? null }, after: { residentId: input.residentId, post },
    });
    return { orgId: org.id, post, residentId: input.residentId };
  });
}

/** A spreadsheet of one list: header row, bold, frozen. */
export async function toXlsx(sheet: string, columns: { header: string; key: string; width: number }[], rows: Record<string, unknown>[]) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The ledger check for the caller's scope (or one community in it), with community names. */
export async function verifyInScope(deps: PointsDeps, actor: Actor, scope: Scope, communityId?: number) {
  let orgPath = scope.path;
  if (communityId) orgPath = (await communityInScope(deps.db, scope, communityId)).path;
  const report = await verifyLedger(deps.db, { communityId, orgPath });
  const ids = [...new Set(report.problems.map((p) => p.communityId))];
  const names = ids.length ? new Map((await deps.db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => [r.id, r.name])) : new Map();
  await writeAudit(deps.db, actor, {
    action: 'points.ledger.verify', entity: 'points_chain', entityId: communityId ?? null, orgPath, countyCode: scope.countyCode,
    after: { communities: report.communities, entries: report.entries, ok: report.ok, problems: report.problems.length },
  });
  return {
    ...report,
    problems: report.problems.map((p) => ({ ...p, communityName: names.get(p.communityId) ?? '' })),
  };
}

