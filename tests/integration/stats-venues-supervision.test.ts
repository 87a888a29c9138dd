import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../server/modules/indicator-registry.js';
import { STANDARD_CODES } from '../../server/modules/venues/venue-standard.js';
import { addDays, addMonths, chinaDay, chinaMonth, chinaMonthStart, ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';
import { expectTimerCountMatchesLive } from '../helpers/cockpit-checks.js';

/**
 * The cockpit's venue and supervision figures against a hand count over known rows, with rows
 * that must not count: another county, last month, cancelled, not yet started, not yet verified.
 */
describe('the cockpit: venues and supervision counted from their records', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let cityAdmin: Session;
  const clock = new ManualClock(new Date(Date.now() + 60_000));
  const month = chinaMonth(clock.now());
  const before = addMonths(month, -1);
  const ago = (ms: number) => new Date(clock.now().getTime() - ms);
  // A day in the month before, and a day in it earlier still.
  const lastMonth = new Date(chinaMonthStart(month).getTime() - 86_400_000);
  const lastMonthEarlier = new Date(lastMonth.getTime() - 86_400_000);
  const today = chinaDay(clock.now());

  const KEYS = [
    'venues.centres', 'venues.stations', 'venues.standard_rate', 'venues.bookings_confirmed', 'venues.check_ins', 'venues.visitors',
    'supervision.inspections', 'supervision.problems_found', 'supervision.problems_verified', 'supervision.rectification_rate', 'supervision.problems_overdue',
  ];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    const staff = await addAccount(t.db, 'county_admin', city.county);
    const [a, , c, , e, f] = city.communities;

    // Venues: 离石区 has a's centre (all nine items) and station (eight), and c's centre built last
    // month (all nine, then); 孝义市 has e's station (all nine).
    const venue = async (kind: 'centre' | 'station', place: { id: number; path: string; county_code: string }, createdAt: Date, items: number) => {
      const v = await t.db.insertInto('venue').values({
        kind, org_id: place.id, org_path: place.path, county_code: place.county_code, name: `${kind}-${place.id}`, address: '地址', area_m2: 120, hours: '[]',
        checkin_code: `code-${kind}-${place.id}`, created_by: staff.id, created_at: createdAt,
      }).returning('id').executeTakeFirstOrThrow();
      if (items) {
        await t.db.insertInto('venue_standard_item').values(STANDARD_CODES.slice(0, items).map((item) => ({
          venue_id: v.id, item, org_path: place.path, county_code: place.county_code, recorded_by: staff.id, recorded_at: createdAt,
        }))).execute();
      }
      const room = await t.db.insertInto('venue_room').values({ venue_id: v.id, name: '活动室', capacity: 30, org_path: place.path, county_code: place.county_code })
        .returning('id').executeTakeFirstOrThrow();
      return { venueId: v.id, roomId: room.id, place };
    };
    const aCentre = await venue('centre', a!.community, ago(60_000), 9);
    await venue('station', a!.grid, ago(60_000), 8);
    await venue('centre', c!.community, lastMonthEarlier, 9);
    const eStation = await venue('station', e!.grid, ago(60_000), 9);

    // Bookings, each its own slot so none overlaps.
    const booking = (v: typeof aCentre, startsAt: Date, status: 'confirmed' | 'cancelled', attendees: number, checkedIn: Date | null) => ({
      room_id: v.roomId, venue_id: v.venueId, org_path: v.place.path, county_code: v.place.county_code, account_id: staff.id,
      purpose: '活动', attendees, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 500), status,
      checked_in_at: checkedIn, checked_in_by: checkedIn ? staff.id : null,
    });
    await t.db.insertInto('venue_booking').values([
      booking(aCentre, ago(2000), 'confirmed', 10, ago(1000)), // used: 10 people
      booking(aCentre, ago(5000), 'confirmed', 4, null), // confirmed, nobody checked in
      booking(aCentre, ago(3000), 'cancelled', 6, null), // cancelled: nothing
      booking(aCentre, lastMonth, 'confirmed', 7, lastMonth), // last month's use
      booking(eStation, ago(4000), 'confirmed', 5, ago(3500)), // 孝义市: 5 people
    ]).execute();

    // Supervision: working groups of the city and both counties.
    const groups = new Map<number, number>();
    for (const u of [city.city, city.county, city.otherCounty]) {
      groups.set(u.id, (await t.db.insertInto('supervision_group').values({
        org_id: u.id, org_path: u.path, county_code: u.county_code, name: `专班-${u.id}`, lead_department_id: a!.departmentId,
      }).returning('id').executeTakeFirstOrThrow()).id);
    }
    const inspection = async (u: { id: number; path: string; county_code: string }, status: 'planned' | 'under_way' | 'done' | 'cancelled', on: string) =>
      (await t.db.insertInto('supervision_inspection').values({
        org_id: u.id, org_path: u.path, county_code: u.county_code, kind: 'unannounced', title: `督查-${u.id}-${status}`, group_id: groups.get(u.id)!,
        starts_on: on, ends_on: on, status, cancel_reason: status === 'cancelled' ? '改期' : null,
      }).returning('id').executeTakeFirstOrThrow()).id;
    const byCity = await inspection(city.city, 'under_way', today); // the city's own: counts for the city only
    const byLishi = await inspection(city.county, 'done', today);
    await inspection(city.county, 'cancelled', today);
    await inspection(city.otherCounty, 'planned', today); // not started
    const byXiaoyiBefore = await inspection(city.otherCounty, 'done', chinaDay(lastMonth));

    const problem = (inspectionId: number, place: { id: number; path: string; county_code: string }, foundAt: Date, p: {
      status: 'found' | 'rectifying' | 'verified'; handedAt?: Date; deadline?: string; verifiedAt?: Date;
    }) => ({
      inspection_id: inspectionId, place_id: place.id, org_path: place.path, county_code: place.county_code, category: 'service_position' as const,
      description: '问题', found_by: staff.id, found_at: foundAt, status: p.status,
      receiver_org_id: p.status === 'found' ? null : city.county.id, deadline: p.deadline ?? null,
      handed_over_at: p.handedAt ?? null, verified_at: p.verifiedAt ?? null,
    });
    await t.db.insertInto('supervision_problem').values([
      // a: handed over, its deadline (yesterday) passed, still being rectified: overdue.
      problem(byLishi, a!.community, ago(5000), { status: 'rectifying', handedAt: ago(4000), deadline: addDays(today, -1) }),
      // c: handed over and verified this month.
      problem(byLishi, c!.community, ago(5000), { status: 'verified', handedAt: ago(4000), deadline: addDays(today, 10), verifiedAt: ago(1000) }),
      // At 离石区 itself: open, deadline to come.
      problem(byCity, city.county, ago(5000), { status: 'rectifying', handedAt: ago(4000), deadline: addDays(today, 1) }),
      // b: found, not handed over yet.
      problem(byLishi, city.communities[1]!.community, ago(5000), { status: 'found' }),
      // 孝义市, last month: e found, handed over and verified; f found, handed over, deadline passed, never verified.
      problem(byXiaoyiBefore, e!.community, lastMonthEarlier, { status: 'verified', handedAt: lastMonthEarlier, deadline: chinaDay(lastMonth), verifiedAt: lastMonth }),
      problem(byXiaoyiBefore, f!.community, lastMonthEarlier, { status: 'rectifying', handedAt: lastMonthEarlier, deadline: chinaDay(lastMonthEarlier) }),
    ]).execute();
  });
  afterAll(() => t?.close());

  const figuresOf = (body: any) => Object.fromEntries(body.figures.map((x: any) => [x.key, x]));

  it('should keep every venue and supervision figure in the catalogue', () => {
    const keys = new Set(INDICATORS.map((i) => i.key));
    expect(KEYS.filter((k) => !keys.has(k))).toEqual([]);
    expect(INDICATORS.find((i) => i.key === 'supervision.inspections')?.lowest).toBe('county');
  });

  it('should count the city and each county by hand', async () => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`);
    expect(r.status).toBe(200);
    const f = figuresOf(r.body);
    const lishi = String(city.county.id);
    const xiaoyi = String(city.otherCounty.id);
    expect(f['venues.centres']).toMatchObject({ value: 2, byChild: { [lishi]: 2, [xiaoyi]: 0 } });
    expect(f['venues.stations']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
    // Three of four venues meet all nine items; 离石区 two of three, 孝义市 one of one.
    expect(f['venues.standard_rate']).toMatchObject({ value: 75, byChild: { [lishi]: 66.7, [xiaoyi]: 100 } });
    // Confirmed and starting this month: two in 离石区 (one never checked in), one in 孝义市; the cancelled one and last month's not.
    expect(f['venues.bookings_confirmed']).toMatchObject({ value: 3, byChild: { [lishi]: 2, [xiaoyi]: 1 }, previous: 1 });
    expect(f['venues.check_ins']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 }, previous: 1 });
    expect(f['venues.visitors']).toMatchObject({ value: 15, byChild: { [lishi]: 10, [xiaoyi]: 5 }, previous: 7 });

    // The city's own inspection counts for the city, no county; cancelled and planned ones not at all.
    expect(f['supervision.inspections']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 0 }, previous: 1 });
    expect(f['supervision.problems_found']).toMatchObject({ value: 4, byChild: { [lishi]: 4, [xiaoyi]: 0 }, previous: 2 });
    expect(f['supervision.problems_verified']).toMatchObject({ value: 1, byChild: { [lishi]: 1, [xiaoyi]: 0 }, previous: 1 });
    // Handed over so far: five, two verified; 离石区 one of three, 孝义市 one of two.
    expect(f['supervision.rectification_rate']).toMatchObject({ value: 40, byChild: { [lishi]: 33.3, [xiaoyi]: 50 } });
    expect(f['supervision.problems_overdue']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
  });

  it('should cut a county by street, rows kept at the county counting for it alone', async () => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.county.id}`);
    expect(r.status).toBe(200);
    const f = figuresOf(r.body);
    const [s1, s2] = city.streets.map((s) => String(s.id));
    expect(f['venues.centres']).toMatchObject({ value: 2, byChild: { [s1!]: 1, [s2!]: 1 } });
    expect(f['venues.visitors']).toMatchObject({ value: 10, byChild: { [s1!]: 10, [s2!]: 0 } });
    // The problem at 离石区 itself is the county's, no street's.
    expect(f['supervision.problems_found']).toMatchObject({ value: 4, byChild: { [s1!]: 2, [s2!]: 1 } });
    expect(f['supervision.rectification_rate']).toMatchObject({ value: 33.3, byChild: { [s1!]: 0, [s2!]: 100 } });
    expect(f['supervision.inspections']).toMatchObject({ value: 1, childLevel: false });
    // Inspections are planned by a city or a county: a street has no such figure.
    const street = figuresOf((await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.streets[0]!.id}`)).body);
    expect(street['supervision.inspections']).toBeUndefined();
    expect(street['supervision.problems_overdue'].value).toBe(1);
  });

  it('should count last month as it stood at its end', async () => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}&month=${before}`);
    expect(r.status).toBe(200);
    expect(r.body.live).toBe(false);
    const f = figuresOf(r.body);
    const lishi = String(city.county.id);
    // Only c's centre stood then, with all nine items.
    expect(f['venues.centres']).toMatchObject({ value: 1, byChild: { [lishi]: 1 } });
    expect(f['venues.stations'].value).toBe(0);
    expect(f['venues.standard_rate'].value).toBe(100);
    expect(f['venues.check_ins'].value).toBe(1);
    // 孝义市's two problems were handed over by then, one verified; the other was already overdue.
    expect(f['supervision.rectification_rate']).toMatchObject({ value: 50, byChild: { [lishi]: null } });
    expect(f['supervision.problems_overdue'].value).toBe(1);
    expect(f['supervision.problems_found'].value).toBe(2);
  });

  it('should give the same figures from the timer\'s count of every unit as counted live', async () => {
    await expectTimerCountMatchesLive(t, cityAdmin, clock, [city.city.id, city.county.id, city.streets[0]!.id, city.communities[0]!.community.id]);
  });
});
