import { sql } from 'kysely';
import { addDays, chinaDay } from '../../platform/clock.js';
import { childOf, grouped, type Indicator, type IndicatorWindow } from '../../platform/indicators.js';

/**
 * 领导干部进社区办实事 in the cockpit: visits by the day they were made, the problems found on them
 * (each recorded as a demand, channel 'leader_visit') and those solved. Everything is counted at
 * the visited place (a community or a compound grid), as the leaders page counts it; a problem is
 * solved as that page says, once its demand is resolved or closed.
 */
const base = { module: 'leaders', group: 'demands', lowest: 'grid', kind: 'flow', unit: 'count', public: true } as const;

/** The window's China days, [first, day after the last): a live window ends today. */
const days = (w: IndicatorWindow) => [chinaDay(w.from), addDays(chinaDay(new Date(w.to.getTime() - 1)), 1)] as const;

export const INDICATORS: readonly Indicator[] = [
  {
    ...base, key: 'leaders.visits', sources: ['leader_visit'],
    name: { zh: '领导干部下访次数', en: 'Leaders\' visits' },
    definition: { zh: '统计月内领导干部进社区（小区）走访办实事的次数，按走访日期计', en: 'Visits by linked leaders to communities and compounds made in the month' },
    count: (db, w) => {
      const [from, to] = days(w);
      return grouped(db, sql`
        SELECT ${childOf(w, 'v.org_path')} AS child_id, count(*) AS num FROM leader_visit v
        WHERE v.org_path LIKE ${w.under + '%'} AND v.visited_on >= ${from}::date AND v.visited_on < ${to}::date
        GROUP BY 1`);
    },
  },
  {
    ...base, key: 'leaders.problems_found', sources: ['leader_visit', 'leader_visit_demand'],
    name: { zh: '下访发现问题数', en: 'Problems found on leaders\' visits' },
    definition: { zh: '统计月内走访中发现并登记为诉求的问题个数', en: 'Problems found on the month\'s visits, each recorded as a demand' },
    count: (db, w) => {
      const [from, to] = days(w);
      return grouped(db, sql`
        SELECT ${childOf(w, 'v.org_path')} AS child_id, count(*) AS num
        FROM leader_visit v JOIN leader_visit_demand vd ON vd.visit_id = v.id
        WHERE v.org_path LIKE ${w.under + '%'} AND v.visited_on >= ${from}::date AND v.visited_on < ${to}::date
        GROUP BY 1`);
    },
  },
  {
    ...base, key: 'leaders.problems_solved', sources: ['leader_visit', 'leader_visit_demand', 'demand'],
    name: { zh: '下访问题解决数', en: 'Leaders\' visit problems solved' },
    definition: { zh: '统计月内办结（解决或关闭）的领导干部走访发现问题个数', en: 'Problems found on leaders\' visits whose demands were resolved or closed in the month' },
    // In the month it was resolved (or closed unresolved); reopening clears the resolution until it is solved again.
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'v.org_path')} AS child_id, count(*) AS num
      FROM leader_visit v JOIN leader_visit_demand vd ON vd.visit_id = v.id JOIN demand d ON d.id = vd.demand_id
      WHERE v.org_path LIKE ${w.under + '%'} AND coalesce(d.resolved_at, d.closed_at) >= ${w.from} AND coalesce(d.resolved_at, d.closed_at) < ${w.to}
      GROUP BY 1`),
  },
];
