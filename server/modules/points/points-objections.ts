import type { PointsHolderKind } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { inScope, type Scope } from '../../platform/scope.js';
import { appendEntries, holderPlace, type NewEntry } from './points-ledger.js';
import {
  assertMonth, communityInScope, holderLabels, labelKey, monthLabel, staffLabel, type PointsDeps, type Q,
} from './points-common.js';
import { settleIfDue } from './points-months.js';

/**
 * 异议: while a month's notice is up (closed, inside the window), a resident may question their
 * own household's figures or any record on the notice. The points group upholds it — reversing
 * entries, and optionally one correcting entry; nothing is edited — or dismisses it with a reason.
 */

/** The household of a resident's account, with its community. */
export async function ownHousehold(db: Q, accountId: number) {
  const row = await db.selectFrom('account as a').innerJoin('resident as r', 'r.id', 'a.resident_id')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .select(['h.id', 'h.org_path', 'h.county_code']).where('a.id', '=', accountId).where('r.moved_out_at', 'is', null).executeTakeFirst();
  if (!row) return null;
  const place = await holderPlace(db, 'household', row.id);
  return { id: row.id, orgPath: row.org_path, countyCode: row.county_code, communityId: place.communityId };
}

export async function fileObjection(
  deps: PointsDeps, actor: Actor,
  input: { communityId: number; month: string; recordId?: number; reason: string },
) {
  assertMonth(input.month);
  const home = await ownHousehold(deps.db, actor.accountId);
  if (!home) throw new AppError('NOT_FOUND', '您的账号没有关联住户，不能提出异议；请联系社区');
  if (home.communityId !== input.communityId) throw notFound('公示');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('points_month').selectAll().where('community_id', '=', input.communityId).where('month', '=', input.month)
      .forShare().executeTakeFirst();
    if (!m || m.status === 'open') throw new AppError('INVALID_TRANSITION', `${monthLabel(input.month)}的积分尚未公示`);
    if (m.status === 'settled' || !m.objection_until || m.objection_until.getTime() <= now.getTime()) {
      throw new AppError('INVALID_TRANSITION', `${monthLabel(input.month)}公示的异议期已结束`);
    }
    let holder: { kind: PointsHolderKind; id: number; orgPath: string; countyCode: string } = { kind: 'household', id: home.id, orgPath: home.orgPath, countyCode: home.countyCode };
    if (input.recordId) {
      const r = await trx.selectFrom('points_record').select(['holder_kind', 'holder_id', 'org_path', 'county_code', 'status', 'month', 'community_id'])
        .where('id', '=', input.recordId).executeTakeFirst();
      if (!r || r.community_id !== input.communityId || r.month !== input.month || r.status !== 'approved') throw notFound('公示中的积分记录');
      holder = { kind: r.holder_kind, id: r.holder_id, orgPath: r.org_path, countyCode: r.county_code };
    }
    const row = await trx.insertInto('points_objection').values({
      community_id: input.communityId, month: input.month, org_path: holder.orgPath, county_code: holder.countyCode,
      holder_kind: holder.kind, holder_id: holder.id, record_id: input.recordId ?? null, reason: input.reason, filed_by: actor.accountId, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'points.objection.file', entity: 'points_objection', entityId: row.id, orgPath: holder.orgPath, countyCode: holder.countyCode, after: input });
    return objectionView(trx, row.id);
  });
}

function objectionsQuery(db: Q) {
  return db.selectFrom('points_objection as o').leftJoin('account as d', 'd.id', 'o.decided_by')
    .select(['o.id', 'o.community_id', 'o.month', 'o.holder_kind', 'o.holder_id', 'o.record_id', 'o.reason', 'o.status', 'o.decided_at',
      'o.decision_note', 'o.reversal_entry_ids', 'o.created_at', 'o.org_path', 'd.display_name as decided_by_name']);
}

type ObjectionRow = Awaited<ReturnType<ReturnType<typeof objectionsQuery>['execute']>>[number];

async function toViews(db: Q, rows: ObjectionRow[]) {
  const labels = await holderLabels(db, rows.map((r) => ({ kind: r.holder_kind, id: r.holder_id })));
  return rows.map((o) => ({
    id: o.id, communityId: o.community_id, month: o.month, holderKind: o.holder_kind, holderId: o.holder_id,
    holderLabel: staffLabel(labels.get(labelKey(o.holder_kind, o.holder_id))), recordId: o.record_id, reason: o.reason, status: o.status,
    decidedBy: o.decided_by_name ?? null, decidedAt: o.decided_at?.toISOString() ?? null, decisionNote: o.decision_note,
    reversalEntryIds: o.reversal_entry_ids.map(Number), createdAt: o.created_at.toISOString(),
  }));
}

