import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

/** A worker in the caller's scope with station and platform, or undefined. */
export function workerInScope(db: Q, scope: Scope, workerId: number) {
  return db.selectFrom('gig_worker as w').innerJoin('gig_station as s', 's.id', 'w.station_id').innerJoin('gig_platform as p', 'p.id', 'w.platform_id')
    .select(['w.id', 'w.name', 'w.org_path', 'w.county_code', 'w.left_at', 'w.station_id', 's.name as station_name', 'p.name as platform_name'])
    .where('w.id', '=', workerId).where(inScope(scope, 'w.org_path')).executeTakeFirst();
}

/** The worker with station and platform, by id only: for checks that already know the worker from a signed code. */
export function workerById(db: Q, workerId: number) {
  return db.selectFrom('gig_worker as w').innerJoin('gig_station as s', 's.id', 'w.station_id').innerJoin('gig_platform as p', 'p.id', 'w.platform_id')
    .select(['w.id', 'w.name', 'w.org_path', 'w.county_code', 'w.left_at', 'w.station_id', 's.org_path as station_path', 's.name as station_name', 'p.name as platform_name'])
    .where('w.id', '=', workerId).executeTakeFirst();
}

export function liveEntry(db: Q, workerId: number) {
  return db.selectFrom('gig_whitelist').selectAll().where('worker_id', '=', workerId).where('removed_at', 'is', null).executeTakeFirst();
}

export function entryInScope(db: Q, scope: Scope, id: number) {
  return db.selectFrom('gig_whitelist').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
}

export interface ListFilter { status: 'listed' | 'unlisted' | 'all'; q?: string; page: number; pageSize: number }

export async function listWorkers(db: Kysely<DB>, scope: Scope, f: ListFilter) {
  let base = db.selectFrom('gig_worker as w')
    .leftJoin('gig_whitelist as l', (j) => j.onRef('l.worker_id', '=', 'w.id').on('l.removed_at', 'is', null))
    .where(inScope(scope, 'w.org_path'));
  if (f.status === 'listed') base = base.where('l.id', 'is not', null);
  if (f.status === 'unlisted') base = base.where('l.id', 'is', null).where('w.left_at', 'is', null);
  if (f.q) base = base.where('w.name', 'like', `%${f.q.replace(/[%_\\]/g, '\\$&')}%`);
  const [rows, total] = await Promise.all([
    base.innerJoin('gig_station as s', 's.id', 'w.station_id').innerJoin('gig_platform as p', 'p.id', 'w.platform_id')
      .leftJoin('account as a', 'a.id', 'l.added_by')
      .select(['w.id', 'w.name', 'w.kind', 'w.phone_mask', 'w.left_at', 's.name as station_name', 'p.name as platform_name',
        'l.id as entry_id', 'l.reason', 'l.added_at', 'a.display_name as added_by_name'])
      .orderBy('l.added_at', (o) => o.desc().nullsLast()).orderBy('w.id')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function listedCount(db: Kysely<DB>, scope: Scope) {
  const r = await db.selectFrom('gig_whitelist').select(sql<number>`count(*)::int`.as('n'))
    .where('removed_at', 'is', null).where(inScope(scope, 'org_path')).executeTakeFirstOrThrow();
  return r.n;
}

/** Checks per gate unit since a moment: valid passes and refusals. */
export async function gateSummary(db: Kysely<DB>, scope: Scope, since: Date, page: number, pageSize: number) {
  const base = db.selectFrom('gig_gate_check').where(inScope(scope, 'org_path')).where('checked_at', '>=', since);
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as u', 'u.id', 'gig_gate_check.gate_org_id')
      .select(['u.id', 'u.name',
        sql<number>`count(*) FILTER (WHERE outcome = 'valid')::int`.as('valid'),
        sql<number>`count(*) FILTER (WHERE outcome <> 'valid')::int`.as('refused'),
        sql<number>`count(*)::int`.as('total')])
      .groupBy(['u.id', 'u.name']).orderBy('total', 'desc').orderBy('u.id')
      .limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select(sql<number>`count(DISTINCT gate_org_id)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
