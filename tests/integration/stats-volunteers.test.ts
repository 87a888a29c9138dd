import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../server/modules/indicator-registry.js';
import { chinaMonth, chinaMonthStart, ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';
import { expectTimerCountMatchesLive } from '../helpers/cockpit-checks.js';

const KEYS = [
  'volunteers.organisations', 'volunteers.volunteers', 'volunteers.hours', 'volunteers.residents_served',
  'cobuild.members_reported', 'cobuild.paired_units',
  'cobuild.projects_party_building', 'cobuild.projects_policy', 'cobuild.projects_education', 'cobuild.projects_culture_sports',
  'cobuild.projects_livelihood', 'cobuild.projects_special_groups', 'cobuild.projects_other',
  'wishes.fulfilled',
];

/**
 * The cockpit's volunteers group (志愿吕梁, 双报到, 结对共建, 微心愿) counted from the records: a
 * small city with known rows — and rows that must not count (another year, another month,
 * dissolved, declined, pending, corrected, still on the board) — compared with a hand count.
 */
describe('the cockpit: volunteers, co-building and micro-wishes', () => {
  // Past the small city's rows (written at the real time), and at least two hours into the month
  // so this month's activity has started and can be confirmed.
  const real = new Date(Date.now() + 60_000);
  const clock = new ManualClock(new Date(Math.max(real.getTime(), chinaMonthStart(chinaMonth(real)).getTime() + 2 * 3600_000)));
  const now = clock.now();
  const month = chinaMonth(now);
  const from = chinaMonthStart(month);
  const year = Number(month.slice(0, 4));
  const yearStart = chinaMonthStart(`${year}-01`);
  const inMonth = new Date(now.getTime() - 60_000);
  const lastMonth = new Date(from.getTime() - 3 * 86400_000);
  const later = new Date(now.getTime() + 3600_000);
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let cityAdmin: Session;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    const [a, b, c, , e] = city.communities;
    const [A, B, C, E] = [a!, b!, c!, e!];
    const place = (u: { id: number; path: string; county_code: string }) => ({ org_id: u.id, org_path: u.path, county_code: u.county_code });

    // 志愿组织: two in 离石区 (a community's, a street's), one in 孝义市; one dissolved last month.
    const orgs = await t.db.insertInto('volunteer_org').values([
      { ...place(A.community), name: '滨河一社区志愿服务队', kind: 'community_team', contact_name: '王' },
      { ...place(city.streets[0]!), name: '滨河街道志愿者协会', kind: 'social_org', contact_name: '李' },
      { ...place(E.community), name: '新义一社区志愿服务队', kind: 'community_team', contact_name: '赵' },
      { ...place(B.community), name: '已撤销服务队', kind: 'other', contact_name: '钱', dissolved_at: lastMonth },
    ]).returning('id').execute();
    // 注册志愿者: two in A, one in E; one registered after the period's end.
    const vols = await t.db.insertInto('volunteer').values([
      { ...place(A.community), name: '志愿者甲' }, { ...place(A.community), name: '志愿者乙' }, { ...place(E.community), name: '志愿者丙' },
      { ...place(A.community), name: '明天登记', created_at: later },
    ]).returning('id').execute();
    const [orgA, , orgE] = orgs.map((o) => o.id);
    const [v1, v2, v3] = vols.map((v) => v.id);
    const projects = await t.db.insertInto('volunteer_project').values([
      { volunteer_org_id: orgA!, org_path: A.community.path, county_code: A.community.county_code, name: '助老送餐' },
      { volunteer_org_id: orgE!, org_path: E.community.path, county_code: E.community.county_code, name: '暑期托管' },
    ]).returning('id').execute();
    const activity = async (project: number, org: number, p: typeof A.community, startsAt: Date, title: string) =>
      (await t.db.insertInto('volunteer_activity').values({
        project_id: project, volunteer_org_id: org, place_id: p.id, org_path: p.path, county_code: p.county_code, title,
        starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3600_000), capacity: 10,
      }).returning('id').executeTakeFirstOrThrow()).id;
    const thisA = await activity(projects[0]!.id, orgA!, A.community, new Date(from.getTime() + 60_000), '本月送餐');
    const thisE = await activity(projects[1]!.id, orgE!, E.community, new Date(from.getTime() + 60_000), '本月托管');
    const pastA = await activity(projects[0]!.id, orgA!, A.community, lastMonth, '上月送餐');
    // Hours through the organiser's confirmation and correction (an hour entry moves the activity's total).
    const secretaryA = await login(t.app, (await addAccount(t.db, 'community_secretary', A.community)).username);
    const secretaryE = await login(t.app, (await addAccount(t.db, 'community_secretary', E.community)).username);
    const word = '忘带手机，组织者见证';
    const ok = (r: { status: number; body: unknown }) => expect(r.status, JSON.stringify(r.body)).toBe(200);
    ok(await secretaryA.request('POST', `/api/volunteers/activities/${thisA}/confirm`, { served: 10, entries: [{ volunteerId: v1, hours: 1, reason: word }, { volunteerId: v2, hours: 1, reason: word }] }));
    // 1 h corrected to 0.5 h: a reversal and a new entry; 1.5 h stand.
    ok(await secretaryA.request('POST', `/api/volunteers/activities/${thisA}/corrections`, { volunteerId: v2, hours: 0.5, reason: '中途离开半小时' }));
    ok(await secretaryE.request('POST', `/api/volunteers/activities/${thisE}/confirm`, { served: 4, entries: [{ volunteerId: v3, hours: 1, reason: word }] }));
    ok(await secretaryA.request('POST', `/api/volunteers/activities/${pastA}/confirm`, { served: 7, entries: [{ volunteerId: v1, hours: 1, reason: word }] }));
    // An activity of this month not yet confirmed: neither hours nor residents served.
    await activity(projects[0]!.id, orgA!, B.community, new Date(from.getTime() + 30_000), '未确认活动');

    // 结对共建单位 and 在职党员报到, for this year, confirmed by the period's end.
    const units = await t.db.insertInto('work_unit').values([
      { ...place(city.county), name: '区税务局', kind: 'organ', party_org_name: '区税务局党支部', contact_name: '周' },
      { ...place(city.county), name: '区医院', kind: 'institution', party_org_name: '区医院党委', contact_name: '吴' },
      { ...place(city.otherCounty), name: '市供电公司', kind: 'enterprise', party_org_name: '供电公司党委', contact_name: '郑' },
    ]).returning('id').execute();
    const [u1, u2, u3] = units.map((u) => u.id);
    const pairing = (unit: number, x: typeof A, y: number, status: 'pending' | 'confirmed' | 'declined', decidedAt: Date | null) => ({
      work_unit_id: unit, community_id: x.community.id, org_path: x.community.path, county_code: x.community.county_code, year: y, status,
      decided_at: decidedAt, decline_reason: status === 'declined' ? '社区已有结对单位' : null,
    });
    await t.db.insertInto('unit_pairing').values([
      pairing(u1!, A, year, 'confirmed', inMonth), pairing(u1!, B, year, 'confirmed', lastMonth), // one unit, two communities: counted at each
      pairing(u3!, E, year, 'confirmed', inMonth),
      pairing(u2!, A, year, 'pending', null), pairing(u2!, C, year, 'declined', inMonth), // not confirmed
      pairing(u3!, E, year - 1, 'confirmed', lastMonth), // last year's
      pairing(u2!, B, year, 'confirmed', later), // confirmed after the period's end
    ]).execute();
    const report = (x: typeof A, y: number, status: 'pending' | 'confirmed' | 'declined', decidedAt: Date | null) => ({
      party_member_id: x.memberId, resident_id: x.residentId, community_id: x.community.id, org_path: x.community.path, county_code: x.community.county_code,
      year: y, work_unit_name: '区税务局', status, decided_at: decidedAt, decline_reason: status === 'declined' ? '不是本社区居民' : null,
    });
    await t.db.insertInto('member_report').values([
      report(A, year, 'confirmed', inMonth), report(E, year, 'confirmed', lastMonth),
      report(B, year - 1, 'confirmed', lastMonth), report(B, year, 'pending', null), report(C, year, 'declined', inMonth),
    ]).execute();

    // 结对共建项目 by category: taken on by a unit, running or accepted this year.
    const project = (x: typeof A, category: string, status: string, unit: number | null, taken: Date | null, accepted: Date | null = null) => ({
      community_id: x.community.id, org_path: x.community.path, county_code: x.community.county_code, category: category as 'other', title: `${category}项目`,
      starts_on: '2026-01-01', ends_on: '2026-12-31', origin: 'published' as const, status: status as 'published', work_unit_id: unit, taken_at: taken, accepted_at: accepted,
    });
    await t.db.insertInto('cobuild_project').values([
      project(A, 'party_building', 'in_progress', u1!, inMonth),
      project(A, 'party_building', 'accepted', u1!, new Date(from.getTime() - 10 * 86400_000), inMonth), // accepted this year
      project(A, 'party_building', 'accepted', u1!, new Date(yearStart.getTime() - 30 * 86400_000), new Date(yearStart.getTime() - 86400_000)), // done last year
      project(C, 'education', 'returned', u2!, lastMonth),
      project(B, 'education', 'withdrawn', null, null), // never ran
      project(E, 'livelihood', 'in_progress', u3!, inMonth),
      project(E, 'livelihood', 'published', null, null), // still on the board
    ]).execute();

    // 微心愿: confirmed this month in A and E; confirmed last month in A; awaiting confirmation in B; withdrawn in C.
    const poster = await addAccount(t.db, 'community_secretary', A.community);
    const wish = async (x: typeof A, state: 'confirmed' | 'fulfilled' | 'withdrawn', confirmedAt: Date | null) => {
      const r = await t.db.selectFrom('resident').select(['org_path', 'county_code']).where('id', '=', x.residentId).executeTakeFirstOrThrow();
      return {
        community_id: x.community.id, org_path: r.org_path, county_code: r.county_code, resident_id: x.residentId, person_kind: 'elderly_alone' as const,
        person_mask: '张*', place_label: '1号楼', title: '一台收音机', description: '', budget_yuan: 80, fulfil_by: '2026-12-31', state,
        posted_by: poster.id, posted_at: lastMonth, confirmed_at: confirmedAt,
        withdrawn_at: state === 'withdrawn' ? inMonth : null, withdraw_reason: state === 'withdrawn' ? '居民已自行解决' : null,
      };
    };
    await t.db.insertInto('wish').values([
      await wish(A, 'confirmed', inMonth), await wish(E, 'confirmed', inMonth), await wish(A, 'confirmed', lastMonth),
      await wish(B, 'fulfilled', null), await wish(C, 'withdrawn', null),
    ]).execute();
  });
  afterAll(() => t?.close());

  const figuresOf = (body: any) => Object.fromEntries(body.figures.map((f: any) => [f.key, f]));

  it('should keep every indicator of the volunteers group in the catalogue', () => {
    const keys = new Set(INDICATORS.map((i) => i.key));
    expect(KEYS.filter((k) => !keys.has(k))).toEqual([]);
    for (const i of INDICATORS.filter((x) => KEYS.includes(x.key))) expect(i.group, i.key).toBe('volunteers');
  });

  it('should count the city and each county by hand', async () => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ month, live: true });
    const f = figuresOf(r.body);
    const lishi = String(city.county.id);
    const xiaoyi = String(city.otherCounty.id);
    // Organisations: A's and the street's in 离石区, E's in 孝义市; the dissolved one is gone.
    expect(f['volunteers.organisations']).toMatchObject({ value: 3, byChild: { [lishi]: 2, [xiaoyi]: 1 } });
    // Volunteers: two in A, one in E; the one registered after the period's end is not yet.
    expect(f['volunteers.volunteers']).toMatchObject({ value: 3, byChild: { [lishi]: 2, [xiaoyi]: 1 } });
    // Hours: A 1 + 1 corrected to 0.5 = 1.5, E 1; last month's hour and the unconfirmed activity are not this month's.
    expect(f['volunteers.hours']).toMatchObject({ value: 2.5, previous: 1, byChild: { [lishi]: 1.5, [xiaoyi]: 1 } });
    expect(f['volunteers.residents_served']).toMatchObject({ value: 14, previous: 7, byChild: { [lishi]: 10, [xiaoyi]: 4 } });
    // Members: A's and E's this year; B's is last year's or pending, C's declined.
    expect(f['cobuild.members_reported']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
    // Pairings: the tax office with A and B, the power company with E.
    expect(f['cobuild.paired_units']).toMatchObject({ value: 3, byChild: { [lishi]: 2, [xiaoyi]: 1 } });
    expect(f['cobuild.projects_party_building']).toMatchObject({ value: 2, byChild: { [lishi]: 2, [xiaoyi]: 0 } });
    expect(f['cobuild.projects_education']).toMatchObject({ value: 1, byChild: { [lishi]: 1, [xiaoyi]: 0 } });
    expect(f['cobuild.projects_livelihood']).toMatchObject({ value: 1, byChild: { [lishi]: 0, [xiaoyi]: 1 } });
    for (const k of ['policy', 'culture_sports', 'special_groups', 'other']) expect(f[`cobuild.projects_${k}`].value, k).toBe(0);
    expect(f['wishes.fulfilled']).toMatchObject({ value: 2, previous: 1, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
  });

  it('should cut each figure by street and down to the lowest level it means', async () => {
    const [s1, s2] = city.streets.map((s) => String(s.id));
    const county = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.county.id}`);
    expect(county.status).toBe(200);
    const f = figuresOf(county.body);
    // The street's own organisation counts for 离石区 and for 滨河街道.
    expect(f['volunteers.organisations']).toMatchObject({ value: 2, byChild: { [s1!]: 2, [s2!]: 0 } });
    expect(f['volunteers.hours']).toMatchObject({ value: 1.5, byChild: { [s1!]: 1.5, [s2!]: 0 } });
    expect(f['cobuild.paired_units']).toMatchObject({ value: 2, byChild: { [s1!]: 2, [s2!]: 0 } });
    expect(f['cobuild.projects_education']).toMatchObject({ value: 1, byChild: { [s1!]: 0, [s2!]: 1 } });
    expect(f['cobuild.members_reported']).toMatchObject({ value: 1, byChild: { [s1!]: 1, [s2!]: 0 } });
    expect(f['wishes.fulfilled']).toMatchObject({ value: 1, byChild: { [s1!]: 1, [s2!]: 0 } });

    const a = city.communities[0]!;
    const community = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${a.community.id}`);
    expect(community.status).toBe(200);
    const g = figuresOf(community.body);
    expect(g['volunteers.residents_served']).toMatchObject({ value: 10, childLevel: false }); // held at the community, not cut by grid
    expect(g['cobuild.paired_units']).toMatchObject({ value: 1, childLevel: false });
    expect(g['wishes.fulfilled']).toMatchObject({ value: 1, childLevel: true, byChild: { [String(a.grid.id)]: 1 } });
    const grid = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${a.grid.id}`);
    const h = figuresOf(grid.body);
    expect(h['wishes.fulfilled'].value).toBe(1);
    expect(h['volunteers.hours']).toBeUndefined(); // not cut below the community
  });

  it('should give the same figures from the timer\'s count of every unit as counted live', async () => {
    await expectTimerCountMatchesLive(t, cityAdmin, clock, [city.city.id, city.county.id, city.streets[0]!.id, city.communities[0]!.community.id]);
  });
});
