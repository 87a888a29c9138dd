import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../server/modules/points/points-ledger.repository.js';
import { DEMO_PASSWORD, seed } from '../../server/seed/seed.js';
import { createTestApp, login, type TestApp } from '../helpers/test-app.js';

/**
 * The demo city's points (server/seed/points-demo.ts) as the demo accounts see them: a household
 * with points to spend, published and settled months, records waiting for review, one objection,
 * and a ledger whose chains and balances check out.
 */
describe('points in the demo city', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seed(t.database, t.cipher, { scale: 'demo' });
  }, 120_000);
  afterAll(async () => t?.close());

  it('should give resident_demo a household with points to spend and entries behind them', async () => {
    const s = await login(t.app, 'resident_demo', DEMO_PASSWORD);
    const me = await s.request('GET', '/api/points/me');
    expect(me.status).toBe(200);
    expect(me.body.balance).toBeGreaterThanOrEqual(100);
    expect(me.body.communityHouseholds).toBeGreaterThan(50);
    const entries = await s.request('GET', '/api/points/me/entries?pageSize=100');
    expect(entries.body.items.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['base', 'volunteer', 'deed', 'penalty']));
  });

  it('should give merchant_demo its shop\'s points, earned ones to spend, and its community\'s supermarket', async () => {
    const s = await login(t.app, 'merchant_demo', DEMO_PASSWORD);
    const me = await s.request('GET', '/api/points/me');
    expect(me.status).toBe(200);
    expect(me.body.holder.kind).toBe('merchant');
    const store = await s.request('GET', '/api/store/my');
    expect(store.status).toBe(200);
    expect(store.body.holder).toMatchObject({ kind: 'merchant', id: me.body.holder.id });
    const cheapest = Math.min(...store.body.stores.flatMap((x: { items: { cost: number }[] }) => x.items.map((i) => i.cost)));
    expect(store.body.spendable).toBeGreaterThanOrEqual(cheapest);
    const { body: who } = await s.request('GET', '/api/auth/me');
    expect(who.account.scope.path.startsWith((await t.db.selectFrom('org_unit').select('path').where('name', '=', '龙凤社区').executeTakeFirstOrThrow()).path)).toBe(true);
  });

  it('should show the community its months: two settled, the last published with an objection, this one open with pending records', async () => {
    const s = await login(t.app, 'secretary_binhe1', DEMO_PASSWORD);
    const { body: who } = await s.request('GET', '/api/auth/me');
    const communityId = who.account.scope.orgId;
    const months = (await s.request('GET', `/api/points/months?communityId=${communityId}`)).body.items;
    expect(months.slice(0, 4).map((m: { status: string }) => m.status)).toEqual(['open', 'closed', 'settled', 'settled']);
    expect(months[0].pending).toBeGreaterThan(0);
    expect(months[1].approved).toBeGreaterThan(10);
    const objections = await s.request('GET', `/api/points/objections?communityId=${communityId}&status=open`);
    expect(objections.body.total).toBe(1);
    const rules = await s.request('GET', `/api/points/rules?communityId=${communityId}`);
    expect(rules.body.customized).toBe(true);

    const notice = await t.app.inject({ method: 'GET', url: `/api/public/points/notices/${communityId}/${months[1].month}?pageSize=200` });
    expect(notice.statusCode).toBe(200);
    const n = notice.json();
    expect(n.rows.length).toBeGreaterThan(50);
    // '张*华 3号楼2单元' (or a courtyard's name for 平房院落): never a full name, an ID number or a phone.
    for (const r of n.rows.filter((x: { kind: string }) => x.kind === 'household')) expect(r.label).toMatch(/^\S\*\S? \S+$/);
    const c = await t.db.selectFrom('org_unit').select('path').where('id', '=', communityId).executeTakeFirstOrThrow();
    const people = await t.db.selectFrom('resident').select(['name', 'phone_mask', 'id_number_mask']).where('org_path', 'like', `${c.path}%`).execute();
    const text = notice.body;
    const leaked = people.filter((p) => [...p.name].length >= 3 && text.includes(p.name));
    expect(leaked).toEqual([]);
    expect(people.some((p) => (p.phone_mask && text.includes(p.phone_mask)) || text.includes(p.id_number_mask))).toBe(false);
  });

  it('should leave a ledger whose every chain and balance checks out', async () => {
    const report = await verifyLedger(t.db);
    expect(report.communities).toBeGreaterThan(10);
    expect(report.entries).toBeGreaterThan(1000);
    expect(report.problems).toEqual([]);
    expect(report.balanceMismatches).toEqual([]);
  });
});
