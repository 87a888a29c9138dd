import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendForHolder } from '../../server/modules/points/points-ledger.repository.js';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * A phone that lost its answer resends its offline queue, sometimes twice at once. However the
 * copies race, every one answers with the record that was stored, and one row is stored.
 */
const COPIES = 10;

describe('racing replays of one offline record', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let grid: Session, secretary: Session, resident: Session;

  const all = (s: Session, url: string, body: unknown) => Promise.all(Array.from({ length: COPIES }, () => s.request('POST', url, body)));
  const expectOneAnswer = (answers: { status: number; body: any }[], idOf: (b: any) => number) => {
    expect(answers.map((a) => a.status), JSON.stringify(answers.find((a) => a.status !== 200)?.body)).toEqual(Array(COPIES).fill(200));
    const ids = new Set(answers.map((a) => idOf(a.body)));
    expect(ids.size).toBe(1);
    return [...ids][0]!;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const a = city.communities[0]!;
    grid = await login(t.app, (await addAccount(t.db, 'grid_worker', a.grid)).username);
    secretary = await login(t.app, (await addAccount(t.db, 'community_secretary', a.community)).username);
    const r = await addAccount(t.db, 'resident', a.unit);
    await t.db.updateTable('account').set({ resident_id: a.residentId }).where('id', '=', r.id).execute();
    resident = await login(t.app, r.username);
    await t.db.transaction().execute((trx) => appendForHolder(trx, { kind: 'household', id: a.household.id }, [{ amount: 100, kind: 'deed', note: '好人好事' }], clock.now()));
  });
  afterAll(() => t?.close());

  it('should answer every copy of a demand with the one stored', async () => {
    const clientId = `offline-${randomUUID()}`;
    const body = { orgId: city.communities[0]!.grid.id, categoryCode: 'facilities', description: '楼道灯坏了', channel: 'visit', clientId };
    const answers = await all(grid, '/api/demands', body);
    const id = expectOneAnswer(answers, (b) => b.demand.id);
    expect(answers.filter((a) => a.body.replayed === false)).toHaveLength(1);
    const rows = await t.db.selectFrom('demand').select('id').where('client_id', '=', clientId).execute();
    expect(rows).toEqual([{ id }]);
  });

  it('should answer every copy of a resident’s demand with the one stored', async () => {
    const clientId = `offline-${randomUUID()}`;
    const body = { householdId: city.communities[0]!.household.id, categoryCode: 'utilities', description: '停水了', channel: 'resident', clientId };
    const id = expectOneAnswer(await all(resident, '/api/demands', body), (b) => b.demand.id);
    expect(await t.db.selectFrom('demand').select('id').where('client_id', '=', clientId).execute()).toEqual([{ id }]);
  });

  it('should answer every copy of a points record with the one stored', async () => {
    const items = (await secretary.request('GET', `/api/points/rules?communityId=${city.communities[0]!.community.id}`)).body.items as { id: number; code: string }[];
    const clientId = `offline-${randomUUID()}`;
    const body = {
      holderKind: 'household', holderId: city.communities[0]!.household.id, itemId: items.find((i) => i.code === 'waste_sorting')!.id,
      occurredOn: '2026-11-02', note: '', clientId,
    };
    const answers = await all(grid, '/api/points/records', body);
    const id = expectOneAnswer(answers, (b) => b.id);
    expect(answers.filter((a) => a.body.replayed === false)).toHaveLength(1);
    expect(await t.db.selectFrom('points_record').select('id').where('client_id', '=', clientId).execute()).toEqual([{ id }]);
  });

  it('should answer every copy of a redemption with the one order, even for the last item in stock', async () => {
    const a = city.communities[0]!;
    const st = await secretary.request('POST', '/api/store/stores', { communityId: a.community.id, orgId: a.grid.id, name: '服务站', kind: 'compound_station', alwaysOpen: true });
    const item = await secretary.request('POST', '/api/store/items', { storeId: st.body.id, name: '香皂', kind: 'goods', cost: 5, unit: '块', initialStock: 1 });
    expect(item.status, JSON.stringify(item.body)).toBe(200);
    const clientId = randomUUID();
    const answers = await all(resident, '/api/store/my/orders', { itemId: item.body.id, quantity: 1, clientId });
    const id = expectOneAnswer(answers, (b) => b.id);
    expect(await t.db.selectFrom('store_order').select('id').where('client_id', '=', clientId).execute()).toEqual([{ id }]);

    const counterItem = await secretary.request('POST', '/api/store/items', { storeId: st.body.id, name: '毛巾', kind: 'goods', cost: 5, unit: '条', initialStock: 1 });
    const counterId = randomUUID();
    const counter = await all(secretary, '/api/store/orders', { itemId: counterItem.body.id, quantity: 1, holderKind: 'household', holderId: a.household.id, clientId: counterId });
    const orderId = expectOneAnswer(counter, (b) => b.id);
    expect(await t.db.selectFrom('store_order').select('id').where('client_id', '=', counterId).execute()).toEqual([{ id: orderId }]);
  });

  it('should still refuse another account replaying someone else’s clientId', async () => {
    const clientId = `offline-${randomUUID()}`;
    const body = { orgId: city.communities[0]!.grid.id, categoryCode: 'facilities', description: '路灯不亮', channel: 'visit', clientId };
    expect((await grid.request('POST', '/api/demands', body)).status).toBe(200);
    expect((await secretary.request('POST', '/api/demands', body)).status).toBe(409);
  });
});
