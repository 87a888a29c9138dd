import { sql, type Kysely } from 'kysely';
import type { DB } from '../../database.js';

/** A calendar is superseded when a later version of the same venue and month exists (a correction). */
const latestOnly = sql<boolean>`NOT EXISTS (SELECT 1 FROM venue_calendar n WHERE n.venue_id = k.venue_id AND n.month = k.month AND n.version > k.version)`;
const community = sql<string | null>`(SELECT c.name FROM org_unit c WHERE c.kind = 'community' AND v.org_path LIKE c.path || '%' LIMIT 1)`;

/** A county's "党群阵地@你" calendars (the latest version of each venue and month), newest month first. */
export async function publishedCalendars(db: Kysely<DB>, countyCode: string, page: number, pageSize: number) {
  const base = db.selectFrom('venue_calendar as k').where('k.county_code', '=', countyCode).where(latestOnly);
  const [rows, total] = await Promise.all([
    base.innerJoin('venue as v', 'v.id', 'k.venue_id')
      .select(['k.id', 'k.month', 'k.version', 'k.published_at', 'v.name as venue', 'v.kind', community.as('community'),
        sql<string>`(SELECT count(*) FROM venue_calendar_item i WHERE i.calendar_id = k.id)`.as('items')])
      .orderBy('k.month', 'desc').orderBy('k.published_at', 'desc').orderBy('k.id', 'desc')
      .limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** One published calendar with its venue's public face and whether a correction replaced it. */
export function calendarById(db: Kysely<DB>, id: number) {
  return db.selectFrom('venue_calendar as k').innerJoin('venue as v', 'v.id', 'k.venue_id')
    .select(['k.id', 'k.month', 'k.version', 'k.published_at', 'v.name as venue', 'v.kind', 'v.address', community.as('community'), latestOnly.as('latest')])
    .where('k.id', '=', id).executeTakeFirst();
}

export function calendarItems(db: Kysely<DB>, id: number) {
  return db.selectFrom('venue_calendar_item').select(['day', 'starts', 'ends', 'title', 'place'])
    .where('calendar_id', '=', id).orderBy('day').orderBy('starts').orderBy('id').execute();
}
