import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { chinaDay } from '../platform/clock.js';
import { Rng } from './prng.js';

/**
 * 白名单 and 兼职网格员 for the demo (after newgroups-demo.ts): about two in five of 离石区's workers
 * on the white-list (the county put them on, with reasons), and in 滨河街道 one or two of the
 * listed riders of each community's station enrolled as part-time grid workers or safety officers.
 * rider_demo is left for the browser test and the demo's visitor to list and enrol by hand.
 */
const REASONS = ['注册满一年，无投诉，站点推荐', '参加新就业群体党建活动，表现突出', '协助社区应急处置，经街道推荐'];

export async function seedNewgroupsRoadDemo(db: Kysely<DB>, now = new Date()) {
  const county = await db.selectFrom('account').select(['id']).where('username', '=', 'county_lishi').executeTakeFirst();
  const street = await db.selectFrom('account').select(['scope_path']).where('username', '=', 'street_binhe').executeTakeFirst();
  const rider = await db.selectFrom('account').select(['gig_worker_id']).where('username', '=', 'rider_demo').executeTakeFirst();
  const secretary = await db.selectFrom('account').select(['id']).where('username', '=', 'secretary_binhe1').executeTakeFirst();
  if (!county || !street || !secretary) return { listed: 0, enrolled: 0 };
  const rng = new Rng(20261217);
  const workers = await db.selectFrom('gig_worker').select(['id', 'org_path', 'county_code', 'station_id', 'created_at'])
    .where('left_at', 'is', null).$if(!!rider?.gig_worker_id, (q) => q.where('id', '<>', rider!.gig_worker_id!))
    // Workers already listed or enrolled (a database seeded before) are left as they are.
    .where((e) => e.not(e.exists(e.selectFrom('gig_whitelist as l').select('l.id').whereRef('l.worker_id', '=', 'gig_worker.id').where('l.removed_at', 'is', null))))
    .where((e) => e.not(e.exists(e.selectFrom('gig_parttime as p').select('p.id').whereRef('p.worker_id', '=', 'gig_worker.id').where('p.end_day', 'is', null))))
    .orderBy('id').execute();
  const listed = workers.filter(() => rng.chance(0.4));
  if (!listed.length) return { listed: 0, enrolled: 0 };
  const addedAt = new Map<number, number>();
  await db.insertInto('gig_whitelist').values(listed.map((w) => {
    const reason = REASONS[rng.int(0, REASONS.length - 1)]!;
    // Some time after the worker registered (never before).
    addedAt.set(w.id, Math.max(now.getTime() - rng.int(20, 300) * 86_400_000, new Date(w.created_at).getTime() + 86_400_000));
    return { worker_id: w.id, org_path: w.org_path, county_code: w.county_code, reason, added_by: county.id, added_at: new Date(addedAt.get(w.id)!) };
  })).execute();

  // In 滨河街道: the first listed rider of each community's station, for the community (or its first grid).
  const seen = new Set<number>();
  const enrolments = [];
  for (const w of listed.filter((x) => x.org_path.startsWith(street.scope_path))) {
    if (seen.has(w.station_id)) continue;
    seen.add(w.station_id);
    const community = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('path', '=', w.org_path).where('kind', '=', 'community').executeTakeFirst();
    if (!community) continue;
    const duty = rng.chance(0.7) ? 'grid_member' as const : 'safety_officer' as const;
    // Enrolled once listed.
    const started = new Date(Math.max(now.getTime() - rng.int(10, 200) * 86_400_000, addedAt.get(w.id)! + 86_400_000));
    enrolments.push({
      worker_id: w.id, duty, unit_id: community.id, org_path: community.path,
      county_code: community.county_code, start_day: chinaDay(started), reason: '熟悉片区，自愿参与网格服务',
      created_by: secretary.id, created_at: started,
    });
  }
  if (enrolments.length) await db.insertInto('gig_parttime').values(enrolments).execute();
  return { listed: listed.length, enrolled: enrolments.length };
}
