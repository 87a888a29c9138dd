import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../database.js';

/**
 * The cockpit's indicators (issue 17): every figure of the brief is declared by the module that
 * owns its records, next to its code (`<module>/<module>.indicators.ts`), collected in
 * server/modules/indicator-registry.ts, and counted from those records — never typed in.
 *
 * An indicator counts, for one unit of the org tree, the rows under it grouped by the child they
 * lie under (one set-based query: the unit's path prefix is an index range, the child is the
 * next id in each row's path). The unit's own figure is the sum of its children's plus rows kept
 * at the unit itself. A ratio keeps numerator and denominator so a parent is never an average of
 * its children's percentages.
 */
export type IndicatorUnit = 'count' | 'percent' | 'per10k' | 'yuan' | 'hours' | 'points' | 'm2';
export type IndicatorLevel = 'city' | 'county' | 'street' | 'community' | 'grid';

/** Rows counted in a month ('flow') or standing at its end ('stock': for this month, now). */
export type IndicatorKind = 'flow' | 'stock';

export interface IndicatorWindow {
  /** Path of the unit counted (its rows are those whose org_path starts with it). */
  under: string;
  /**
   * Depth of the units rows are grouped under (the unit's children), or 'deepest': each row under
   * the deepest unit from the city to the grid it lies under, so one count serves every level
   * (the month's count for all units adds each row to that unit and its ancestors).
   */
  depth: number | 'deepest';
  /** 'YYYY-MM': the China month counted. */
  month: string;
  /** The month as instants, [from, to); for a stock, `to` is the instant it stands at (now, in this month). */
  from: Date;
  to: Date;
}

/** One child's figure: `child_id` null for rows kept at the unit itself. */
export interface IndicatorRow {
  child_id: number | null;
  num: number;
  /** Denominator of a percent or per-10,000 figure. */
  den?: number;
}

export interface Indicator {
  /** '<module>.<name>', stable: snapshots and open data are keyed by it. */
  key: string;
  module: string;
  /** Where the cockpit shows it. */
  group: 'organisation' | 'workforce' | 'demands' | 'points' | 'volunteers' | 'property' | 'selfrun' | 'newgroups' | 'venues' | 'supervision';
  name: { zh: string; en: string };
  definition: { zh: string; en: string };
  unit: IndicatorUnit;
  kind: IndicatorKind;
  /** Tables it is counted from. */
  sources: readonly string[];
  /** The lowest level it can be cut at. */
  lowest: IndicatorLevel;
  /** Whether a county may publish it as open data and on the public portal. */
  public?: boolean;
  /** One of the few figures the cockpit and the monthly report open with (one per part of the brief). */
  headline?: boolean;
  count(db: Kysely<DB>, w: IndicatorWindow): Promise<IndicatorRow[]>;
}

/**
 * The id of the unit at the window's depth a row with `column` (an org_path) lies under — paths
 * are ids joined by dots from the city down — or null for rows kept above that depth.
 */
export function childOf(w: Pick<IndicatorWindow, 'depth'>, column: string): RawBuilder<number | null> {
  const c = sql.ref(column);
  if (w.depth === 'deepest') {
    // City (1st id) to grid (5th): the deepest of them the row's path names.
    return sql<number | null>`coalesce(${sql.join([5, 4, 3, 2, 1].map((k) => sql`NULLIF(split_part(${c}, '.', ${sql.lit(k)}), '')`))})::int`;
  }
  return sql<number | null>`NULLIF(split_part(${c}, '.', ${w.depth + 1}), '')::int`;
}

/** The deepest level a 'deepest' count groups by: the grid's depth (city 0, county 1, street 2, community 3). */
export const DEEPEST_DEPTH = 4;

/**
 * The figure shown for counted parts: a percent to one decimal, a rate per 10,000, or the count.
 * Parts may come as stored (numeric columns read as strings); a ratio with nothing (or nothing
 * recorded) to divide by has no figure, never 0 %.
 */
export function figure(unit: IndicatorUnit, num: number | string, den?: number | string | null): number | null {
  const n = Number(num);
  const d = den === null || den === undefined ? 0 : Number(den);
  if (unit === 'percent') return d ? Math.round((n / d) * 1000) / 10 : null;
  if (unit === 'per10k') return d ? Math.round((n / d) * 100_000) / 10 : null;
  return Math.round(n * 100) / 100;
}

/** Sums children's parts into the unit's: numerators and denominators add, never percentages. */
export function sumRows(rows: readonly IndicatorRow[]): { num: number; den?: number } {
  let num = 0;
  let den: number | undefined;
  for (const r of rows) {
    num += r.num;
    if (r.den !== undefined) den = (den ?? 0) + r.den;
  }
  return den === undefined ? { num } : { num, den };
}

/** What narrows a count: a condition on the counted row, aliased `x` (`sql\`x.kind = ${kind}\``). */
type RowFilter = RawBuilder<unknown> | undefined;

/**
 * The commonest stock: rows of `table` (aliased `x`) under the window's unit standing at its end —
 * begun before it (`begun`, by default created_at) and, when the row can end (`ended`), not
 * ended by then — counted per child. Past months count what stood then from the rows' own dates.
 */
export function countStanding(db: Kysely<DB>, w: IndicatorWindow, table: string, o: { begun?: string; ended?: string; where?: RowFilter } = {}) {
  const begun = sql.ref(`x.${o.begun ?? 'created_at'}`);
  const ended = o.ended ? sql.ref(`x.${o.ended}`) : null;
  return grouped(db, sql`
    SELECT ${childOf(w, 'x.org_path')} AS child_id, count(*) AS num FROM ${sql.table(table)} x
    WHERE x.org_path LIKE ${w.under + '%'} AND ${begun} < ${w.to}
      ${ended ? sql`AND (${ended} IS NULL OR ${ended} >= ${w.to})` : sql``} ${o.where ? sql`AND ${o.where}` : sql``}
    GROUP BY 1`);
}

/** The commonest flow: rows of `table` (aliased `x`) under the window's unit dated (`at`) within the window, counted per child. */
export function countDuring(db: Kysely<DB>, w: IndicatorWindow, table: string, at: string, where?: RowFilter) {
  const t = sql.ref(`x.${at}`);
  return grouped(db, sql`
    SELECT ${childOf(w, 'x.org_path')} AS child_id, count(*) AS num FROM ${sql.table(table)} x
    WHERE x.org_path LIKE ${w.under + '%'} AND ${t} >= ${w.from} AND ${t} < ${w.to} ${where ? sql`AND ${where}` : sql``}
    GROUP BY 1`);
}

/** Rows of a grouped query (numeric columns come back as strings on PostgreSQL) as indicator rows. */
export async function grouped(db: Kysely<DB>, query: RawBuilder<{ child_id: number | null; num: number | string; den?: number | string | null }>): Promise<IndicatorRow[]> {
  const r = await query.execute(db);
  return r.rows.map((x) => (x.den === undefined ? { child_id: x.child_id, num: Number(x.num) } : { child_id: x.child_id, num: Number(x.num), den: Number(x.den ?? 0) }));
}
