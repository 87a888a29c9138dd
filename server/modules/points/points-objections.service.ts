import type { PointsHolderKind } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { appendEntries, holderPlace, type NewEntry } from './points-ledger.repository.js';
import { assertMonth, communityInScope, labelKey, monthLabel, staffLabel, type PointsDeps, type Q } from './points-common.js';
import { communityPlace, holderLabels } from './points.repository.js';
import { requireHolder } from './points-holder.repository.js';
import { settleIfDue } from './points-months.service.js';
import * as repo from './points-objections.repository.js';

/**
 * 异议: while a month's notice is up (closed, inside the window), a resident (or a merchant) may
 * question their own household's (shop's) figures or any record on the notice. The points group upholds it — reversing
 * entries, and optionally one correcting entry; nothing is edited — or dismisses it with a reason.
 */

export async function fileObjection(
  deps: PointsDeps, actor: Actor,
  input: { communityId: number; month: string; recordId?: number; reason: string },
) {
  assertMonth(input.month);
  const home = await requireHolder(deps.db, actor, '提出异议');
  if (home.communityId !== input.communityId) throw notFound('公示');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const m = await repo.monthForObjection(trx, input.communityId, input.month);
    if (!m || m.status === 'open') throw new AppError('INVALID_TRANSITION', `${monthLabel(input.month)}的积分尚未公示`);
    if (m.status === 'settled' || !m.objection_until || m.objection_until.getTime() <= now.getTime()) {
      throw new AppError('INVALID_TRANSITION', `${monthLabel(input.month)}公示的异议期已结束`);
    }
    let holder: { kind: PointsHolderKind; id: number; orgPath: string; countyCode: string } = { kind: home.kind, id: home.id, orgPath: home.orgPath, countyCode: home.countyCode };
    if (input.recordId) {
      const r = await repo.recordOnNotice(trx, input.recordId);
      if (!r || r.community_id !== input.communityId || r.month !== input.month || r.status !== 'approved') throw notFound('公示中的积分记录');
      holder = { kind: r.holder_kind, id: r.holder_id, orgPath: r.org_path, countyCode: r.county_code };
    }
    const row = await repo.insertObjection(trx, {
      community_id: input.communityId, month: input.month, org_path: holder.orgPath, county_code: holder.countyCode,
      holder_kind: holder.kind, holder_id: holder.id, record_id: input.recordId ?? null, reason: input.reason, filed_by: actor.accountId, created_at: now,
    });
    await writeAudit(trx, actor, { action: 'points.objection.file', entity: 'points_objection', entityId: row.id, orgPath: holder.orgPath, countyCode: holder.countyCode, after: input });
    return objectionView(trx, row.id);
  });
}

async function toViews(db: Q, rows: repo.ObjectionRow[]) {
  const labels = await holderLabels(db, rows.map((r) => ({ kind: r.holder_kind, id: r.holder_id })));
  return rows.map((o) => ({
    id: o.id, communityId: o.community_id, month: o.month, holderKind: o.holder_kind, holderId: o.holder_id,
    holderLabel: staffLabel(labels.get(labelKey(o.holder_kind, o.holder_id))), recordId: o.record_id, reason: o.reason, status: o.status,
    decidedBy: o.decided_by_name ?? null, decidedAt: o.decided_at?.toISOString() ?? null, decisionNote: o.decision_note,
    reversalEntryIds: o.reversal_entry_ids.map(Number), createdAt: o.created_at.toISOString(),
  }));
}

async function objectionView(db: Q, id: number) {
  const row = await repo.objectionsQuery(db).where('o.id', '=', id).executeTakeFirstOrThrow();
  return (await toViews(db, [row]))[0]!;
}

export async function listObjections(
  deps: PointsDeps, scope: Scope,
  q: { communityId?: number; status?: 'open' | 'upheld' | 'dismissed'; page: number; pageSize: number },
) {
  let path = scope.path;
  if (q.communityId) path = (await communityInScope(deps.db, scope, q.communityId)).path;
  const { rows, total } = await repo.objectionsPage(deps.db, scope, path, q);
  return { items: await toViews(deps.db, rows), total };
}

/** The objections a resident filed, with how each was decided — so nobody objects into a void. */
export async function myObjections(deps: PointsDeps, actor: Actor) {
  const rows = await repo.objectionsFiledBy(deps.db, actor.accountId, 50);
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
    const o = await repo.lockObjection(trx, scope, id);
    if (!o) throw notFound('异议');
    if (o.status !== 'open') throw new AppError('INVALID_TRANSITION', `该异议已${o.status === 'upheld' ? '认定成立' : '驳回'}，不能再次处理`);
    const c = await communityPlace(trx, o.community_id);
    const entryIds: number[] = [];
    if (input.decision === 'uphold') {
      const reverse = [...new Set(input.reverseRecordIds ?? [])];
      if (!reverse.length && !input.adjust) throw new AppError('VALIDATION_FAILED', '认定异议成立时，请选择要冲正的记录或填写更正分值');
      const entries: (NewEntry & { orgPath: string })[] = [];
      if (reverse.length) {
        const recs = await repo.recordsToReverse(trx, reverse);
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
    await repo.decide(trx, id, {
      status: input.decision === 'uphold' ? 'upheld' : 'dismissed', decided_by: actor.accountId, decided_at: now,
      decision_note: input.note, reversal_entry_ids: JSON.stringify(entryIds),
    });
    await writeAudit(trx, actor, {
      action: `points.objection.${input.decision}`, entity: 'points_objection', entityId: id, orgPath: o.org_path, countyCode: o.county_code,
      after: { ...input, entryIds },
    });
    // The last open objection of a month whose window is over lets the month settle now.
    await settleIfDue(trx, o.community_id, o.month, now);
    return objectionView(trx, id);
  });
}
