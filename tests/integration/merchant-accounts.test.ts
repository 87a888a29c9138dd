import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendForHolder } from '../../server/modules/points/points-ledger.repository.js';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, TEST_PASSWORD, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * Issue 10, "link each account to what it stands for: … a merchant": admins give a merchant (商户)
 * an account linked to it, under the same rules as residents and staff (in the admin's scope, on
 * the account's branch of the tree, one account per merchant); the merchant then sees only its own
 * points and redeems in the points supermarket exactly as a household does.
 */
describe('merchant accounts', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let street: Session;
  let secretary: Session;
  let resident: Session;
  let merchant: Session;
  const shops: number[] = [];
  let merchantAccountId: number;
  let soapId: number;

  // Each sign-in from its own address: the per-IP limit on /auth/login is not what this file tests.
  let ipSeq = 0;
  const login = async (username: string, password = TEST_PASSWORD): Promise<Session> => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `127.0.8.${++ipSeq % 250 + 1}` });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = `linli_session=${res.cookies.find((c) => c.name === 'linli_session')!.value}`;
    const csrf = res.json().csrfToken as string;
    return {
      cookie, csrf,
      async request(method, url, payload) {
        const r = await t.app.inject({ method: method as 'GET', url, payload: payload as object | undefined, headers: { cookie, 'x-csrf-token': csrf } });
        return { status: r.statusCode, body: r.json() };
      },
    };
  };
  const A = () => city.communities[0]!;
  const give = (kind: 'household' | 'merchant', id: number, amount: number, entryKind: 'base' | 'deed') =>
    t.db.transaction().execute((trx) => appendForHolder(trx, { kind, id }, [{ amount, kind: entryKind, note: entryKind === 'base' ? '基础分' : '门前三包' }], clock.now()));
  const balanceOf = async (kind: 'household' | 'merchant', id: number) =>
    (await t.db.selectFrom('points_balance').select('balance').where('holder_kind', '=', kind).where('holder_id', '=', id).executeTakeFirst())?.balance;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    // buildSmallCity puts one shop (便利店) on each community's grid.
    for (const c of city.communities) {
      shops.push((await t.db.selectFrom('merchant').select('id').where('org_id', '=', c.grid.id).executeTakeFirstOrThrow()).id);
    }
    street = await login((await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    secretary = await login((await addAccount(t.db, 'community_secretary', A().community)).username);
    const r = await addAccount(t.db, 'resident', A().unit);
    await t.db.updateTable('account').set({ resident_id: A().residentId }).where('id', '=', r.id).execute();
    resident = await login(r.username);
    await give('household', A().household.id, 100, 'deed');
    await give('merchant', shops[0]!, 20, 'base');
    await give('merchant', shops[0]!, 50, 'deed');
    await give('merchant', shops[1]!, 40, 'deed');
  });
  afterAll(() => t?.close());

  it('should let an admin create a merchant account linked to a shop in scope, which must change its password first', async () => {
    const found = await street.request('GET', `/api/accounts/link-candidates?kind=merchant&orgId=${A().community.id}&q=便利店`);
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([{ id: shops[0], label: `${A().community.name}便利店（零售）`, orgName: `${A().community.name}临街`, linkedAccountId: null }]);

    const res = await street.request('POST', '/api/accounts', {
      username: 'shop_a1', displayName: '一社区便利店', role: 'merchant', scopeOrgId: A().grid.id, password: 'Bianli-Dian-2026',
      link: { kind: 'merchant', id: shops[0] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    merchantAccountId = res.body.id;
    const s = await login('shop_a1', 'Bianli-Dian-2026');
    expect((await s.request('GET', '/api/points/me')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await s.request('POST', '/api/auth/password', { oldPassword: 'Bianli-Dian-2026', newPassword: 'Bianli-Shop-2027' })).status).toBe(200);
    merchant = s;
    const me = await merchant.request('GET', '/api/auth/me');
    expect(me.body.account).toMatchObject({ role: 'merchant', merchantId: shops[0], residentId: null, householdId: null, mustChangePassword: false });
    expect(me.body.account.permissions).toEqual(expect.arrayContaining(['self', 'points.self', 'points.redeem']));
    expect(me.body.account.permissions).not.toContain('points.read');

    const listed = await street.request('GET', '/api/accounts?q=shop_a1');
    expect(listed.body.items[0]).toMatchObject({ role: 'merchant', link: { kind: 'merchant', id: shops[0], label: `${A().community.name}便利店` } });
    const again = await street.request('GET', `/api/accounts/link-candidates?kind=merchant&orgId=${A().community.id}`);
    expect(again.body.items.find((i: { id: number }) => i.id === shops[0]).linkedAccountId).toBe(merchantAccountId);
    const audit = await t.db.selectFrom('audit_log').select('after').where('action', '=', 'account.create').where('entity_id', '=', String(merchantAccountId)).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ role: 'merchant', link: { kind: 'merchant', id: shops[0] } });
  });

  it('should refuse a second account for the same shop, a shop outside the scope or branch, and links that do not fit the role', async () => {
    const base = { displayName: '便利店二', role: 'merchant', scopeOrgId: A().grid.id };
    const second = await street.request('POST', '/api/accounts', { ...base, username: 'shop_a2', link: { kind: 'merchant', id: shops[0] } });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'ALREADY_EXISTS', message: '该商户已有账号（shop_a1）' });
    // 凤山街道 is another street: the street admin does not reach it, and is not told whether it exists.
    const far = await street.request('POST', '/api/accounts', { ...base, username: 'shop_a3', link: { kind: 'merchant', id: shops[2] } });
    expect(far.status).toBe(404);
    expect(far.body.message).toBe('商户不存在或不在您的管辖范围内');
    // The neighbouring community's shop is in scope, but not on the account's branch (community A's grid).
    const aside = await street.request('POST', '/api/accounts', { ...base, username: 'shop_a4', link: { kind: 'merchant', id: shops[1] } });
    expect(aside.status).toBe(404);
    const notFound = await street.request('POST', '/api/accounts', { ...base, username: 'shop_a5', link: { kind: 'merchant', id: 999_999 } });
    expect(notFound.status).toBe(404);
    // A merchant account stands for a merchant only; a resident's account never for a merchant.
    const wrongKind = await street.request('POST', '/api/accounts', { ...base, username: 'shop_a6', link: { kind: 'resident', id: A().residentId } });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.message).toBe('该角色的账号不能关联居民');
    const residentShop = await street.request('POST', '/api/accounts', {
      username: 'shop_a7', displayName: '居民', role: 'resident', scopeOrgId: A().unit.id, link: { kind: 'merchant', id: shops[1] },
    });
    expect(residentShop.status).toBe(400);
    expect(residentShop.body.message).toBe('该角色的账号不能关联商户');
    expect(await t.db.selectFrom('account').select('id').where('username', 'like', 'shop_a_').where('username', '!=', 'shop_a1').execute()).toEqual([]);
    // Community A's secretary may give a merchant an account too (a lower role, in its community).
    const bySecretary = await secretary.request('POST', '/api/accounts', { ...base, username: 'shop_a8' });
    expect(bySecretary.status).toBe(200);
    const link = await secretary.request('POST', `/api/accounts/${bySecretary.body.id}/link`, { kind: 'merchant', id: shops[0] });
    expect(link.status).toBe(409);
  });

  it('should link, refuse a role that no longer fits, and unlink a merchant account', async () => {
    const acc = await addAccount(t.db, 'merchant', city.communities[1]!.grid);
    const link = await street.request('POST', `/api/accounts/${acc.id}/link`, { kind: 'merchant', id: shops[1] });
    expect(link.status).toBe(200);
    expect((await t.db.selectFrom('account').select('merchant_id').where('id', '=', acc.id).executeTakeFirstOrThrow()).merchant_id).toBe(shops[1]);
    const toResident = await street.request('PATCH', `/api/accounts/${acc.id}`, { role: 'resident' });
    expect(toResident.status).toBe(409);
    expect(toResident.body.message).toBe('账号已关联商户，与新角色不符，请先解除关联');
    expect((await street.request('POST', `/api/accounts/${acc.id}/unlink`)).status).toBe(200);
    expect((await t.db.selectFrom('account').select('merchant_id').where('id', '=', acc.id).executeTakeFirstOrThrow()).merchant_id).toBeNull();
    const actions = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'account').where('entity_id', '=', String(acc.id)).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['account.link', 'account.unlink']);
  });

  it('should let only one of two admins linking the same shop at once win, and hold the rule in the database', async () => {
    const { id: newShop } = await t.db.insertInto('merchant').values({
      org_id: A().grid.id, org_path: A().grid.path, county_code: A().grid.county_code, name: '新开理发店', business: '理发', address: '临街2号', contact_name: '店主',
    }).returning('id').executeTakeFirstOrThrow();
    const [a, b] = [await addAccount(t.db, 'merchant', A().grid), await addAccount(t.db, 'merchant', A().grid)];
    const results = await Promise.all([
      street.request('POST', `/api/accounts/${a.id}/link`, { kind: 'merchant', id: newShop }),
      secretary.request('POST', `/api/accounts/${b.id}/link`, { kind: 'merchant', id: newShop }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const linked = await t.db.selectFrom('account').select('id').where('merchant_id', '=', newShop).execute();
    expect(linked).toHaveLength(1);
    // Whatever writes the table: one account per merchant, and only merchant accounts stand for one.
    const loser = linked[0]!.id === a.id ? b : a;
    await expect(t.db.updateTable('account').set({ merchant_id: newShop }).where('id', '=', loser.id).execute()).rejects.toThrow();
    const residentAcc = await addAccount(t.db, 'resident', A().unit);
    await expect(t.db.updateTable('account').set({ merchant_id: shops[3] }).where('id', '=', residentAcc.id).execute()).rejects.toThrow();
  });

  it('should show a merchant its own balance, entries and rules, and nothing of households', async () => {
    const mine = await merchant.request('GET', '/api/points/me');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body).toMatchObject({
      holder: { kind: 'merchant', id: shops[0], label: `${A().community.name}便利店` }, communityId: A().community.id,
      balance: 70, score: 70, rankInCommunity: 1, communityHouseholds: 1,
    });
    const entries = await merchant.request('GET', '/api/points/me/entries');
    expect(entries.body.total).toBe(2);
    expect(entries.body.items.map((e: { kind: string; amount: number; balanceAfter: number }) => [e.kind, e.amount, e.balanceAfter]))
      .toEqual([['deed', 50, 70], ['base', 20, 20]]);
    const rules = await merchant.request('GET', '/api/points/me/rules');
    expect(rules.status).toBe(200);
    expect(rules.body.communityId).toBe(A().community.id);

    // Staff reads stay closed to it: no holders, records, orders or residents.
    for (const url of [
      `/api/points/holders?communityId=${A().community.id}`, `/api/points/records?communityId=${A().community.id}`,
      `/api/store/orders?communityId=${A().community.id}`, '/api/people/residents', `/api/store/stores?communityId=${A().community.id}`,
    ]) {
      expect((await merchant.request('GET', url)).status, url).toBe(403);
    }
    // The resident's own view is still the household's.
    const home = await resident.request('GET', '/api/points/me');
    expect(home.body).toMatchObject({ holder: { kind: 'household', id: A().household.id }, balance: 100 });
  });

  it('should let a merchant redeem in its community\'s supermarket as a household does, and cancel', async () => {
    const station = await secretary.request('POST', '/api/store/stores', {
      communityId: A().community.id, orgId: A().grid.id, name: '一社区小区服务站', kind: 'compound_station', alwaysOpen: true, pickupDays: 3,
    });
    expect(station.status).toBe(200);
    const soap = await secretary.request('POST', '/api/store/items', { storeId: station.body.id, name: '洗衣粉', kind: 'goods', cost: 8, unit: '袋', initialStock: 10 });
    soapId = soap.body.id;
    const cooker = await secretary.request('POST', '/api/store/items', { storeId: station.body.id, name: '电饭煲', kind: 'goods', cost: 60, unit: '个', initialStock: 2 });

    const store = await merchant.request('GET', '/api/store/my');
    expect(store.status).toBe(200);
    // Base points stay on the balance (the community's default rule), as for households.
    expect(store.body).toMatchObject({ holder: { kind: 'merchant', id: shops[0], label: `${A().community.name}便利店` }, balance: 70, baseLocked: 20, spendable: 50 });
    expect(store.body.stores.map((s: { id: number }) => s.id)).toEqual([station.body.id]);

    const poor = await merchant.request('POST', '/api/store/my/orders', { itemId: cooker.body.id, quantity: 1 });
    expect(poor.status).toBe(409);
    expect(poor.body.code).toBe('INSUFFICIENT_POINTS');
    const ORDER_ID = randomUUID();
    const ok = await merchant.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 2, clientId: ORDER_ID });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'reserved', total: 16, replayed: false });
    expect(ok.body.code).toMatch(/^\d{6}$/);
    const replay = await merchant.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 2, clientId: ORDER_ID });
    expect(replay.body).toMatchObject({ id: ok.body.id, replayed: true });
    expect(await balanceOf('merchant', shops[0]!)).toBe(54);
    const order = await t.db.selectFrom('store_order').select(['holder_kind', 'holder_id']).where('id', '=', ok.body.id).executeTakeFirstOrThrow();
    expect(order).toEqual({ holder_kind: 'merchant', holder_id: shops[0] });

    const orders = await merchant.request('GET', '/api/store/my/orders');
    expect(orders.body.items.map((o: { id: number }) => o.id)).toEqual([ok.body.id]);
    // Neither sees the other's orders, nor cancels them.
    expect((await resident.request('GET', '/api/store/my/orders')).body.items).toEqual([]);
    expect((await resident.request('POST', `/api/store/my/orders/${ok.body.id}/cancel`, {})).status).toBe(404);
    const entries = await merchant.request('GET', '/api/points/me/entries');
    expect(entries.body.items[0]).toMatchObject({ kind: 'redeem', amount: -16 });

    const cancel = await merchant.request('POST', `/api/store/my/orders/${ok.body.id}/cancel`, { reason: '买错了' });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    expect(await balanceOf('merchant', shops[0]!)).toBe(70);
    expect(await balanceOf('household', A().household.id)).toBe(100);
  });

  it('should keep a merchant account to its own community and tell an unlinked one what is missing', async () => {
    // Community B's shop account does not see community A's supermarket.
    const b = await addAccount(t.db, 'merchant', city.communities[1]!.grid);
    const shopB = await addAccount(t.db, 'merchant', city.communities[1]!.grid);
    expect((await street.request('POST', `/api/accounts/${shopB.id}/link`, { kind: 'merchant', id: shops[1] })).status).toBe(200);
    const other = await login(shopB.username);
    expect((await other.request('GET', '/api/store/my')).body.stores).toEqual([]);
    expect((await other.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 1 })).status).toBe(404);
    expect((await other.request('GET', '/api/points/me')).body).toMatchObject({ holder: { kind: 'merchant', id: shops[1] }, balance: 40 });

    const unlinked = await login(b.username);
    const none = await unlinked.request('GET', '/api/points/me');
    expect(none.status).toBe(404);
    expect(none.body.message).toBe('您的账号还没有关联商户，请联系社区关联后再查看积分');
    const noStore = await unlinked.request('GET', '/api/store/my');
    expect(noStore.status).toBe(404);
    expect(noStore.body.message).toContain('没有关联商户');
    // An objection needs the notice of its own community.
    const objection = await merchant.request('POST', '/api/points/objections', { communityId: city.communities[1]!.community.id, month: '2026-10', reason: '我店的积分有误' });
    expect(objection.status).toBe(404);
    const early = await merchant.request('POST', '/api/points/objections', { communityId: A().community.id, month: '2026-10', reason: '我店的积分有误' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('尚未公示');
  });
});
