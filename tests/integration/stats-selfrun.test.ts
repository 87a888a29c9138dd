import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../server/modules/indicator-registry.js';
import { INDICATORS as SELFRUN } from '../../server/modules/selfrun/selfrun.indicators.js';
import { addDays, addMonths, chinaDay, chinaMonth, chinaMonthStart, ManualClock } from '../../server/platform/clock.js';
import { addAccount, addUnit, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';
import { expectTimerCountMatchesLive } from '../helpers/cockpit-checks.js';

/**
 * 居民自办物业 in the cockpit: compounds by mode, the ten steps reached and the public accounts'
 * money, each compared with a hand count of known rows — among them rows that must not count
 * (a live contract, a dissolved grid, a mode from tomorrow, a process started later, last
 * month's money, a reversed entry).
 */
describe('the cockpit: self-run compounds', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let cityAdmin: Session;
  // After the small city's rows (written at the real time): the window's end lies past them.
  const clock = new ManualClock(new Date(Date.now() + 60_000));
  const month = chinaMonth(clock.now());
  const today = chinaDay(clock.now());
  const lastMonthDay = addDays(chinaDay(chinaMonthStart(month)), -1);
  const later = new Date(clock.now().getTime() + 3_600_000);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    const staff = await addAccount(t.db, 'community_secretary', city.communities[0]!.community);
    const [a, b, c, d, e, f] = city.communities.map((x) => x.grid);
    const at = (g: typeof a) => ({ compound_id: g!.id, org_path: g!.path, county_code: g!.county_code });

    // Modes: a, e self-run; c unit-managed; f no management. b is self-run on paper but a company
    // serves it under a live contract; d is self-run only from tomorrow; a dissolved grid was self-run.
    const gone = await addUnit(t.db, city.communities[0]!.community, 'grid', '已撤并小区');
    await t.db.updateTable('org_unit').set({ dissolved_at: new Date('2025-01-01T00:00:00Z') }).where('id', '=', gone.id).execute();
    await t.db.insertInto('compound_profile').values([
      { ...at(a), mode: 'self_run', mode_since: '2025-03-01' },
      { ...at(b), mode: 'self_run', mode_since: '2025-03-01' },
      { ...at(c), mode: 'unit_managed', mode_since: '2024-01-01' },
      { ...at(d), mode: 'self_run', mode_since: addDays(today, 1) },
      { ...at(e), mode: 'self_run', mode_since: '2025-05-01' },
      { ...at(f), mode: 'none', mode_since: '2025-05-01' },
      { ...at(gone), mode: 'self_run', mode_since: '2024-01-01' },
    ]).execute();
    const { id: companyId } = await t.db.insertInto('property_company').values({
      org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code, name: '滨河物业', credit_code: '911411020000000009', contact_name: '王经理',
    }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('property_contract').values([
      { company_id: companyId, ...at(b), starts_on: '2025-01-01', ends_on: '2027-12-31', fee_per_m2: 1.2, service_level: '2' },
      // An ended contract of a: the compound is self-run again.
      { company_id: companyId, ...at(a), starts_on: '2022-01-01', ends_on: '2024-12-31', fee_per_m2: 1, service_level: '3', status: 'ended', ended_on: '2024-12-31' },
    ]).execute();

    // The ten steps: a completed them all; c and f are under way; e starts only after the window.
    const started = new Date(clock.now().getTime() - 10_000);
    await t.db.insertInto('selfrun_process').values([
      { ...at(a), step: 'done', started_at: started },
      { ...at(c), step: 'vote', started_at: started },
      { ...at(f), step: 'motion', started_at: started },
      { ...at(e), step: 'motion', started_at: later },
    ]).execute();
    const record = (g: typeof a, step: 'motion' | 'consultation' | 'service_review') => ({
      ...at(g), step, note: '已办理', completed_by: staff.id, completed_by_name: '书记', completed_as: 'staff' as const, completed_at: started,
    });
    await t.db.insertInto('selfrun_step_record').values([record(a, 'motion'), record(a, 'service_review'), record(c, 'motion'), record(c, 'consultation')]).execute();

    // The public accounts, in fen: a takes 100.00 parking, 50.00 advert written in error and
    // reversed today, pays 30.00 wages; a payment of 20.00 dated last month is reversed today;
    // e (孝义市) takes 123.45.
    const entry = (g: typeof a, seq: number, kind: 'income' | 'expense', category: string, amount: number, day: string, reverses: number | null = null) => ({
      ...at(g), seq, kind, category: category as 'parking', amount_fen: amount, day, summary: `第${seq}号`, reverses_id: reverses,
      reason: reverses ? '记错' : null, created_by: staff.id, created_by_name: '书记', created_as: 'staff' as const,
    });
    const ids = await t.db.insertInto('selfrun_ledger_entry').values([
      entry(a, 1, 'income', 'property_fee', 2000, lastMonthDay),
      entry(a, 2, 'income', 'parking', 10000, today),
      entry(a, 3, 'income', 'advert', 5000, today),
      entry(a, 4, 'expense', 'wages', 3000, today),
      entry(e, 1, 'income', 'parcel_locker', 12345, today),
    ]).returning(['id', 'seq', 'compound_id']).execute();
    const idOf = (seq: number) => ids.find((r) => r.compound_id === a!.id && r.seq === seq)!.id;
    await t.db.insertInto('selfrun_ledger_entry').values([
      entry(a, 5, 'income', 'advert', -5000, today, idOf(3)),
      entry(a, 6, 'income', 'property_fee', -2000, today, idOf(1)),
    ]).execute();
  });
  afterAll(() => t?.close());

  const figuresOf = (body: any) => Object.fromEntries(body.figures.map((x: any) => [x.key, x]));

  it('should keep every self-run figure in the cockpit\'s catalogue', () => {
    const keys = new Set(INDICATORS.map((i) => i.key));
    const ours = ['selfrun.self_run_compounds', 'selfrun.unit_managed_compounds', 'selfrun.unmanaged_compounds',
      'selfrun.steps_in_progress', 'selfrun.steps_completed', 'selfrun.account_income', 'selfrun.account_expense'];
    expect(ours.filter((k) => !keys.has(k))).toEqual([]);
    expect(SELFRUN.map((i) => i.key).sort()).toEqual([...ours].sort());
    for (const i of SELFRUN) expect([i.module, i.group], i.key).toEqual(['selfrun', 'selfrun']);
  });

  it('should count the city and each county by hand', async () => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ month, live: true });
    const x = figuresOf(r.body);
    const lishi = String(city.county.id);
    const xiaoyi = String(city.otherCounty.id);
    expect(x['selfrun.self_run_compounds']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
    expect(x['selfrun.unit_managed_compounds']).toMatchObject({ value: 1, byChild: { [lishi]: 1, [xiaoyi]: 0 } });
    expect(x['selfrun.unmanaged_compounds']).toMatchObject({ value: 1, byChild: { [lishi]: 0, [xiaoyi]: 1 } });
    expect(x['selfrun.steps_in_progress']).toMatchObject({ value: 2, byChild: { [lishi]: 1, [xiaoyi]: 1 } });
    expect(x['selfrun.steps_completed']).toMatchObject({ value: 1, byChild: { [lishi]: 1, [xiaoyi]: 0 } });
    // 离石区: 100 + 50 − 50 − 20 (last month's payment reversed this month) = 80; 孝义市 123.45.
    expect(x['selfrun.account_income']).toMatchObject({ value: 203.45, byChild: { [lishi]: 80, [xiaoyi]: 123.45 } });
    expect(x['selfrun.account_expense']).toMatchObject({ value: 30, byChild: { [lishi]: 30, [xiaoyi]: 0 } });
    // The month before is still in the ledger: the 20.00 dated then.
    expect(x['selfrun.account_income'].previous).toBe(20);
    expect(x['selfrun.account_expense'].previous).toBe(0);
  });

  it('should cut each figure down the tree to the compound', async () => {
    const [s0, s1] = city.streets;
    const county = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.county.id}`);
    expect(county.status).toBe(200);
    const x = figuresOf(county.body);
    expect(x['selfrun.steps_completed']).toMatchObject({ value: 1, byChild: { [String(s0!.id)]: 1, [String(s1!.id)]: 0 } });
    expect(x['selfrun.steps_in_progress']).toMatchObject({ value: 1, byChild: { [String(s0!.id)]: 0, [String(s1!.id)]: 1 } });
    expect(x['selfrun.unit_managed_compounds']).toMatchObject({ value: 1, byChild: { [String(s0!.id)]: 0, [String(s1!.id)]: 1 } });
    const a = city.communities[0]!;
    const community = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${a.community.id}`);
    const y = figuresOf(community.body);
    expect(y['selfrun.account_income']).toMatchObject({ value: 80, byChild: { [String(a.grid.id)]: 80 }, childLevel: true });
    expect(y['selfrun.self_run_compounds']).toMatchObject({ value: 1, byChild: { [String(a.grid.id)]: 1 } });
    const grid = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${a.grid.id}`);
    expect(figuresOf(grid.body)['selfrun.account_expense'].value).toBe(30);
  });

  it('should count last month from the ledger as it stood then', async () => {
    const r = await cityAdmin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}&month=${addMonths(month, -1)}`);
    expect(r.status).toBe(200);
    expect(r.body.live).toBe(false);
    const x = figuresOf(r.body);
    expect(x['selfrun.account_income']).toMatchObject({ value: 20, byChild: { [String(city.county.id)]: 20 } });
    // The processes started this month: none stood at last month's end.
    expect(x['selfrun.steps_in_progress'].value).toBe(0);
    expect(x['selfrun.steps_completed'].value).toBe(0);
  });

  it('should give the same figures from the timer\'s count of every unit as counted live', async () => {
    await expectTimerCountMatchesLive(t, cityAdmin, clock, [city.city.id, city.county.id, city.streets[0]!.id, city.communities[0]!.community.id]);
  });
});
