import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * Demands as other modules may read them (the campaigns module tags demands to a campaign and
 * counts the resolved ones): no reporter, no phone, no photos — the description, the state and
 * where. Callers pass the path they may reach; nothing outside it is returned.
 */
export interface DemandSummary {
  id: number;
  description: string;
  state: string;
  orgPath: string;
  countyCode: string;
  placeName: string;
  createdAt: Date;
  /** When it was resolved, for a demand resolved or closed now (a reopened one is not). */
  resolvedAt: Date | null;
}

function summaries(db: Q, within: string) {
  return db.selectFrom('demand as d').innerJoin('org_unit as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.description', 'd.state', 'd.org_path', 'd.county_code', 'o.name as place_name', 'd.created_at', 'd.resolved_at'])
    .where('d.org_path', 'like', `${within}%`).where('d.state', '<>', 'merged');
}

const toSummary = (r: { id: number; description: string; state: string; org_path: string; county_code: string; place_name: string; created_at: Date; resolved_at: Date | null }): DemandSummary => ({
  id: r.id, description: r.description, state: r.state, orgPath: r.org_path, countyCode: r.county_code, placeName: r.place_name,
  createdAt: r.created_at, resolvedAt: r.state === 'resolved' || r.state === 'closed' ? r.resolved_at : null,
});

/** Demands by id under a path; missing or outside ones are left out. */
export async function demandSummaries(db: Q, within: string, ids: readonly number[]): Promise<DemandSummary[]> {
  if (!ids.length) return [];
  return (await summaries(db, within).where('d.id', 'in', [...new Set(ids)]).execute()).map(toSummary);
}

/** Demands under a path found by id (a number) or by words of the description, newest first. */
export async function searchDemandSummaries(db: Q, within: string, q: string, limit = 20): Promise<DemandSummary[]> {
  const term = q.trim();
  const byId = /^\d{1,9}$/.test(term) ? Number(term) : null;
  const rows = await summaries(db, within)
    .$if(byId !== null, (qb) => qb.where('d.id', '=', byId!))
    .$if(byId === null && term.length > 0, (qb) => qb.where('d.description', 'like', `%${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`))
    .orderBy('d.id', 'desc').limit(limit).execute();
  return rows.map(toSummary);
}
