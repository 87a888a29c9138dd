import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../server/modules/indicator-registry.js';
import { snapshotMonth } from '../../server/modules/stats/index.js';
import { ensureRefreshTimer, ensureSnapshotTimer, refreshCurrent, REFRESH_EVERY_MS, statsJobHandlers } from '../../server/modules/stats/snapshots.service.js';
import { addMonths, chinaMonth, chinaMonthStart, ManualClock } from '../../server/platform/clock.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/** A test app with the small city and a city admin signed in. */
async function smallCityWithAdmin(clock: ManualClock) {
  const t = await createTestApp({ clock });
  const city = await buildSmallCity(t);
  const admin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
  return { t, city, admin };
}

/** The tree and its residents as set up at `since` (registers taken over with their own dates). */
const dateTree = (t: TestApp, since: Date) => Promise.all([
  t.db.updateTable('org_unit').set({ created_at: since }).execute(),
  t.db.updateTable('resident').set({ created_at: since }).execute(),
]);

const figuresOf = (body: any) => Object.fromEntries(body.figures.map((f: any) => [f.key, f])) as Record<string, { value: number | null; byChild: Record<string, number | null> }>;

/**
 * The cockpit over time: the month under way counted for every unit by a timer (and read back
 * the same as counting live), and past months rolled up under today's tree after a merge while
 * their history stays filed under the unit that existed then.
 */
describe('the cockpit over time', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let admin: Session;
  const clock = new ManualClock(new Date(Date.now() + 60_000));
  const month = chinaMonth(clock.now());

  beforeAll(async () => {
    ({ t, city, admin } = await smallCityWithAdmin(clock));
  });
  afterAll(() => t?.close());

  it('should read the timer\'s count of the month under way exactly as counting live, at every level', async () => {
    const units = [city.city, city.county, city.streets[0]!, city.communities[0]!.community];
    const live = [];
    for (const u of units) {
      const r = await admin.request('GET', `/api/stats/cockpit?orgId=${u.id}`);
      expect(r.status).toBe(200);
      live.push(r.body);
    }
    expect(await refreshCurrent(t.db, clock.now())).toBeGreaterThan(0);
    for (const [k, u] of units.entries()) {
      const counted = await admin.request('GET', `/api/stats/cockpit?orgId=${u.id}`);
      expect(counted.body.asOf).toBe(clock.now().toISOString());
      expect(counted.body.live).toBe(true);
      // Every indicator of the catalogue, for the unit and each child: one count per indicator for
      // the whole tree gives what counting each unit's children gives.
      expect(counted.body.figures.map((f: any) => [f.key, f.value, f.byChild])).toEqual(live[k].figures.map((f: any) => [f.key, f.value, f.byChild]));
    }
  });

  it('should show the last count until the timer counts again, then count again every few minutes', async () => {
    const a = city.communities[0]!;
    await t.db.insertInto('resident').values({
      household_id: a.household.id, org_path: a.household.org_path, county_code: a.household.county_code,
      name: '新来者', gender: 'female', birth_date: '1991-02-03', id_number_enc: 'x', id_number_hash: `new-${Date.now()}`, id_number_mask: 'x', created_at: clock.now(),
    }).execute();
    const stale = await admin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`);
    expect(figuresOf(stale.body)['people.residents']!.value).toBe(6);

    clock.set(new Date(clock.now().getTime() + 1000));
    await ensureRefreshTimer(t.db, clock.now());
    await ensureRefreshTimer(t.db, clock.now()); // one timer, however often start-up runs
    expect(await runDueJobs(t.db, statsJobHandlers(), clock)).toBe(1);
    const fresh = await admin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`);
    expect(fresh.body.asOf).toBe(clock.now().toISOString());
    expect(figuresOf(fresh.body)['people.residents']).toMatchObject({ value: 7, byChild: { [String(city.county.id)]: 5 } });
    const next = await t.db.selectFrom('job').select(['run_at']).where('kind', '=', 'stats.refresh').where('status', '=', 'pending').execute();
    expect(next.map((j) => new Date(j.run_at).getTime())).toEqual([clock.now().getTime() + REFRESH_EVERY_MS]);
    const trend = await admin.request('GET', `/api/stats/trend?orgId=${city.county.id}&key=people.residents&months=2`);
    expect(trend.body.points.at(-1)).toMatchObject({ month, value: 5, source: 'live' });
  });

  it('should roll a past month up under today\'s tree after a merge, keeping the merged unit\'s own history', async () => {
    await snapshotMonth(t.db, month);
    // The next month: 滨河街道二社区 merges into 凤山街道一社区 (another street).
    clock.set(new Date(chinaMonthStart(addMonths(month, 1)).getTime() + 3_600_000));
    const [a, b, c] = city.communities;
    const merged = await admin.request('POST', `/api/org/units/${b!.community.id}/merge`, { intoId: c!.community.id });
    expect(merged.status).toBe(200);

    const binhe = await admin.request('GET', `/api/stats/cockpit?orgId=${city.streets[0]!.id}&month=${month}`);
    expect(binhe.status).toBe(200);
    expect(binhe.body.live).toBe(false);
    // 滨河街道 today holds one community: two residents of it that month (one came mid-month).
    expect(figuresOf(binhe.body)['people.residents']).toMatchObject({ value: 2, byChild: { [String(a!.community.id)]: 2 } });
    expect(binhe.body.children.map((x: any) => x.id)).toEqual([a!.community.id]);
    const fengshan = await admin.request('GET', `/api/stats/cockpit?orgId=${city.streets[1]!.id}&month=${month}`);
    expect(figuresOf(fengshan.body)['people.residents']).toMatchObject({ value: 3, byChild: { [String(c!.community.id)]: 2 } });
    expect(figuresOf(fengshan.body)['org.grids'].value).toBe(3); // the merged community's grid now lies under 凤山
    // The county and the city are as they were: nothing left them.
    const county = await admin.request('GET', `/api/stats/cockpit?orgId=${city.county.id}&month=${month}`);
    expect(figuresOf(county.body)['people.residents']).toMatchObject({ value: 5, byChild: { [String(city.streets[0]!.id)]: 2, [String(city.streets[1]!.id)]: 3 } });
    expect(figuresOf(county.body)['org.communities'].value).toBe(4);
    // A ratio is rolled up from its parts: 凤山 had no grid with a branch, 滨河 none either.
    expect(figuresOf(fengshan.body)['party.grids_with_branch'].value).toBe(0);
    // History: the merged community's row of that month is still filed under it, as it was.
    const kept = await t.db.selectFrom('indicator_snapshot').select(['num', 'org_path']).where('month', '=', month)
      .where('indicator', '=', 'people.residents').where('org_id', '=', b!.community.id).executeTakeFirstOrThrow();
    expect(Number(kept.num)).toBe(1);
    expect(kept.org_path).toBe(b!.community.path);
    // The trend of the community that took it in counts both for that month.
    const trend = await admin.request('GET', `/api/stats/trend?orgId=${c!.community.id}&key=people.residents&months=2`);
    expect(trend.body.points[0]).toMatchObject({ month, value: 2, source: 'snapshot' });
    // The month under way, not counted by the timer yet, is counted live on today's tree.
    expect(figuresOf((await admin.request('GET', `/api/stats/cockpit?orgId=${city.streets[1]!.id}`)).body)['org.communities'].value).toBe(2);
  });

  it('should keep every indicator additive: a unit\'s filed figure is its children\'s plus its own part', async () => {
    const rows = await t.db.selectFrom('indicator_snapshot').select(['indicator', 'org_id', 'org_path', 'depth', 'num', 'own_num']).where('month', '=', month).execute();
    const byUnit = new Map(rows.map((r) => [`${r.indicator}:${r.org_id}`, r]));
    for (const r of rows) {
      const children = rows.filter((x) => x.indicator === r.indicator && x.depth === r.depth + 1 && x.org_path.startsWith(r.org_path));
      expect(Number(r.num), `${r.indicator} at ${r.org_id}`).toBeCloseTo(children.reduce((s, x) => s + Number(x.num), 0) + Number(r.own_num), 6);
    }
    expect(byUnit.size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.indicator)).size).toBeLessThanOrEqual(INDICATORS.length);
  });
});

