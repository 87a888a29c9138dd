import { sql } from 'kysely';
import type { OpenDataset } from '../../platform/open-datasets.js';

/**
 * Demands as open data: counts only — one row per community, month and category, never a row per
 * demand (a description or an address could name a resident). Merged duplicates count in their
 * original, as on the rates page.
 */
export const DEMANDS_DATASET: OpenDataset = {
  name: 'demands_by_category',
  module: 'demands',
  title: { zh: '诉求分类统计（按社区、按月）', en: 'Demands by category, community and month' },
  description: '本县（市、区）各社区每月受理的居民诉求件数，按诉求类别汇总（只有件数，不含诉求内容、地址和反映人）；当月数据截至文件生成时',
  fields: [
    { name: 'month', description: '受理月份（YYYY-MM，北京时间）' },
    { name: 'community_code', description: '社区代码（统计用区划代码）' },
    { name: 'community', description: '社区名称' },
    { name: 'category', description: '诉求类别代码' },
    { name: 'category_name', description: '诉求类别名称' },
    { name: 'received', description: '受理件数' },
    { name: 'resolved', description: '其中已解决件数' },
  ],
  async rows(db, countyCode) {
    // The community is the fourth id of a path (city.county.street.community.…).
    const { rows } = await sql<{ month: string; community_code: string; community: string; category: string; category_name: string; received: string; resolved: string }>`
      SELECT g.month, c.code AS community_code, c.name AS community, g.category, k.name AS category_name, g.received, g.resolved
      FROM (
        SELECT to_char(d.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
               NULLIF(split_part(d.org_path, '.', 4), '')::int AS community_id, d.category_code AS category,
               count(*) AS received, count(d.resolved_at) AS resolved
        FROM demand d
        WHERE d.county_code = ${countyCode} AND d.merged_into_id IS NULL
        GROUP BY 1, 2, 3
      ) g
      JOIN org_unit c ON c.id = g.community_id AND c.kind = 'community'
      JOIN demand_category k ON k.code = g.category
      ORDER BY g.month, c.code, k.sort, g.category`.execute(db);
    return rows.map((r) => ({ ...r, received: Number(r.received), resolved: Number(r.resolved) }));
  },
};
