import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

export async function list(db: Kysely<DB>, scope: Scope, active: 'active' | 'ended' | 'all', page: number, pageSize: number) {
  let base = db.selectFrom('gig_parttime as t').where(inScope(scope, 't.org_path'));
  if (active === 'active') base = base.where('t.end_day', 'is', null);
  if (active === 'ended') base = base.where('t.end_day', 'is not', null);
  const [rows, total, activeTotal] = await Promise.all([
    base.innerJoin('gig_worker as w', 'w.id', 't.worker_id').innerJoin('gig_station as s', 's.id', 'w.station_id')
      .innerJoin('gig_platform as p', 'p.id', 'w.platform_id').innerJoin('org_unit as u', 'u.id', 't.unit_id')
      .select(['t.id', 't.worker_id', 'w.name as worker_name', 'p.name as platform_name', 's.name as station_name', 't.duty', 't.unit_id',
        'u.name as unit_name', sql<string>`t.start_day::text`.as('start_day'), sql<string | null>`t.end_day::text`.as('end_day'), 't.reason', 't.end_reason'])
      .orderBy('t.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('gig_parttime').select(sql<number>`count(DISTINCT worker_id)::int`.as('n')).where('end_day', 'is', null)
      .where(inScope(scope, 'org_path')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n, activeTotal: activeTotal.n };
}

export function enrolmentInScope(db: Q, scope: Scope, id: number) {
  // Days as 'YYYY-MM-DD' text: the drivers would hand back a Date at local midnight.
  return db.selectFrom('gig_parttime').select(['id', 'org_path', 'county_code', sql<string>`start_day::text`.as('start_day'), sql<string | null>`end_day::text`.as('end_day')])
    .where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
}

/** The worker's enrolment in force on a day (either duty), if any. */
export function activeEnrolment(db: Q, workerId: number, day: string) {
  return db.selectFrom('gig_parttime').select(['id', 'duty', 'unit_id']).where('worker_id', '=', workerId)
    .where('start_day', '<=', day).where((e) => e.or([e('end_day', 'is', null), e('end_day', '>=', day)]))
    .orderBy('id').executeTakeFirst();
}
