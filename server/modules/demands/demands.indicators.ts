import { sql } from 'kysely';
import { addDays, chinaDay } from '../../platform/clock.js';
import type { DemandChannel } from '../../database.js';
import { childOf, countDuring, grouped, type Indicator, type IndicatorWindow } from '../../platform/indicators.js';

/**
 * Demands by creation month from the daily rollups the demand trigger keeps (demand_daily_stat,
 * the same figures as the rates page): a month's received demands and, of those, how many were
 * solved on the spot, resolved and rated satisfied.
 */
type StatColumn = 'received' | 'on_spot' | 'resolved' | 'satisfied' | 'rated';
/** The window's China days, [first, day after the last): a live window ends now, inside today. */
const days = (w: IndicatorWindow) => [chinaDay(w.from), addDays(chinaDay(new Date(w.to.getTime() - 1)), 1)] as const;

function rollup(num: StatColumn, den: StatColumn | null, w: IndicatorWindow) {
  const [from, to] = days(w);
  return sql<{ child_id: number | null; num: string; den?: string }>`
    SELECT ${childOf(w, 's.org_path')} AS child_id, sum(s.${sql.ref(num)}) AS num ${den ? sql`, sum(s.${sql.ref(den)}) AS den` : sql``}
    FROM demand_daily_stat s
    WHERE s.org_path LIKE ${w.under + '%'} AND s.day >= ${from}::date AND s.day < ${to}::date
    GROUP BY 1`;
}

const base = { module: 'demands', group: 'demands', sources: ['demand', 'demand_daily_stat'], lowest: 'grid', public: true } as const;

/**
 * The categories every county starts with (migrations 0010 and 0065, after CJ/T 214), each a
 * figure of its own. A category a county adds later is counted in `demands.received` and on the
 * demands pages, not here: the catalogue is the same for every county.
 */
const CATEGORIES: readonly (readonly [string, string, string])[] = [
  ['emergency', '突发事件', 'Emergencies'], ['utilities', '水电气暖', 'Water, power, gas, heating'], ['safety', '安全隐患', 'Safety hazards'],
  ['environment', '市容环境', 'City appearance'], ['greenery', '园林绿化', 'Greenery'], ['facilities', '公用设施', 'Public facilities'],
  ['road_traffic', '道路交通', 'Roads and traffic'], ['other_facilities', '其他设施', 'Other facilities'], ['property', '物业服务', 'Property services'],
  ['street_order', '街面秩序', 'Street order'], ['construction', '施工管理', 'Construction'], ['advertising', '宣传广告', 'Advertising'],
  ['neighbors', '邻里纠纷', 'Neighbour disputes'], ['complex', '疑难复杂', 'Complex cases'], ['other', '其他', 'Other'],
];

