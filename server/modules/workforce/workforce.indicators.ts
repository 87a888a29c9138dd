import { sql } from 'kysely';
import { chinaDay } from '../../platform/clock.js';
import { childOf, grouped, type Indicator, type IndicatorWindow } from '../../platform/indicators.js';
import type { StaffTable } from '../../database.js';

/** The last China day of the window: a person who left on it is gone at its end. */
const lastDay = (w: IndicatorWindow) => chinaDay(new Date(w.to.getTime() - 1));

function staffOf(post: StaffTable['post'], key: string, zh: string, en: string, lowest: Indicator['lowest']): Indicator {
  return {
    key: `workforce.${key}`, module: 'workforce', group: 'workforce', unit: 'count', kind: 'stock', sources: ['staff'], lowest, public: true,
    name: { zh, en },
    definition: { zh: `统计期末在岗（未离岗）的${zh.replace('数', '')}人数`, en: `${en} in post (not left) at the end of the period` },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 's.org_path')} AS child_id, count(*) AS num FROM staff s
      WHERE s.org_path LIKE ${w.under + '%'} AND s.post = ${post} AND s.created_at < ${w.to} AND (s.left_on IS NULL OR s.left_on > ${lastDay(w)}::date)
      GROUP BY 1`),
  };
}

export const INDICATORS: readonly Indicator[] = [
  staffOf('grid_worker', 'grid_workers', '专职网格员数', 'Grid workers', 'community'),
  staffOf('community_worker', 'community_workers', '社区工作者数（不含书记）', 'Community workers (besides secretaries)', 'street'),
  staffOf('graduate_assistant', 'graduate_assistants', '高校毕业生社区助理数', 'Graduate assistants', 'street'),
  {
    // The brief's 17.11: secretaries and community workers per 10,000 registered residents.
    key: 'workforce.workers_per_10k', headline: true, module: 'workforce', group: 'workforce', unit: 'per10k', kind: 'stock', sources: ['staff', 'resident'], lowest: 'community', public: true,
    name: { zh: '每万名居民社区工作者数', en: 'Community workers per 10,000 residents' },
    definition: { zh: '统计期末在岗社区党组织书记和社区工作者人数 ÷ 在册居民数 × 10000', en: 'Community secretaries and workers in post over registered residents, times 10,000, at the end of the period' },
    count: (db, w) => grouped(db, sql`
      SELECT child_id, sum(num) AS num, sum(den) AS den FROM (
        SELECT ${childOf(w, 's.org_path')} AS child_id, count(*) AS num, 0 AS den FROM staff s
        WHERE s.org_path LIKE ${w.under + '%'} AND s.post IN ('community_secretary', 'community_worker') AND s.created_at < ${w.to}
          AND (s.left_on IS NULL OR s.left_on > ${lastDay(w)}::date)
        GROUP BY 1
        UNION ALL
        SELECT ${childOf(w, 'r.org_path')}, 0, count(*) FROM resident r
        WHERE r.org_path LIKE ${w.under + '%'} AND r.created_at < ${w.to} AND (r.moved_out_at IS NULL OR r.moved_out_at >= ${w.to})
        GROUP BY 1
      ) x GROUP BY child_id`),
  },
  {
    // 以绩定星: every secretary rated in the latest computed year (223 in the brief), the starred ones below.
    key: 'workforce.rated_secretaries', module: 'workforce', group: 'workforce', unit: 'count', kind: 'stock', sources: ['secretary_rating'], lowest: 'street', public: true,
    name: { zh: '参加星级评定的书记数', en: 'Secretaries star-rated' },
    definition: { zh: '统计期末已评定的最近一个年度中参加星级评定的社区党组织书记人数', en: 'Community secretaries star-rated in the latest year rated before the end of the period' },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'r.org_path')} AS child_id, count(*) AS num FROM secretary_rating r
      WHERE r.org_path LIKE ${w.under + '%'} AND r.computed_at < ${w.to}
        AND r.year = (SELECT max(r2.year) FROM secretary_rating r2 WHERE r2.org_path LIKE ${w.under + '%'} AND r2.computed_at < ${w.to})
      GROUP BY 1`),
  },
  {
    // 星级书记: the latest computed year's ratings standing at the window's end.
    key: 'workforce.starred_secretaries', module: 'workforce', group: 'workforce', unit: 'count', kind: 'stock', sources: ['secretary_rating'], lowest: 'street',
    name: { zh: '三星及以上星级书记数', en: 'Secretaries rated three stars or more' },
    definition: { zh: '统计期末已评定的最近一个年度中评为三星及以上的社区党组织书记人数', en: 'Community secretaries rated three stars or more in the latest year rated before the end of the period' },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'r.org_path')} AS child_id, count(*) FILTER (WHERE r.stars >= 3) AS num FROM secretary_rating r
      WHERE r.org_path LIKE ${w.under + '%'} AND r.computed_at < ${w.to}
        AND r.year = (SELECT max(r2.year) FROM secretary_rating r2 WHERE r2.org_path LIKE ${w.under + '%'} AND r2.computed_at < ${w.to})
      GROUP BY 1`),
  },
];
