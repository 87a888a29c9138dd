import { notFound } from '../../platform/errors.js';
import { orgPlace } from '../../platform/org-units.js';
import { maskFreeText } from '../../platform/pii/free-text.js';
import { labelKey, publicLabel, type Q } from './points-common.js';
import * as repo from './points-notice.repository.js';
import { holderLabels } from './points.repository.js';

/**
 * The public notice (一月一示), readable without signing in. It shows what was published at
 * close (points_notice_row: masked labels, never ID numbers or phones) and, beside it, every
 * correction appended to that month afterwards. Only fields made for the public: staff notes on
 * entries and decisions never leave the console — a correction says what kind it is and which
 * rule item it concerns. Names of shops and rule items are typed by people, so they go through
 * maskFreeText too.
 */

/** Why an entry was appended to a published month. */
export type CorrectionReason = 'objection_reversal' | 'objection_adjustment' | 'late_entry';

export async function listNotices(db: Q, q: { orgId?: number; page: number; pageSize: number }) {
  let path: string | null = null;
  if (q.orgId) {
    const u = await orgPlace(db, q.orgId);
    if (!u) throw notFound('组织');
    path = u.path;
  }
  const { rows, total } = await repo.publishedMonths(db, path, q);
  return {
    items: rows.map((r) => ({
      communityId: r.community_id, communityName: r.name, month: r.month,
      publishedAt: r.closed_at!.toISOString(), objectionUntil: r.objection_until!.toISOString(),
    })),
    total,
  };
}

export async function getNotice(db: Q, communityId: number, month: string, page: number, pageSize: number) {
  const m = await repo.publishedMonth(db, communityId, month);
  if (!m || m.status === 'open') throw notFound('公示');
  const { rows, total, fixes } = await repo.noticePage(db, communityId, month, m.closed_at!, page, pageSize);
  const labels = await holderLabels(db, fixes.map((f) => ({ kind: f.holder_kind, id: f.holder_id })));
  return {
    communityName: m.name, streetName: m.street_name ?? '', month, status: m.status,
    publishedAt: m.closed_at!.toISOString(), objectionUntil: m.objection_until!.toISOString(),
    households: m.households ?? 0, headSeq: m.head_seq ?? 0, headHash: m.head_hash ?? '',
    rows: rows.map((r) => ({
      rank: r.rank, label: maskFreeText(r.label), kind: r.holder_kind, monthChange: r.month_change, score: r.score,
      items: r.items.map((i) => ({ name: maskFreeText(i.name), points: i.points })),
    })),
    total,
    corrections: fixes.map((f) => ({
      label: maskFreeText(publicLabel(labels.get(labelKey(f.holder_kind, f.holder_id)))),
      points: f.amount,
      reason: correctionReason(f),
      item: f.item ? maskFreeText(f.item) : (f.kind === 'base' || f.reversed_kind === 'base') ? '基础分' : null,
      at: f.created_at.toISOString(),
    })),
  };
}

/** Reversals and hand-set adjustments come only from upheld objections; anything else was booked late. */
function correctionReason(f: { kind: string; record_id: number | string | null; item: string | null }): CorrectionReason {
  if (f.kind === 'reversal') return 'objection_reversal';
  if ((f.kind === 'deed' || f.kind === 'penalty') && f.record_id == null && f.item == null) return 'objection_adjustment';
  return 'late_entry';
}
