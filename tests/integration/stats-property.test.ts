import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../server/modules/indicator-registry.js';
import { snapshotMonth } from '../../server/modules/stats/index.js';
import { addMonths, chinaDay, chinaMonth, chinaMonthStart, ManualClock } from '../../server/platform/clock.js';
import { addAccount, addUnit, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';
import { expectTimerCountMatchesLive } from '../helpers/cockpit-checks.js';

/**
 * The property module's cockpit figures against a hand count: a small city with companies,
 * branches, instructors, a 红黑榜 with corrections, sanctions, meetings and repairs — and rows
 * that must not count (exited, ended, not yet begun, unpublished, another month, another kind).
 */
describe('the cockpit: property figures counted from the records', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let cityAdmin: Session;
  const clock = new ManualClock(new Date(Date.now() + 60_000));
  const month = chinaMonth(clock.now());
  const prevMonth = addMonths(month, -1);
  // This month, before the window's end; last month; after this month ends (never counted for it).
  const past = new Date(clock.now().getTime() - 5000);
  const lastMonthAt = new Date(chinaMonthStart(month).getTime() - 86_400_000);
  const afterMonth = new Date(chinaMonthStart(addMonths(month, 1)).getTime() + 3_600_000);
  const today = chinaDay(clock.now());

  const KEYS = [
    'property.companies', 'property.branches', 'property.instructors', 'property.credit_score', 'property.red_list', 'property.black_list',
    'property.downgraded_projects', 'property.exited_companies', 'property.reselected_projects', 'property.meetings_held_rate',
    'property.lifts_repaired', 'property.repair_households', 'property.repairs_accepted', 'property.ebike_sheds', 'property.charging_ports', 'property.leaks_m2',
  ];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    const actor = await addAccount(t.db, 'county_admin', city.county);
    const g = city.communities.map((c) => c.grid);
    const { county: lishi, otherCounty: xiaoyi } = city;
    let n = 0;
    const company = async (county: typeof lishi, name: string, extra: Record<string, unknown> = {}) => (await t.db.insertInto('property_company').values({
      org_id: county.id, org_path: county.path, county_code: county.county_code, name, credit_code: `91${county.county_code}MA${String(++n).padStart(7, '0')}X`,
      contact_name: '经理', ...extra,
    }).returning('id').executeTakeFirstOrThrow()).id;
    // 离石区: A and E on the register (this month), B since 2025 and exited this month, F registered only after the month;
    // 孝义市: C and D, G since 2025 and exited last month.
    const A = await company(lishi, '甲物业');
    const B = await company(lishi, '乙物业', { status: 'exited', exited_at: past, created_at: new Date('2025-01-01T00:00:00+08:00') });
    const E = await company(lishi, '戊物业');
    await company(lishi, '己物业', { created_at: afterMonth });
    const C = await company(xiaoyi, '丙物业');
    const D = await company(xiaoyi, '丁物业');
    const G = await company(xiaoyi, '庚物业', { status: 'exited', exited_at: lastMonthAt, created_at: new Date('2025-01-01T00:00:00+08:00') });

    // Branches: A's own, C and D's joint one; a branch set up after the month does not count.
    const branch = async (county: typeof lishi, kind: 'independent' | 'joint', companies: number[], createdAt?: Date) => {
      const { id } = await t.db.insertInto('property_branch').values({
        org_id: county.id, org_path: county.path, county_code: county.county_code, kind, name: `支部${++n}`, secretary_name: '书记', member_count: 5,
        ...(createdAt ? { created_at: createdAt } : {}),
      }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('property_branch_company').values(companies.map((c) => ({ branch_id: id, company_id: c }))).execute();
    };
    await branch(lishi, 'independent', [A]);
    await branch(xiaoyi, 'joint', [C, D]);
    await branch(lishi, 'independent', [E], afterMonth);

    // Instructors: serving A and C; one of A's ended in 2020, D's starts next month, B's company has exited.
    const instructor = (county: typeof lishi, companyId: number, fromOn: string, toOn: string | null = null) => ({
      company_id: companyId, org_path: county.path, county_code: county.county_code, name: `指导员${++n}`, unit: '住建局', from_on: fromOn, to_on: toOn,
    });
    await t.db.insertInto('property_instructor').values([
      instructor(lishi, A, today), instructor(lishi, A, '2020-01-01', '2020-12-31'), instructor(lishi, B, '2025-01-01'),
      instructor(xiaoyi, C, '2025-06-01'), instructor(xiaoyi, D, `${addMonths(month, 1)}-01`),
    ]).execute();

    // 红黑榜. 离石区: 2026-Q3 published last month (A red 92.5, B black 55, E 70 — corrected onto the red list this month);
    // an older Q2 and an unpublished Q4 do not count. 孝义市: Q3 published this month (C red 80, D black 30 corrected off);
    // its Q4 is published only after the month.
    const scheme = async (county: typeof lishi) => (await t.db.insertInto('property_credit_scheme').values({
      org_id: county.id, org_path: county.path, county_code: county.county_code, version: 1, name: '信用评价方案', red_top_n: 1, black_threshold: 60,
    }).returning('id').executeTakeFirstOrThrow()).id;
    const schemes = { [lishi.county_code]: await scheme(lishi), [xiaoyi.county_code]: await scheme(xiaoyi) };
    const quarter = async (county: typeof lishi, q: string, publishedAt: Date | null, scores: [number, number, 'red' | 'black' | null][]) => {
      const { id } = await t.db.insertInto('property_credit_quarter').values({
        org_id: county.id, org_path: county.path, county_code: county.county_code, quarter: q, scheme_id: schemes[county.county_code]!,
        status: publishedAt ? 'published' : 'scored', scored_at: lastMonthAt, published_at: publishedAt, companies: scores.length,
      }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('property_company_score').values(scores.map(([companyId, score, list], k) => ({
        quarter_id: id, company_id: companyId, compounds: 1, households: 10, score, rank: k + 1, list, list_reason: list ? '按方案' : null,
      }))).execute();
      return id;
    };
    await quarter(lishi, '2026-Q2', new Date(lastMonthAt.getTime() - 90 * 86_400_000), [[A, 40, 'black']]);
    const lishiQ3 = await quarter(lishi, '2026-Q3', lastMonthAt, [[A, 92.5, 'red'], [B, 55, 'black'], [E, 70, null]]);
    await quarter(lishi, '2026-Q4', null, [[A, 10, 'black']]);
    const xiaoyiQ3 = await quarter(xiaoyi, '2026-Q3', past, [[C, 80, 'red'], [D, 30, 'black']]);
    await quarter(xiaoyi, '2026-Q4', afterMonth, [[C, 0, 'black']]);
    const correct = async (county: typeof lishi, quarterId: number, companyId: number, before: 'red' | 'black' | null, after: 'red' | 'black' | null) => {
      const { id } = await t.db.insertInto('property_list_objection').values({
        quarter_id: quarterId, company_id: companyId, org_path: county.path, county_code: county.county_code, reason: '评分有误', filed_by: actor.id,
        filed_at: past, status: 'upheld', decided_by: actor.id, decided_at: past, decision_reason: '核实属实',
      }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('property_list_correction').values({
        quarter_id: quarterId, company_id: companyId, objection_id: id, list_before: before, list_after: after, reason: '更正', corrected_by: actor.id, corrected_at: past,
      }).execute();
    };
    await correct(lishi, lishiQ3, E, null, 'red');
    await correct(xiaoyi, xiaoyiQ3, D, 'black', null);

    // Contracts: A serves the first grids of 滨河街道 and 凤山街道, E another 滨河 grid, C a 新义 grid.
    const contract = async (companyId: number, grid: (typeof g)[number]) => (await t.db.insertInto('property_contract').values({
      company_id: companyId, compound_id: grid.id, org_path: grid.path, county_code: grid.county_code, starts_on: '2026-01-01', ends_on: '2028-12-31',
      fee_per_m2: 1.2, service_level: '2',
    }).returning('id').executeTakeFirstOrThrow()).id;
    const kA0 = await contract(A, g[0]!);
    const kE1 = await contract(E, g[1]!);
    const kA2 = await contract(A, g[2]!);
    const kC4 = await contract(C, g[4]!);
    const sanction = (companyId: number, kind: 'interview' | 'downgrade' | 'exit' | 'reselect', at: Date, on: { contract: number; grid: (typeof g)[number] } | { county: typeof lishi }) => ({
      company_id: companyId, kind, status: 'done' as const, reason: '服务不达标', decided_by: actor.id, decided_at: at,
      ...('contract' in on
        ? { contract_id: on.contract, compound_id: on.grid.id, org_path: on.grid.path, county_code: on.grid.county_code }
        : { org_path: on.county.path, county_code: on.county.county_code }),
      ...(kind === 'reselect' ? { reselect_to: 'self_run' as const } : {}),
    });
    await t.db.insertInto('property_sanction').values([
      // The same project downgraded twice this month counts once; E's project was downgraded last month.
      sanction(A, 'downgrade', past, { contract: kA0, grid: g[0]! }), sanction(A, 'downgrade', past, { contract: kA0, grid: g[0]! }),
      sanction(E, 'downgrade', lastMonthAt, { contract: kE1, grid: g[1]! }), sanction(C, 'downgrade', past, { contract: kC4, grid: g[4]! }),
      sanction(B, 'exit', past, { county: lishi }), sanction(G, 'exit', lastMonthAt, { county: xiaoyi }),
      sanction(A, 'reselect', past, { contract: kA2, grid: g[2]! }),
      sanction(A, 'interview', past, { county: lishi }), // another kind: counted by none of these
    ]).execute();

    // Meetings: the enclosed grids g0…g5 are due; a scattered grid and a dissolved compound are not.
    const scattered = await addUnit(t.db, city.communities[0]!.community, 'grid', '散居网格', { gridType: 'scattered' });
    const gone = await addUnit(t.db, city.communities[1]!.community, 'grid', '已撤并小区', { gridType: 'enclosed' });
    await t.db.updateTable('org_unit').set({ dissolved_at: past }).where('id', '=', gone.id).execute();
    const meeting = (grid: { id: number; path: string; county_code: string }, m: string, status: 'planned' | 'held' | 'cancelled', heldAt: Date | null = null) => ({
      compound_id: grid.id, org_path: grid.path, county_code: grid.county_code, month: m, status, held_at: heldAt,
    });
    await t.db.insertInto('property_meeting').values([
      meeting(g[0]!, month, 'held', past), meeting(g[1]!, month, 'planned'), meeting(g[2]!, prevMonth, 'held', lastMonthAt),
      meeting(g[3]!, month, 'cancelled'), meeting(g[4]!, month, 'held', past),
      meeting(scattered, month, 'held', past), meeting(gone, month, 'held', past),
    ]).execute();

    // Repairs accepted this month count; one only done, one rejected, one accepted last month do not.
    const repair = (grid: (typeof g)[number], kind: 'lift' | 'charging' | 'ebike_shed' | 'roof_leak' | 'wall_leak', quantity: number, households: number, status: 'done' | 'rejected' | 'accepted' | 'published', acceptedAt: Date | null = null) => ({
      compound_id: grid.id, org_path: grid.path, county_code: grid.county_code, kind, urgent: false, title: `维修${++n}`, description: '专项维修资金', quantity, households,
      budget: 10000, status, created_by: actor.id, accepted_at: acceptedAt,
      ...(status === 'published' ? { final_amount: 9800, published_at: acceptedAt } : {}),
    });
    await t.db.insertInto('property_repair').values([
      repair(g[0]!, 'lift', 2, 30, 'accepted', past), repair(g[2]!, 'lift', 1, 12, 'published', past), repair(g[1]!, 'lift', 5, 40, 'done'),
      repair(g[4]!, 'charging', 20, 50, 'accepted', past), repair(g[3]!, 'lift', 1, 8, 'published', lastMonthAt), repair(g[5]!, 'lift', 1, 6, 'rejected'),
      // Sheds and leaks (no households counted for them here, so the households figures above stay as they are).
      repair(g[0]!, 'ebike_shed', 2, 0, 'published', past), repair(g[1]!, 'wall_leak', 120, 0, 'accepted', past),
      repair(g[5]!, 'roof_leak', 80, 0, 'accepted', past), repair(g[1]!, 'roof_leak', 35, 0, 'done'),
    ]).execute();
  });
  afterAll(() => t?.close());

  const figuresOf = (body: any) => Object.fromEntries(body.figures.map((f: any) => [f.key, f]));
  const cockpit = async (orgId: number, m?: string) => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${orgId}${m ? `&month=${m}` : ''}`);
    expect(r.status).toBe(200);
    return figuresOf(r.body);
  };

  it('should list every property figure in the catalogue, in the property group', () => {
    const declared = new Map(INDICATORS.map((i) => [i.key, i]));
    expect(KEYS.filter((k) => !declared.has(k))).toEqual([]);
    for (const k of KEYS) expect(declared.get(k)).toMatchObject({ module: 'property', group: 'property' });
  });

  it('should count the city and each county by hand', async () => {
    const f = await cockpit(city.city.id);
    const lishi = String(city.county.id);
    const xiaoyi = String(city.otherCounty.id);
    expect(f['property.companies']).toMatchObject({ value: 4, byChild: { [lishi]: 2, [xiaoyi]: 2 } });
    expect(f['property.branches']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
    expect(f['property.instructors']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
    // (92.5 + 55 + 70) / 3 = 72.5 and (80 + 30) / 2 = 55; the city 327.5 / 5 = 65.5, not the mean of the two.
    expect(f['property.credit_score']).toMatchObject({ value: 65.5, byChild: { [lishi]: 72.5, [xiaoyi]: 55 } });
    expect(f['property.red_list']).toMatchObject({ value: 3, byChild: { [lishi]: 2, [xiaoyi]: 1 } });
    expect(f['property.black_list']).toMatchObject({ value: 1, byChild: { [lishi]: 1, [xiaoyi]: 0 } });
    expect(f['property.downgraded_projects']).toMatchObject({ value: 2, previous: 1, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
    expect(f['property.exited_companies']).toMatchObject({ value: 1, previous: 1, byChild: { [lishi]: 1, [xiaoyi]: 0 } });
    expect(f['property.reselected_projects']).toMatchObject({ value: 1, previous: 0, byChild: { [lishi]: 1, [xiaoyi]: 0 } });
    // Held this month: g0 of 离石区's four compounds, g4 of 孝义市's two.
    expect(f['property.meetings_held_rate']).toMatchObject({ value: 33.3, byChild: { [lishi]: 25, [xiaoyi]: 50 } });
    expect(f['property.lifts_repaired']).toMatchObject({ value: 3, previous: 1, byChild: { [lishi]: 3, [xiaoyi]: 0 } });
    expect(f['property.repair_households']).toMatchObject({ value: 92, previous: 8, byChild: { [lishi]: 42, [xiaoyi]: 50 } });
    // Accepted this month: two lifts, the charging ports, the shed and two leaks; the lift of last month and those done or rejected not.
    expect(f['property.repairs_accepted']).toMatchObject({ value: 6, previous: 1, byChild: { [lishi]: 4, [xiaoyi]: 2 } });
    expect(f['property.charging_ports']).toMatchObject({ value: 20, byChild: { [lishi]: 0, [xiaoyi]: 20 } });
    expect(f['property.ebike_sheds']).toMatchObject({ value: 2, byChild: { [lishi]: 2, [xiaoyi]: 0 } });
    expect(f['property.leaks_m2']).toMatchObject({ value: 200, byChild: { [lishi]: 120, [xiaoyi]: 80 } });
  });

  it('should cut compound figures by street and keep register figures at the county', async () => {
    const f = await cockpit(city.county.id);
    const [s0, s1] = city.streets.map((s) => String(s.id));
    expect(f['property.companies']).toMatchObject({ value: 2, childLevel: false });
    expect(f['property.credit_score']).toMatchObject({ value: 72.5, childLevel: false });
    expect(f['property.downgraded_projects']).toMatchObject({ value: 1, childLevel: true, byChild: { [s0!]: 1, [s1!]: 0 } });
    expect(f['property.reselected_projects']).toMatchObject({ value: 1, byChild: { [s0!]: 0, [s1!]: 1 } });
    expect(f['property.exited_companies']).toMatchObject({ value: 1, childLevel: false });
    expect(f['property.meetings_held_rate']).toMatchObject({ value: 25, childLevel: true, byChild: { [s0!]: 50, [s1!]: 0 } });
    expect(f['property.lifts_repaired']).toMatchObject({ value: 3, byChild: { [s0!]: 2, [s1!]: 1 } });
    expect(f['property.repair_households']).toMatchObject({ value: 42, byChild: { [s0!]: 30, [s1!]: 12 } });
    // A street shows what its compounds hold and no register figure.
    const street = await cockpit(city.streets[0]!.id);
    expect(street['property.companies']).toBeUndefined();
    expect(street['property.lifts_repaired'].value).toBe(2);
    const grid = await cockpit(city.communities[0]!.grid.id);
    expect(grid['property.meetings_held_rate'].value).toBe(100);
  });

  it('should count last month as it stood then: the list before this month\'s corrections and publications', async () => {
    const f = await cockpit(city.city.id, prevMonth);
    // Only 离石区's Q3 was published by then, E not yet corrected onto the red list; 孝义市 had none.
    expect(f['property.red_list']).toMatchObject({ value: 1, byChild: { [String(city.county.id)]: 1, [String(city.otherCounty.id)]: 0 } });
    expect(f['property.black_list'].value).toBe(1);
    expect(f['property.credit_score'].value).toBe(72.5);
    expect(f['property.downgraded_projects'].value).toBe(1);
    expect(f['property.exited_companies']).toMatchObject({ value: 1, byChild: { [String(city.otherCounty.id)]: 1 } });
    expect(f['property.lifts_repaired'].value).toBe(1);
    // At last month's end B stood (its exit came this month), G had gone, the others were registered only this month.
    expect(f['property.companies']).toMatchObject({ value: 1, byChild: { [String(city.county.id)]: 1, [String(city.otherCounty.id)]: 0 } });
  });

  it('should file the month\'s snapshot with the same figures', async () => {
    clock.set(new Date(chinaMonthStart(addMonths(month, 1)).getTime() + 60_000));
    expect(await snapshotMonth(t.db, month)).toBeGreaterThan(0);
    const f = await cockpit(city.city.id, month);
    const lishi = String(city.county.id);
    expect(f['property.companies']).toMatchObject({ value: 4, byChild: { [lishi]: 2 } });
    expect(f['property.credit_score']).toMatchObject({ value: 65.5, byChild: { [lishi]: 72.5 } });
    expect(f['property.red_list'].value).toBe(3);
    expect(f['property.downgraded_projects']).toMatchObject({ value: 2, byChild: { [lishi]: 1 } });
    expect(f['property.meetings_held_rate'].value).toBe(33.3);
    expect(f['property.repair_households']).toMatchObject({ value: 92, byChild: { [lishi]: 42 } });
    const county = await cockpit(city.county.id, month);
    expect(county['property.lifts_repaired'].byChild).toMatchObject({ [String(city.streets[0]!.id)]: 2, [String(city.streets[1]!.id)]: 1 });
  });

  it('should give the same figures from the timer\'s count of every unit as counted live', async () => {
    await expectTimerCountMatchesLive(t, cityAdmin, clock, [city.city.id, city.county.id, city.streets[0]!.id, city.communities[0]!.community.id]);
  });
});
