import { sql } from 'kysely';
import { notFound } from '../../platform/errors.js';
import { maskFreeText } from '../../platform/pii/free-text.js';
import { holderLabels, labelKey, publicLabel, type Q } from './points-common.js';

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
    const u = await db.selectFrom('org_unit').select('path').where('id', '=', q.orgId).executeTakeFirst();
    if (!u) throw notFound('组织');
    path = u.path;
  }
  const base = db.selectFrom('points_month as m').innerJoin('org_unit as c', 'c.id', 'm.community_id')
    .where('m.status', '<>', 'open')
    .$if(path !== null, (qb) => qb.where('c.path', 'like', `${path}%`));
  const [rows, total] = await Promise.all([
    base.select(['m.community_id', 'c.name', 'm.month', 'm.closed_at', 'm.objection_until'])
      .orderBy('m.closed_at', 'desc').orderBy('m.community_id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      communityId: r.community_id, communityName: r.name, month: r.month,
      publishedAt: r.closed_at!.toISOString(), objectionUntil: r.objection_until!.toISOString(),
    })),
    total: Number(total.n),
  };
}

export async function getNotice(db: Q, communityId: number, month: string, page: number, pageSize: number) {
  const m = await db.selectFrom('points_month as m').innerJoin('org_unit as c', 'c.id', 'm.community_id')
    .leftJoin('org_unit as s', 's.id', 'c.parent_id')
    .select(['m.status', 'm.closed_at', 'm.objection_until', 'm.head_seq', 'm.head_hash', 'm.households', 'c.name', 's.name as street_name'])
    .where('m.community_id', '=', communityId).where('m.month', '=', month).executeTakeFirst();
  if (!m || m.status === 'open') throw notFound('公示');
  const base = db.selectFrom('points_notice_row').where('community_id', '=', communityId).where('month', '=', month);
  const [rows, total, fixes] = await Promise.all([
    base.select(['rank', 'label', 'holder_kind', 'month_change', 'score', 'items']).orderBy('rank').orderBy('holder_kind').orderBy('holder_id')
      .limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    // Corrections: entries of this month appended after it was published, named by their rule
    // item (a reversal by the item of the entry it reverses), never by their note.
    db.selectFrom('points_entry as e')
      .leftJoin('points_entry as o', 'o.id', 'e.reverses_id')
      .leftJoin('points_rule_item as ri', (j) => j.on(sql<boolean>`ri.id = coalesce(e.rule_item_id, o.rule_item_id)`))
      .select(['e.holder_kind', 'e.holder_id', 'e.amount', 'e.kind', 'e.record_id', 'e.created_at', 'o.kind as reversed_kind', 'ri.name as item'])
      .where('e.community_id', '=', communityId).where('e.month', '=', month).where('e.created_at', '>', m.closed_at!)
      .where(sql<boolean>`e.kind IN ('base','deed','penalty','volunteer','reversal')`).orderBy('e.seq').limit(200).execute(),
  ]);
  const labels = await holderLabels(db, fixes.map((f) => ({ kind: f.holder_kind, id: f.holder_id })));
  return {
    communityName: m.name, streetName: m.street_name ?? '', month, status: m.status,
    publishedAt: m.closed_at!.toISOString(), objectionUntil: m.objection_until!.toISOString(),
    households: m.households ?? 0, headSeq: m.head_seq ?? 0, headHash: m.head_hash ?? '',
    rows: rows.map((r) => ({
      rank: r.rank, label: maskFreeText(r.label), kind: r.holder_kind, monthChange: r.month_change, score: r.score,
      items: r.items.map((i) => ({ name: maskFreeText(i.name), points: i.points })),
    })),
    total: Number(total.n),
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
