import { sql, type RawBuilder } from 'kysely';
import { addDays, chinaDay } from '../../platform/clock.js';
import { childOf, grouped, type Indicator, type IndicatorWindow } from '../../platform/indicators.js';

/**
 * 督查整改 in the cockpit. An inspection carries the path of the city or county that planned it,
 * so it is cut at the county at most (a city's own inspections count for the city only). A
 * problem carries the path of the place it was found at — a county, street or community (rarely
 * lower) — so problems are cut at the community, and one found at a county's own level counts for
 * the county but none of its streets. Where a problem was handed (a county or a department) does
 * not move it: it is counted where it was found.
 */
const base = { module: 'supervision', group: 'supervision', public: false } as const;

/** The window's last China day: a live window's is today. */
const lastDay = (w: IndicatorWindow) => chinaDay(new Date(w.to.getTime() - 1));

/** Problems under the unit, with what is counted of them. */
function problems(w: IndicatorWindow, select: RawBuilder<unknown>, where: RawBuilder<unknown>) {
  return sql<{ child_id: number | null; num: string; den?: string }>`
    SELECT ${childOf(w, 'p.org_path')} AS child_id, ${select} FROM supervision_problem p
    WHERE p.org_path LIKE ${w.under + '%'} AND ${where}
    GROUP BY 1`;
}

export const INDICATORS: readonly Indicator[] = [
  {
    ...base, key: 'supervision.inspections', unit: 'count', kind: 'flow', lowest: 'county', sources: ['supervision_inspection'],
    name: { zh: '开展督查次数', en: 'Inspections held' },
    definition: {
      zh: '统计月内开始的联合调研、暗访暗查次数（已开始或已结束，不含计划中和已取消的），按组织督查的市、区县计',
      en: 'Joint surveys and unannounced inspections starting in the month (under way or done, not planned or cancelled), by the city or county that planned them',
    },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'i.org_path')} AS child_id, count(*) AS num FROM supervision_inspection i
      WHERE i.org_path LIKE ${w.under + '%'} AND i.status IN ('under_way', 'done')
        AND i.starts_on >= ${chinaDay(w.from)}::date AND i.starts_on < ${addDays(lastDay(w), 1)}::date
      GROUP BY 1`),
  },
  {
    ...base, key: 'supervision.problems_found', unit: 'count', kind: 'flow', lowest: 'community', sources: ['supervision_problem'],
    name: { zh: '督查发现问题数', en: 'Problems found by inspections' },
    definition: { zh: '统计月内督查记录的问题个数，按问题所在地计', en: 'Problems recorded by inspections in the month, by the place they were found at' },
    count: (db, w) => grouped(db, problems(w, sql`count(*) AS num`, sql`p.found_at >= ${w.from} AND p.found_at < ${w.to}`)),
  },
  {
    ...base, key: 'supervision.problems_verified', unit: 'count', kind: 'flow', lowest: 'community', sources: ['supervision_problem'],
    name: { zh: '整改销号问题数', en: 'Problems rectified and verified' },
    definition: { zh: '统计月内整改后经督查方验收销号的问题个数', en: 'Problems whose rectification the inspectors verified (销号) in the month' },
    count: (db, w) => grouped(db, problems(w, sql`count(*) AS num`, sql`p.verified_at >= ${w.from} AND p.verified_at < ${w.to}`)),
  },
  {
    ...base, key: 'supervision.rectification_rate', unit: 'percent', kind: 'stock', lowest: 'community', sources: ['supervision_problem'],
    name: { zh: '问题整改率', en: 'Problems rectified' },
    definition: {
      zh: '截至期末已移交整改的问题中已验收销号的个数 ÷ 已移交问题个数（累计）',
      en: 'Of the problems handed over for rectification by the end of the period, those verified (销号) by then (cumulative)',
    },
    count: (db, w) => grouped(db, problems(w,
      sql`count(*) FILTER (WHERE p.verified_at < ${w.to}) AS num, count(*) AS den`,
      sql`p.handed_over_at < ${w.to}`)),
  },
  {
    ...base, key: 'supervision.problems_overdue', unit: 'count', kind: 'stock', lowest: 'community', sources: ['supervision_problem'],
    name: { zh: '逾期未销号问题数', en: 'Problems overdue' },
    definition: {
      zh: '统计期末已过整改期限仍未验收销号的问题个数（含已提级督办的）',
      en: 'Problems past their rectification deadline and not verified (销号) at the end of the period, escalated ones included',
    },
    // Overdue from the day after the deadline (China days), as the overdue timer escalates.
    count: (db, w) => grouped(db, problems(w, sql`count(*) AS num`, sql`p.handed_over_at < ${w.to} AND p.deadline < ${chinaDay(w.to)}::date
        AND (p.verified_at IS NULL OR p.verified_at >= ${w.to})`)),
  },
];
