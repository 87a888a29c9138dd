import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import type { ServicePointKind } from '../modules/newgroups/service-points.tables.js';
import { Rng } from './prng.js';

/**
 * Service points for the demo in 离石区 (brief §7): the 12 司机之家 and 8 暖"新"驿站, with a few
 * party-mass centres, union stations and caring merchants, spread over the county's streets near
 * its centre. 司机之家 are open round the clock, so a rider always finds one open.
 */
const PLAN: readonly [ServicePointKind, number, string, string[], [number, number, number[]]][] = [
  ['driver_home', 12, '司机之家', ['water', 'charging', 'rest', 'toilet', 'microwave', 'wifi'], [0, 1440, [1, 2, 3, 4, 5, 6, 7]]],
  ['warm_station', 8, '暖“新”驿站', ['water', 'charging', 'rest', 'microwave', 'first_aid'], [480, 1200, [1, 2, 3, 4, 5, 6, 7]]],
  ['party_centre', 3, '党群服务中心', ['water', 'rest', 'toilet', 'wifi'], [510, 1050, [1, 2, 3, 4, 5]]],
  ['union_station', 3, '工会户外劳动者驿站', ['water', 'charging', 'rest', 'toilet'], [540, 1260, [1, 2, 3, 4, 5, 6, 7]]],
  ['caring_merchant', 4, '爱心商户', ['water', 'charging', 'repair'], [600, 1320, [1, 2, 3, 4, 5, 6, 7]]],
];

export async function seedNewgroupsPointsDemo(db: Kysely<DB>) {
  const county = await db.selectFrom('account').select(['id', 'scope_org_id', 'county_code']).where('username', '=', 'county_lishi').executeTakeFirst();
  if (!county) return { points: 0 };
  const streets = await db.selectFrom('org_unit').select(['id', 'path', 'name']).where('parent_id', '=', county.scope_org_id)
    .where('kind', '=', 'street').where('dissolved_at', 'is', null).orderBy('path').execute();
  if (!streets.length) return { points: 0 };
  const rng = new Rng(20261217);
  let n = 0;
  for (const [kind, count, label, services, [open, close, days]] of PLAN) {
    for (let i = 1; i <= count; i++, n++) {
      const street = streets[n % streets.length]!;
      const place = street.name.replace(/(街道|镇|乡)$/, '');
      const p = await db.insertInto('gig_service_point').values({
        org_id: street.id, org_path: street.path, county_code: county.county_code, kind, services,
        name: kind === 'caring_merchant' ? `${place}${['便民超市', '车行', '餐馆', '药店'][i - 1] ?? '商户'}（${label}）` : `${place}${label}${count > 1 ? `${i}号` : ''}`,
        address: `${street.name}${rng.int(1, 300)}号`,
        lat: 37.52 + (rng.next() - 0.5) * 0.06, lng: 111.14 + (rng.next() - 0.5) * 0.08, created_by: county.id,
      }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('gig_service_point_hours').values(days.map((weekday) => ({ point_id: p.id, weekday, open_min: open, close_min: close }))).execute();
    }
  }
  return { points: n };
}
