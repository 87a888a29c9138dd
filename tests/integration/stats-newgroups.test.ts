import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../server/modules/indicator-registry.js';
import { INDICATORS as NEWGROUPS } from '../../server/modules/newgroups/newgroups.indicators.js';
import { addDays, addMonths, chinaDay, chinaMonth, chinaMonthStart, ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';
import { expectTimerCountMatchesLive } from '../helpers/cockpit-checks.js';

/**
 * 新就业群体 in the cockpit: stations, party organisations and their coverage, workers and the
 * party members among them, the white-list, part-time duties and reports from the road, each
 * compared with a hand count of known rows — among them rows that must not count (closed,
 * dissolved, gone, removed, ended, not yet begun, or of another month).
 */
describe('the cockpit: new employment groups', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let cityAdmin: Session;
  // After the small city's rows (written at the real time): the window's end lies past them.
  const clock = new ManualClock(new Date(Date.now() + 60_000));
  const month = chinaMonth(clock.now());
  const today = chinaDay(clock.now());
  const longAgo = new Date('2020-01-01T00:00:00Z');
  const later = new Date(clock.now().getTime() + 3_600_000);
  const lastMonth = new Date(chinaMonthStart(month).getTime() - 86_400_000);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    const staff = await addAccount(t.db, 'street_admin', city.streets[0]!);
    const [A, B, C, , E] = city.communities;
    const place = (u: { path: string; county_code: string }) => ({ org_path: u.path, county_code: u.county_code });

    const platform = async (county: typeof city.county) => (await t.db.insertInto('gig_platform').values({
      org_id: county.id, ...place(county), name: '美团', kind: 'delivery',
    }).returning('id').executeTakeFirstOrThrow()).id;
    const p1 = await platform(city.county);
    const p2 = await platform(city.otherCounty);
    // Stations: S1 in 一社区, S2 in 二社区, S3 at the street itself (all 离石区), S4 in 孝义市; S5 closed
    // long ago; S6 registered only after the window.
    const station = async (platformId: number, unit: { id: number; path: string; county_code: string }, name: string, extra: Record<string, unknown> = {}) =>
      (await t.db.insertInto('gig_station').values({ platform_id: platformId, org_id: unit.id, ...place(unit), name, ...extra }).returning('id').executeTakeFirstOrThrow()).id;
    const s1 = await station(p1, A!.community, '滨河站');
    const s2 = await station(p1, B!.community, '二社区站');
    const s3 = await station(p1, city.streets[0]!, '街道站');
    const s4 = await station(p2, E!.community, '新义站');
    const s5 = await station(p1, A!.community, '旧站', { closed_at: longAgo });
    await station(p1, C!.community, '新站', { created_at: later });

    // Organisations: O1 covers S1; O2 (孝义市, joint) covers S4 and the closed S5's place; O3 covered S2 but was dissolved.
    const org = async (unit: { id: number; path: string; county_code: string }, kind: 'independent' | 'joint', stations: { id: number; path: string }[], extra: Record<string, unknown> = {}) => {
      const { id } = await t.db.insertInto('gig_party_org').values({ org_id: unit.id, ...place(unit), name: `党支部${unit.id}-${kind}`, kind, founded_on: '2024-07-01', ...extra })
        .returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('gig_party_org_station').values(stations.map((s) => ({ party_org_id: id, station_id: s.id, org_path: s.path, county_code: unit.county_code }))).execute();
    };
    await org(city.streets[0]!, 'independent', [{ id: s1, path: A!.community.path }]);
    await org(city.otherCounty, 'joint', [{ id: s4, path: E!.community.path }, { id: s5, path: A!.community.path }]);
    await org(B!.community, 'independent', [{ id: s2, path: B!.community.path }], { dissolved_at: longAgo });

    // Workers: W1 (member), W2, W6 and W3 (applicant) in 离石区; W4 (member) in 孝义市; W5 (member) left long ago.
    const worker = async (stationId: number, platformId: number, path: string, countyCode: string, name: string, extra: Record<string, unknown> = {}) =>
      (await t.db.insertInto('gig_worker').values({
        station_id: stationId, platform_id: platformId, org_path: path, county_code: countyCode, name, kind: 'rider', consent_at: longAgo, consent_version: 'v1', ...extra,
      }).returning('id').executeTakeFirstOrThrow()).id;
    const lishi = city.county.county_code;
    const w1 = await worker(s1, p1, A!.community.path, lishi, '骑手一', { party_status: 'member' });
    const w2 = await worker(s1, p1, A!.community.path, lishi, '骑手二');
    const w3 = await worker(s2, p1, B!.community.path, lishi, '骑手三', { party_status: 'applicant' });
    const w4 = await worker(s4, p2, E!.community.path, E!.community.county_code, '骑手四', { party_status: 'member' });
    await worker(s1, p1, A!.community.path, lishi, '骑手五', { party_status: 'member', left_at: longAgo });
    const w6 = await worker(s3, p1, city.streets[0]!.path, lishi, '骑手六');

    // White-list: W1 and W4 on it; W2 removed long ago; W3 added only after the window.
    const listed = (workerId: number, path: string, countyCode: string, extra: Record<string, unknown> = {}) =>
      ({ worker_id: workerId, org_path: path, county_code: countyCode, reason: '常驻配送', added_by: staff.id, ...extra });
    await t.db.insertInto('gig_whitelist').values([
      listed(w1, A!.community.path, lishi),
      listed(w4, E!.community.path, E!.community.county_code),
      listed(w2, A!.community.path, lishi, { added_at: longAgo, removed_at: longAgo, removed_by: staff.id, removed_reason: '离开' }),
      listed(w3, B!.community.path, lishi, { added_at: later }),
    ]).execute();

    // Part-time duties: W1 a grid member of 一社区's grid and its safety officer; W4 a safety
    // officer in 孝义市; W2's grid duty ended; W6's begins tomorrow.
    const duty = (workerId: number, d: 'grid_member' | 'safety_officer', unit: { id: number; path: string; county_code: string }, start: string, end: string | null = null) => ({
      worker_id: workerId, duty: d, unit_id: unit.id, ...place(unit), start_day: start, end_day: end, reason: '社区聘任', end_reason: end ? '期满' : null, created_by: staff.id,
    });
    await t.db.insertInto('gig_parttime').values([
      duty(w1, 'grid_member', A!.grid, '2025-01-01'),
      duty(w1, 'safety_officer', A!.community, '2025-01-01'),
      duty(w4, 'safety_officer', E!.community, '2025-03-01'),
      duty(w2, 'grid_member', B!.grid, '2025-01-01', '2025-06-30'),
      duty(w6, 'grid_member', C!.grid, addDays(today, 1)),
    ]).execute();

    // Reports from the road: one this month in each county, one last month in 二社区.
    const report = (demandId: number, workerId: number, stationId: number, community: typeof A, createdAt: Date) => ({
      demand_id: demandId, worker_id: workerId, station_id: stationId, community_id: community!.community.id, kind: 'hazard' as const,
      ...place(community!.community), created_at: createdAt,
    });
    const now = new Date(clock.now().getTime() - 120_000);
    await t.db.insertInto('gig_road_report').values([
      report(A!.demandId, w1, s1, A, now),
      report(E!.demandId, w4, s4, E, now),
      report(B!.demandId, w1, s1, B, lastMonth),
    ]).execute();
  });
  afterAll(() => t?.close());

  const figuresOf = (body: any) => Object.fromEntries(body.figures.map((x: any) => [x.key, x]));

  it('should keep every new-groups figure in the cockpit\'s catalogue', () => {
    const keys = new Set(INDICATORS.map((i) => i.key));
    const ours = ['newgroups.stations', 'newgroups.party_orgs', 'newgroups.party_coverage', 'newgroups.workers', 'newgroups.worker_party_members',
      'newgroups.whitelisted', 'newgroups.parttime_grid_members', 'newgroups.safety_officers', 'newgroups.road_reports'];
    expect(ours.filter((k) => !keys.has(k))).toEqual([]);
    expect(NEWGROUPS.map((i) => i.key).sort()).toEqual([...ours].sort());
    for (const i of NEWGROUPS) expect([i.module, i.group], i.key).toEqual(['newgroups', 'newgroups']);
  });

  it('should count the city and each county by hand', async () => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ month, live: true });
    const x = figuresOf(r.body);
    const lishi = String(city.county.id);
    const xiaoyi = String(city.otherCounty.id);
    expect(x['newgroups.stations']).toMatchObject({ value: 4, byChild: { [lishi]: 3, [xiaoyi]: 1 } });
    expect(x['newgroups.party_orgs']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
    // Covered: S1 of 离石区's three, S4 of 孝义市's one; 2 of 4 in all, never the mean of 33.3 and 100.
    expect(x['newgroups.party_coverage']).toMatchObject({ value: 50, byChild: { [lishi]: 33.3, [xiaoyi]: 100 } });
    expect(x['newgroups.workers']).toMatchObject({ value: 5, byChild: { [lishi]: 4, [xiaoyi]: 1 } });
    expect(x['newgroups.worker_party_members']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
    expect(x['newgroups.whitelisted']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
    expect(x['newgroups.parttime_grid_members']).toMatchObject({ value: 1, byChild: { [lishi]: 1, [xiaoyi]: 0 } });
    expect(x['newgroups.safety_officers']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
    expect(x['newgroups.road_reports']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 }, previous: 1 });
  });

  it('should cut the figures down to streets and communities', async () => {
    const [s0, s1] = city.streets;
    const county = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.county.id}`);
    expect(county.status).toBe(200);
    const x = figuresOf(county.body);
    expect(x['newgroups.stations']).toMatchObject({ value: 3, byChild: { [String(s0!.id)]: 3, [String(s1!.id)]: 0 } });
    // A street with no stations has no coverage rate, not 0 %.
    expect(x['newgroups.party_coverage']).toMatchObject({ value: 33.3, byChild: { [String(s0!.id)]: 33.3, [String(s1!.id)]: null } });
    const street = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${s0!.id}`);
    const y = figuresOf(street.body);
    const [A, B] = city.communities;
    // S3 and W6 stand at the street itself: in the street's figure, under no community.
    expect(y['newgroups.stations']).toMatchObject({ value: 3, byChild: { [String(A!.community.id)]: 1, [String(B!.community.id)]: 1 } });
    expect(y['newgroups.workers']).toMatchObject({ value: 4, byChild: { [String(A!.community.id)]: 2, [String(B!.community.id)]: 1 } });
    expect(y['newgroups.party_coverage']).toMatchObject({ byChild: { [String(A!.community.id)]: 100, [String(B!.community.id)]: 0 } });
    const community = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${A!.community.id}`);
    const z = figuresOf(community.body);
    expect(z['newgroups.parttime_grid_members']).toMatchObject({ value: 1, byChild: { [String(A!.grid.id)]: 1 }, childLevel: true });
    // The safety duty is the community's own: in its figure, under no grid.
    expect(z['newgroups.safety_officers']).toMatchObject({ value: 1, byChild: { [String(A!.grid.id)]: 0 } });
    expect(z['newgroups.stations'].childLevel).toBe(false); // stations stand no finer than a community
  });

  it('should count last month as it stood at its end', async () => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}&month=${addMonths(month, -1)}`);
    expect(r.status).toBe(200);
    const x = figuresOf(r.body);
    expect(x['newgroups.road_reports']).toMatchObject({ value: 1, byChild: { [String(city.county.id)]: 1 } });
    // Registered this month: none stood at last month's end; W2's ended duty and the closed S5 neither.
    expect(x['newgroups.stations'].value).toBe(0);
    expect(x['newgroups.workers'].value).toBe(0);
    expect(x['newgroups.parttime_grid_members'].value).toBe(0);
  });

  it('should give the same figures from the timer\'s count of every unit as counted live', async () => {
    await expectTimerCountMatchesLive(t, cityAdmin, clock, [city.city.id, city.county.id, city.streets[0]!.id, city.communities[0]!.community.id]);
  });
});
