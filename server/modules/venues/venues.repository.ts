import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';

type Q = Kysely<DB> | Transaction<DB>;

/** A venue's month in China time, for counting use per month. */
export const chinaMonthOf = (col: string) => sql<string>`to_char((${sql.ref(col)} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;

/** Venues with their place, community and street names and the 三要六有 items recorded, under `within`. */
export function venuesUnder(db: Q, within: string) {
  return db.selectFrom('venue as v')
    .innerJoin('org_unit as o', 'o.id', 'v.org_id')
    .innerJoin('org_unit as c', (j) => j.on(sql<boolean>`c.id = CASE WHEN v.kind = 'centre' THEN o.id ELSE o.parent_id END`))
    .innerJoin('org_unit as s', 's.id', 'c.parent_id')
    .select([
      'v.id', 'v.kind', 'v.name', 'v.address', 'v.area_m2', 'v.hours', 'v.checkin_code', 'v.org_path', 'v.county_code', 'v.org_id',
      'o.name as place_name', 'c.name as community_name', 'c.path as community_path', 's.id as street_id', 's.name as street_name',
      sql<string>`(SELECT coalesce(string_agg(i.item, ','), '') FROM venue_standard_item i WHERE i.venue_id = v.id)`.as('items'),
      sql<number>`(SELECT count(*)::int FROM venue_room r WHERE r.venue_id = v.id)`.as('rooms'),
      sql<number>`(SELECT count(*)::int FROM venue_booking b WHERE b.venue_id = v.id AND b.status = 'requested' AND b.ends_at > now())`.as('pending'),
    ])
    .where('v.org_path', 'like', `${within}%`);
}
export type VenueRow = Awaited<ReturnType<ReturnType<typeof venuesUnder>['executeTakeFirstOrThrow']>>;

export function standardRows(db: Q, venueId: number) {
  return db.selectFrom('venue_standard_item').select(['id', 'item', 'note', 'recorded_at']).where('venue_id', '=', venueId).execute();
}

export async function photosOf(db: Q, entity: string, ids: number[]) {
  const m = new Map<number, number[]>();
  if (!ids.length) return m;
  const rows = await db.selectFrom('attachment_link').select(['entity_id', 'attachment_id'])
    .where('entity', '=', entity).where('entity_id', 'in', ids).orderBy('attachment_id').execute();
  for (const r of rows) m.set(r.entity_id, [...(m.get(r.entity_id) ?? []), r.attachment_id]);
  return m;
}

export function roomsOf(db: Q, venueIds: number[]) {
  if (!venueIds.length) return Promise.resolve([]);
  return db.selectFrom('venue_room').select(['id', 'venue_id', 'name', 'capacity']).where('venue_id', 'in', venueIds).orderBy('id').execute();
}

/** Use per month from bookings: confirmed bookings, check-ins and the people who came. */
export function useByMonth(db: Q, venueId: number, from: Date) {
  return db.selectFrom('venue_booking').select([
    chinaMonthOf('starts_at').as('month'),
    sql<number>`count(*) FILTER (WHERE status = 'confirmed')::int`.as('bookings'),
    sql<number>`count(checked_in_at)::int`.as('check_ins'),
    sql<number>`coalesce(sum(attendees) FILTER (WHERE checked_in_at IS NOT NULL), 0)::int`.as('visitors'),
  ]).where('venue_id', '=', venueId).where('starts_at', '>=', from).groupBy(chinaMonthOf('starts_at')).orderBy(chinaMonthOf('starts_at'), 'desc').execute();
}

export function followerCount(db: Q, venueId: number) {
  return db.selectFrom('venue_follow').select((eb) => eb.fn.countAll<number>().as('n')).where('venue_id', '=', venueId).executeTakeFirstOrThrow();
}

/** The latest version of each published month of a venue, newest month first. */
export async function latestCalendars(db: Q, venueIds: number[], months: { from?: string; only?: string } = {}) {
  if (!venueIds.length) return [];
  const cals = await db.selectFrom('venue_calendar as k')
    .select(['k.id', 'k.venue_id', 'k.month', 'k.version', 'k.published_at'])
    .where('k.venue_id', 'in', venueIds)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('venue_calendar as n').select('n.id')
      .whereRef('n.venue_id', '=', 'k.venue_id').whereRef('n.month', '=', 'k.month').whereRef('n.version', '>', 'k.version'))))
    .$if(!!months.from, (q) => q.where('k.month', '>=', months.from!))
    .$if(!!months.only, (q) => q.where('k.month', '=', months.only!))
    .orderBy('k.month', 'desc').execute();
  const items = cals.length
    ? await db.selectFrom('venue_calendar_item').select([
      'id', 'calendar_id', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'starts', 'ends', 'title', 'place', 'activity_id',
    ]).where('calendar_id', 'in', cals.map((c) => c.id)).orderBy('day').orderBy('starts').execute()
    : [];
  return cals.map((c) => ({ ...c, items: items.filter((i) => i.calendar_id === c.id) }));
}
