import { sql, type Insertable, type Updateable } from 'kysely';
import type { PointsHolderKind, PointsRecordTable } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { Q, Trx } from './points-common.js';

/** The SQL of points records (一事一记): storing, reviewing and listing them, and base grants. */

/**
 * Points already recorded (pending or approved) for this holder, this item (any version) and
 * month. Holders are locked first (transaction-scoped advisory lock), so two recorders racing
 * for the last points of a cap cannot both get them.
 */
export async function usedThisMonth(trx: Trx, holder: { kind: PointsHolderKind; id: number }, code: string, month: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`points:${holder.kind}:${holder.id}`}))`.execute(trx);
  const { used } = await trx.selectFrom('points_record as r').innerJoin('points_rule_item as i', 'i.id', 'r.item_id')
    .select(sql<number>`coalesce(sum(abs(r.points)), 0)::int`.as('used'))
    .where('r.holder_kind', '=', holder.kind).where('r.holder_id', '=', holder.id).where('r.month', '=', month)
    .where('i.code', '=', code).where('r.status', 'in', ['pending', 'approved']).executeTakeFirstOrThrow();
  return Number(used);
}

export function recordByClientId(db: Q, clientId: string) {
  return db.selectFrom('points_record').select(['id', 'recorded_by']).where('client_id', '=', clientId).executeTakeFirst();
}

/** A rule item version by id, whichever community it belongs to (the caller checks). */
export function ruleItemById(db: Q, id: number) {
  return db.selectFrom('points_rule_item').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertRecord(trx: Trx, v: Insertable<PointsRecordTable>) {
  return trx.insertInto('points_record').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateRecords(trx: Trx, ids: readonly number[], set: Updateable<PointsRecordTable>) {
  await trx.updateTable('points_record').set(set).where('id', 'in', ids).execute();
}

/** Claims a holder's base grant; undefined when it had one already (the primary key makes it once). */
export function claimBaseGrant(trx: Trx, h: { kind: PointsHolderKind; id: number }, communityId: number, now: Date) {
  return trx.insertInto('points_base_grant').values({ holder_kind: h.kind, holder_id: h.id, community_id: communityId, granted_at: now })
    .onConflict((oc) => oc.columns(['holder_kind', 'holder_id']).doNothing()).returning('holder_id').executeTakeFirst();
}

/** The next `batch` households (lived in) or merchants under `path` after id `after` without a base grant. */
export async function ungrantedHolders(db: Q, kind: PointsHolderKind, path: string, after: number, batch: number): Promise<number[]> {
  const rows = kind === 'household'
    ? await db.selectFrom('household').select('id').where('org_path', 'like', `${path}%`).where('kind', '=', 'residence')
      .where('id', '>', after).where((eb) => eb.not(eb.exists(eb.selectFrom('points_base_grant as g').select('g.holder_id')
        .where('g.holder_kind', '=', 'household').whereRef('g.holder_id', '=', 'household.id'))))
      .orderBy('id').limit(batch).execute()
    : await db.selectFrom('merchant').select('id').where('org_path', 'like', `${path}%`)
      .where('id', '>', after).where((eb) => eb.not(eb.exists(eb.selectFrom('points_base_grant as g').select('g.holder_id')
        .where('g.holder_kind', '=', 'merchant').whereRef('g.holder_id', '=', 'merchant.id'))))
      .orderBy('id').limit(batch).execute();
  return rows.map((r) => r.id);
}

export async function pathsOf(db: Q, kind: PointsHolderKind, ids: number[]) {
  const rows = kind === 'household'
    ? await db.selectFrom('household').select(['id', 'org_path']).where('id', 'in', ids).execute()
    : await db.selectFrom('merchant').select(['id', 'org_path']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.org_path]));
}

/** The records to review, inside the scope, with their item and community, locked in id order. */
export function lockForReview(trx: Trx, scope: Scope, ids: readonly number[]) {
  return trx.selectFrom('points_record as r').innerJoin('points_rule_item as i', 'i.id', 'r.item_id')
    .innerJoin('org_unit as c', 'c.id', 'r.community_id')
    .select(['r.id', 'r.community_id', 'r.org_path', 'r.county_code', 'r.holder_kind', 'r.holder_id', 'r.points', 'r.month', 'r.status',
      'r.recorded_by', 'r.note', 'r.item_id', 'i.code', 'i.name', 'i.direction', 'c.path as community_path'])
    .where('r.id', 'in', ids).where(inScope(scope, 'r.org_path')).orderBy('r.id').forUpdate('r').execute();
}

export function recordsQuery(db: Q) {
  return db.selectFrom('points_record as r')
    .innerJoin('points_rule_item as i', 'i.id', 'r.item_id')
    .leftJoin('account as ra', 'ra.id', 'r.recorded_by')
    .leftJoin('account as va', 'va.id', 'r.reviewed_by')
    .select([
      'r.id', 'r.community_id', 'r.org_path', 'r.holder_kind', 'r.holder_id', 'r.item_id', 'i.name as item_name', 'i.direction', 'r.quantity',
      'r.points', sql<string>`r.occurred_on::text`.as('occurred_on'), 'r.month', 'r.note', 'r.photo_ids', 'r.status', 'r.source',
      'r.recorded_by', 'ra.display_name as recorded_by_name', 'r.recorded_at', 'r.reviewed_by', 'va.display_name as reviewed_by_name',
      'r.reviewed_at', 'r.review_note', 'r.entry_id',
    ])
    .select((eb) => eb.exists(eb.selectFrom('points_entry as x').select('x.id').whereRef('x.reverses_id', '=', 'r.entry_id')).as('reversed'));
}

export type RecordRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>['execute']>>[number];

export function recordInScope(db: Q, scope: Scope, id: number) {
  return recordsQuery(db).where('r.id', '=', id).where(inScope(scope, 'r.org_path')).executeTakeFirst();
}

/** A page of records under `path` (inside the scope), newest first, and how many match (capped). */
export async function recordsPage(db: Q, scope: Scope, path: string, q: {
  status?: 'pending' | 'approved' | 'rejected'; month?: string; holderKind?: PointsHolderKind; holderId?: number; page: number; pageSize: number;
}) {
  const base = recordsQuery(db).where('r.org_path', 'like', `${path}%`).where(inScope(scope, 'r.org_path'))
    .$if(!!q.status, (qb) => qb.where('r.status', '=', q.status!))
    .$if(!!q.month, (qb) => qb.where('r.month', '=', q.month!))
    .$if(!!q.holderKind, (qb) => qb.where('r.holder_kind', '=', q.holderKind!))
    .$if(!!q.holderId, (qb) => qb.where('r.holder_id', '=', q.holderId!));
  const [rows, total] = await Promise.all([
    base.orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    db.selectFrom(base.clearSelect().select('r.id').limit(100_000).as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function anyRecordInScope(db: Q, scope: Scope, ids: readonly number[]): Promise<boolean> {
  const hit = await db.selectFrom('points_record').select('id').where('id', 'in', ids).where(inScope(scope, 'org_path')).limit(1).executeTakeFirst();
  return !!hit;
}