export const INDICATORS: readonly Indicator[] = [
  {
    ...base, key: 'demands.received', headline: true, unit: 'count', kind: 'flow',
    name: { zh: '受理诉求数', en: 'Demands received' },
    definition: { zh: '统计月内登记的居民诉求件数（合并的重复件计入原件）', en: 'Demands registered in the month' },
    count: (db, w) => grouped(db, rollup('received', null, w)),
  },
  {
    ...base, key: 'demands.on_spot_rate', unit: 'percent', kind: 'flow',
    name: { zh: '就地解决率', en: 'Solved on the spot' },
    definition: { zh: '统计月内受理的诉求中由网格就地解决的件数 ÷ 受理件数', en: 'Of the month\'s demands, those solved on the spot by the grid, over those received' },
    count: (db, w) => grouped(db, rollup('on_spot', 'received', w)),
  },
  {
    ...base, key: 'demands.resolution_rate', unit: 'percent', kind: 'flow',
    name: { zh: '诉求解决率', en: 'Demands resolved' },
    definition: { zh: '统计月内受理的诉求中已解决的件数 ÷ 受理件数', en: 'Of the month\'s demands, those resolved, over those received' },
    count: (db, w) => grouped(db, rollup('resolved', 'received', w)),
  },
  {
    ...base, key: 'demands.satisfaction_rate', headline: true, unit: 'percent', kind: 'flow',
    name: { zh: '群众满意率', en: 'Residents satisfied' },
    definition: { zh: '统计月内受理的诉求中评价为满意或基本满意的件数 ÷ 已评价件数', en: 'Of the month\'s rated demands, those rated satisfied or fairly satisfied' },
    count: (db, w) => grouped(db, rollup('satisfied', 'rated', w)),
  },
  {
    ...base, key: 'demands.escalated', unit: 'count', kind: 'flow', sources: ['demand_event'],
    name: { zh: '吹哨上报数', en: 'Demands escalated (吹哨)' },
    definition: { zh: '统计月内吹哨上报（升级到街道、部门）的次数', en: 'Escalations (吹哨) to the street and departments in the month' },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'e.org_path')} AS child_id, count(*) AS num FROM demand_event e
      WHERE e.org_path LIKE ${w.under + '%'} AND e.action = 'escalate' AND e.at >= ${w.from} AND e.at < ${w.to}
      GROUP BY 1`),
  },
  {
    ...base, key: 'demands.overdue', unit: 'count', kind: 'stock', sources: ['demand'], public: false,
    name: { zh: '超期未办结诉求数', en: 'Demands overdue' },
    definition: { zh: '统计期末已过办理时限仍未解决的诉求件数', en: 'Demands past their deadline and not resolved at the end of the period' },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'd.org_path')} AS child_id, count(*) AS num FROM demand d
      WHERE d.org_path LIKE ${w.under + '%'} AND d.created_at < ${w.to} AND d.due_at < ${w.to} AND d.merged_into_id IS NULL
        AND (d.resolved_at IS NULL OR d.resolved_at >= ${w.to}) AND (d.closed_at IS NULL OR d.closed_at >= ${w.to})
      GROUP BY 1`),
  },
  byChannel('via_phone', ['resident'], '居民手机上报诉求数', 'Demands from residents\' phones', '统计月内居民在手机页面上自行上报的诉求件数', 'Demands residents reported themselves on their phones in the month'),
  byChannel('via_visit', ['visit'], '入户走访收集诉求数', 'Demands from door-to-door visits', '统计月内网格员入户走访（背包上门、敲门行动）登记的诉求件数', 'Demands grid workers recorded on door-to-door visits (背包上门, 敲门行动) in the month'),
  byChannel('walk_in', ['walk_in'], '来访登记诉求数', 'Walk-in demands', '统计月内居民到社区来访、由工作人员登记的诉求件数', 'Demands of residents who came in, recorded by staff, in the month'),
  byChannel('via_hotline', ['hotline', 'open311'], '热线及外部平台转入诉求数', 'Demands from the hotline and outside systems', '统计月内工作人员录入的热线来电诉求，和12345热线等外部平台经Open311接口转入的诉求件数', 'Hotline calls typed by staff and demands passed on by the 12345 hotline and other outside systems through Open311 in the month'),
  ...CATEGORIES.map(([code, zh, en]) => byCategory(code, zh, en)),
];

/**
 * Demands received in the month through some channels (intake: phone, door-to-door, walk-in,
 * hotline), counted like `demands.received`: by creation time, a merged duplicate not at all.
 * Leaders' visits and riders' reports are counted by their own modules' figures.
 */
function byChannel(name: string, channels: readonly DemandChannel[], zh: string, en: string, defZh: string, defEn: string): Indicator {
  return {
    ...base, key: `demands.${name}`, unit: 'count', kind: 'flow', sources: ['demand'],
    name: { zh, en }, definition: { zh: defZh, en: defEn },
    count: (db, w) => countDuring(db, w, 'demand', 'created_at', sql`x.channel IN (${sql.join(channels)}) AND x.merged_into_id IS NULL`),
  };
}

/** Demands of one category received in the month, counted like `demands.received`. */
function byCategory(code: string, zh: string, en: string): Indicator {
  return {
    ...base, key: `demands.category_${code}`, unit: 'count', kind: 'flow', sources: ['demand'],
    name: { zh: `${zh}类诉求数`, en: `Demands: ${en.toLowerCase()}` },
    definition: { zh: `统计月内受理的“${zh}”类诉求件数（合并的重复件不计）`, en: `Demands of the category "${en}" received in the month, merged duplicates not counted` },
    count: (db, w) => countDuring(db, w, 'demand', 'created_at', sql`x.category_code = ${code} AND x.merged_into_id IS NULL`),
  };
}
