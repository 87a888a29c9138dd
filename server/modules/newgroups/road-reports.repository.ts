import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Live communities in the caller's scope, for the rider's place list (bounded: a street or county's). */
export function communitiesIn(db: Q, scope: Scope) {
  return db.selectFrom('org_unit').select(['id', 'name']).where('kind', '=', 'community').where('dissolved_at', 'is', null)
    .where(inScope(scope, 'path')).orderBy('path').limit(300).execute();
}

/** The open station nearest a point, in the scope: where the phone's location most likely is. */
export function nearestStation(db: Q, scope: Scope, lat: number, lng: number) {
  // Equirectangular distance: at a city's size the error is far below a station's spacing.
  const k = Math.cos((lat * Math.PI) / 180);
  return db.selectFrom('gig_station').select(['id', 'org_path']).where(inScope(scope, 'org_path')).where('closed_at', 'is', null)
    .where('lat', 'is not', null).where('lng', 'is not', null)
    .orderBy(sql`(lat - ${lat}) ^ 2 + ((lng - ${lng}) * ${k}) ^ 2`).limit(1).executeTakeFirst();
}

const rewardState = sql<'none' | 'awarded' | 'reversed'>`CASE WHEN aw.id IS NULL THEN 'none' WHEN rv.id IS NULL THEN 'awarded' ELSE 'reversed' END`;

function reportRows(db: Kysely<DB>) {
  return db.selectFrom('gig_road_report as r')
    .innerJoin('gig_worker as w', 'w.id', 'r.worker_id').innerJoin('gig_station as s', 's.id', 'r.station_id')
    .innerJoin('org_unit as c', 'c.id', 'r.community_id')
    .leftJoin('gig_road_reward as aw', (j) => j.onRef('aw.report_id', '=', 'r.id').on('aw.reverses_id', 'is', null))
    .leftJoin('gig_road_reward as rv', 'rv.reverses_id', 'aw.id')
    .select(['r.id', 'r.demand_id', 'r.kind', 'r.created_at', 'w.name as worker_name', 's.name as station_name', 'c.name as community_name',
      'aw.id as award_id', rewardState.as('reward'), sql<number>`coalesce(aw.points, 0) + coalesce(rv.points, 0)`.as('points')]);
}

export async function reportsIn(db: Kysely<DB>, scope: Scope, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    reportRows(db).where(inScope(scope, 'r.org_path')).orderBy('r.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    db.selectFrom('gig_road_report').select(sql<number>`count(*)::int`.as('n')).where(inScope(scope, 'org_path')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function reportsOf(db: Kysely<DB>, workerId: number, page: number, pageSize: number) {
  const [rows, total, points] = await Promise.all([
    reportRows(db).where('r.worker_id', '=', workerId).orderBy('r.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    db.selectFrom('gig_road_report').select(sql<number>`count(*)::int`.as('n')).where('worker_id', '=', workerId).executeTakeFirstOrThrow(),
    db.selectFrom('gig_road_reward').select(sql<number>`coalesce(sum(points), 0)::int`.as('n')).where('worker_id', '=', workerId).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n, points: points.n };
}

export function reportInScope(db: Q, scope: Scope, id: number) {
  return db.selectFrom('gig_road_report').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
}

export function awardOf(db: Q, reportId: number) {
  return db.selectFrom('gig_road_reward').selectAll().where('report_id', '=', reportId).where('reverses_id', 'is', null).executeTakeFirst();
}

const GROUP = { rider: ['r.worker_id', 'w.name'], station: ['r.station_id', 's.name'], community: ['r.community_id', 'c.name'] } as const;

/** Reports counted per rider, station or community in the scope. */
export async function counts(db: Kysely<DB>, scope: Scope, by: keyof typeof GROUP, page: number, pageSize: number) {
  const [key, name] = GROUP[by];
  const base = db.selectFrom('gig_road_report as r')
    .innerJoin('gig_worker as w', 'w.id', 'r.worker_id').innerJoin('gig_station as s', 's.id', 'r.station_id')
    .innerJoin('org_unit as c', 'c.id', 'r.community_id').where(inScope(scope, 'r.org_path'));
  const [rows, total] = await Promise.all([
    base.leftJoin('gig_road_reward as aw', (j) => j.onRef('aw.report_id', '=', 'r.id').on('aw.reverses_id', 'is', null))
      .leftJoin('gig_road_reward as rv', 'rv.reverses_id', 'aw.id')
      .select([sql.ref<number>(key).as('key'), sql.ref<string>(name).as('name'),
        sql<number>`count(*)::int`.as('reports'),
        sql<number>`count(*) FILTER (WHERE r.kind = 'hazard')::int`.as('hazards'),
        sql<number>`count(*) FILTER (WHERE aw.id IS NOT NULL AND rv.id IS NULL)::int`.as('rewarded')])
      .groupBy([key, name]).orderBy('reports', 'desc').orderBy(key).limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select(sql<number>`count(DISTINCT ${sql.ref(key)})::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
