import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, OrgKind } from '../../database.js';
import type { CobuildCategory } from './cobuild-lists.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * Proposed matches between open needs under `path` and live resources: same category, a place
 * of the resource covering the need's place, capacity at least the need's size, periods that
 * overlap, the unit not dissolved. Ranked units paired with the community (双报到) first, then
 * the nearest place (a resource for this community before a street-wide one), then the tightest
 * capacity, then the longest overlap. Counted and
 * paged in SQL: no list is loaded whole.
 */
function candidates(path: string, needId: number | undefined, resourceId: number | undefined) {
  return sql`(
      SELECT n.id AS need_id, r.id AS resource_id,
        (SELECT rp.place_id FROM cobuild_resource_place rp
          WHERE rp.resource_id = r.id AND n.org_path LIKE rp.org_path || '%'
          ORDER BY length(rp.org_path) DESC LIMIT 1) AS reach_place_id
      FROM cobuild_need n
      JOIN cobuild_resource r ON r.category = n.category AND r.withdrawn_at IS NULL AND r.capacity >= n.size
        AND r.available_from <= n.ends_on AND n.starts_on <= r.available_to
      JOIN work_unit u ON u.id = r.work_unit_id AND u.dissolved_at IS NULL
      WHERE n.status = 'open' AND n.org_path LIKE ${path + '%'}
        ${needId != null ? sql`AND n.id = ${needId}` : sql``}
        ${resourceId != null ? sql`AND r.id = ${resourceId}` : sql``}
    ) m`;
}

export interface MatchRow {
  need_id: number;
  need_title: string;
  community_id: number;
  community_name: string;
  place_name: string;
  place_kind: OrgKind;
  size: number;
  need_starts_on: string;
  need_ends_on: string;
  resource_id: number;
  resource_title: string;
  work_unit_id: number;
  work_unit_name: string;
  capacity: number;
  available_from: string;
  available_to: string;
  category: CobuildCategory;
  overlap_days: number;
  reach_kind: OrgKind;
  reach_is_need_place: boolean;
  /** The unit is paired (结对, confirmed) with the need's community. */
  paired: boolean;
}

export async function proposeMatches(db: Q, f: { path: string; needId?: number; resourceId?: number; page: number; pageSize: number }) {
  const from = candidates(f.path, f.needId, f.resourceId);
  const { rows: [count] } = await sql<{ total: number }>`SELECT count(*)::int AS total FROM ${from} WHERE m.reach_place_id IS NOT NULL`.execute(db);
  const { rows } = await sql<MatchRow>`
    SELECT n.id AS need_id, n.title AS need_title, n.community_id, c.name AS community_name, pl.name AS place_name, pl.kind AS place_kind,
      n.size, to_char(n.starts_on, 'YYYY-MM-DD') AS need_starts_on, to_char(n.ends_on, 'YYYY-MM-DD') AS need_ends_on,
      r.id AS resource_id, r.title AS resource_title, r.work_unit_id, u.name AS work_unit_name, r.capacity,
      to_char(r.available_from, 'YYYY-MM-DD') AS available_from, to_char(r.available_to, 'YYYY-MM-DD') AS available_to, r.category,
      (LEAST(n.ends_on, r.available_to) - GREATEST(n.starts_on, r.available_from) + 1)::int AS overlap_days,
      reach.kind AS reach_kind, (reach.id = n.place_id) AS reach_is_need_place,
      EXISTS (SELECT 1 FROM unit_pairing up WHERE up.work_unit_id = r.work_unit_id AND up.community_id = n.community_id
        AND up.status = 'confirmed') AS paired
    FROM ${from}
    JOIN cobuild_need n ON n.id = m.need_id
    JOIN cobuild_resource r ON r.id = m.resource_id
    JOIN work_unit u ON u.id = r.work_unit_id
    JOIN org_unit c ON c.id = n.community_id
    JOIN org_unit pl ON pl.id = n.place_id
    JOIN org_unit reach ON reach.id = m.reach_place_id
    WHERE m.reach_place_id IS NOT NULL
    ORDER BY paired DESC, length(reach.path) DESC, (r.capacity - n.size), overlap_days DESC, n.id, r.id
    LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`.execute(db);
  return { rows, total: Number(count?.total ?? 0) };
}