/**
 * A database whose registers were taken over with their own dates (a county's import, the demo
 * city) and that has no snapshot yet: the timer files the months its tree stood in, at most a
 * trend's worth, one after another, then waits for the month under way to end.
 */
describe('the first snapshots of a database with a history', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let admin: Session;
  const clock = new ManualClock(new Date(Date.now() + 60_000));
  const month = chinaMonth(clock.now());
  const pendingSnapshots = () => t.db.selectFrom('job').select(['id', 'payload']).where('kind', '=', 'stats.snapshot').where('status', '=', 'pending').execute();

  beforeAll(async () => {
    ({ t, city, admin } = await smallCityWithAdmin(clock));
  });
  afterAll(() => t?.close());

  it('should start eleven months back at most, however long the tree stood', async () => {
    await dateTree(t, chinaMonthStart(addMonths(month, -20)));
    await ensureSnapshotTimer(t.db, clock.now());
    expect((await pendingSnapshots()).map((j) => (j.payload as { month: string }).month)).toEqual([addMonths(month, -11)]);
    await t.db.deleteFrom('job').where('kind', '=', 'stats.snapshot').execute();
  });

  it('should file each month from the one the tree first stood in, then set the timer for this month\'s end', async () => {
    await dateTree(t, chinaMonthStart(addMonths(month, -3)));
    await ensureSnapshotTimer(t.db, clock.now());
    expect((await pendingSnapshots()).map((j) => (j.payload as { month: string }).month)).toEqual([addMonths(month, -3)]);
    await runDueJobs(t.db, statsJobHandlers(), clock);
    const filed = await t.db.selectFrom('indicator_snapshot').select('month').distinct().orderBy('month').execute();
    expect(filed.map((r) => r.month)).toEqual([addMonths(month, -3), addMonths(month, -2), addMonths(month, -1)]);
    expect((await pendingSnapshots()).map((j) => (j.payload as { month: string }).month)).toEqual([month]);
    // Each month was counted as of its own end: the residents dated three months back stood in all of them.
    const trend = await admin.request('GET', `/api/stats/trend?orgId=${city.city.id}&key=people.residents&months=5`);
    expect(trend.body.points.map((p: any) => [p.value, p.source])).toEqual([[null, 'none'], [6, 'snapshot'], [6, 'snapshot'], [6, 'snapshot'], [6, 'live']]);
  });
});

