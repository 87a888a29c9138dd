import { sql } from 'kysely';
import type { Q } from './points-common.js';

/** The SQL of the public notice (一月一示): published months, their rows and later corrections. */

/** Published (closed or settled) months of the communities under `path` (all when null), latest first. */
export async function publishedMonths(db: Q, path: string | null, q: { page: number; pageSize: number }) {
  const base = db.selectFrom('points_month as m').innerJoin('org_unit as c', 'c.id', 'm.community_id')
    .where('m.status', '<>', 'open')
    .$if(path !== null, (qb) => qb.where('c.path', 'like', `${path}%`));
  const [rows, total] = await Promise.all([
    base.select(['m.community_id', 'c.name', 'm.month', 'm.closed_at', 'm.objection_until'])
      .orderBy('m.closed_at', 'desc').orderBy('m.community_id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** A community's month with its names, for the notice's heading. */
export function publishedMonth(db: Q, communityId: number, month: string) {
  return db.selectFrom('points_month as m').innerJoin('org_unit as c', 'c.id', 'm.community_id')
    .leftJoin('org_unit as s', 's.id', 'c.parent_id')
    .select(['m.status', 'm.closed_at', 'm.objection_until', 'm.head_seq', 'm.head_hash', 'm.households', 'c.name', 's.name as street_name'])
    .where('m.community_id', '=', communityId).where('m.month', '=', month).executeTakeFirst();
}

/** A page of the notice's rows as published, their count, and the corrections appended after `closedAt`. */
export async function noticePage(db: Q, communityId: number, month: string, closedAt: Date, page: number, pageSize: number) {
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
      .where('e.community_id', '=', communityId).where('e.month', '=', month).where('e.created_at', '>', closedAt)
      .where(sql<boolean>`e.kind IN ('base','deed','penalty','volunteer','reversal')`).orderBy('e.seq').limit(200).execute(),
  ]);
  return { rows, total: Number(total.n), fixes };
}
