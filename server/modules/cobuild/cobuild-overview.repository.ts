import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import type { CobuildCategory } from './cobuild-lists.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Withdrawn projects never ran: they count nowhere. */
const counted = sql<boolean>`p.status <> 'withdrawn'`;

export async function projectTotals(db: Q, path: string) {
  const { rows: [r] } = await sql<{ projects: number; published: number; running: number; accepted: number; units: number }>`
    SELECT count(*)::int AS projects,
      count(*) FILTER (WHERE p.status = 'published')::int AS published,
      count(*) FILTER (WHERE p.status IN ('in_progress', 'submitted', 'returned'))::int AS running,
      count(*) FILTER (WHERE p.status = 'accepted')::int AS accepted,
      count(DISTINCT p.work_unit_id)::int AS units
    FROM cobuild_project p WHERE p.org_path LIKE ${path + '%'} AND ${counted}`.execute(db);
  return r!;
}

export async function needTotals(db: Q, path: string) {
  const { rows: [r] } = await sql<{ open: number; met: number }>`
    SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'met')::int AS met
    FROM cobuild_need WHERE org_path LIKE ${path + '%'}`.execute(db);
  return r!;
}

/** Live resources serving a place under `path` or covering it. */
export async function resourceCount(db: Q, path: string) {
  const { rows: [r] } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM cobuild_resource r WHERE r.withdrawn_at IS NULL AND EXISTS (
      SELECT 1 FROM cobuild_resource_place rp WHERE rp.resource_id = r.id AND (rp.org_path LIKE ${path + '%'} OR ${path} LIKE rp.org_path || '%'))`.execute(db);
  return r!.n;
}

export async function projectsByCategory(db: Q, path: string) {
  const { rows } = await sql<{ category: CobuildCategory; n: number }>`
    SELECT p.category, count(*)::int AS n FROM cobuild_project p WHERE p.org_path LIKE ${path + '%'} AND ${counted} GROUP BY p.category`.execute(db);
  return rows;
}

/** Per child place (the counties of the city, the streets of a county, the communities of a street) and category. */
export async function projectsByChildAndCategory(db: Q, parentId: number) {
  const { rows } = await sql<{ child_id: number; category: CobuildCategory; n: number }>`
    SELECT c.id AS child_id, p.category, count(*)::int AS n
    FROM org_unit c JOIN cobuild_project p ON p.org_path LIKE c.path || '%' AND ${counted}
    WHERE c.parent_id = ${parentId} AND c.dissolved_at IS NULL
    GROUP BY c.id, p.category`.execute(db);
  return rows;
}

/** Work units paired (结对, confirmed) this year with communities under `path` (the 双报到 pairings). */
export async function pairedUnits(db: Q, path: string, year: number) {
  const { rows: [r] } = await sql<{ n: number }>`
    SELECT count(DISTINCT work_unit_id)::int AS n FROM unit_pairing
    WHERE org_path LIKE ${path + '%'} AND year = ${year} AND status = 'confirmed'`.execute(db);
  return r!.n;
}