/**
 * While the month is under way, a period figure (demands received) compares with the same days
 * of the month before, not with a whole month; a standing figure (residents) with the month
 * before as it stood at its end; a past month with the whole month before.
 */
describe('this month against the same days of last month', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let admin: Session;
  const month = chinaMonth(new Date());
  const before = addMonths(month, -1);
  const DAY = 86_400_000;
  // The third day of the month, three in the morning (China time).
  const clock = new ManualClock(new Date(chinaMonthStart(month).getTime() + 2 * DAY + 3 * 3_600_000));
  const received = (body: any) => body.figures.find((f: any) => f.key === 'demands.received');

  beforeAll(async () => {
    ({ t, city, admin } = await smallCityWithAdmin(clock));
    await dateTree(t, chinaMonthStart(addMonths(month, -3)));
    // Last month: one demand on its 2nd (within the same days), one on its 11th; this month four.
    const at = [chinaMonthStart(before).getTime() + DAY, chinaMonthStart(before).getTime() + 10 * DAY];
    for (const [k, c] of city.communities.entries()) {
      await t.db.updateTable('demand').set({ created_at: new Date(at[k] ?? chinaMonthStart(month).getTime() + 3_600_000) }).where('id', '=', c.demandId).execute();
    }
    // Points, by the ledger's month: the same days of last month, its 11th, and this month.
    const a = city.communities[0]!;
    const deed = (await t.db.selectFrom('points_rule_item').select('id').where('community_id', 'is', null).where('code', '=', 'good_deed').where('valid_to', 'is', null).executeTakeFirstOrThrow()).id;
    for (const [seq, ms] of [at[0]!, at[1]!, chinaMonthStart(month).getTime() + 3_600_000].entries()) {
      await t.db.insertInto('points_entry').values({
        community_id: a.community.id, seq: seq + 1, org_path: a.household.org_path, county_code: a.household.county_code, holder_kind: 'household', holder_id: a.household.id,
        amount: 20, kind: 'deed', month: chinaMonth(new Date(ms)), rule_item_id: deed, reverses_id: null, note: '', created_at: new Date(ms), prev_hash: `h${seq}`, hash: `h${seq + 1}`,
      }).execute();
    }
    await snapshotMonth(t.db, before);
  });
  afterAll(() => t?.close());

  it('should compare the month under way with the same days of last month, counted live before the timer counts', async () => {
    const r = await admin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`);
    expect(r.status).toBe(200);
    expect(r.body.previousSpan).toEqual({ from: chinaMonthStart(before).toISOString(), to: new Date(chinaMonthStart(before).getTime() + 2 * DAY + 3 * 3_600_000).toISOString() });
    // Last month as a whole, and its same days.
    expect(received(r.body)).toMatchObject({ value: 4, previous: 2, previousSameSpan: 1 });
    // A standing figure: as last month ended, with no same-days figure.
    expect(r.body.figures.find((f: any) => f.key === 'people.residents')).toMatchObject({ value: 6, previous: 6, previousSameSpan: null });
    // Points by the ledger's month: last month's ledger as it stood on the same day.
    expect(r.body.figures.find((f: any) => f.key === 'points.issued')).toMatchObject({ value: 20, previous: 40, previousSameSpan: 20 });
  });

  it('should read the same comparison from the timer\'s count, which files the same days of last month for period figures only', async () => {
    await refreshCurrent(t.db, clock.now());
    const filed = await t.db.selectFrom('indicator_current').select(['indicator', 'num']).where('month', '=', before).where('org_id', '=', city.city.id).execute();
    expect(Number(filed.find((x) => x.indicator === 'demands.received')!.num)).toBe(1);
    expect(filed.some((x) => x.indicator === 'people.residents')).toBe(false);
    expect(Number(filed.find((x) => x.indicator === 'points.issued')!.num)).toBe(20);
    const r = await admin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}`);
    expect(r.body.asOf).toBe(clock.now().toISOString());
    expect(received(r.body)).toMatchObject({ value: 4, previous: 2, previousSameSpan: 1 });
    const report = await admin.request('GET', `/api/stats/report?orgId=${city.city.id}`);
    expect(report.body.summary).toContain('受理诉求数4，比上月同期增加3（+300%）。');
    expect(report.body.summary).toContain('登记居民数6，与上月持平。');
  });

  it('should compare a past month with the whole month before it', async () => {
    const r = await admin.request('GET', `/api/stats/cockpit?orgId=${city.city.id}&month=${before}`);
    expect(r.body).toMatchObject({ live: false, previousSpan: null });
    expect(received(r.body)).toMatchObject({ value: 2, previousSameSpan: null });
  });
});
