import { sql } from 'kysely';
import { childOf, countStanding, grouped, type Indicator, type IndicatorWindow } from '../../platform/indicators.js';

/**
 * 志愿吕梁 in the cockpit: organisations and registered volunteers standing at the period's end,
 * and the month's confirmed activities — hours served and residents served — by the activity's
 * start and place, the same figures as the volunteers overview (an activity's hours are the net
 * of its append-only hour entries, so a correction counts as it stands).
 */
const base = { module: 'volunteers', group: 'volunteers', sources: ['volunteer_activity', 'volunteer_hour_entry'], lowest: 'community', public: true } as const;

/** Confirmed activities held in the window (activities sit at a community or one of its compounds). */
function activities(w: IndicatorWindow, measure: 'hours_total' | 'served') {
  return sql<{ child_id: number | null; num: string }>`
    SELECT ${childOf(w, 'a.org_path')} AS child_id, coalesce(sum(a.${sql.ref(measure)}), 0) AS num FROM volunteer_activity a
    WHERE a.org_path LIKE ${w.under + '%'} AND a.starts_at >= ${w.from} AND a.starts_at < ${w.to} AND a.status = 'confirmed'
    GROUP BY 1`;
}

export const INDICATORS: readonly Indicator[] = [
  {
    // Registered with a community, street or county: a street's own organisations count at the street.
    ...base, key: 'volunteers.organisations', unit: 'count', kind: 'stock', sources: ['volunteer_org'],
    name: { zh: '志愿服务组织数', en: 'Volunteer organisations' },
    definition: { zh: '统计期末已登记且未撤销的志愿服务组织个数', en: 'Volunteer organisations registered and not dissolved at the end of the period' },
    count: (db, w) => countStanding(db, w, 'volunteer_org', { ended: 'dissolved_at' }),
  },
  {
    // Each volunteer is registered in one community: counted once, there.
    ...base, key: 'volunteers.volunteers', headline: true, unit: 'count', kind: 'stock', sources: ['volunteer'],
    name: { zh: '注册志愿者数', en: 'Registered volunteers' },
    definition: { zh: '统计期末在社区登记的注册志愿者人数', en: 'Volunteers registered with a community at the end of the period' },
    count: (db, w) => countStanding(db, w, 'volunteer'),
  },
  {
    ...base, key: 'volunteers.hours', unit: 'hours', kind: 'flow',
    name: { zh: '志愿服务时长', en: 'Volunteer hours' },
    definition: { zh: '统计月内开展并经组织者确认的志愿活动服务时长合计（更正冲减后）', en: 'Confirmed hours of the volunteer activities held in the month, after corrections' },
    count: (db, w) => grouped(db, activities(w, 'hours_total')),
  },
  {
    ...base, key: 'volunteers.residents_served', unit: 'count', kind: 'flow', sources: ['volunteer_activity'],
    name: { zh: '志愿服务群众人次', en: 'Residents served (person-times)' },
    definition: { zh: '统计月内开展并经确认的志愿活动服务群众人次合计', en: 'Residents served by the volunteer activities held and confirmed in the month, in person-times' },
    count: (db, w) => grouped(db, activities(w, 'served')),
  },
];