async function objectionView(db: Q, id: number) {
  const row = await objectionsQuery(db).where('o.id', '=', id).executeTakeFirstOrThrow();
  return (await toViews(db, [row]))[0]!;
}

export async function listObjections(
  deps: PointsDeps, scope: Scope,
  q: { communityId?: number; status?: 'open' | 'upheld' | 'dismissed'; page: number; pageSize: number },
) {
  let path = scope.path;
  if (q.communityId) path = (await communityInScope(deps.db, scope, q.communityId)).path;
  const base = objectionsQuery(deps.db).where('o.org_path', 'like', `${path}%`).where(inScope(scope, 'o.org_path'))
    .$if(!!q.status, (qb) => qb.where('o.status', '=', q.status!));
  const [rows, total] = await Promise.all([
    base.orderBy('o.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await toViews(deps.db, rows), total: Number(total.n) };
}

/** The objections a resident filed, with how each was decided — so nobody objects into a void. */
export async function myObjections(deps: PointsDeps, actor: Actor) {
  const rows = await objectionsQuery(deps.db).where('o.filed_by', '=', actor.accountId).orderBy('o.id', 'desc').limit(50).execute();
  return { items: await toViews(deps.db, rows) };
}

export interface DecideInput {
  decision: 'uphold' | 'dismiss';
  note: string;
  reverseRecordIds?: number[];
  adjust?: { holderKind: PointsHolderKind; holderId: number; points: number; note: string };
}

export async function decideObjection(deps: PointsDeps, actor: Actor, scope: Scope, id: number, input: DecideInput) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const o = await trx.selectFrom('points_objection').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).forUpdate().executeTakeFirst();
    if (!o) throw notFound('异议');
    if (o.status !== 'open') throw new AppError('INVALID_TRANSITION', `该异议已${o.status === 'upheld' ? '认定成立' : '驳回'}，不能再次处理`);
    const c = await trx.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('id', '=', o.community_id).executeTakeFirstOrThrow();
    const entryIds: number[] = [];
    if (input.decision === 'uphold') {
      const reverse = [...new Set(input.reverseRecordIds ?? [])];
      if (!reverse.length && !input.adjust) throw new AppError('VALIDATION_FAILED', '认定异议成立时，请选择要冲正的记录或填写更正分值');
      const entries: (NewEntry & { orgPath: string })[] = [];
      if (reverse.length) {
        const recs = await trx.selectFrom('points_record').select(['id', 'holder_kind', 'holder_id', 'points', 'month', 'entry_id', 'org_path', 'status', 'community_id'])
          .where('id', 'in', reverse).execute();
        for (const rid of reverse) {
          const r = recs.find((x) => x.id === rid);
          if (!r || r.community_id !== o.community_id || !scope.contains(r.org_path)) throw notFound(`积分记录 ${rid} `);
          if (r.status !== 'approved' || r.entry_id == null) throw new AppError('INVALID_TRANSITION', `记录 ${rid} 未入账，无需冲正`);
          entries.push({
            holderKind: r.holder_kind, holderId: r.holder_id, amount: -r.points, kind: 'reversal', reversesId: r.entry_id, month: r.month,
            note: `异议成立，冲正：${input.note}`, createdBy: actor.accountId, orgPath: r.org_path,
          });
        }
      }
      if (input.adjust) {
        const place = await holderPlace(trx, input.adjust.holderKind, input.adjust.holderId).catch(() => null);
        if (!place || place.communityId !== o.community_id || !scope.contains(place.orgPath)) throw notFound('更正对象');
        entries.push({
          holderKind: input.adjust.holderKind, holderId: input.adjust.holderId, amount: input.adjust.points,
          kind: input.adjust.points > 0 ? 'deed' : 'penalty', month: o.month, note: `异议更正：${input.adjust.note}`,
          createdBy: actor.accountId, orgPath: place.orgPath,
        });
      }
      const appended = await appendEntries(trx, { communityId: c.id, countyCode: c.county_code }, entries, now);
      entryIds.push(...appended.map((e) => e.id));
    }
    await trx.updateTable('points_objection').set({
      status: input.decision === 'uphold' ? 'upheld' : 'dismissed', decided_by: actor.accountId, decided_at: now,
      decision_note: input.note, reversal_entry_ids: JSON.stringify(entryIds),
    }).where('id', '=', id).execute();
    await writeAudit(trx, actor, {
      action: `points.objection.${input.decision}`, entity: 'points_objection', entityId: id, orgPath: o.org_path, countyCode: o.county_code,
      after: { ...input, entryIds },
    });
    // The last open objection of a month whose window is over lets the month settle now.
    await settleIfDue(trx, o.community_id, o.month, now);
    return objectionView(trx, id);
  });
}
