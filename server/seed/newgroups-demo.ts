import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import type { GigPartyStatus, GigPlatformKind, GigWorkerKind } from '../modules/newgroups/newgroups.tables.js';
import type { PiiCipher } from '../platform/pii/cipher.js';
import { maskPhone } from '../platform/pii/id-number.js';
import { personName } from './names.js';
import { Rng } from './prng.js';

/**
 * 新就业群体 for the demo: the platforms on 离石区's register, their stations across its streets
 * (a few in each community of 滨河街道), and the couriers, riders and drivers attached to them,
 * each registered with consent. Party members and applicants follow the brief's proportions
 * (286 applicants among the city's riders). rider_demo is a 美团 rider at a 滨河街道 station.
 */
const PLATFORMS: readonly [string, GigPlatformKind, GigWorkerKind][] = [
  ['美团', 'delivery', 'rider'], ['饿了么', 'delivery', 'rider'], ['顺丰速运', 'express', 'courier'], ['中通快递', 'express', 'courier'],
  ['圆通速递', 'express', 'courier'], ['京东物流', 'express', 'courier'], ['邮政EMS', 'express', 'courier'],
  ['滴滴出行', 'ride_hailing', 'driver'], ['货拉拉', 'freight', 'driver'],
];
/** Consent wording's version the demo workers agreed to. */
export const GIG_CONSENT_VERSION = '2026-01';

export async function seedNewgroupsDemo(db: Kysely<DB>, cipher: PiiCipher, now = new Date()) {
  const county = await db.selectFrom('account').select(['id', 'scope_org_id', 'scope_path', 'county_code']).where('username', '=', 'county_lishi').executeTakeFirst();
  const street = await db.selectFrom('account').select(['scope_org_id']).where('username', '=', 'street_binhe').executeTakeFirst();
  if (!county || !street) return { platforms: 0, stations: 0, workers: 0 };
  const rng = new Rng(20261216);
  const platforms = await db.insertInto('gig_platform').values(PLATFORMS.map(([name, kind]) => ({
    org_id: county.scope_org_id, org_path: county.scope_path, county_code: county.county_code, name, kind, created_by: county.id,
  }))).returning(['id', 'name', 'kind']).execute();
  const workerKind = new Map(PLATFORMS.map(([name, , k]) => [name, k]));

  // Stations: two or three per street of the county, one per community in 滨河街道 (the demo's street).
  const streets = await db.selectFrom('org_unit').select(['id', 'path', 'name']).where('parent_id', '=', county.scope_org_id)
    .where('kind', '=', 'street').where('dissolved_at', 'is', null).orderBy('path').execute();
  const binheCommunities = await db.selectFrom('org_unit').select(['id', 'path', 'name']).where('parent_id', '=', street.scope_org_id)
    .where('kind', '=', 'community').where('dissolved_at', 'is', null).orderBy('path').execute();
  const places = [
    ...binheCommunities.map((c) => ({ ...c, n: 1 })),
    ...streets.filter((s) => s.id !== street.scope_org_id).map((s) => ({ ...s, n: rng.int(2, 3) })),
  ];
  const stationRows = [];
  let p = 0;
  for (const place of places) {
    for (let i = 0; i < place.n; i++, p++) {
      const platform = platforms[p % platforms.length]!;
      stationRows.push({
        platform_id: platform.id, org_id: place.id, org_path: place.path, county_code: county.county_code,
        name: `${platform.name}${place.name.replace(/(街道|社区|镇|乡)$/, '')}${platform.kind === 'delivery' ? '站' : platform.kind === 'express' ? '网点' : '服务点'}`,
        address: `${place.name}${rng.int(1, 200)}号`,
        // Around 离石's centre (37.52 N, 111.14 E), within a few kilometres.
        lat: 37.52 + (rng.next() - 0.5) * 0.06, lng: 111.14 + (rng.next() - 0.5) * 0.08,
        manager_name: personName(rng, rng.chance(0.7) ? 'male' : 'female', rng.int(1975, 1995)), created_by: county.id,
        // Opened before its first worker's consent (at most 400 days back), a week apart.
        created_at: new Date(now.getTime() - (420 + p * 7) * 86_400_000),
      });
    }
  }
  // rider_demo's station: 美团 in 龙凤社区 (滨河街道's first community).
  stationRows[0] = { ...stationRows[0]!, platform_id: platforms[0]!.id, name: `美团${binheCommunities[0]?.name.replace(/社区$/, '') ?? ''}站` };
  const stations = await db.insertInto('gig_station').values(stationRows).returning(['id', 'platform_id', 'org_path']).execute();

  const workerRows = [];
  let phoneSeq = 0;
  for (const s of stations) {
    const platform = platforms.find((x) => x.id === s.platform_id)!;
    for (let i = rng.int(6, 14); i > 0; i--) {
      const male = rng.chance(0.88);
      const phone = `1390358${String(++phoneSeq).padStart(4, '0')}`;
      const r = rng.next();
      const party: GigPartyStatus = r < 0.06 ? 'member' : r < 0.1 ? 'applicant' : 'none';
      const name = personName(rng, male ? 'male' : 'female', rng.int(1975, 2004));
      // Registered the moment consent was recorded.
      const registered = new Date(now.getTime() - rng.int(10, 400) * 86_400_000);
      workerRows.push({
        station_id: s.id, platform_id: s.platform_id, org_path: s.org_path, county_code: county.county_code,
        name, kind: workerKind.get(platform.name)!,
        phone_enc: cipher.encrypt(phone), phone_hash: cipher.hash(phone), phone_mask: maskPhone(phone), party_status: party,
        consent_at: registered, consent_version: GIG_CONSENT_VERSION, created_by: county.id, created_at: registered,
      });
    }
  }
  const workers = await db.insertInto('gig_worker').values(workerRows).returning(['id', 'station_id', 'name']).execute();
  const demoWorker = workers.find((w) => w.station_id === stations[0]!.id)!;
  await db.updateTable('account').set({ gig_worker_id: demoWorker.id, display_name: demoWorker.name }).where('username', '=', 'rider_demo').execute();
  return { platforms: platforms.length, stations: stations.length, workers: workers.length };
}
