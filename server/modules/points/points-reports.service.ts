import ExcelJS from 'exceljs';
import type { PointsHolderKind } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { type Scope, unitInScope } from '../../platform/scope.js';
import { monthOf, verifyLedger } from './points-ledger.repository.js';
import { communityInScope, labelKey, prevMonth, staffLabel, type PointsDeps } from './points-common.js';
import { communityForRead, holderLabels } from './points.repository.js';
import { requireHolder } from './points-holder.repository.js';
import * as repo from './points-reports.repository.js';

/** Holders of a community with their balance and score; q matches room, building or head's name. */
export async function listHolders(
  deps: PointsDeps, scope: Scope,
  q: { communityId: number; q?: string; kind?: PointsHolderKind; page: number; pageSize: number },
) {
  const c = await communityForRead(deps.db, scope, q.communityId);
  const like = `${c.within}%`;
  const text = q.q ? `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const { rows, total } = await repo.holdersPage(deps.db, { like, text, kind: q.kind, page: q.page, pageSize: q.pageSize });
  const [labels, compounds] = await Promise.all([
    holderLabels(deps.db, rows.map((r) => ({ kind: r.kind, id: r.id }))),
    repo.compoundsOf(deps.db, rows.filter((r) => r.kind === 'household').map((r) => r.id)),
  ]);
  // The picker names the compound too: 3号楼2单元301 exists in every compound of the community.
  const label = (r: { kind: PointsHolderKind; id: number }) => {
    const own = staffLabel(labels.get(labelKey(r.kind, r.id)));
    const compound = r.kind === 'household' ? compounds.get(r.id) : undefined;
    return compound ? `${compound} ${own}` : own;
  };
  return {
    items: rows.map((r) => ({
      kind: r.kind, id: r.id, label: label(r), balance: Number(r.balance), score: Number(r.score),
    })),
    total,
  };
}

/**
 * The caller's own holder (a resident's household, a merchant account's shop): balance, score,
 * rank among the community's holders of the same kind, and this month's change.
 */
export async function myPoints(deps: PointsDeps, actor: Actor) {
  const home = await requireHolder(deps.db, actor, '查看积分');
  const month = monthOf(deps.clock.now());
  const [bal, labels, thisMonth] = await Promise.all([
    repo.balanceOf(deps.db, home), holderLabels(deps.db, [{ kind: home.kind, id: home.id }]), repo.scoredInMonth(deps.db, home, month),
  ]);
  const score = bal?.score ?? 0;
  const { above, n } = await repo.standing(deps.db, home, score);
  const l = labels.get(labelKey(home.kind, home.id));
  return {
    holder: { kind: home.kind, id: home.id, label: staffLabel(l) },
    communityId: home.communityId,
    balance: bal?.balance ?? 0, score, rankInCommunity: Number(above) + 1, communityHouseholds: Number(n),
    thisMonth,
  };
}

const KIND_NAMES: Record<string, string> = {
  base: '基础分', deed: '加分', penalty: '扣分', volunteer: '志愿服务', redeem: '积分兑换', refund: '兑换退回', reversal: '更正',
};

export async function myEntries(deps: PointsDeps, actor: Actor, page: number, pageSize: number) {
  const home = await requireHolder(deps.db, actor, '查看积分');
  const { rows, total } = await repo.entriesPage(deps.db, home, page, pageSize);
  return {
    items: rows.map((r) => ({
      id: Number(r.id), at: new Date(r.created_at).toISOString(), month: r.month, kind: r.kind, amount: Number(r.amount),
      itemName: r.item_name ?? KIND_NAMES[r.kind] ?? r.kind, note: r.note, balanceAfter: Number(r.balance_after),
    })),
    total,
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
  const org = await unitInScope(deps.db, scope, orgId);
  const to = q.to ?? monthOf(deps.clock.now());
  let from = q.from ?? to;
  if (!q.from) for (let i = 0; i < 11; i++) from = prevMonth(from);
  if (from > to) throw new AppError('VALIDATION_FAILED', '开始月份不能晚于结束月份');
  const like = `${org!.path}%`;
  const { months, records, children } = await repo.flows(deps.db, org.id, like, from, to);
  const byMonth = new Map(months.map((r) => [r.month, r]));
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
    children: children.map((r) => ({ id: r.id, name: r.name, issued: Number(r.issued), deducted: Number(r.deducted), redeemed: Number(r.redeemed) })),
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
  const rows = await repo.honourCandidates(deps.db, c.id, yearLike, q.limit);
  const ids = rows.map((r) => r.holder_id);
  const deeds = await repo.deedsOf(deps.db, ids, yearLike);
  const labels = await holderLabels(deps.db, ids.map((id) => ({ kind: 'household' as const, id })));
  let rank = 0;
  let prev: number | null = null;
  return {
    items: rows.map((r, i) => {
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
  const rows = await repo.heads(deps.db, c.path, q.limit);
  return {
    items: rows.map((r) => ({
      residentId: r.resident_id, name: r.name, post: r.post, place: `${r.parent ?? ''}${r.place}`, score: Number(r.score ?? 0), partyMember: Boolean(r.member),
    })),
  };
}

/** 楼栋长 / 单元长: one resident who lives in that building or unit; null clears the post. */
export async function setHead(deps: PointsDeps, actor: Actor, scope: Scope, input: { orgId: number; residentId: number | null }) {
  const org = await unitInScope(deps.db, scope, input.orgId, '楼栋或单元');
  if (org.kind !== 'building' && org.kind !== 'unit') throw notFound('楼栋或单元');
  const post = org.kind === 'building' ? 'building_head' as const : 'unit_head' as const;
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.headOf(trx, org.id);
    if (input.residentId === null) {
      await repo.clearHead(trx, org.id);
    } else {
      const r = await repo.currentResident(trx, input.residentId);
      if (!r || !r.org_path.startsWith(org.path)) throw new AppError('VALIDATION_FAILED', `该居民不住在${org.name}，不能担任${post === 'building_head' ? '楼栋长' : '单元长'}`);
      const now = deps.clock.now();
      await repo.saveHead(trx, org, post, r.id, actor.accountId, now);
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
  const names = await repo.unitNames(deps.db, ids);
  await writeAudit(deps.db, actor, {
    action: 'points.ledger.verify', entity: 'points_chain', entityId: communityId ?? null, orgPath, countyCode: scope.countyCode,
    after: { communities: report.communities, entries: report.entries, ok: report.ok, problems: report.problems.length },
  });
  return {
    ...report,
    problems: report.problems.map((p) => ({ ...p, communityName: names.get(p.communityId) ?? '' })),
  };
}

