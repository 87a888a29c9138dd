import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * Volunteer activities as other modules may read them (the campaigns module tags activities to a
 * campaign and counts the held ones): the title, the place, the status and when — no volunteers.
 * Callers pass the path they may reach; nothing outside it is returned.
 */
export interface ActivitySummary {
  id: number;
  title: string;
  orgPath: string;
  countyCode: string;
  placeName: string;
  status: string;
  startsAt: Date;
  /** Held: the organiser confirmed its hours. */
  held: boolean;
}

function summaries(db: Q, within: string) {
  return db.selectFrom('volunteer_activity as a').innerJoin('org_unit as o', 'o.id', 'a.place_id')
    .select(['a.id', 'a.title', 'a.org_path', 'a.county_code', 'o.name as place_name', 'a.status', 'a.starts_at'])
    .where('a.org_path', 'like', `${within}%`).where('a.status', '<>', 'cancelled');
}

const toSummary = (r: { id: number; title: string; org_path: string; county_code: string; place_name: string; status: string; starts_at: Date }): ActivitySummary => ({
  id: r.id, title: r.title, orgPath: r.org_path, countyCode: r.county_code, placeName: r.place_name, status: r.status, startsAt: r.starts_at,
  held: r.status === 'confirmed',
});

/** Activities by id under a path; missing, cancelled or outside ones are left out. */
export async function activitySummaries(db: Q, within: string, ids: readonly number[]): Promise<ActivitySummary[]> {
  if (!ids.length) return [];
  return (await summaries(db, within).where('a.id', 'in', [...new Set(ids)]).execute()).map(toSummary);
}

/** Activities under a path found by id (a number) or by words of the title, latest first. */
export async function searchActivitySummaries(db: Q, within: string, q: string, limit = 20): Promise<ActivitySummary[]> {
  const term = q.trim();
  const byId = /^\d{1,9}$/.test(term) ? Number(term) : null;
  const rows = await summaries(db, within)
    .$if(byId !== null, (qb) => qb.where('a.id', '=', byId!))
    .$if(byId === null && term.length > 0, (qb) => qb.where('a.title', 'like', `%${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`))
    .orderBy('a.starts_at', 'desc').limit(limit).execute();
  return rows.map(toSummary);
}
