// @module-tag slow — minutes on the 2-core machine; skipped by --tags-filter='!slow' (README, Tests)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendForHolder, verifyLedger } from '../../server/modules/points/points-ledger.repository.js';
import { storeJobHandlers } from '../../server/modules/store/store.jobs.js';
import { ManualClock } from '../../server/platform/clock.js';
import { runDueJobs } from '../../server/platform/jobs.js';
import { addAccount, addHousehold, addResident, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

const DAY = 86_400_000;

/** The points supermarket through the API: stores, stock, events, redemption, cancel, expiry, handover. */
describe('points supermarket', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let secretary: Session, worker: Session, resident: Session, otherSecretary: Session, neighbourResident: Session;
  let storeId: number, stationId: number, otherStoreId: number;
  let soapId: number;

  const grant = (householdId: number, amount: number) =>
    t.db.transaction().execute((trx) => appendForHolder(trx, { kind: 'household', id: householdId }, [{ amount, kind: 'deed', note: '好人好事' }], clock.now()));
  const balance = async (householdId: number) =>
    (await t.db.selectFrom('points_balance').select('balance').where('holder_kind', '=', 'household').where('holder_id', '=', householdId).executeTakeFirst())?.balance;
  const stock = async (itemId: number) => (await t.db.selectFrom('store_item').select('stock').where('id', '=', itemId).executeTakeFirstOrThrow()).stock;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const a = city.communities[0]!;
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', a.community)).username);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
    otherSecretary = await login(t.app, (await addAccount(t.db, 'community_secretary', city.communities[4]!.community)).username);
    const acc = await addAccount(t.db, 'resident', a.unit);
    await t.db.updateTable('account').set({ resident_id: a.residentId }).where('id', '=', acc.id).execute();
    resident = await login(t.app, acc.username);
    const nb = await addAccount(t.db, 'resident', city.communities[1]!.unit);
    await t.db.updateTable('account').set({ resident_id: city.communities[1]!.residentId }).where('id', '=', nb.id).execute();
    neighbourResident = await login(t.app, nb.username);
    await grant(a.household.id, 100);
    await grant(city.communities[1]!.household.id, 100);
  });
  afterAll(() => t?.close());

  it('should let community staff open stores, list items with stock and movements', async () => {
    const a = city.communities[0]!;
    const s = await secretary.request('POST', '/api/store/stores', { communityId: a.community.id, name: '龙凤社区积分超市', kind: 'community_centre', address: '社区党群服务中心一楼' });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    storeId = s.body.id;
    expect(s.body.openNow).toBe(false);
    const st = await worker.request('POST', '/api/store/stores', { communityId: a.community.id, orgId: a.grid.id, name: '1号小区服务站', kind: 'compound_station', alwaysOpen: true, pickupDays: 3 });
    expect(st.status).toBe(200);
    stationId = st.body.id;
    expect(st.body.openNow).toBe(true);
    // A partner shop needs its merchant.
    const shop = await secretary.request('POST', '/api/store/stores', { communityId: a.community.id, name: '合作理发店', kind: 'partner_shop' });
    expect(shop.status).toBe(400);

    const soap = await secretary.request('POST', '/api/store/items', { storeId, name: '洗衣粉', kind: 'goods', cost: 8, unit: '袋', initialStock: 10 });
    expect(soap.status).toBe(200);
    soapId = soap.body.id;
    const got = await secretary.request('POST', `/api/store/items/${soapId}/stock`, { kind: 'received', delta: 5, reason: '爱心企业捐赠' });
    expect(got.body.stock).toBe(15);
    const noReason = await secretary.request('POST', `/api/store/items/${soapId}/stock`, { kind: 'adjusted', delta: -2 });
    expect(noReason.status).toBe(400);
    const tooMuch = await secretary.request('POST', `/api/store/items/${soapId}/stock`, { kind: 'adjusted', delta: -100, reason: '盘点' });
    expect(tooMuch.body.code).toBe('OUT_OF_STOCK');
    const adj = await secretary.request('POST', `/api/store/items/${soapId}/stock`, { kind: 'adjusted', delta: -3, reason: '受潮报损' });
    expect(adj.body.stock).toBe(12);
    const mv = await secretary.request('GET', `/api/store/items/${soapId}/movements`);
    expect(mv.body.items.map((m: { kind: string; delta: number; stockAfter: number }) => [m.kind, m.delta, m.stockAfter]))
      .toEqual([['adjusted', -3, 12], ['received', 5, 15], ['received', 10, 10]]);
    const items = await worker.request('GET', `/api/store/stores/${storeId}/items`);
    expect(items.body.items).toHaveLength(1);
  });

  it('should refuse redemption outside an event and accept it during one', async () => {
    const out = await resident.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 1 });
    expect(out.status).toBe(409);
    expect(out.body.message).toMatch(/不在兑换活动期内/);
    const a = city.communities[0]!;
    const past = await secretary.request('POST', '/api/store/events', { communityId: a.community.id, name: '旧活动', startsOn: '2026-10-01', endsOn: '2026-10-31' });
    expect(past.status).toBe(400);
    const backwards = await secretary.request('POST', '/api/store/events', { communityId: a.community.id, name: '倒序', startsOn: '2026-11-20', endsOn: '2026-11-10' });
    expect(backwards.status).toBe(400);
    const later = await secretary.request('POST', '/api/store/events', { communityId: a.community.id, storeId, name: '第四季度兑换日', startsOn: '2026-11-10', endsOn: '2026-11-12' });
    expect(later.body.status).toBe('upcoming');
    const still = await resident.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 1 });
    expect(still.body.message).toMatch(/第四季度兑换日.*2026-11-10 至 2026-11-12/);

    clock.set(new Date('2026-11-11T10:00:00+08:00'));
    const my = await resident.request('GET', '/api/store/my');
    expect(my.status).toBe(200);
    expect(my.body.balance).toBe(100);
    const centre = my.body.stores.find((s: { id: number }) => s.id === storeId);
    expect(centre.openNow).toBe(true);
    expect(centre.currentEvent.name).toBe('第四季度兑换日');
    expect(centre.items[0].stock).toBe(12);

    const ok = await resident.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 2 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe('reserved');
    expect(ok.body.code).toMatch(/^\d{6}$/);
    expect(ok.body.qrSvg).toContain('<svg');
    expect(ok.body.total).toBe(16);
    // Valid until the event is over (end of 11-12 in Shanghai), sooner than 7 days.
    expect(ok.body.expiresAt).toBe(new Date('2026-11-13T00:00:00+08:00').toISOString());
    expect(await balance(a.household.id)).toBe(84);
    expect(await stock(soapId)).toBe(10);
    const entry = await t.db.selectFrom('points_entry').selectAll().where('order_id', '=', ok.body.id).executeTakeFirstOrThrow();
    expect([entry.kind, entry.amount]).toEqual(['redeem', -16]);
    // Staff lists do not show open codes.
    const list = await worker.request('GET', `/api/store/orders?storeId=${storeId}&status=reserved`);
    expect(list.body.items[0].code).toBeNull();
    expect(list.body.items[0].holderLabel).toMatch(/张\*|张1/);
  });

  it('should refuse over the per-order limit, over the balance, and another community\'s items', async () => {
    const over = await resident.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 6 });
    expect(over.status).toBe(400);
    const a = city.communities[0]!;
    const cooker = await secretary.request('POST', '/api/store/items', { storeId: stationId, name: '电饭煲', kind: 'goods', cost: 200, unit: '个', initialStock: 2 });
    const poor = await resident.request('POST', '/api/store/my/orders', { itemId: cooker.body.id, quantity: 1 });
    expect(poor.body.code).toBe('INSUFFICIENT_POINTS');
    // The answer says how far short: 200 needed, 84 held.
    expect(poor.body.message).toBe('积分余额不足：需要 200 分，当前余额 84 分');
    expect(poor.body.details).toEqual({ needed: 200, balance: 84 });
    expect(await stock(cooker.body.id)).toBe(2);
    expect(await balance(a.household.id)).toBe(84);
    // A resident of the next community does not see this community's store at all.
    const foreign = await neighbourResident.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 1 });
    expect(foreign.status).toBe(404);
    const theirs = await neighbourResident.request('GET', '/api/store/my');
    expect(theirs.body.stores).toEqual([]);
  });

  it('should cancel once: points and stock come back exactly once', async () => {
    const a = city.communities[0]!;
    const o = await resident.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 1 });
    expect(await balance(a.household.id)).toBe(76);
    const [c1, c2] = await Promise.all([
      resident.request('POST', `/api/store/my/orders/${o.body.id}/cancel`, {}),
      resident.request('POST', `/api/store/my/orders/${o.body.id}/cancel`, {}),
    ]);
    expect([c1.status, c2.status].sort()).toEqual([200, 409]);
    const again = await resident.request('POST', `/api/store/my/orders/${o.body.id}/cancel`, {});
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/已取消/);
    expect(await balance(a.household.id)).toBe(84);
    expect(await stock(soapId)).toBe(10);
    const refunds = await t.db.selectFrom('points_entry').select(['kind', 'amount']).where('order_id', '=', o.body.id).orderBy('id').execute();
    expect(refunds).toEqual([{ kind: 'redeem', amount: -8 }, { kind: 'refund', amount: 8 }]);
    const returned = await t.db.selectFrom('store_stock_movement').select('delta').where('order_id', '=', o.body.id).where('kind', '=', 'returned').execute();
    expect(returned).toEqual([{ delta: 1 }]);
    // Someone else's order is not there for a neighbour.
    const o2 = await resident.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 1 });
    const nope = await neighbourResident.request('POST', `/api/store/my/orders/${o2.body.id}/cancel`, {});
    expect(nope.status).toBe(404);
    await resident.request('POST', `/api/store/my/orders/${o2.body.id}/cancel`, {});
  });

  it('should hand over by code at the right store only, and refuse finished orders plainly', async () => {
    const a = city.communities[0]!;
    const o = await resident.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 1 });
    const code = o.body.code as string;
    const wrongStore = await worker.request('POST', '/api/store/handover', { storeId: stationId, code });
    expect(wrongStore.status).toBe(409);
    expect(wrongStore.body.message).toMatch(/龙凤社区积分超市/);
    const wrongQr = await worker.request('POST', '/api/store/handover', { storeId: stationId, code: `LINLI-STORE:${storeId}:${code}` });
    expect(wrongQr.status).toBe(409);
    const typo = await worker.request('POST', '/api/store/handover', { storeId, code: code === '000000' ? '000001' : '000000' });
    expect(typo.status).toBe(404);
    const notDigits = await worker.request('POST', '/api/store/handover', { storeId, code: 'abc' });
    expect(notDigits.status).toBe(400);
    const foreign = await otherSecretary.request('POST', '/api/store/handover', { storeId, code });
    expect(foreign.status).toBe(404);

    const ok = await worker.request('POST', '/api/store/handover', { storeId, code: `LINLI-STORE:${storeId}:${code}` });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe('handed_over');
    expect(ok.body.code).toBe(code);
    const twice = await worker.request('POST', '/api/store/handover', { storeId, code });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toMatch(/已经领取/);
    const cancelAfter = await resident.request('POST', `/api/store/my/orders/${o.body.id}/cancel`, {});
    expect(cancelAfter.status).toBe(409);
    expect(await balance(a.household.id)).toBe(76);

    // Cancelled: refused with its own reason.
    const c = await resident.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 1 });
    await resident.request('POST', `/api/store/my/orders/${c.body.id}/cancel`, {});
    const cancelled = await worker.request('POST', '/api/store/handover', { storeId, code: c.body.code });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.message).toMatch(/已取消/);
  });

  it('should expire unpicked orders by the DB job, returning points and stock once', async () => {
    const a = city.communities[0]!;
    const before = await balance(a.household.id);
    const stockBefore = await stock(soapId);
    const o = await resident.request('POST', '/api/store/my/orders', { itemId: soapId, quantity: 1 });
    expect(await balance(a.household.id)).toBe(before! - 8);
    clock.set(new Date('2026-11-13T00:00:01+08:00'));
    // Past the deadline but before the job ran: the counter refuses.
    const late = await worker.request('POST', '/api/store/handover', { storeId, code: o.body.code });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/过了领取期限|已过领取期限/);
    await Promise.all([runDueJobs(t.db, storeJobHandlers(), clock), runDueJobs(t.db, storeJobHandlers(), clock)]);
    await runDueJobs(t.db, storeJobHandlers(), clock);
    // The first order (2 bags, never picked up) ran out at the same moment as this one.
    expect(await balance(a.household.id)).toBe(before! + 16);
    expect(await stock(soapId)).toBe(stockBefore + 2);
    const mine = await resident.request('GET', '/api/store/my/orders');
    const row = mine.body.items.find((x: { id: number }) => x.id === o.body.id);
    expect(row.status).toBe('expired');
    expect(row.qrSvg).toBeNull();
    const cancelExpired = await resident.request('POST', `/api/store/my/orders/${o.body.id}/cancel`, {});
    expect(cancelExpired.body.message).toMatch(/已过期/);
    const expired = await worker.request('POST', '/api/store/handover', { storeId, code: o.body.code });
    expect(expired.body.message).toMatch(/已过期/);
    const refunds = await t.db.selectFrom('points_entry').select('kind').where('order_id', '=', o.body.id).where('kind', '=', 'refund').execute();
    expect(refunds).toHaveLength(1);
    // The always-open station works after the event ended; its orders wait pickupDays.
    const station = await worker.request('POST', '/api/store/items', { storeId: stationId, name: '食盐', kind: 'goods', cost: 2, unit: '袋', initialStock: 5 });
    const s = await resident.request('POST', '/api/store/my/orders', { itemId: station.body.id, quantity: 1 });
    expect(s.status).toBe(200);
    expect(new Date(s.body.expiresAt).getTime() - clock.now().getTime()).toBe(3 * DAY);
    const stats = await secretary.request('GET', `/api/store/stats?communityId=${a.community.id}&months=3`);
    expect(stats.body.months).toEqual(['2026-09', '2026-10', '2026-11']);
    const centre = stats.body.rows.find((r: { storeId: number }) => r.storeId === storeId);
    expect(centre).toMatchObject({ month: '2026-11', orders: 1, points: 8 });
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('should keep another community\'s stores, items, events and orders out of reach (404)', async () => {
    for (const [m, u, b] of [
      ['GET', `/api/store/stores/${storeId}/items`, undefined],
      ['PATCH', `/api/store/stores/${storeId}`, { name: 'x' }],
      ['POST', '/api/store/items', { storeId, name: 'x', kind: 'goods', cost: 1 }],
      ['POST', `/api/store/items/${soapId}/stock`, { kind: 'received', delta: 1 }],
      ['GET', `/api/store/items/${soapId}/movements`, undefined],
      ['GET', `/api/store/stores?communityId=${city.communities[0]!.community.id}`, undefined],
    ] as const) {
      const r = await otherSecretary.request(m, u, b);
      expect(r.status, `${m} ${u}`).toBe(404);
    }
    const list = await otherSecretary.request('GET', '/api/store/orders');
    expect(list.body.items).toEqual([]);
    const own = await otherSecretary.request('GET', '/api/store/stores');
    expect(own.body.items).toEqual([]);
    const denied = await resident.request('GET', '/api/store/orders');
    expect(denied.status).toBe(403);
  });

  it('should show an item photo to its community and staff, not to another community', async () => {
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('salt-photo')]);
    const boundary = '----linlistoretest';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="salt.png"\r\nContent-Type: image/png\r\n\r\n`),
      bytes, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({
      method: 'POST', url: '/api/files', payload,
      headers: { cookie: secretary.cookie, 'x-csrf-token': secretary.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.statusCode, up.body).toBe(200);
    const photoId = up.json().id as number;
    const item = await secretary.request('PATCH', `/api/store/items/${soapId}`, { photoId });
    expect(item.body.photoUrl).toBe(`/api/files/${photoId}`);
    const read = (s: Session) => t.app.inject({ method: 'GET', url: `/api/files/${photoId}`, headers: { cookie: s.cookie } });
    expect((await read(resident)).statusCode).toBe(200);
    expect((await read(worker)).statusCode).toBe(200);
    expect((await read(neighbourResident)).statusCode).toBe(404);
    expect((await read(otherSecretary)).statusCode).toBe(404);
  });

  it('should let staff cancel an order, call an event off and close a store', async () => {
    const a = city.communities[0]!;
    const salt = await t.db.selectFrom('store_item').select('id').where('name', '=', '食盐').executeTakeFirstOrThrow();
    const before = await balance(a.household.id);
    const o = await resident.request('POST', '/api/store/my/orders', { itemId: salt.id, quantity: 1 });
    const byStaff = await worker.request('POST', `/api/store/orders/${o.body.id}/cancel`, { reason: '居民电话说不要了' });
    expect(byStaff.body).toMatchObject({ status: 'cancelled', closeReason: '居民电话说不要了' });
    expect(await balance(a.household.id)).toBe(before);

    const ev = await secretary.request('POST', '/api/store/events', { communityId: a.community.id, name: '春节兑换', startsOn: '2027-02-01', endsOn: '2027-02-05' });
    const off = await secretary.request('POST', `/api/store/events/${ev.body.id}/cancel`);
    expect(off.body.status).toBe('cancelled');
    expect((await secretary.request('POST', `/api/store/events/${ev.body.id}/cancel`)).status).toBe(409);
    const events = await worker.request('GET', `/api/store/events?communityId=${a.community.id}`);
    expect(events.body.items.map((e: { name: string; status: string }) => [e.name, e.status])).toContainEqual(['春节兑换', 'cancelled']);

    const closed = await secretary.request('PATCH', `/api/store/stores/${stationId}`, { active: false });
    expect(closed.body).toMatchObject({ active: false, openNow: false });
    const refused = await resident.request('POST', '/api/store/my/orders', { itemId: salt.id, quantity: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/下架/);
    expect((await resident.request('GET', '/api/store/my')).body.stores.map((s: { id: number }) => s.id)).not.toContain(stationId);
    await secretary.request('PATCH', `/api/store/stores/${stationId}`, { active: true });
  });

  it('should replay a retried tap (same clientId) as the same order', async () => {
    const clientId = '6f1c2a3e-0000-4000-8000-000000000001';
    const st = await t.db.selectFrom('store_item').select('id').where('name', '=', '食盐').executeTakeFirstOrThrow();
    const [x, y] = [await resident.request('POST', '/api/store/my/orders', { itemId: st.id, quantity: 1, clientId }),
      await resident.request('POST', '/api/store/my/orders', { itemId: st.id, quantity: 1, clientId })];
    expect(x.body.id).toBe(y.body.id);
  });

  it('should redeem at the counter for a household without a phone, handed over at once, only in scope', async () => {
    const a = city.communities[0]!;
    const tissue = await secretary.request('POST', '/api/store/items', { storeId: stationId, name: '抽纸', kind: 'goods', cost: 5, unit: '包', initialStock: 4 });
    await grant(a.household.id, 20);
    const before = (await balance(a.household.id))!;
    const o = await secretary.request('POST', '/api/store/orders', { itemId: tissue.body.id, quantity: 2, holderKind: 'household', holderId: a.household.id });
    expect(o.status).toBe(200);
    expect(o.body).toMatchObject({ status: 'handed_over', total: 10, quantity: 2, itemName: '抽纸' });
    expect(o.body.handedAt).not.toBeNull();
    expect(await balance(a.household.id)).toBe(before - 10);
    expect(await stock(tissue.body.id)).toBe(2);
    // Handed over on the spot: no pickup timer, and the audit says it was a counter redemption.
    expect(await t.db.selectFrom('job').select('id').where('dedupe_key', '=', `store-order:${o.body.id}`).where('status', '=', 'pending').execute()).toHaveLength(0);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'store_order').where('entity_id', '=', String(o.body.id)).execute();
    expect(audit.map((x) => x.action)).toEqual(['store.order.counter']);
    // The same rules as on the phone: stock, and the holder must be in the staff member's scope.
    const tooMany = await secretary.request('POST', '/api/store/orders', { itemId: tissue.body.id, quantity: 3, holderKind: 'household', holderId: a.household.id });
    expect(tooMany.body.code).toBe('OUT_OF_STOCK');
    const foreign = await secretary.request('POST', '/api/store/orders', { itemId: tissue.body.id, quantity: 1, holderKind: 'household', holderId: city.communities[1]!.household.id });
    expect(foreign.status).toBe(404);
    expect(await stock(tissue.body.id)).toBe(2);
    // A resident may not use the counter.
    expect((await resident.request('POST', '/api/store/orders', { itemId: tissue.body.id, quantity: 1, holderKind: 'household', holderId: a.household.id })).status).toBe(403);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('should never double-spend: concurrent orders of one household beyond its balance', async () => {
    const a = city.communities[2]!;
    const sec = await login(t.app, (await addAccount(t.db, 'community_secretary', a.community)).username);
    const s = await sec.request('POST', '/api/store/stores', { communityId: a.community.id, name: '凤山积分超市', kind: 'community_centre', alwaysOpen: true });
    const item = await sec.request('POST', '/api/store/items', { storeId: s.body.id, name: '卫生纸', kind: 'goods', cost: 5, unit: '提', initialStock: 100, perOrderLimit: 10 });
    const acc = await addAccount(t.db, 'resident', a.unit);
    await t.db.updateTable('account').set({ resident_id: a.residentId }).where('id', '=', acc.id).execute();
    const r = await login(t.app, acc.username);
    await grant(a.household.id, 23);
    const results = await Promise.all(Array.from({ length: 12 }, () => r.request('POST', '/api/store/my/orders', { itemId: item.body.id, quantity: 1 })));
    const ok = results.filter((x) => x.status === 200).length;
    expect(ok).toBe(4);
    expect(results.filter((x) => x.status !== 200).every((x) => x.body.code === 'INSUFFICIENT_POINTS')).toBe(true);
    expect(await balance(a.household.id)).toBe(3);
    expect(await stock(item.body.id)).toBe(96);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });
});

/** 100 households, one last item, all at once: exactly one gets it. */
describe('points supermarket under contention', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  afterAll(() => t?.close());

  it('should let exactly one of 100 concurrent redemptions of the last item succeed', async () => {
    t = await createTestApp({ clock });
    const city = await buildSmallCity(t);
    const a = city.communities[0]!;
    const sec = await login(t.app, (await addAccount(t.db, 'community_secretary', a.community)).username);
    const s = await sec.request('POST', '/api/store/stores', { communityId: a.community.id, name: '积分超市', kind: 'community_centre', alwaysOpen: true });
    const item = await sec.request('POST', '/api/store/items', { storeId: s.body.id, name: '电饭煲', kind: 'goods', cost: 200, unit: '个', initialStock: 1 });
    const { redeem, storeDeps } = await import('../../server/modules/store/store-orders.service.js');
    const deps = storeDeps({ database: t.database, cipher: t.cipher, config: {} as never, clock });
    const actors = [];
    for (let i = 0; i < 100; i++) {
      const h = await addHousehold(t.db, a.unit, `${1000 + i}`);
      const rid = await addResident(t.db, t.cipher, h, `住户${i}`, validIdNumber('19800101', 100 + i));
      const acc = await addAccount(t.db, 'resident', a.unit);
      await t.db.updateTable('account').set({ resident_id: rid }).where('id', '=', acc.id).execute();
      await t.db.transaction().execute((trx) => appendForHolder(trx, { kind: 'household', id: h.id }, [{ amount: 300, kind: 'deed' }], clock.now()));
      actors.push({ accountId: acc.id, username: acc.username, displayName: acc.username, role: 'resident' as const, ip: '127.0.0.1' });
    }
    const results = await Promise.allSettled(actors.map((actor) => redeem(deps, actor, { itemId: item.body.id, quantity: 1 })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as { code?: string }).code)).toEqual(Array(99).fill('OUT_OF_STOCK'));
    const row = await t.db.selectFrom('store_item').select('stock').where('id', '=', item.body.id).executeTakeFirstOrThrow();
    expect(row.stock).toBe(0);
    const negative = await t.db.selectFrom('points_balance').select('holder_id').where('balance', '<', 0).execute();
    expect(negative).toEqual([]);
    const spent = await t.db.selectFrom('points_entry').select('amount').where('kind', '=', 'redeem').execute();
    expect(spent).toEqual([{ amount: -200 }]);
    expect(await t.db.selectFrom('store_order').select('id').execute()).toHaveLength(1);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  }, 120_000);
});
