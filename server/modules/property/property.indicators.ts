import { sql, type RawBuilder } from 'kysely';
import { chinaDay } from '../../platform/clock.js';
import { childOf, grouped, type Indicator, type IndicatorWindow } from '../../platform/indicators.js';
import type { ListKind } from './credit-evaluation.tables.js';
import type { SanctionKind } from './companies.tables.js';

/**
 * The property module's figures (brief §6). Where each row is counted:
 * - the register (companies, their party branches and instructors) and the 红黑榜 sit at the
 *   county that keeps them: a company serving compounds in two streets is one register row, so
 *   it is counted once, at its county, and these figures go no lower than the county;
 * - what concerns one compound (a contract's downgrade or re-selection, a meeting, a repair)
 *   carries the compound's path and cuts down to the grid.
 */

/** The last China day of the window: a stock stands on it (today, for the month under way). */
const lastDay = (w: IndicatorWindow) => chinaDay(new Date(w.to.getTime() - 1));

const base = { module: 'property', group: 'property', public: true } as const;

/**
 * Each county's 红黑榜 standing at w.to: the entries of its latest quarter published before then,
 * each with its list as corrected by the last upheld objection decided before then (a correction
 * may take an entry off the list: list_after NULL).
 */
function standingList(w: IndicatorWindow) {
  return sql`
    FROM property_credit_quarter q
    JOIN property_company_score s ON s.quarter_id = q.id
    LEFT JOIN LATERAL (
      SELECT c.id, c.list_after FROM property_list_correction c
      WHERE c.quarter_id = s.quarter_id AND c.company_id = s.company_id AND c.corrected_at < ${w.to}
      ORDER BY c.id DESC LIMIT 1
    ) fix ON true
    WHERE q.org_path LIKE ${w.under + '%'} AND q.status = 'published' AND q.published_at < ${w.to}
      AND NOT EXISTS (SELECT 1 FROM property_credit_quarter n WHERE n.county_code = q.county_code AND n.status = 'published'
        AND n.published_at < ${w.to} AND n.quarter > q.quarter)`;
}

function onList(list: ListKind, key: string, zh: string, en: string, defZh: string, defEn: string): Indicator {
  return {
    ...base, key: `property.${key}`, unit: 'count', kind: 'stock', lowest: 'county',
    sources: ['property_credit_quarter', 'property_company_score', 'property_list_correction'],
    name: { zh, en }, definition: { zh: defZh, en: defEn },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'q.org_path')} AS child_id,
        count(*) FILTER (WHERE (CASE WHEN fix.id IS NULL THEN s.list ELSE fix.list_after END) = ${list}) AS num
      ${standingList(w)}
      GROUP BY 1`),
  };
}

/** Sanctions of one kind decided in the month; a project (contract) counts once however often it was hit. */
function sanctioned(kind: SanctionKind, what: 'contract' | 'company', key: string, zh: string, en: string, defZh: string, defEn: string): Indicator {
  return {
    ...base, key: `property.${key}`, unit: 'count', kind: 'flow', sources: ['property_sanction'],
    // 降级降费 and 重新选聘 are kept at the project's compound; 清退 at the company's county.
    lowest: what === 'contract' ? 'grid' : 'county',
    name: { zh, en }, definition: { zh: defZh, en: defEn },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 's.org_path')} AS child_id, count(DISTINCT ${sql.ref(what === 'contract' ? 's.contract_id' : 's.company_id')}) AS num
      FROM property_sanction s
      WHERE s.org_path LIKE ${w.under + '%'} AND s.kind = ${kind} AND s.decided_at >= ${w.from} AND s.decided_at < ${w.to}
      GROUP BY 1`),
  };
}

