import { sql, type Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import { lifeFilter } from './register.repository.js';
import type { LifeStatus } from './register.schemas.js';

/** A point is open when one of its spans for the China weekday holds the minute. */
const openAt = (weekday: number, minute: number) => sql<boolean>`EXISTS (SELECT 1 FROM gig_service_point_hours h
  WHERE h.point_id = p.id AND h.weekday = ${weekday} AND h.open_min <= ${minute} AND h.close_min > ${minute})`;

export async function listPoints(db: Kysely<DB>, scope: Scope, f: { kind?: string; status: LifeStatus; page: number; pageSize: number }, weekday: number, minute: number) {
  let base = db.selectFrom('gig_service_point as p').where(inScope(scope, 'p.org_path')).where(lifeFilter('p.closed_at', f.status));
  if (f.kind) base = base.where('p.kind', '=', f.kind as never);
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as u', 'u.id', 'p.org_id')
      .select(['p.id', 'p.name', 'p.kind', 'p.address', 'p.lat', 'p.lng', 'p.services', 'u.name as unit_name', 'p.closed_at', 'p.close_reason',
        // A closed point is never open, whatever its hours said.
        sql<boolean>`p.closed_at IS NULL AND ${openAt(weekday, minute)}`.as('open_now')])
      .orderBy('p.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export function hoursOf(db: Kysely<DB>, pointIds: number[], weekday?: number) {
  if (!pointIds.length) return Promise.resolve([]);
  return db.selectFrom('gig_service_point_hours').select(['point_id', 'weekday', 'open_min', 'close_min']).where('point_id', 'in', pointIds)
    .$if(weekday !== undefined, (q) => q.where('weekday', '=', weekday!))
    .orderBy('point_id').orderBy('weekday').orderBy('open_min').execute();
}

const EARTH_M = 6_371_000;
/** Degrees of latitude per metre, and of longitude at a latitude: the bounding box around a circle. */
const latDeg = (m: number) => m / 111_320;
const lngDeg = (m: number, lat: number) => m / (111_320 * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));

/**
 * The nearest points open at a China weekday/minute in a county. A box on the (lat, lng) btree
 * (partial index of live points) narrows the rows; exact haversine distance orders them. The
 * box grows until it holds `limit` points within its inscribed circle (so nothing nearer can lie
 * outside the box), or the widest box is reached.
 */
export async function nearestOpen(db: Kysely<DB>, countyCode: string, lat: number, lng: number, weekday: number, minute: number, limit: number) {
  const distance = sql<number>`(${2 * EARTH_M} * asin(sqrt(
      power(sin(radians(p.lat - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(p.lat)) * power(sin(radians(p.lng - ${lng}) / 2), 2))))`;
  let rows: { id: number; name: string; kind: string; address: string; lat: number; lng: number; services: string[]; distance_m: number }[] = [];
  for (const radius of [2_000, 8_000, 30_000, 120_000]) {
    rows = await db.selectFrom('gig_service_point as p')
      .select(['p.id', 'p.name', 'p.kind', 'p.address', 'p.lat', 'p.lng', 'p.services', distance.as('distance_m')])
      .where('p.closed_at', 'is', null).where('p.county_code', '=', countyCode)
      .where('p.lat', '>=', lat - latDeg(radius)).where('p.lat', '<=', lat + latDeg(radius))
      .where('p.lng', '>=', lng - lngDeg(radius, lat)).where('p.lng', '<=', lng + lngDeg(radius, lat))
      .where(openAt(weekday, minute))
      .orderBy(distance).orderBy('p.id').limit(limit).execute();
    if (rows.filter((r) => r.distance_m <= radius).length >= limit) break;
  }
  return rows;
}
