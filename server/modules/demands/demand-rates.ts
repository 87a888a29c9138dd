import { sql, type Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { notFound } from '../../platform/errors.js';
import type { Scope } from '../../platform/scope.js';

/**
 * 响应率、就地解决率、解决率、满意率、超期数、平均办结时长 — counted from the demands themselves,
 * for a unit and for each of its children (grid, community, street, county), over a period.
 */
export async function demandRates(db: Kysely<DB>, scope: Scope, orgId: number, from: Date, to: Date, now: Date) {
  const unit = await db.selectFrom('org_unit').select(['id', 'name', 'kind', 'path']).where('id', '=', orgId).executeTakeFirst();
  if (!unit || !scope.contains(unit.path)) throw notFound('组织');
  const rows = await sql<{
    child_id: number | null; is_total: number; received: number; responded: number; on_spot: number; resolved: number;
    rated: number; satisfied: number; overdue: number; close_hours: number | null;
  }>`
    SELECT child_id, GROUPING(child_id) AS is_total,
      count(*)::int AS received,
      count(responded_at)::int AS responded,
      count(*) FILTER (WHERE tier = 'spot')::int AS on_spot,
      count(*) FILTER (WHERE resolved_at IS NOT NULL OR closed_at IS NOT NULL)::int AS resolved,
      count(rating)::int AS rated,
      count(*) FILTER (WHERE rating IN ('satisfied', 'basic'))::int AS satisfied,
      count(*) FILTER (WHERE closed_at IS NULL AND resolved_at IS NULL AND due_at < ${now})::int AS overdue,
      avg(EXTRACT(EPOCH FROM (closed_at - created_at)) / 3600) FILTER (WHERE closed_at IS NOT NULL) AS close_hours
    FROM (
      SELECT d.*, NULLIF(split_part(substr(d.org_path, ${unit.path.length + 1}), '.', 1), '')::int AS child_id
      FROM demand d
      WHERE d.org_path LIKE ${unit.path + '%'} AND d.created_at >= ${from} AND d.created_at < ${to}
        AND d.merged_into_id IS NULL
    ) d
    GROUP BY ROLLUP (child_id)
  `.execute(db);
  const childIds = rows.rows.map((r) => r.child_id).filter((x): x is number => x !== null);
  const names = childIds.length
    ? new Map((await db.selectFrom('org_unit').select(['id', 'name', 'kind']).where('id', 'in', childIds).execute()).map((u) => [u.id, u]))
    : new Map<number, { id: number; name: string; kind: string }>();
  const shape = (r: (typeof rows.rows)[number]) => ({
    received: r.received,
    responseRate: ratio(r.responded, r.received),
    onSpotRate: ratio(r.on_spot, r.received),
    resolutionRate: ratio(r.resolved, r.received),
    satisfactionRate: ratio(r.satisfied, r.rated),
    overdue: r.overdue,
    avgHoursToClose: r.close_hours === null ? null : Math.round(Number(r.close_hours) * 10) / 10,
  });
  const total = rows.rows.find((r) => Number(r.is_total) === 1);
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    from: from.toISOString(),
    to: to.toISOString(),
    total: total ? shape(total) : shape({ child_id: null, is_total: 1, received: 0, responded: 0, on_spot: 0, resolved: 0, rated: 0, satisfied: 0, overdue: 0, close_hours: null }),
    children: rows.rows
      .filter((r) => Number(r.is_total) === 0 && r.child_id !== null)
      .map((r) => ({ id: r.child_id!, name: names.get(r.child_id!)?.name ?? '', kind: names.get(r.child_id!)?.kind ?? '', ...shape(r) }))
      .sort((a, b) => b.received - a.received),
  };
}

/** Per department: whistles received, reported within 30 minutes, resolved, returned. */
export async function departmentRates(db: Kysely<DB>, scope: Scope, from: Date, to: Date) {
  const rows = await sql<{ id: number; name: string; dispatched: number; on_time: number; resolved: number; returned: number }>`
    SELECT dep.id, dep.name, count(x.id)::int AS dispatched,
      count(*) FILTER (WHERE x.accepted_at IS NOT NULL AND x.accepted_at <= x.report_due_at)::int AS on_time,
      count(*) FILTER (WHERE x.state = 'resolved')::int AS resolved,
      count(*) FILTER (WHERE x.state = 'returned')::int AS returned
    FROM department dep
    LEFT JOIN demand_dispatch x ON x.department_id = dep.id AND x.created_at >= ${from} AND x.created_at < ${to}
    WHERE dep.org_path LIKE ${scope.path + '%'} OR ${scope.path} LIKE dep.org_path || '%'
    GROUP BY dep.id, dep.name ORDER BY dep.name
  `.execute(db);
  return rows.rows.map((r) => ({ ...r, reportRate: ratio(r.on_time, r.dispatched), resolutionRate: ratio(r.resolved, r.dispatched) }));
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);
