import { sql, type Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { placesById } from '../../platform/org-units.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { cstDay } from './deadlines.js';

/**
 * 响应率、就地解决率、解决率、满意率、超期数、平均办结时长 for a unit and for each of its children
 * (grid, community, street, county), over the demands created in a period of whole CST days
 * (`from` and `to` are CST midnights; `to` is exclusive). Everything but overdue comes from the
 * daily rollups kept by a trigger (migration 0013); overdue moves with the clock: open demands
 * due before today come from demand_open_stat, today's are checked live against `now`.
 */
export async function demandRates(db: Kysely<DB>, scope: Scope, orgId: number, from: Date, to: Date, now: Date) {
  const unit = await unitInScope(db, scope, orgId, '组织');
  const like = unit.path + '%';
  // Open demands due before today's CST midnight are overdue whatever the hour; today's are
  // checked against the clock one by one.
  const today = cstDay(now);
  const todayStart = cstMidnight(today);
  // Group by place first (an index-ordered scan), then by child: split_part runs once per place.
  const rows = await sql<{
    child_id: number | null; received: number; responded: number; on_spot: number; resolved: number;
    rated: number; satisfied: number; closed: number; close_seconds: string; overdue: number;
  }>`
    WITH stat AS (
      SELECT org_path, sum(received) AS received, sum(responded) AS responded, sum(on_spot) AS on_spot,
        sum(resolved) AS resolved, sum(rated) AS rated, sum(satisfied) AS satisfied, sum(closed) AS closed,
        sum(close_seconds) AS close_seconds
      FROM demand_daily_stat
      WHERE org_path LIKE ${like} AND day >= ${cstDay(from)}::date AND day < ${cstDay(to)}::date
      GROUP BY org_path
    ), late AS (
      SELECT org_path, sum(open) AS overdue
      FROM demand_open_stat
      WHERE org_path LIKE ${like} AND day >= ${cstDay(from)}::date AND day < ${cstDay(to)}::date AND due_day < ${today}::date
      GROUP BY org_path
      UNION ALL
      SELECT org_path, count(*)
      FROM demand
      WHERE due_at >= ${todayStart} AND due_at < ${now} AND closed_at IS NULL AND resolved_at IS NULL
        AND merged_into_id IS NULL AND org_path LIKE ${like} AND created_at >= ${from} AND created_at < ${to}
      GROUP BY org_path
    )
    SELECT NULLIF(split_part(substr(org_path, ${unit.path.length + 1}), '.', 1), '')::int AS child_id,
      coalesce(sum(s.received), 0)::int AS received, coalesce(sum(s.responded), 0)::int AS responded,
      coalesce(sum(s.on_spot), 0)::int AS on_spot, coalesce(sum(s.resolved), 0)::int AS resolved,
      coalesce(sum(s.rated), 0)::int AS rated, coalesce(sum(s.satisfied), 0)::int AS satisfied,
      coalesce(sum(s.closed), 0)::int AS closed, coalesce(sum(s.close_seconds), 0)::text AS close_seconds,
      coalesce(sum(l.overdue), 0)::int AS overdue
    FROM stat s FULL JOIN (SELECT org_path, sum(overdue) AS overdue FROM late GROUP BY org_path) l USING (org_path)
    GROUP BY 1
  `.execute(db);
  // A place whose only demands were merged away has a zero row in the rollup: not a child to show.
  const groups = rows.rows.filter((r) => r.received > 0);
  const childIds = groups.map((r) => r.child_id).filter((x): x is number => x !== null);
  const names = await placesById(db, childIds);
  type Counts = Omit<(typeof rows.rows)[number], 'child_id' | 'close_seconds'> & { close_seconds: number };
  const counts = (r: (typeof rows.rows)[number]): Counts => ({ ...r, close_seconds: Number(r.close_seconds) });
  const shape = (r: Counts) => ({
    received: r.received,
    responseRate: ratio(r.responded, r.received),
    onSpotRate: ratio(r.on_spot, r.received),
    resolutionRate: ratio(r.resolved, r.received),
    satisfactionRate: ratio(r.satisfied, r.rated),
    overdue: r.overdue,
    avgHoursToClose: r.closed ? Math.round((r.close_seconds / r.closed / 3600) * 10) / 10 : null,
  });
  const zero: Counts = { received: 0, responded: 0, on_spot: 0, resolved: 0, rated: 0, satisfied: 0, closed: 0, close_seconds: 0, overdue: 0 };
  const total = groups.map(counts).reduce((a, r) => {
    const sum = { ...a };
    for (const k of Object.keys(zero) as (keyof Counts)[]) sum[k] = a[k] + r[k];
    return sum;
  }, zero);
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    from: from.toISOString(),
    to: to.toISOString(),
    total: shape(total),
    children: groups
      .filter((r) => r.child_id !== null)
      .map((r) => ({ id: r.child_id!, name: names.get(r.child_id!)?.name ?? '', kind: names.get(r.child_id!)?.kind ?? '', ...shape(counts(r)) }))
      .sort((a, b) => b.received - a.received),
  };
}

/**
 * The rates period as whole CST days: `from` and `to` are YYYY-MM-DD (both included); without
 * them, the 90 days ending today.
 */
export function ratesPeriod(now: Date, q: { from?: string; to?: string }) {
  const to = q.to ? cstMidnight(q.to, 1) : cstMidnight(cstDay(now), 1);
  const from = q.from ? cstMidnight(q.from) : new Date(to.getTime() - 90 * 86400_000);
  return { from, to };
}

const cstMidnight = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86400_000);

/**
 * Rebuilds the rollup from the demand table, for after a bulk load that bypassed the trigger
 * (COPY with the trigger disabled: seed and bench).
 */
export async function rebuildDemandRollup(db: Kysely<DB>) {
  await sql`SELECT rebuild_demand_daily_stat()`.execute(db);
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
