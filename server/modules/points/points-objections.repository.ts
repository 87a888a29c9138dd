import type { Insertable, Updateable } from 'kysely';
import type { PointsObjectionTable } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { Q, Trx } from './points-common.js';

/** The SQL of objections (异议) to a month's notice. */

/** The month an objection is filed against, held for share while the objection is written. */
export function monthForObjection(trx: Trx, communityId: number, month: string) {
  return trx.selectFrom('points_month').selectAll().where('community_id', '=', communityId).where('month', '=', month)
    .forShare().executeTakeFirst();
}

/** The record an objection names, with what places it on a notice. */
export function recordOnNotice(db: Q, recordId: number) {
  return db.selectFrom('points_record').select(['holder_kind', 'holder_id', 'org_path', 'county_code', 'status', 'month', 'community_id'])
    .where('id', '=', recordId).executeTakeFirst();
}

export function insertObjection(trx: Trx, v: Insertable<PointsObjectionTable>) {
  return trx.insertInto('points_objection').values(v).returning('id').executeTakeFirstOrThrow();
}

export function objectionsQuery(db: Q) {
  return db.selectFrom('points_objection as o').leftJoin('account as d', 'd.id', 'o.decided_by')
    .select(['o.id', 'o.community_id', 'o.month', 'o.holder_kind', 'o.holder_id', 'o.record_id', 'o.reason', 'o.status', 'o.decided_at',
      'o.decision_note', 'o.reversal_entry_ids', 'o.created_at', 'o.org_path', 'd.display_name as decided_by_name']);
}

export type ObjectionRow = Awaited<ReturnType<ReturnType<typeof objectionsQuery>['execute']>>[number];

/** A page of objections under `path` (inside the scope), newest first, and how many match. */
export async function objectionsPage(db: Q, scope: Scope, path: string, q: { status?: 'open' | 'upheld' | 'dismissed'; page: number; pageSize: number }) {
  const base = objectionsQuery(db).where('o.org_path', 'like', `${path}%`).where(inScope(scope, 'o.org_path'))
    .$if(!!q.status, (qb) => qb.where('o.status', '=', q.status!));
  const [rows, total] = await Promise.all([
    base.orderBy('o.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function objectionsFiledBy(db: Q, accountId: number, limit: number) {
  return objectionsQuery(db).where('o.filed_by', '=', accountId).orderBy('o.id', 'desc').limit(limit).execute();
}

/** An objection inside the scope, locked for its decision. */
export function lockObjection(trx: Trx, scope: Scope, id: number) {
  return trx.selectFrom('points_objection').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).forUpdate().executeTakeFirst();
}

/** The records an upheld objection reverses. */
export function recordsToReverse(db: Q, ids: readonly number[]) {
  return db.selectFrom('points_record').select(['id', 'holder_kind', 'holder_id', 'points', 'month', 'entry_id', 'org_path', 'status', 'community_id'])
    .where('id', 'in', ids).execute();
}

export async function decide(trx: Trx, id: number, set: Updateable<PointsObjectionTable>) {
  await trx.updateTable('points_objection').set(set).where('id', '=', id).execute();
}
