import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaWeekMinute, systemClock, type Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { fromRow, hhmm, overlaps, toRows } from './service-points.hours.js';
import * as repo from './service-points.repository.js';
import type * as s from './service-points.schemas.js';

/** 服务站点: 司机之家, 暖"新"驿站 and others on the map, with hours in China time; a rider's nearest open ones. */
export interface PointDeps { db: Kysely<DB>; clock: Clock }
export const pointDeps = (ctx: AppContext): PointDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock });

type Kind = z.infer<typeof s.PointKind>;
type Svc = z.infer<typeof s.Service>;

export async function list(deps: PointDeps, scope: Scope, q: z.infer<typeof s.PointQuery>): Promise<z.infer<typeof s.PointPage>> {
  const { weekday, minute } = chinaWeekMinute(deps.clock.now());
  const { rows, total } = await repo.listPoints(deps.db, scope, q, weekday, minute);
  const hours = await repo.hoursOf(deps.db, rows.map((r) => r.id));
  return {
    total,
    items: rows.map((r) => ({
      id: r.id, name: r.name, kind: r.kind as Kind, address: r.address, unitName: r.unit_name, lat: r.lat, lng: r.lng,
      services: r.services as Svc[], openNow: !!r.open_now, hours: hours.filter((h) => h.point_id === r.id).map(fromRow),
      closedAt: r.closed_at === null ? null : new Date(r.closed_at).toISOString(), closeReason: r.close_reason,
    })),
  };
}

export async function create(deps: PointDeps, actor: Actor, scope: Scope, body: z.infer<typeof s.PointBody>) {
  const unit = await unitInScope(deps.db, scope, body.unitId, '所属单位');
  if (!['county', 'street', 'community'].includes(unit.kind)) throw new AppError('VALIDATION_FAILED', '服务站点应隶属于区县、街道或社区');
  const hours = toRows(body.hours);
  if (!hours) throw new AppError('VALIDATION_FAILED', '开放时间的开始和结束不能相同');
  if (overlaps(hours)) throw new AppError('VALIDATION_FAILED', '同一天的开放时段有重叠');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('gig_service_point').values({
      org_id: unit.id, org_path: unit.path, county_code: unit.county_code, name: body.name, kind: body.kind, address: body.address,
      lat: body.lat, lng: body.lng, services: [...new Set(body.services)], created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('gig_service_point_hours').values(hours.map((h) => ({ point_id: row.id, ...h }))).execute();
    await writeAudit(trx, actor, { action: 'newgroups.service_point_create', entity: 'gig_service_point', entityId: row.id, orgPath: unit.path, countyCode: unit.county_code, after: { name: body.name, kind: body.kind } });
    return { id: row.id };
  });
}

/**
 * The rider's nearest open points in their county (service points are for every rider passing
 * through, not only those of the rider's own street), measured from the phone's location, or from
 * the rider's station when the phone gives none.
 */
export async function nearest(deps: PointDeps, actor: Actor, scope: Scope, q: z.infer<typeof s.NearestQuery>): Promise<z.infer<typeof s.Nearest>> {
  let from: z.infer<typeof s.Nearest>['from'] = q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng, source: 'device' } : null;
  if (!from) {
    const st = await deps.db.selectFrom('account as a').innerJoin('gig_worker as w', 'w.id', 'a.gig_worker_id').innerJoin('gig_station as s', 's.id', 'w.station_id')
      .select(['s.lat', 's.lng']).where('a.id', '=', actor.accountId).executeTakeFirst();
    if (st?.lat != null && st.lng != null) from = { lat: st.lat, lng: st.lng, source: 'station' };
  }
  if (!from) return { from: null, items: [] };
  const { weekday, minute } = chinaWeekMinute(deps.clock.now());
  const rows = await repo.nearestOpen(deps.db, scope.countyCode, from.lat, from.lng, weekday, minute, q.limit);
  const hours = await repo.hoursOf(deps.db, rows.map((r) => r.id), weekday);
  return {
    from,
    items: rows.map((r) => ({
      id: r.id, name: r.name, kind: r.kind as Kind, address: r.address, lat: r.lat, lng: r.lng, services: r.services as Svc[],
      distanceM: Math.round(r.distance_m),
      todayHours: hours.filter((h) => h.point_id === r.id).map((h) => ({ open: hhmm(h.open_min), close: hhmm(h.close_min) })),
    })),
  };
}
