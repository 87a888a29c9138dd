import { writeAudit } from '../../platform/audit.js';
import { chinaMonth } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { notify } from '../../platform/notifications.js';
import type { Scope } from '../../platform/scope.js';
import { activitySummaries } from '../volunteers/index.js';
import type { PublishBody } from './calendar.schemas.js';
import { missingItems } from './venue-standard.js';
import { mayVenue } from './venues.policy.js';
import * as repo from './venues.repository.js';
import { calendarRows, parseHours, reachOf, venueInReach, type VenueDeps } from './venues.service.js';

/**
 * "党群阵地@你": publishes a venue's calendar of a month and tells its followers. Refused for an
 * empty calendar and for a month already published unless marked a correction (a new version).
 */
export async function publishCalendar(deps: VenueDeps, actor: Actor, scope: Scope, venueId: number, body: PublishBody) {
  if (!mayVenue(actor.role, 'manage')) throw new AppError('FORBIDDEN', '活动日历由阵地所在街道、社区发布');
  const v = await venueInReach(deps, { path: scope.path, countyCode: scope.countyCode, staff: true }, venueId);
  if (!body.items.length) throw new AppError('VALIDATION_FAILED', '日历没有活动，不能发布', { fields: [{ field: 'body.items', problem: 'empty' }] });
  const outside = body.items.findIndex((i) => i.day.slice(0, 7) !== body.month);
  if (outside >= 0) throw new AppError('VALIDATION_FAILED', `第${outside + 1}项的日期不在${body.month}内`, { fields: [{ field: `body.items.${outside}.day`, problem: 'outside month' }] });
  const activityIds = [...new Set(body.items.map((i) => i.activityId).filter((x): x is number => x != null))];
  const found = await activitySummaries(deps.db, v.community_path, activityIds);
  const unknown = activityIds.filter((id) => !found.some((a) => a.id === id));
  if (unknown.length) throw new AppError('VALIDATION_FAILED', '关联的志愿活动不存在或不在本社区', { fields: [{ field: 'body.items', problem: 'unknown activity' }], ids: unknown });
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('venue_calendar').select((eb) => eb.fn.max('version').as('v')).where('venue_id', '=', venueId).where('month', '=', body.month).executeTakeFirst();
      const prev = Number(last?.v ?? 0);
      if (prev > 0 && !body.correction) throw new AppError('CONFLICT', `${body.month}的活动日历已发布；如需更正，请选择“更正”以新版本发布`, { reason: 'published' });
      if (prev === 0 && body.correction) throw new AppError('VALIDATION_FAILED', `${body.month}尚未发布，无需更正`, { fields: [{ field: 'body.correction', problem: 'nothing to correct' }] });
      const version = prev + 1;
      const { id } = await trx.insertInto('venue_calendar').values({
        venue_id: venueId, month: body.month, version, org_path: v.org_path, county_code: v.county_code, published_by: actor.accountId, published_at: deps.clock.now(),
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('venue_calendar_item').values(body.items.map((i) => ({
        calendar_id: id, day: i.day, starts: i.starts, ends: i.ends, title: i.title, place: i.place, activity_id: i.activityId ?? null,
      }))).execute();
      const followers = await trx.selectFrom('venue_follow').select('account_id').where('venue_id', '=', venueId).execute();
      const first = [...body.items].sort((a, b) => (a.day + a.starts).localeCompare(b.day + b.starts)).slice(0, 3)
        .map((i) => `${i.day.slice(5)} ${i.starts} ${i.title}`).join('；');
      await notify(trx, deps.ctx, followers.map((f) => f.account_id), {
        title: `党群阵地@你：${v.name}${body.month.slice(5)}月活动${version > 1 ? '（更正）' : ''}`,
        body: `共${body.items.length}项活动：${first}${body.items.length > 3 ? '……' : ''}`,
        link: '/m/venues', orgPath: v.org_path, countyCode: v.county_code, sms: body.sms,
      });
      await writeAudit(trx, actor, {
        action: 'venue.calendar_publish', entity: 'venue_calendar', entityId: id, orgPath: v.org_path, countyCode: v.county_code,
        after: { month: body.month, version, items: body.items.length, followers: followers.length },
      });
      return { id, version, notified: followers.length };
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw new AppError('CONFLICT', `${body.month}的活动日历刚被他人发布，请刷新后再试`);
    throw e;
  }
}

/** The venues of the visitor's own community, with rooms, hours and whether they follow each. */
export async function nearVenues(deps: VenueDeps, actor: Actor, scope: Scope) {
  const reach = await reachOf(deps, actor, scope);
  const rows = await repo.venuesUnder(deps.db, reach.path).orderBy('v.kind').orderBy('v.id').limit(50).execute();
  const ids = rows.map((r) => r.id);
  const [rooms, follows] = await Promise.all([
    repo.roomsOf(deps.db, ids),
    ids.length ? deps.db.selectFrom('venue_follow').select('venue_id').where('account_id', '=', actor.accountId).where('venue_id', 'in', ids).execute() : [],
  ]);
  return {
    items: rows.map((v) => ({
      id: v.id, kind: v.kind, name: v.name, address: v.address, toStandard: missingItems(v.items ? v.items.split(',') : []).length === 0,
      followed: follows.some((f) => f.venue_id === v.id), hours: parseHours(v.hours),
      rooms: rooms.filter((r) => r.venue_id === v.id).map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
    })),
  };
}

export async function follow(deps: VenueDeps, actor: Actor, scope: Scope, venueId: number, on: boolean) {
  if (!mayVenue(actor.role, 'visit')) throw new AppError('FORBIDDEN', '关注阵地供居民和群众团体使用');
  const v = await venueInReach(deps, await reachOf(deps, actor, scope), venueId);
  if (on) {
    await deps.db.insertInto('venue_follow').values({ account_id: actor.accountId, venue_id: v.id, org_path: v.org_path, county_code: v.county_code, followed_at: deps.clock.now() })
      .onConflict((oc) => oc.columns(['account_id', 'venue_id']).doNothing()).execute();
  } else {
    await deps.db.deleteFrom('venue_follow').where('account_id', '=', actor.accountId).where('venue_id', '=', v.id).execute();
  }
  return { ok: true as const };
}

/** "本月@你": the month's latest published calendars of the venues the caller follows. */
export async function atYou(deps: VenueDeps, actor: Actor, month?: string) {
  const m = month ?? chinaMonth(deps.clock.now());
  const followed = await deps.db.selectFrom('venue_follow as f').innerJoin('venue as v', 'v.id', 'f.venue_id')
    .select(['v.id', 'v.name', 'v.org_path']).where('f.account_id', '=', actor.accountId).orderBy('v.id').limit(50).execute();
  const cals = await repo.latestCalendars(deps.db, followed.map((f) => f.id), { only: m });
  const out = [];
  for (const f of followed) {
    const c = cals.filter((x) => x.venue_id === f.id);
    if (!c.length) continue;
    const [row] = await calendarRows(deps, f.org_path.split('.').slice(0, -2).join('.') + '.', c);
    out.push({ venueId: f.id, venueName: f.name, calendar: row! });
  }
  return { month: m, venues: out };
}
