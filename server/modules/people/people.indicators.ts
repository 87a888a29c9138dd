import { sql } from 'kysely';
import { countStanding, type Indicator } from '../../platform/indicators.js';

export const INDICATORS: readonly Indicator[] = [
  {
    key: 'people.residents', headline: true, module: 'people', group: 'organisation', unit: 'count', kind: 'stock', sources: ['resident'], lowest: 'grid', public: true,
    name: { zh: '登记居民数', en: 'Registered residents' },
    definition: { zh: '统计期末在册（未迁出）的居民人数', en: 'Residents on the register, not moved out, at the end of the period' },
    count: (db, w) => countStanding(db, w, 'resident', { ended: 'moved_out_at' }),
  },
  {
    key: 'people.households', module: 'people', group: 'organisation', unit: 'count', kind: 'stock', sources: ['household'], lowest: 'grid', public: true,
    name: { zh: '住户数', en: 'Households' },
    definition: { zh: '统计期末登记的居住户数（不含商户、空置房）', en: 'Dwellings registered as homes (not shops or vacant) at the end of the period' },
    count: (db, w) => countStanding(db, w, 'household', { where: sql`x.kind = 'residence'` }),
  },
];
