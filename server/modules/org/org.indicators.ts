import { sql } from 'kysely';
import { childOf, grouped, type Indicator } from '../../platform/indicators.js';
import type { OrgKind } from '../../database.js';

/** Units of one kind standing at the window's end under the unit (the tree's own history: created, not yet dissolved). */
function unitsOf(kind: OrgKind, key: string, zh: string, en: string, lowest: Indicator['lowest']): Indicator {
  return {
    key: `org.${key}`, module: 'org', group: 'organisation', unit: 'count', kind: 'stock', sources: ['org_unit'], lowest, public: true,
    name: { zh, en },
    definition: { zh: `统计期末辖区内未撤销的${zh.replace('数', '')}个数`, en: `${en} standing at the end of the period` },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'u.path')} AS child_id, count(*) AS num
      FROM org_unit u
      WHERE u.path LIKE ${w.under + '%'} AND u.kind = ${kind} AND u.created_at < ${w.to} AND (u.dissolved_at IS NULL OR u.dissolved_at >= ${w.to})
      GROUP BY 1`),
  };
}

export const INDICATORS: readonly Indicator[] = [
  unitsOf('county', 'counties', '县（市、区）数', 'Counties', 'city'),
  unitsOf('street', 'streets', '街道（乡镇）数', 'Streets and towns', 'county'),
  unitsOf('community', 'communities', '社区数', 'Communities', 'street'),
  unitsOf('grid', 'grids', '网格数', 'Grids', 'community'),
];
