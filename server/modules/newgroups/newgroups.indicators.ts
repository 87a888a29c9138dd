import { sql } from 'kysely';
import { chinaDay } from '../../platform/clock.js';
import { childOf, countDuring, countStanding, grouped, type Indicator, type IndicatorWindow } from '../../platform/indicators.js';
import type { ParttimeDuty } from './whitelist.tables.js';

/**
 * 新就业群体 in the cockpit (两个覆盖): stations, the party organisations built for them and the
 * share of stations they cover, the workers registered and the party members among them, the
 * white-list and the part-time duties (stocks at the window's end), and reports from the road
 * (a flow). Stations stand at a street or community, and workers, white-list entries and
 * organisations carry that place, as reports carry their community: those figures are cut down
 * to the community; enrolments of a grid, to the grid.
 */

/** The window's last China day: a day-dated enrolment stands on it (a live window's is today). */
const lastDay = (w: IndicatorWindow) => chinaDay(new Date(w.to.getTime() - 1));

/** 兼职网格员 / 安全员: enrolments in force on the window's last day; one live enrolment per worker and duty. */
function parttime(duty: ParttimeDuty, key: string, zh: string, en: string, defZh: string, defEn: string): Indicator {
  return {
    key: `newgroups.${key}`, module: 'newgroups', group: 'newgroups', unit: 'count', kind: 'stock', lowest: 'grid', public: true,
    sources: ['gig_parttime'],
    name: { zh, en },
    definition: { zh: defZh, en: defEn },
    count: (db, w) => {
      const day = lastDay(w);
      return grouped(db, sql`
        SELECT ${childOf(w, 't.org_path')} AS child_id, count(*) AS num FROM gig_parttime t
        WHERE t.org_path LIKE ${w.under + '%'} AND t.duty = ${duty} AND t.created_at < ${w.to}
          AND t.start_day <= ${day}::date AND (t.end_day IS NULL OR t.end_day >= ${day}::date)
        GROUP BY 1`);
    },
  };
}

const base = { module: 'newgroups', group: 'newgroups', unit: 'count', kind: 'stock', lowest: 'community', public: true } as const;

export const INDICATORS: readonly Indicator[] = [
  {
    ...base, key: 'newgroups.stations', sources: ['gig_station'],
    name: { zh: '新就业群体站点数', en: 'Stations of couriers, riders and drivers' },
    definition: { zh: '统计期末登记在册、未关闭的平台企业站点（网点）个数', en: 'Platform stations on the register and not closed at the end of the period' },
    count: (db, w) => countStanding(db, w, 'gig_station', { ended: 'closed_at' }),
  },
  {
    ...base, key: 'newgroups.party_orgs', sources: ['gig_party_org'],
    name: { zh: '新就业群体党组织数', en: 'Party organisations of the new employment groups' },
    definition: { zh: '统计期末未撤销的新就业群体党组织个数（独立建和联合建）', en: 'Party organisations built for the groups, independent or joint, standing at the end of the period' },
    count: (db, w) => countStanding(db, w, 'gig_party_org', { ended: 'dissolved_at' }),
  },
  {
    // 党的组织覆盖: a station counts once however many organisations cover it, under its own place.
    ...base, key: 'newgroups.party_coverage', headline: true, unit: 'percent', sources: ['gig_station', 'gig_party_org_station', 'gig_party_org'],
    name: { zh: '新就业群体党组织覆盖率', en: 'Stations covered by a party organisation' },
    definition: { zh: '统计期末有未撤销党组织覆盖的站点数 ÷ 未关闭的站点总数', en: 'Stations covered by a standing party organisation, over all open stations, at the end of the period' },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 's.org_path')} AS child_id,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM gig_party_org_station l JOIN gig_party_org o ON o.id = l.party_org_id
          WHERE l.station_id = s.id AND o.created_at < ${w.to} AND (o.dissolved_at IS NULL OR o.dissolved_at >= ${w.to}))) AS num,
        count(*) AS den
      FROM gig_station s
      WHERE s.org_path LIKE ${w.under + '%'} AND s.created_at < ${w.to} AND (s.closed_at IS NULL OR s.closed_at >= ${w.to})
      GROUP BY 1`),
  },
  {
    ...base, key: 'newgroups.workers', sources: ['gig_worker'],
    name: { zh: '登记新就业群体人数', en: 'Couriers, riders and drivers registered' },
    definition: { zh: '统计期末经本人同意登记、未离职的快递员、外卖骑手和司机人数', en: 'Couriers, riders and drivers registered with their consent and not gone at the end of the period' },
    count: (db, w) => countStanding(db, w, 'gig_worker', { ended: 'left_at' }),
  },
  {
    // The register keeps a worker's party standing as it is now, not since when.
    ...base, key: 'newgroups.worker_party_members', sources: ['gig_worker'],
    name: { zh: '新就业群体中的党员人数', en: 'Party members among the registered workers' },
    definition: { zh: '统计期末登记在册的新就业群体人员中政治面貌为党员的人数', en: 'Registered workers, not gone at the end of the period, whose party standing is member' },
    count: (db, w) => countStanding(db, w, 'gig_worker', { ended: 'left_at', where: sql`x.party_status = 'member'` }),
  },
  {
    // One live entry per worker (gig_whitelist_live_key): the entries are the workers.
    ...base, key: 'newgroups.whitelisted', sources: ['gig_whitelist'],
    name: { zh: '白名单人数', en: 'Workers on the white-list' },
    definition: { zh: '统计期末在小区通行白名单上（未移出）的新就业群体人数', en: 'Workers on the compounds\' white-list, not removed, at the end of the period' },
    count: (db, w) => countStanding(db, w, 'gig_whitelist', { begun: 'added_at', ended: 'removed_at' }),
  },
  parttime('grid_member', 'parttime_grid_members', '兼职网格员人数', 'Part-time grid workers',
    '统计期末在聘的新就业群体兼职网格员人数', 'Couriers, riders and drivers serving as part-time grid workers at the end of the period'),
  parttime('safety_officer', 'safety_officers', '兼职安全员人数', 'Part-time safety officers',
    '统计期末在聘的新就业群体兼职安全员人数', 'Couriers, riders and drivers serving as part-time safety officers at the end of the period'),
  {
    ...base, key: 'newgroups.road_reports', kind: 'flow', sources: ['gig_road_report'],
    name: { zh: '路面上报件数', en: 'Reports from the road' },
    definition: { zh: '统计月内新就业群体上报的隐患和诉求件数', en: 'Hazards and demands reported by couriers, riders and drivers in the month' },
    count: (db, w) => countDuring(db, w, 'gig_road_report', 'created_at'),
  },
];
