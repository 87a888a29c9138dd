import { sql } from 'kysely';
import { childOf, grouped, type Indicator } from '../../platform/indicators.js';

/**
 * 微心愿 in the cockpit: wishes made true in the month — claimed, fulfilled and confirmed by the
 * resident or the community (a confirmed wish is final). A wish lies at the resident's place.
 */
export const INDICATORS: readonly Indicator[] = [
  {
    key: 'wishes.fulfilled', module: 'wishes', group: 'volunteers', unit: 'count', kind: 'flow', sources: ['wish'], lowest: 'grid', public: true,
    name: { zh: '实现微心愿数', en: 'Micro-wishes fulfilled' },
    definition: { zh: '统计月内经认领人完成、并由居民或社区确认实现的微心愿个数', en: 'Micro-wishes fulfilled by their claimer and confirmed by the resident or the community in the month' },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'x.org_path')} AS child_id, count(*) AS num FROM wish x
      WHERE x.org_path LIKE ${w.under + '%'} AND x.state = 'confirmed' AND x.confirmed_at >= ${w.from} AND x.confirmed_at < ${w.to}
      GROUP BY 1`),
  },
];
