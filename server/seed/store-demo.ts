import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { appendForHolder } from '../modules/points/points-ledger.repository.js';
import { dayOf } from '../modules/store/store-views.js';

/**
 * Demo points supermarkets (积分超市) for 离石区: each community of 滨河街道, and the demo
 * resident's own, gets its community store with everyday goods, a compound station that is
 * always open, a partner shop's donated service where the community has a shop, and a
 * redemption event running from a week before `now` to two months after it — so the demo
 * works whenever it is started.
 */
const GOODS: [name: string, cost: number, unit: string, stock: number][] = [
  ['食盐', 2, '袋', 80],
  ['洗衣粉（小袋）', 3, '袋', 60],
  ['卫生纸', 5, '提', 50],
  ['洗衣粉（大袋）', 8, '袋', 30],
  ['洗洁精', 6, '瓶', 40],
  ['蔬菜种子', 20, '包', 25],
  ['电饭煲', 200, '个', 3],
];
const STATION: [string, number, string, number][] = [['食盐', 2, '袋', 30], ['卫生纸', 5, '提', 20], ['毛巾', 10, '条', 15]];

const DAY = 86_400_000;

export async function seedStoreDemo(db: Kysely<DB>, now: Date) {
  const lishiStreet = await db.selectFrom('org_unit').select(['id', 'path']).where('code', 'like', '141102001%').where('kind', '=', 'street').executeTakeFirst();
  const demoHousehold = await db.selectFrom('account as a').innerJoin('resident as r', 'r.id', 'a.resident_id').innerJoin('household as h', 'h.id', 'r.household_id')
    .select(['h.id', 'h.org_path']).where('a.username', '=', 'resident_demo').executeTakeFirst();
  let communities = lishiStreet
    ? await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name']).where('kind', '=', 'community')
      .where('path', 'like', `${lishiStreet.path}%`).orderBy('id').limit(8).execute()
    : [];
  if (demoHousehold && !communities.some((c) => demoHousehold.org_path.startsWith(c.path))) {
    const ids = demoHousehold.org_path.split('.').filter(Boolean).map(Number);
    const own = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name']).where('id', 'in', ids).where('kind', '=', 'community').execute();
    communities = [...communities, ...own];
  }
  const starts = dayOf(new Date(now.getTime() - 7 * DAY));
  const ends = dayOf(new Date(now.getTime() + 60 * DAY));
  let stores = 0;
  for (const c of communities) {
    const place = { org_path: c.path, county_code: c.county_code };
    const centre = await db.insertInto('store').values({
      community_id: c.id, org_id: c.id, ...place, name: `${c.name}积分超市`, kind: 'community_centre', address: `${c.name}党群服务中心一楼`, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await addItems(db, centre.id, place, GOODS, now);
    stores++;
    const grid = await db.selectFrom('org_unit').select(['id', 'path', 'name']).where('kind', '=', 'grid').where('grid_type', '=', 'enclosed')
      .where('path', 'like', `${c.path}%`).orderBy('id').executeTakeFirst();
    if (grid) {
      const station = await db.insertInto('store').values({
        community_id: c.id, org_id: grid.id, org_path: grid.path, county_code: c.county_code, name: `${grid.name}小区服务站`, kind: 'compound_station',
        address: `${grid.name}物业服务中心旁`, always_open: true, pickup_days: 3, created_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      await addItems(db, station.id, { org_path: grid.path, county_code: c.county_code }, STATION, now);
      stores++;
    }
    const shop = await db.selectFrom('merchant').select(['id', 'name', 'org_path', 'address']).where('org_path', 'like', `${c.path}%`).orderBy('id').executeTakeFirst();
    if (shop) {
      const partner = await db.insertInto('store').values({
        community_id: c.id, org_id: c.id, org_path: c.path, county_code: c.county_code, name: shop.name, kind: 'partner_shop', merchant_id: shop.id,
        address: shop.address, created_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      await addItems(db, partner.id, place, [['免费理发（每场10个名额）', 15, '次', 10]], now, 'service', shop.name);
      stores++;
    }
    await db.insertInto('store_event').values({
      community_id: c.id, ...place, name: '冬季积分兑换活动', starts_on: starts, ends_on: ends, created_at: now,
    }).execute();
  }

  // The demo household needs points to spend. The points demo seed gives them; if it has not
  // run, one base entry (the same kind the rules grant new households) stands in.
  if (demoHousehold) {
    const has = await db.selectFrom('points_balance').select('balance').where('holder_kind', '=', 'household').where('holder_id', '=', demoHousehold.id).executeTakeFirst();
    if (!has) {
      await db.transaction().execute((trx) => appendForHolder(trx, { kind: 'household', id: demoHousehold.id }, [{ amount: 100, kind: 'base', note: '基础分' }], now));
    }
  }
  return { stores, communities: communities.length };
}

async function addItems(
  db: Kysely<DB>, storeId: number, place: { org_path: string; county_code: string },
  rows: [string, number, string, number][], now: Date, kind: 'goods' | 'service' = 'goods', donor = '',
) {
  for (const [name, cost, unit, stock] of rows) {
    const item = await db.insertInto('store_item').values({
      store_id: storeId, ...place, name, kind, cost, unit, donor, stock, per_order_limit: cost >= 100 ? 1 : 5, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('store_stock_movement').values({
      item_id: item.id, store_id: storeId, ...place, kind: 'received', delta: stock, stock_after: stock,
      reason: kind === 'service' ? `${donor}捐赠服务名额` : '首次入库', created_at: now,
    }).execute();
  }
}
