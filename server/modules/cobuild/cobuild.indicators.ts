import { sql } from 'kysely';
import { chinaMonthStart } from '../../platform/clock.js';
import { childOf, grouped, type Indicator, type IndicatorWindow } from '../../platform/indicators.js';
import { CATEGORY_NAMES, COBUILD_CATEGORIES } from './cobuild-categories.js';
import type { CobuildCategory } from './cobuild-lists.tables.js';

/**
 * 双报到 and 结对共建 in the cockpit. Reports and pairings are made for a year, so a period counts
 * those of its own year that the community had confirmed by the period's end (a confirmed report
 * is final). Projects are counted per category of the city's table, where the community keeps them.
 */
const yearOf = (w: IndicatorWindow) => Number(w.month.slice(0, 4));

const CATEGORY_EN: Readonly<Record<CobuildCategory, string>> = {
  party_building: 'party-building alliance', policy: 'policy support', education: 'education', culture_sports: 'culture and sports',
  livelihood: 'livelihood', special_groups: 'care for specific groups', other: 'other',
};

/**
 * A category's projects in the period's year: taken on by a unit (揭榜, assigned or matched) by the
 * period's end and not accepted (验收) before the year began. Projects still waiting on the board,
 * or withdrawn from it, have no unit and never ran.
 */
function projectsOf(category: CobuildCategory): Indicator {
  return {
    key: `cobuild.projects_${category}`, module: 'cobuild', group: 'volunteers', unit: 'count', kind: 'stock', sources: ['cobuild_project'],
    lowest: 'community', public: true,
    name: { zh: `结对共建项目数（${CATEGORY_NAMES[category]}）`, en: `Co-building projects (${CATEGORY_EN[category]})` },
    definition: {
      zh: `统计期末本年度由共建单位领办（揭榜、街道指派或供需匹配）、正在实施或已验收的“${CATEGORY_NAMES[category]}”类结对共建项目数`,
      en: `Co-building projects in the category “${CATEGORY_EN[category]}” taken on by a work unit and running or accepted in the year, at the end of the period`,
    },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'p.org_path')} AS child_id, count(*) AS num FROM cobuild_project p
      WHERE p.org_path LIKE ${w.under + '%'} AND p.category = ${category} AND p.taken_at < ${w.to}
        AND (p.accepted_at IS NULL OR p.accepted_at >= ${chinaMonthStart(`${yearOf(w)}-01`)})
      GROUP BY 1`),
  };
}

export const INDICATORS: readonly Indicator[] = [
  {
    // One live report per member and year, at the community where they live.
    key: 'cobuild.members_reported', module: 'cobuild', group: 'volunteers', unit: 'count', kind: 'stock', sources: ['member_report'], lowest: 'community', public: true,
    name: { zh: '在职党员到社区报到人数', en: 'In-service party members reported to communities' },
    definition: { zh: '统计期末本年度已到居住地社区报到并经社区确认的在职党员人数', en: 'In-service party members whose report for the year to the community where they live was confirmed by the end of the period' },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'r.org_path')} AS child_id, count(*) AS num FROM member_report r
      WHERE r.org_path LIKE ${w.under + '%'} AND r.year = ${yearOf(w)} AND r.status = 'confirmed' AND r.decided_at < ${w.to}
      GROUP BY 1`),
  },
  {
    // A unit paired with two communities counts at each: the figure stays a sum of its communities'.
    key: 'cobuild.paired_units', module: 'cobuild', group: 'volunteers', unit: 'count', kind: 'stock', sources: ['unit_pairing'], lowest: 'community', public: true,
    name: { zh: '结对共建单位数', en: 'Work units paired with communities' },
    definition: {
      zh: '统计期末本年度与社区结对（单位报到）并经社区确认的共建单位数，一个单位结对多个社区的按社区分别计',
      en: 'Work units whose pairing with a community for the year was confirmed by the end of the period; a unit paired with several communities counts at each',
    },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'u.org_path')} AS child_id, count(*) AS num FROM unit_pairing u
      WHERE u.org_path LIKE ${w.under + '%'} AND u.year = ${yearOf(w)} AND u.status = 'confirmed' AND u.decided_at < ${w.to}
      GROUP BY 1`),
  },
  ...COBUILD_CATEGORIES.map(projectsOf),
];
