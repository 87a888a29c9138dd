import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../server/modules/indicator-registry.js';
import { snapshotMonth } from '../../server/modules/stats/index.js';
import { statsJobHandlers } from '../../server/modules/stats/snapshots.service.js';
import { addMonths, chinaMonth, chinaMonthStart, ManualClock } from '../../server/platform/clock.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * The cockpit counts what the records hold: a small city with known rows, every figure compared
 * with a hand count, per unit and per child, live and from the month's snapshot.
 */
describe('the cockpit: indicators counted from the records', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let cityAdmin: Session;
  let countyAdmin: Session;
  // After the small city's rows (written at the real time): the window's end lies past them.
  const clock = new ManualClock(new Date(Date.now() + 60_000));
  const month = chinaMonth(clock.now());

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    countyAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    const [a, b] = city.communities;
    // A branch at the first grid (支部建在网格上); a graduate assistant and a grid worker in the first community.
    await t.db.insertInto('party_org').values({ kind: 'branch', name: '第1网格党支部', org_id: a!.grid.id, org_path: a!.grid.path, county_code: a!.grid.county_code }).execute();
    await t.db.insertInto('staff').values([
      { org_id: a!.community.id, org_path: a!.community.path, county_code: a!.community.county_code, name: '助理', post: 'graduate_assistant', post_type: null, grade: null },
      { org_id: a!.grid.id, org_path: a!.grid.path, county_code: a!.grid.county_code, name: '网格员', post: 'grid_worker', post_type: 'worker', grade: 1 },
      // Left the post last month: not counted.
      { org_id: a!.grid.id, org_path: a!.grid.path, county_code: a!.grid.county_code, name: '离岗网格员', post: 'grid_worker', post_type: 'worker', grade: 1, left_on: '2020-01-01' },
    ]).execute();
    // Points in the first community: two deeds for its household, one reversed; a redemption and its refund; one kept.
    const e = (seq: number, amount: number, kind: string, extra: Record<string, unknown> = {}) => ({
      community_id: a!.community.id, seq, org_path: a!.household.org_path, county_code: a!.household.county_code, holder_kind: 'household' as const,
      holder_id: a!.household.id, amount, kind: kind as 'deed', month, note: '', created_at: clock.now(), prev_hash: `h${seq - 1}`, hash: `h${seq}`, ...extra,
    });
    const first = await t.db.insertInto('points_entry').values(e(1, 10, 'deed')).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('points_entry').values([e(2, 5, 'deed'), e(3, -10, 'reversal', { reverses_id: first.id }), e(4, -3, 'redeem'), e(5, -2, 'redeem'), e(6, 2, 'refund')]).execute();
    // Demands: the third's solved on the spot and rated satisfied, the fourth's resolved and rated unsatisfied, the fifth's overdue.
    const [, , c, d, e5] = city.communities;
    const past = new Date(clock.now().getTime() - 5000);
    await t.db.updateTable('demand').set({ resolved_at: past, rating: 'satisfied', tier: 'spot' }).where('id', '=', c!.demandId).execute();
    await t.db.updateTable('demand').set({ resolved_at: past, rating: 'unsatisfied' }).where('id', '=', d!.demandId).execute();
    await t.db.updateTable('demand').set({ due_at: past }).where('id', '=', e5!.demandId).execute();
    // A party group; two secretaries rated for last year, one with three stars.
    await t.db.insertInto('party_org').values({ kind: 'group', name: '第1党小组', org_id: a!.grid.id, org_path: a!.grid.path, county_code: a!.grid.county_code }).execute();
    for (const [k, stars] of [[0, 3], [1, 2]] as const) {
      const x = city.communities[k]!;
      await t.db.insertInto('secretary_rating').values({
        staff_id: x.staffId, community_id: x.community.id, org_path: x.community.path, county_code: x.community.county_code, year: 2025,
        figures: JSON.stringify({}), counted_score: 60, total_score: 80, stars, computed_at: past,
      }).execute();
    }
    // The second community's demand is escalated once.
    await t.db.insertInto('demand_event').values({
      demand_id: b!.demandId, at: new Date(clock.now().getTime() - 1000), action: 'escalate', org_path: b!.grid.path, county_code: b!.grid.county_code,
    }).execute();
  });
  afterAll(() => t?.close());

  const figuresOf = (body: any) => Object.fromEntries(body.figures.map((f: any) => [f.key, f]));

  it('should declare every figure the brief names for the modules that exist', () => {
    const keys = new Set(INDICATORS.map((i) => i.key));
    const required = [
      'org.counties', 'org.streets', 'org.communities', 'org.grids', 'people.residents', 'people.households',
      'party.committees', 'party.branches', 'party.members', 'party.grids_with_branch',
      'workforce.grid_workers', 'workforce.community_workers', 'workforce.graduate_assistants', 'workforce.workers_per_10k', 'workforce.starred_secretaries', 'workforce.rated_secretaries',
      'demands.received', 'demands.on_spot_rate', 'demands.resolution_rate', 'demands.satisfaction_rate', 'demands.escalated', 'demands.overdue',
      'points.households_taking_part', 'points.issued', 'points.redeemed', 'points.redemptions',
      'demands.via_phone', 'demands.via_visit', 'demands.walk_in', 'demands.via_hotline', 'leaders.visits', 'leaders.problems_found', 'leaders.problems_solved', 'points.commendations',
      'venues.centres', 'venues.stations', 'venues.standard_rate', 'venues.bookings_confirmed', 'venues.check_ins', 'venues.visitors',
      'supervision.inspections', 'supervision.problems_found', 'supervision.problems_verified', 'supervision.rectification_rate', 'supervision.problems_overdue',
      'volunteers.organisations', 'volunteers.volunteers', 'volunteers.hours', 'volunteers.residents_served',
      'cobuild.members_reported', 'cobuild.paired_units', 'cobuild.projects_party_building', 'cobuild.projects_policy', 'cobuild.projects_education',
      'cobuild.projects_culture_sports', 'cobuild.projects_livelihood', 'cobuild.projects_special_groups', 'cobuild.projects_other', 'wishes.fulfilled',
      'property.companies', 'property.branches', 'property.instructors', 'property.credit_score', 'property.red_list', 'property.black_list',
      'property.downgraded_projects', 'property.exited_companies', 'property.reselected_projects', 'property.meetings_held_rate',
      'property.lifts_repaired', 'property.repair_households', 'property.repairs_accepted', 'property.ebike_sheds', 'property.charging_ports', 'property.leaks_m2',
      'demands.category_environment', 'demands.category_property', 'demands.category_safety', 'demands.category_neighbors',
      'selfrun.self_run_compounds', 'selfrun.steps_completed', 'selfrun.account_income', 'selfrun.account_expense',
      'newgroups.stations', 'newgroups.party_coverage', 'newgroups.workers', 'newgroups.worker_party_members', 'newgroups.whitelisted', 'newgroups.parttime_grid_members', 'newgroups.road_reports',
    ];
    expect(required.filter((k) => !keys.has(k))).toEqual([]);
    expect(keys.size).toBe(INDICATORS.length); // keys are unique
    for (const i of INDICATORS) {
      expect(i.key.startsWith(`${i.module}.`), i.key).toBe(true);
      expect(i.name.zh && i.name.en && i.definition.zh && i.definition.en && i.sources.length, i.key).toBeTruthy();
    }
    // The cockpit and the monthly report open with a few headline figures, one per part of the brief.
    expect(INDICATORS.filter((i) => i.headline).map((i) => i.key)).toEqual([
      'people.residents', 'party.grids_with_branch', 'workforce.workers_per_10k', 'demands.received', 'demands.satisfaction_rate',
      'points.households_taking_part', 'volunteers.volunteers', 'newgroups.party_coverage',
    ]);
  });

  it('should count the city and each county by hand', async () => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ month, live: true, unit: { id: city.city.id, kind: 'city' } });
    expect(r.body.children.map((c: any) => c.id)).toEqual(expect.arrayContaining([city.county.id, city.otherCounty.id]));
    const f = figuresOf(r.body);
    const lishi = String(city.county.id);
    const xiaoyi = String(city.otherCounty.id);
    expect(f['org.counties'].value).toBe(2);
    expect(f['org.streets']).toMatchObject({ value: 3, byChild: { [lishi]: 2, [xiaoyi]: 1 } });
    expect(f['org.communities']).toMatchObject({ value: 6, byChild: { [lishi]: 4, [xiaoyi]: 2 } });
    expect(f['org.grids'].value).toBe(6);
    expect(f['people.residents']).toMatchObject({ value: 6, byChild: { [lishi]: 4, [xiaoyi]: 2 } });
    expect(f['people.households'].value).toBe(6);
    expect(f['party.committees'].value).toBe(6);
    expect(f['party.branches'].value).toBe(1);
    expect(f['party.members'].value).toBe(6);
    // One grid of six has a branch: 16.7 %; by county 1 of 4 and 0 of 2.
    expect(f['party.grids_with_branch']).toMatchObject({ value: 16.7, byChild: { [lishi]: 25, [xiaoyi]: 0 } });
    expect(f['workforce.community_workers'].value).toBe(6);
    expect(f['workforce.grid_workers'].value).toBe(1);
    expect(f['workforce.graduate_assistants'].value).toBe(1);
    // 6 community workers (no secretaries) per 6 residents: 10,000 per 10,000.
    expect(f['workforce.workers_per_10k'].value).toBe(10000);
    expect(f['demands.received']).toMatchObject({ value: 6, byChild: { [lishi]: 4, [xiaoyi]: 2 } });
    // Two of six resolved, one on the spot; one of the two rated satisfied; one past its deadline.
    expect(f['demands.resolution_rate'].value).toBe(33.3);
    expect(f['demands.satisfaction_rate']).toMatchObject({ value: 50, byChild: { [xiaoyi]: null } }); // 孝义市 rated nothing: no rate, not 0 %
    expect(f['demands.on_spot_rate'].value).toBe(16.7);
    expect(f['demands.overdue']).toMatchObject({ value: 1, byChild: { [xiaoyi]: 1, [lishi]: 0 } });
    expect(f['party.groups'].value).toBe(1);
    expect(f['workforce.starred_secretaries'].value).toBe(1);
    expect(f['workforce.rated_secretaries']).toMatchObject({ value: 2, byChild: { [lishi]: 2, [xiaoyi]: 0 } });
    expect(f['demands.escalated']).toMatchObject({ value: 1, byChild: { [lishi]: 1, [xiaoyi]: 0 } });
    // Deeds 10 + 5, the 10 reversed: 5 issued, one household; redeemed 3 + 2 − 2 refunded = 3 in one redemption.
    expect(f['points.issued']).toMatchObject({ value: 5, byChild: { [lishi]: 5, [xiaoyi]: 0 } });
    expect(f['points.households_taking_part'].value).toBe(1);
    expect(f['points.redeemed'].value).toBe(3);
    expect(f['points.redemptions'].value).toBe(1);
  });

  it('should drill down to a community and a grid with the same figures, each level meaning what it can', async () => {
    const a = city.communities[0]!;
    const street = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.streets[0]!.id}`);
    expect(street.status).toBe(200);
    const f = figuresOf(street.body);
    expect(f['org.counties']).toBeUndefined(); // no county under a street
    expect(f['org.communities'].value).toBe(2);
    expect(f['org.communities'].childLevel).toBe(false); // a community holds no communities
    expect(f['people.residents']).toMatchObject({ value: 2, byChild: { [String(a.community.id)]: 1 }, childLevel: true });
    const grid = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${a.grid.id}`);
    expect(grid.status).toBe(200);
    expect(grid.body.children).toEqual([]);
    expect(grid.body.trail.map((p: any) => p.id)).toEqual([city.city.id, city.county.id, city.streets[0]!.id, a.community.id, a.grid.id]);
    expect(figuresOf(grid.body)['people.residents'].value).toBe(1);
  });

  it('should keep a county to its own subtree, its trail starting at the county', async () => {
    expect((await countyAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`)).status).toBe(404);
    expect((await countyAdmin.request('GET', `/api/stats/cockpit?orgId=${city.otherCounty.id}`)).status).toBe(404);
    const own = await countyAdmin.request('GET', `/api/stats/cockpit?orgId=${city.county.id}`);
    expect(own.status).toBe(200);
    expect(own.body.trail.map((p: any) => p.id)).toEqual([city.county.id]);
    expect(figuresOf(own.body)['people.residents'].value).toBe(4);
    expect((await countyAdmin.request('GET', `/api/stats/trend?orgId=${city.otherCounty.id}&key=people.residents`)).status).toBe(404);
  });

  it('should refuse a month to come and an unknown indicator with a reason', async () => {
    const future = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}&month=${addMonths(month, 1)}`);
    expect(future.status).toBe(400);
    expect(future.body.code).toBe('VALIDATION_FAILED');
    const bad = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}&month=2026-13`);
    expect(bad.status).toBe(400);
    const unknown = await cityAdmin.request('GET', `/api/stats/trend?orgId=${city.city.id}&key=nothing.here`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('指标');
  });

  it('should file a month once at its end and read it back as that month and as the month before', async () => {
    // The month's timer runs after its end: the snapshot is this month's records as of then.
    const later = new ManualClock(new Date(chinaMonthStart(addMonths(month, 1)).getTime() + 3_600_000));
    const { ensureSnapshotTimer } = await import('../../server/modules/stats/snapshots.service.js');
    await ensureSnapshotTimer(t.db, clock.now());
    await ensureSnapshotTimer(t.db, clock.now()); // one timer, however often start-up runs
    const pending = await t.db.selectFrom('job').select(['payload', 'run_at']).where('kind', '=', 'stats.snapshot').where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(1);
    expect(await runDueJobs(t.db, statsJobHandlers(), later)).toBeGreaterThanOrEqual(1);
    const rows = await t.db.selectFrom('indicator_snapshot').select(['indicator', 'org_id', 'num']).where('month', '=', month).execute();
    const residentsOfCity = rows.find((r) => r.indicator === 'people.residents' && r.org_id === city.city.id);
    expect(Number(residentsOfCity?.num)).toBe(6);
    expect(Number(rows.find((r) => r.indicator === 'people.residents' && r.org_id === city.communities[0]!.grid.id)?.num)).toBe(1);
    // Counting the month again changes nothing.
    expect(await snapshotMonth(t.db, month)).toBe(0);
    const again = await t.db.selectFrom('indicator_snapshot').select((eb) => eb.fn.countAll<number>().as('n')).where('month', '=', month).executeTakeFirstOrThrow();
    expect(Number(again.n)).toBe(rows.length);
    // The next month's timer waits for that month's end.
    const next = await t.db.selectFrom('job').select(['payload']).where('kind', '=', 'stats.snapshot').where('status', '=', 'pending').execute();
    expect(next.map((j) => (j.payload as { month: string }).month)).toEqual([addMonths(month, 1)]);

    // Read back: the month from its snapshot, even after a record is added; the month after shows it as "previous".
    await t.db.insertInto('resident').values({
      household_id: city.communities[0]!.household.id, org_path: city.communities[0]!.household.org_path, county_code: city.communities[0]!.household.county_code,
      name: '后来者', gender: 'male', birth_date: '1990-01-01', id_number_enc: 'x', id_number_hash: `late-${Date.now()}`, id_number_mask: 'x', created_at: clock.now(),
    }).execute();
    // A month later: the month is read from its snapshot, the new record counts in the month under way.
    clock.set(later.now());
    const next1 = chinaMonth(later.now());
    const past = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}&month=${month}`);
    expect(past.status).toBe(200);
    expect(past.body.live).toBe(false);
    expect(figuresOf(past.body)['people.residents'].value).toBe(6);
    const now1 = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`);
    expect(now1.body).toMatchObject({ month: next1, live: true });
    expect(figuresOf(now1.body)['people.residents']).toMatchObject({ value: 7, previous: 6 });
    const trend = await cityAdmin.request('GET', `/api/stats/trend?orgId=${city.city.id}&key=people.residents&months=3`);
    expect(trend.status).toBe(200);
    expect(trend.body.points.map((p: any) => p.month)).toEqual([addMonths(next1, -2), addMonths(next1, -1), next1]);
    expect(trend.body.points.at(-1)).toMatchObject({ source: 'live', value: 7 });
    expect(trend.body.points.find((p: any) => p.month === month)).toMatchObject({ source: 'snapshot', value: 6 });
  });

  it('should write the monthly report with the comparison, as a page and as a workbook', async () => {
    // The clock stands in the month after the snapshot (the test before moved it).
    const r = await cityAdmin.request('GET', `/api/stats/report?orgId=${city.city.id}`);
    expect(r.status).toBe(200);
    expect(r.body.summary[0]).toContain(city.city.name);
    expect(r.body.summary).toContain('登记居民数7，比上月增加1（+16.7%）。');
    const x = await cityAdmin.request('GET', `/api/stats/report/export?orgId=${city.city.id}&month=${r.body.month}`);
    expect(x.status).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: `/api/stats/report/export?orgId=${city.city.id}&month=${r.body.month}`, headers: { cookie: cityAdmin.cookie } });
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['月报摘要', '指标', '下级单位']);
    const rows = wb.getWorksheet('指标')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.find((row) => row[2] === '登记居民数')?.slice(3, 5)).toEqual([7, 6]);
    const below = wb.getWorksheet('下级单位')!;
    expect(below.getRow(1).values).toContain('登记居民数');
    expect((await countyAdmin.request('GET', `/api/stats/report/export?orgId=${city.otherCounty.id}&month=${r.body.month}`)).status).toBe(404);
  });
});

describe('open data and the public portal', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let countyAdmin: Session;
  let streetAdmin: Session;
  const clock = new ManualClock(new Date(Date.now() + 60_000));
  const month = chinaMonth(clock.now());

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    countyAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    streetAdmin = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    await snapshotMonth(t.db, month);
  });
  afterAll(() => t?.close());

  it('should publish only public indicators, by the county, and keep withdrawn ones', async () => {
    const choice = await countyAdmin.request('GET', `/api/stats/open-data?countyId=${city.county.id}`);
    expect(choice.status).toBe(200);
    expect(choice.body.choosable).toContain('people.residents');
    expect(choice.body.choosable).not.toContain('demands.overdue');
    const refused = await countyAdmin.request('PUT', '/api/stats/open-data', { countyId: city.county.id, indicators: ['people.residents', 'demands.overdue'] });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('demands.overdue');
    expect((await streetAdmin.request('PUT', '/api/stats/open-data', { countyId: city.county.id, indicators: ['people.residents'] })).status).toBe(403);
    expect((await countyAdmin.request('PUT', '/api/stats/open-data', { countyId: city.otherCounty.id, indicators: ['people.residents'] })).status).toBe(404);
    expect((await countyAdmin.request('PUT', '/api/stats/open-data', { countyId: city.county.id, indicators: ['people.residents', 'org.communities', 'demands.received'] })).body)
      .toEqual({ ok: true, added: 3, withdrawn: 0 });
    expect((await countyAdmin.request('PUT', '/api/stats/open-data', { countyId: city.county.id, indicators: ['people.residents', 'org.communities'] })).body)
      .toEqual({ ok: true, added: 0, withdrawn: 1 });
    const rows = await t.db.selectFrom('open_data_indicator').select(['indicator', 'withdrawn_at']).where('county_id', '=', city.county.id).execute();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.indicator === 'demands.received')?.withdrawn_at).not.toBeNull();
  });

  it('should serve the files without sign-in: dictionary, JSON and CSV from the month-end snapshots', async () => {
    const anon = (url: string) => t.app.inject({ method: 'GET', url });
    const list = (await anon('/api/public/open-data')).json();
    expect(list.items).toEqual([expect.objectContaining({ code: '141102', indicators: 2, latestMonth: month })]);
    const dict = (await anon('/api/public/open-data/141102/dictionary.json')).json();
    expect(dict.indicators.map((i: any) => i.key)).toEqual(['org.communities', 'people.residents']);
    const json = (await anon('/api/public/open-data/141102/indicators.json')).json();
    const county = json.rows.find((r: any) => r.unit_level === 'county' && r.indicator === 'people.residents');
    expect(county).toMatchObject({ month, unit_name: '离石区', value: 4 });
    expect(json.rows.filter((r: any) => r.unit_level === 'community' && r.indicator === 'people.residents')).toHaveLength(4);
    expect(json.rows.some((r: any) => r.unit_level === 'grid')).toBe(false); // no finer than communities
    expect(json.rows.some((r: any) => r.indicator === 'demands.received')).toBe(false); // withdrawn
    const csv = await anon('/api/public/open-data/141102/indicators.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('month,unit_code,unit_name,unit_level,indicator,value');
    expect(lines).toHaveLength(json.rows.length + 1);
    expect((await anon('/api/public/open-data/141181/indicators.json')).json().rows).toEqual([]); // publishes nothing
    expect((await anon('/api/public/open-data/999999/indicators.json')).statusCode).toBe(404);
    expect((await anon('/api/public/open-data/abc/indicators.json')).statusCode).toBe(400);
    const figures = (await anon('/api/public/figures')).json();
    expect(figures.items).toEqual([expect.objectContaining({ code: '141102', month, figures: expect.arrayContaining([expect.objectContaining({ key: 'people.residents', value: 4 })]) })]);
  });
});
