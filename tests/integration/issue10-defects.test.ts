import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_PATH_TABLES } from '../../server/modules/org-path-registry.js';
import { appendForHolder, verifyLedger } from '../../server/modules/points/points-ledger.repository.js';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/** Issue 10, defects: org moves and the points ledger, day-off deadlines, masking, one scope check. */
describe('issue 10 defects', () => {
  // A Saturday: day-off intake, and November is over for the month close.
  const clock = new ManualClock(new Date('2026-12-05T10:00:00+08:00'));
  const at = new Date('2026-11-10T10:00:00+08:00');
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let cityAdmin: Session, countyAdmin: Session;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const cityAcc = await addAccount(t.db, 'city_admin', city.city);
    cityAdmin = await login(t.app, cityAcc.username);
    countyAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
  });
  afterAll(() => t?.close());

  const hh = (i: number) => ({ kind: 'household' as const, id: city.communities[i]!.household.id });
  const grant = (i: number, entries: { amount: number; kind: 'base' | 'deed' }[]) =>
    t.db.transaction().execute((trx) => appendForHolder(trx, hh(i), entries.map((e) => ({ ...e, note: '测试' })), at));

  it('should have every table with an org_path column declared by its module', async () => {
    const { rows } = await sql<{ table_name: string }>`
      SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.column_name = 'org_path' AND c.table_schema = current_schema() ORDER BY 1`.execute(t.db);
    const declared = new Set<string>(ORG_PATH_TABLES.map((d) => d.table));
    expect(rows.map((r) => r.table_name).filter((n) => !declared.has(n)), 'tables with org_path no module declares').toEqual([]);
    const real = new Set(rows.map((r) => r.table_name));
    expect([...declared].filter((n) => !real.has(n)), 'declared tables without org_path').toEqual([]);
    expect(ORG_PATH_TABLES.some((d) => d.table === 'api_key')).toBe(true);
  });

  it('should bring a merged community\'s households into the surviving community\'s notice and ranks, the ledger still verified', async () => {
    const [a, b] = [city.communities[0]!, city.communities[1]!];
    await grant(0, [{ amount: 100, kind: 'base' }, { amount: 5, kind: 'deed' }]);
    await grant(1, [{ amount: 100, kind: 'base' }, { amount: 8, kind: 'deed' }]);
    const merged = await cityAdmin.request('POST', `/api/org/units/${b.community.id}/merge`, { intoId: a.community.id });
    expect(merged.status).toBe(200);
    const bal = await t.db.selectFrom('points_balance').select(['community_id', 'org_path']).where('holder_kind', '=', 'household')
      .where('holder_id', '=', b.household.id).executeTakeFirstOrThrow();
    expect(bal.community_id).toBe(a.community.id);
    expect(bal.org_path.startsWith(a.community.path)).toBe(true);

    const secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', a.community)).username);
    const closed = await secretary.request('POST', '/api/points/months/close', { communityId: a.community.id, month: '2026-11' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const rows = await t.db.selectFrom('points_notice_row').select(['holder_id', 'rank', 'month_change', 'score'])
      .where('community_id', '=', a.community.id).where('month', '=', '2026-11').orderBy('rank').execute();
    expect(rows).toEqual([
      { holder_id: b.household.id, rank: 1, month_change: 108, score: 108 },
      { holder_id: a.household.id, rank: 2, month_change: 105, score: 105 },
    ]);
    const honours = await countyAdmin.request('GET', `/api/points/honours/households?communityId=${a.community.id}&year=2026`);
    expect(honours.status).toBe(200);
    expect(honours.body.items.length).toBe(2);

    // The next entry of the newcomer goes to the surviving community's chain; an old entry can
    // still be corrected (its reversal joins the chain of today).
    const old = await t.db.selectFrom('points_entry').select(['id', 'amount']).where('holder_id', '=', b.household.id).where('kind', '=', 'deed').executeTakeFirstOrThrow();
    const [rev] = await t.db.transaction().execute((trx) => appendForHolder(trx, hh(1), [{ amount: -old.amount, kind: 'reversal', reversesId: old.id }], at));
    expect(rev!.communityId).toBe(a.community.id);
    const report = await verifyLedger(t.db);
    expect(report.problems).toEqual([]);
    expect(report.balanceMismatches).toEqual([]);
    expect((await verifyLedger(t.db, { communityId: a.community.id })).ok).toBe(true);
  });

  it('should move a grid with points to another county without an error, the ledger still verified', async () => {
    const from = city.communities[2]!;
    const to = city.communities[4]!;
    await grant(2, [{ amount: 100, kind: 'base' }, { amount: 3, kind: 'deed' }]);
    const moved = await cityAdmin.request('POST', `/api/org/units/${from.grid.id}/move`, { newParentId: to.community.id });
    expect(moved.status).toBe(200);
    const bal = await t.db.selectFrom('points_balance').selectAll().where('holder_kind', '=', 'household').where('holder_id', '=', from.household.id).executeTakeFirstOrThrow();
    expect({ community: bal.community_id, county: bal.county_code, balance: bal.balance }).toEqual({ community: to.community.id, county: to.community.county_code, balance: 103 });
    // Entries stay in the chain and county they were recorded in; only their path follows.
    const entries = await t.db.selectFrom('points_entry').select(['community_id', 'county_code', 'org_path']).where('holder_id', '=', from.household.id).execute();
    expect(entries.every((e) => e.community_id === from.community.id && e.county_code === from.community.county_code && e.org_path.startsWith(to.community.path))).toBe(true);
    const [next] = await grant(2, [{ amount: 2, kind: 'deed' }]);
    expect(next!.communityId).toBe(to.community.id);
    const report = await verifyLedger(t.db);
    expect(report.problems).toEqual([]);
    expect(report.balanceMismatches).toEqual([]);
  });

  it('should start the time limit of a demand received on a day off at the next working day\'s start', async () => {
    const grid = await login(t.app, (await addAccount(t.db, 'grid_worker', city.communities[3]!.grid)).username);
    // Saturday 2026-12-05 10:00: five working days from Monday 00:00 run out at the end of Friday.
    const res = await grid.request('POST', '/api/demands', { orgId: city.communities[3]!.grid.id, categoryCode: 'facilities', description: '周六上报：路灯不亮', channel: 'visit' });
    expect(res.status).toBe(200);
    expect(res.body.demand.dueAt).toBe(new Date('2026-12-14T00:00:00+08:00').toISOString());
  });

  it('should mask the reporter\'s name for departments in the list, the detail and the timeline', async () => {
    const c = city.communities[5]!;
    await t.db.updateTable('demand').set({ reporter_name: '欧阳修文', reporter_phone_mask: '139****5678' }).where('id', '=', c.demandId).execute();
    await t.db.insertInto('demand_event').values({
      demand_id: c.demandId, at: new Date(), actor_name: '欧阳修文', actor_role: 'resident', action: 'me_too', org_path: c.grid.path, county_code: c.grid.county_code,
    }).execute();
    const depAcc = await addAccount(t.db, 'department', city.otherCounty);
    await t.db.updateTable('account').set({ department_id: c.departmentId }).where('id', '=', depAcc.id).execute();
    const dept = await login(t.app, depAcc.username);
    const list = await dept.request('GET', '/api/demands');
    expect(list.status).toBe(200);
    const item = list.body.items.find((d: { id: number }) => d.id === c.demandId);
    expect(item).toMatchObject({ reporterName: '欧*文', reporterPhone: '139****5678' });
    const detail = await dept.request('GET', `/api/demands/${c.demandId}`);
    expect(detail.body.reporterName).toBe('欧*文');
    expect(detail.body.timeline.map((e: { actorName: string }) => e.actorName)).toContain('欧*文');
    expect(JSON.stringify(detail.body)).not.toContain('欧阳修文');
    // Staff of the place still see the name.
    const worker = await login(t.app, (await addAccount(t.db, 'community_worker', c.community)).username);
    expect((await worker.request('GET', `/api/demands/${c.demandId}`)).body.reporterName).toBe('欧阳修文');
  });

  it('should answer 404 for a place that is not a community, in the store as in points', async () => {
    const street = city.streets[1]!;
    const streetAdmin = await login(t.app, (await addAccount(t.db, 'street_admin', street)).username);
    // The street is in the caller's scope but is not a community: the same 404 as anything else.
    const stores = await streetAdmin.request('GET', `/api/store/stores?communityId=${street.id}`);
    expect(stores.status).toBe(404);
    expect(stores.body).toMatchObject({ code: 'NOT_FOUND', message: '社区不存在或不在您的管辖范围内' });
    const months = await streetAdmin.request('GET', `/api/points/months?communityId=${street.id}`);
    expect(months.status).toBe(404);
  });

  it('should not let base points buy goods unless the community\'s rules say so, and say how many points are spendable', async () => {
    const c = city.communities[3]!;
    const secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', c.community)).username);
    const residentAcc = await addAccount(t.db, 'resident', c.unit);
    await t.db.updateTable('account').set({ resident_id: c.residentId }).where('id', '=', residentAcc.id).execute();
    const resident = await login(t.app, residentAcc.username);
    await grant(3, [{ amount: 100, kind: 'base' }, { amount: 20, kind: 'deed' }]);
    const store = await secretary.request('POST', '/api/store/stores', { communityId: c.community.id, name: '社区积分超市', kind: 'community_centre', address: '社区服务中心', alwaysOpen: true });
    expect(store.status).toBe(200);
    const item = await secretary.request('POST', '/api/store/items', { storeId: store.body.id, name: '洗衣液', kind: 'goods', cost: 30, unit: '瓶', initialStock: 10, perOrderLimit: 2 });
    expect(item.status).toBe(200);

    const rules = await secretary.request('GET', `/api/points/rules?communityId=${c.community.id}`);
    expect(rules.body.baseRedeemable).toBe(false);
    const mine = await resident.request('GET', '/api/store/my');
    expect(mine.body).toMatchObject({ balance: 120, baseLocked: 100, spendable: 20 });
    const refused = await resident.request('POST', '/api/store/my/orders', { itemId: item.body.id, quantity: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INSUFFICIENT_POINTS');
    expect(refused.body.message).toContain('可兑换 20 分');
    expect(refused.body.message).toContain('基础分 100 分不能兑换商品');
    expect((await t.db.selectFrom('store_item').select('stock').where('id', '=', item.body.id).executeTakeFirstOrThrow()).stock).toBe(10);

    const on = await secretary.request('PUT', '/api/points/rules/base', { communityId: c.community.id, household: 100, merchant: 100, baseRedeemable: true });
    expect(on.status).toBe(200);
    expect(on.body.baseRedeemable).toBe(true);
    expect((await resident.request('GET', '/api/store/my')).body).toMatchObject({ balance: 120, baseLocked: 0, spendable: 120 });
    const ok = await resident.request('POST', '/api/store/my/orders', { itemId: item.body.id, quantity: 1 });
    expect(ok.status).toBe(200);
    expect((await resident.request('GET', '/api/store/my')).body).toMatchObject({ balance: 90, spendable: 90 });
    // Turned off again: the base stays locked, the rest (nothing) is spendable.
    await secretary.request('PUT', '/api/points/rules/base', { communityId: c.community.id, household: 100, merchant: 100, baseRedeemable: false });
    expect((await resident.request('GET', '/api/store/my')).body).toMatchObject({ balance: 90, baseLocked: 100, spendable: 0 });
  });
});
