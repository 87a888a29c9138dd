import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../database.js';
import { addMonths, chinaDay, chinaMonth } from '../platform/clock.js';
import { computeAward } from '../modules/venues/funding-rule.js';
import { STANDARD_CODES } from '../modules/venues/venue-standard.js';
import type { FundingTier } from '../modules/venues/venues.tables.js';
import { Rng } from './prng.js';

/**
 * 党群服务阵地 for the demo: every 离石区 community's 党群服务中心 and stations in the enclosed
 * compounds of 滨河街道, their rooms and 三要六有 records (a few stations flagged), last year's and
 * the last months' bookings and check-ins, the county's 以奖代补 rule with last year's awards
 * computed and partly paid, and this month's "党群阵地@你" calendar of 龙凤社区's centre, which
 * resident_demo follows (the announcement is in their inbox).
 */
const WEEKDAYS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '20:30' }))
  .concat([6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' })));
const STATION_HOURS = [1, 3, 5, 6].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' }));
const PURPOSES = ['书法班', '老年大学合唱', '四点半课堂', '党员活动日', '议事协商会', '舞蹈队排练', '健康讲座', '志愿者培训'];
export const LISHI_RULE: FundingTier[] = [
  { name: '一档', minUses: 96, requireStandard: true, amount: 30000 },
  { name: '二档', minUses: 48, requireStandard: true, amount: 20000 },
  { name: '三档', minUses: 24, requireStandard: false, amount: 8000 },
];
// A 1×1 PNG standing in for each venue's evidence photo (the real ones are uploaded on the page).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf000000030101009a2d63a00000000049454e44ae426082', 'hex');

export async function seedVenuesDemo(db: Kysely<DB>, now = new Date()) {
  const worker = await db.selectFrom('account').select(['id', 'county_code', 'scope_path']).where('username', '=', 'worker_binhe1').executeTakeFirst();
  const county = await db.selectFrom('account').select(['id', 'scope_path']).where('username', '=', 'county_lishi').executeTakeFirst();
  const resident = await db.selectFrom('account').select(['id', 'scope_path']).where('username', '=', 'resident_demo').executeTakeFirst();
  if (!worker || !county || !resident) return { venues: 0 };
  const cc = worker.county_code;
  const rng = new Rng(20261116);
  const communities = await db.selectFrom('org_unit as c').innerJoin('org_unit as s', 's.id', 'c.parent_id')
    .select(['c.id', 'c.name', 'c.path', 's.name as street']).where('c.kind', '=', 'community').where('c.county_code', '=', cc).where('c.dissolved_at', 'is', null)
    .orderBy('c.path').execute();
  const compounds = await db.selectFrom('org_unit as g').innerJoin('org_unit as c', 'c.id', 'g.parent_id').innerJoin('org_unit as s', 's.id', 'c.parent_id')
    .select(['g.id', 'g.name', 'g.path']).where('g.kind', '=', 'grid').where('g.grid_type', '=', 'enclosed').where('s.name', '=', '滨河街道')
    .where('g.dissolved_at', 'is', null).orderBy('g.path').limit(40).execute();
  const venues: { id: number; path: string; rooms: number[]; centre: boolean; name: string }[] = [];
  const code = () => rng.int(0x100000, 0xffffff).toString(16).toUpperCase();
  for (const c of communities) {
    const { id } = await db.insertInto('venue').values({
      kind: 'centre', org_id: c.id, org_path: c.path, county_code: cc, name: `${c.name}党群服务中心`, address: `${c.street}${c.name}居委会一层`,
      area_m2: rng.int(300, 900), hours: JSON.stringify(WEEKDAYS), checkin_code: code(), created_by: worker.id, created_at: new Date(now.getTime() - 400 * 86400_000),
    }).returning('id').executeTakeFirstOrThrow();
    const rooms = await db.insertInto('venue_room').values([
      { venue_id: id, name: '多功能厅（居民会客厅）', capacity: 60, org_path: c.path, county_code: cc },
      { venue_id: id, name: '议事室', capacity: 16, org_path: c.path, county_code: cc },
      { venue_id: id, name: '书画室', capacity: 24, org_path: c.path, county_code: cc },
    ]).returning('id').execute();
    venues.push({ id, path: c.path, rooms: rooms.map((r) => r.id), centre: true, name: `${c.name}党群服务中心` });
  }
  for (const g of compounds) {
    const { id } = await db.insertInto('venue').values({
      kind: 'station', org_id: g.id, org_path: g.path, county_code: cc, name: `${g.name}党群服务站`, address: `${g.name}物业楼一层`,
      area_m2: rng.int(40, 160), hours: JSON.stringify(STATION_HOURS), checkin_code: code(), created_by: worker.id, created_at: new Date(now.getTime() - 400 * 86400_000),
    }).returning('id').executeTakeFirstOrThrow();
    const [room] = await db.insertInto('venue_room').values({ venue_id: id, name: '活动室', capacity: 20, org_path: g.path, county_code: cc }).returning('id').execute();
    venues.push({ id, path: g.path, rooms: [room!.id], centre: false, name: `${g.name}党群服务站` });
  }
  // 三要六有: centres complete; about one station in four lacks an item or two (flagged).
  for (const v of venues) {
    const missing = !v.centre && rng.int(1, 4) === 1 ? new Set([rng.pick(STANDARD_CODES), rng.pick(STANDARD_CODES)]) : new Set<string>();
    const items = STANDARD_CODES.filter((c) => !missing.has(c));
    const rows = await db.insertInto('venue_standard_item').values(items.map((item) => ({
      venue_id: v.id, item, note: '', org_path: v.path, county_code: cc, recorded_by: worker.id, recorded_at: new Date(now.getTime() - 300 * 86400_000),
    }))).returning('id').execute();
    const { id: fileId } = await db.insertInto('attachment').values({
      county_code: cc, org_path: v.path, uploader_account_id: worker.id, content_type: 'image/png', size_bytes: PNG.length,
      sha256: `${v.id}`.padStart(64, '0'), data: PNG,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('attachment_link').values(rows.map((r) => ({ attachment_id: fileId, entity: 'venue_standard_item', entity_id: r.id, org_path: v.path, county_code: cc }))).execute();
  }
  // Use: last year and this year up to yesterday, checked in (a few confirmed without anyone coming).
  const thisYear = Number(chinaDay(now).slice(0, 4));
  const start = new Date(`${thisYear - 1}-01-01T00:00:00+08:00`).getTime();
  const end = new Date(`${chinaDay(now)}T00:00:00+08:00`).getTime();
  const days = Math.floor((end - start) / 86400_000);
  const rows: Insertable<DB['venue_booking']>[] = [];
  for (const v of venues) {
    const perYear = v.centre ? rng.int(30, 140) : rng.int(5, 70);
    const taken = new Set<string>();
    for (let i = 0; i < Math.round(perYear * days / 365); i++) {
      const room = rng.pick(v.rooms);
      const day = rng.int(0, days - 1);
      const hour = rng.pick([9, 10, 14, 15, 16]);
      const key = `${room}:${day}:${hour}`;
      if (taken.has(key)) continue;
      taken.add(key);
      const s = new Date(start + day * 86400_000 + hour * 3600_000);
      // Only on days the venue opens.
      const weekday = ((new Date(start + day * 86400_000 + 8 * 3600_000).getUTCDay() + 6) % 7) + 1;
      if (!(v.centre ? WEEKDAYS : STATION_HOURS).some((h) => h.weekday === weekday)) continue;
      const came = rng.int(1, 10) > 1;
      rows.push({
        room_id: room, venue_id: v.id, org_path: v.path, county_code: cc, account_id: resident.id, purpose: rng.pick(PURPOSES),
        group_name: rng.int(1, 3) === 1 ? null : rng.pick(['夕阳红舞蹈队', '银龄合唱团', '党员志愿服务队', '书画协会']), attendees: rng.int(6, 20),
        starts_at: s, ends_at: new Date(s.getTime() + 3600_000), status: 'confirmed', decided_by: worker.id, decided_at: s,
        checked_in_at: came ? s : null, checked_in_by: came ? worker.id : null, created_at: new Date(s.getTime() - 3 * 86400_000),
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('venue_booking').values(rows.slice(i, i + 500)).execute();
  // The county's rule, and last year's awards computed by it from the counted check-ins.
  const { id: ruleId } = await db.insertInto('venue_funding_rule').values({
    county_code: cc, org_path: county.scope_path, version: 1, tiers: JSON.stringify(LISHI_RULE), note: '离石区党群服务阵地以奖代补办法（按全年签到使用次数和三要六有达标情况分档）',
    created_by: county.id, created_at: new Date(`${thisYear - 1}-01-05T09:00:00+08:00`),
  }).returning('id').executeTakeFirstOrThrow();
  const last = thisYear - 1;
  const counted = await sql<{ venue_id: number; uses: number; visitors: number; items: number }>`
    SELECT v.id AS venue_id,
      (SELECT count(*)::int FROM venue_booking b WHERE b.venue_id = v.id AND b.checked_in_at IS NOT NULL AND b.starts_at >= ${new Date(`${last}-01-01T00:00:00+08:00`)} AND b.starts_at < ${new Date(`${thisYear}-01-01T00:00:00+08:00`)}) AS uses,
      (SELECT coalesce(sum(b.attendees), 0)::int FROM venue_booking b WHERE b.venue_id = v.id AND b.checked_in_at IS NOT NULL AND b.starts_at >= ${new Date(`${last}-01-01T00:00:00+08:00`)} AND b.starts_at < ${new Date(`${thisYear}-01-01T00:00:00+08:00`)}) AS visitors,
      (SELECT count(*)::int FROM venue_standard_item i WHERE i.venue_id = v.id) AS items
    FROM venue v WHERE v.county_code = ${cc} ORDER BY v.id`.execute(db);
  const computedAt = new Date(`${thisYear}-01-20T10:00:00+08:00`);
  for (const c of counted.rows) {
    const v = venues.find((x) => x.id === c.venue_id)!;
    const standardMet = c.items === STANDARD_CODES.length;
    const r = computeAward(LISHI_RULE, { uses: c.uses, standardMet });
    await db.insertInto('venue_award').values({
      venue_id: c.venue_id, year: last, rule_id: ruleId, org_path: v.path, county_code: cc, uses: c.uses, visitors: c.visitors, standard_met: standardMet,
      tier: r.tier, amount: r.amount, breakdown: JSON.stringify(r.steps), computed_by: county.id, computed_at: computedAt,
    }).execute();
    // Most awards are paid in full; the rest wait for the second batch.
    if (r.amount > 0 && rng.int(1, 3) > 1) {
      await db.insertInto('venue_payment').values({
        venue_id: c.venue_id, year: last, amount: r.amount, note: '第一批拨付', org_path: v.path, county_code: cc, recorded_by: county.id,
        recorded_at: new Date(`${thisYear}-03-15T10:00:00+08:00`),
      }).execute();
    }
  }
  // "党群阵地@你": this month's calendar of the resident's community centre, followed by resident_demo.
  const home = venues.find((v) => v.centre && resident.scope_path.startsWith(v.path));
  if (home) {
    const month = chinaMonth(now);
    for (const m of [addMonths(month, -1), month]) {
      const { id: calId } = await db.insertInto('venue_calendar').values({
        venue_id: home.id, month: m, version: 1, org_path: home.path, county_code: cc, published_by: worker.id, published_at: new Date(`${m}-01T09:00:00+08:00`),
      }).returning('id').executeTakeFirstOrThrow();
      const activity = await db.selectFrom('volunteer_activity').select(['id', 'title', 'starts_at']).where('org_path', 'like', `${home.path}%`)
        .where('status', '<>', 'cancelled').where('starts_at', '>=', new Date(`${m}-01T00:00:00+08:00`)).where('starts_at', '<', new Date(`${addMonths(m, 1)}-01T00:00:00+08:00`))
        .orderBy('starts_at').executeTakeFirst();
      const items = [
        { day: `${m}-05`, starts: '09:00', ends: '11:00', title: '老年人智能手机课堂', place: '多功能厅（居民会客厅）', activity_id: null as number | null },
        { day: `${m}-12`, starts: '15:00', ends: '17:00', title: '四点半课堂：科学小实验', place: '书画室', activity_id: null },
        { day: `${m}-18`, starts: '09:30', ends: '11:30', title: '主题党日：学习党的二十届四中全会精神', place: '多功能厅（居民会客厅）', activity_id: null },
        { day: `${m}-25`, starts: '14:30', ends: '16:30', title: '居民议事会：楼道堆物清理', place: '议事室', activity_id: null },
      ];
      if (activity) items.push({ day: chinaDay(activity.starts_at), starts: '09:00', ends: '11:00', title: activity.title, place: '社区广场', activity_id: activity.id });
      await db.insertInto('venue_calendar_item').values(items.map((i) => ({ ...i, calendar_id: calId }))).execute();
    }
    await db.insertInto('venue_follow').values({ account_id: resident.id, venue_id: home.id, org_path: home.path, county_code: cc, followed_at: new Date(now.getTime() - 60 * 86400_000) }).execute();
    await db.insertInto('notification').values({
      account_id: resident.id, channel: 'inbox', title: `党群阵地@你：${home.name}${month.slice(5)}月活动`, body: '共4项活动：老年人智能手机课堂、四点半课堂、主题党日、居民议事会',
      link: '/m/venues', org_path: home.path, county_code: cc,
    }).execute();
  }
  return { venues: venues.length, bookings: rows.length };
}