/** Maintenance-fund repairs accepted (验收) in the month, as the repairs' figures page counts them. */
function repaired(key: string, measure: RawBuilder<unknown>, zh: string, en: string, defZh: string, defEn: string, unit: 'count' | 'm2' = 'count'): Indicator {
  return {
    ...base, key: `property.${key}`, unit, kind: 'flow', sources: ['property_repair'], lowest: 'grid',
    name: { zh, en }, definition: { zh: defZh, en: defEn },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'r.org_path')} AS child_id, ${measure} AS num
      FROM property_repair r
      WHERE r.org_path LIKE ${w.under + '%'} AND r.status IN ('accepted', 'published') AND r.accepted_at >= ${w.from} AND r.accepted_at < ${w.to}
      GROUP BY 1`),
  };
}

export const INDICATORS: readonly Indicator[] = [
  {
    ...base, key: 'property.companies', unit: 'count', kind: 'stock', sources: ['property_company'], lowest: 'county',
    name: { zh: '物业服务企业数', en: 'Property companies' },
    definition: {
      zh: '统计期末各区县物业企业名录中在册（未清退）的企业数；企业登记在区县，按区县统计',
      en: 'Companies on the counties\' registers, not exited, at the end of the period; a company is registered with its county and counted there',
    },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'c.org_path')} AS child_id, count(*) AS num FROM property_company c
      WHERE c.org_path LIKE ${w.under + '%'} AND c.created_at < ${w.to} AND (c.exited_at IS NULL OR c.exited_at >= ${w.to})
      GROUP BY 1`),
  },
  {
    ...base, key: 'property.branches', unit: 'count', kind: 'stock', sources: ['property_branch'], lowest: 'county',
    name: { zh: '物业企业党组织数', en: 'Party branches of property companies' },
    definition: {
      zh: '统计期末物业企业的党支部数（独立党支部与联合党支部，一个联合支部计一个）',
      en: 'Party branches of property companies at the end of the period, independent and joint (a joint branch counts once)',
    },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'b.org_path')} AS child_id, count(*) AS num FROM property_branch b
      WHERE b.org_path LIKE ${w.under + '%'} AND b.created_at < ${w.to}
      GROUP BY 1`),
  },
  {
    ...base, key: 'property.instructors', unit: 'count', kind: 'stock', sources: ['property_instructor', 'property_company'], lowest: 'county',
    name: { zh: '选派党建指导员数', en: 'Party-building instructors sent' },
    definition: {
      zh: '统计期末在派驻期内、派驻到在册物业企业的党建指导员人数（按派驻企业计）',
      en: 'Party-building instructors within their term at the end of the period, sent to companies still on the register (counted per company served)',
    },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'i.org_path')} AS child_id, count(*) AS num
      FROM property_instructor i JOIN property_company c ON c.id = i.company_id
      WHERE i.org_path LIKE ${w.under + '%'} AND i.created_at < ${w.to}
        AND i.from_on <= ${lastDay(w)}::date AND (i.to_on IS NULL OR i.to_on >= ${lastDay(w)}::date)
        AND (c.exited_at IS NULL OR c.exited_at >= ${w.to})
      GROUP BY 1`),
  },
  {
    // An average as a ratio that adds up: the scores' sum over full marks (100) per company scored.
    ...base, key: 'property.credit_score', unit: 'percent', kind: 'stock', lowest: 'county',
    sources: ['property_credit_quarter', 'property_company_score'],
    name: { zh: '物业企业信用平均得分率', en: 'Average credit score of property companies (of 100)' },
    definition: {
      zh: '各区县最近一期已发布红黑榜中，参评企业信用得分之和 ÷（满分100 × 参评企业数），即平均得分（百分制）',
      en: 'In each county\'s latest published red/black list, the companies\' credit scores summed over full marks (100) times the companies scored: the average score out of 100',
    },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'q.org_path')} AS child_id, sum(s.score) AS num, 100 * count(*) AS den
      ${standingList(w)}
      GROUP BY 1`),
  },
  onList('red', 'red_list', '红榜企业数', 'Companies on the red list',
    '各区县最近一期已发布红黑榜中列入红榜的企业数（按异议更正后的结果）',
    'Companies on the red list of each county\'s latest published list, as corrected after objections'),
  onList('black', 'black_list', '黑榜企业数', 'Companies on the black list',
    '各区县最近一期已发布红黑榜中列入黑榜的企业数（按异议更正后的结果）',
    'Companies on the black list of each county\'s latest published list, as corrected after objections'),
  sanctioned('downgrade', 'contract', 'downgraded_projects', '降级降费项目数', 'Projects downgraded or fee-reduced',
    '统计月内被降低服务等级或收费标准的物业服务项目（合同）数',
    'Projects (contracts) whose service level or fee was cut in the month'),
  sanctioned('exit', 'company', 'exited_companies', '清退企业数', 'Companies exited',
    '统计月内被区县清退出物业市场的企业数',
    'Companies exited from the county\'s register in the month'),
  sanctioned('reselect', 'contract', 'reselected_projects', '重新选聘项目数', 'Projects re-selected',
    '统计月内因处置解除合同、重新选聘物业或转为居民自办的项目（合同）数',
    'Projects (contracts) terminated in the month for a new company or residents\' own management'),
  {
    // 三方协调月例会: every enclosed compound is due to meet each month, as the meetings overview counts.
    ...base, key: 'property.meetings_held_rate', unit: 'percent', kind: 'flow', sources: ['property_meeting', 'org_unit'], lowest: 'grid',
    name: { zh: '三方协调月例会召开率', en: 'Three-party monthly meetings held' },
    definition: {
      zh: '统计月内召开了三方协调月例会的封闭式小区数 ÷ 封闭式小区数',
      en: 'Enclosed compounds whose three-party meeting of the month was held, over all enclosed compounds',
    },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'g.path')} AS child_id,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM property_meeting m WHERE m.compound_id = g.id AND m.month = ${w.month}
          AND m.status = 'held' AND m.held_at < ${w.to})) AS num,
        count(*) AS den
      FROM org_unit g
      WHERE g.path LIKE ${w.under + '%'} AND g.kind = 'grid' AND g.grid_type = 'enclosed'
        AND g.created_at < ${w.to} AND (g.dissolved_at IS NULL OR g.dissolved_at >= ${w.to})
      GROUP BY 1`),
  },
  repaired('lifts_repaired', sql`coalesce(sum(r.quantity) FILTER (WHERE r.kind = 'lift'), 0)`, '维修资金维修电梯数', 'Lifts repaired from the maintenance fund',
    '统计月内验收的专项维修资金电梯维修、更换台数',
    'Lifts repaired or replaced with the maintenance fund, accepted in the month'),
  repaired('repairs_accepted', sql`count(*)`, '维修资金维修项目数', 'Maintenance-fund repairs accepted',
    '统计月内验收的专项维修资金维修项目数（各类合计）',
    'Maintenance-fund repairs of every kind accepted in the month'),
  repaired('ebike_sheds', sql`coalesce(sum(r.quantity) FILTER (WHERE r.kind = 'ebike_shed'), 0)`, '新建改造电动车棚数', 'E-bike sheds built',
    '统计月内验收的专项维修资金电动车棚新建、改造个数',
    'E-bike sheds built or rebuilt with the maintenance fund, accepted in the month'),
  repaired('charging_ports', sql`coalesce(sum(r.quantity) FILTER (WHERE r.kind = 'charging'), 0)`, '新增充电端口数', 'Charging ports added',
    '统计月内验收的专项维修资金充电设施端口个数',
    'Charging ports installed with the maintenance fund, accepted in the month'),
  repaired('leaks_m2', sql`coalesce(sum(r.quantity) FILTER (WHERE r.kind IN ('roof_leak', 'wall_leak')), 0)`, '维修渗漏面积', 'Leaking roofs and walls repaired',
    '统计月内验收的专项维修资金屋面、外墙渗漏维修面积（平方米）',
    'Square metres of leaking roofs and walls repaired with the maintenance fund, accepted in the month', 'm2'),
  repaired('repair_households', sql`coalesce(sum(r.households), 0)`, '维修资金受益户数', 'Households benefiting from maintenance-fund repairs',
    '统计月内验收的专项维修资金维修项目所涉楼栋、单元的住户数之和（按项目累计）',
    'Households of the buildings and units of the maintenance-fund repairs accepted in the month, summed over the repairs'),
];
