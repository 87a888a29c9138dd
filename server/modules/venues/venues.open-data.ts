import { sql } from 'kysely';
import { hoursText, type OpenDataset } from '../../platform/open-datasets.js';
import { STANDARD_CODES } from './venue-standard.js';
import { parseHours } from './venues.service.js';

const KIND_ZH = { centre: '党群服务中心', station: '小区党群服务站' } as const;

/** 党群服务阵地 as open data: where each venue is, when it opens and how far it meets 三要六有. */
export const VENUES_DATASET: OpenDataset = {
  name: 'venues',
  module: 'venues',
  title: { zh: '党群服务阵地', en: 'Party-mass service venues' },
  description: '本县（市、区）的社区党群服务中心和小区党群服务站：名称、类型、所在社区、地址、面积、开放时间和三要六有达标情况',
  fields: [
    { name: 'name', description: '阵地名称' },
    { name: 'kind', description: '类型：centre 党群服务中心、station 小区党群服务站' },
    { name: 'kind_zh', description: '类型（中文）' },
    { name: 'community', description: '所在社区' },
    { name: 'address', description: '地址' },
    { name: 'area_m2', description: '面积（平方米）' },
    { name: 'opening_hours', description: '开放时间（北京时间，按星期）' },
    { name: 'standard_items_met', description: `三要六有已达到的项数（共${STANDARD_CODES.length}项，有佐证）` },
    { name: 'standard_met', description: '是否三要六有全部达标（true/false）' },
  ],
  async rows(db, countyCode) {
    const rows = await db.selectFrom('venue as v')
      .leftJoin('org_unit as c', (j) => j.on('c.kind', '=', 'community').on(sql<boolean>`v.org_path LIKE c.path || '%'`))
      .select(['v.name', 'v.kind', 'v.address', 'v.area_m2', 'v.hours', 'c.name as community',
        sql<string>`(SELECT count(*) FROM venue_standard_item i WHERE i.venue_id = v.id AND i.item = ANY(${sql.val([...STANDARD_CODES])}))`.as('met')])
      .where('v.county_code', '=', countyCode).orderBy('v.org_path').orderBy('v.kind').orderBy('v.id').execute();
    return rows.map((r) => ({
      name: r.name, kind: r.kind, kind_zh: KIND_ZH[r.kind], community: r.community ?? '', address: r.address, area_m2: Number(r.area_m2),
      opening_hours: hoursText(parseHours(r.hours).map((h) => ({ weekday: h.weekday, open: h.opens, close: h.closes }))),
      standard_items_met: Number(r.met), standard_met: Number(r.met) === STANDARD_CODES.length,
    }));
  },
};
