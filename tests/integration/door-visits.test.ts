import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/** 背包上门: a grid worker's visit record is his own to handle, and every visit counts, demand or not. */
describe('door-to-door visits', () => {
  const clock = new ManualClock(new Date('2026-11-06T10:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let grid: Session, otherGrid: Session, worker: Session, resident: Session, street: Session;
  let gridId: number, workerId: number;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    const a = city.communities[0];
    const g = await addAccount(t.db, 'grid_worker', a.grid);
    gridId = g.id;
    grid = await login(t.app, g.username);
    otherGrid = await login(t.app, (await addAccount(t.db, 'grid_worker', city.communities[3].grid)).username);
    const w = await addAccount(t.db, 'community_worker', a.community);
    workerId = w.id;
    worker = await login(t.app, w.username);
    resident = await login(t.app, (await addAccount(t.db, 'resident', a.unit)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
  });
  afterAll(() => t?.close());

  const visitDemand = (body: Record<string, unknown> = {}) => grid.request('POST', '/api/demands', {
    householdId: city.communities[0].household.id, categoryCode: 'facilities', description: '楼道灯坏了', channel: 'visit', ...body,
  });
  const inboxOf = async (accountId: number, demandId: number) =>
    t.db.selectFrom('notification').select('id').where('account_id', '=', accountId).where('link', '=', `/demands/${demandId}`).execute();

  it('should assign a grid worker’s own visit record to him and tell the others, not him', async () => {
    const created = await visitDemand({ clientId: 'visit-demand-0001' });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const d = created.body.demand;
    expect(d).toMatchObject({ state: 'accepted', handlerAccountId: gridId, channel: 'visit' });
    expect(await inboxOf(gridId, d.id)).toEqual([]);
    expect(await inboxOf(workerId, d.id)).toHaveLength(1);
    // The visit is on record with the demand.
    const mine = await grid.request('GET', '/api/visits/mine');
    expect(mine.body.items[0]).toMatchObject({ outcome: 'demand', demandId: d.id, demandState: 'accepted', householdId: city.communities[0].household.id });
    // Replayed from the offline queue: the same demand, no second visit.
    const again = await visitDemand({ clientId: 'visit-demand-0001' });
    expect(again.body).toMatchObject({ replayed: true, demand: { id: d.id } });
    expect((await grid.request('GET', '/api/visits/mine')).body.total).toBe(mine.body.total);
  });

  it('should resolve at once what he solved on the spot, and tell nobody', async () => {
    clock.advance(60_000);
    const created = await visitDemand({ solvedOnSpotNote: '当场更换了灯泡' });
    expect(created.status).toBe(200);
    expect(created.body.demand).toMatchObject({ state: 'resolved', tier: 'spot', handlerAccountId: gridId });
    expect(await inboxOf(gridId, created.body.demand.id)).toEqual([]);
    expect(await inboxOf(workerId, created.body.demand.id)).toEqual([]);
    const mine = await grid.request('GET', '/api/visits/mine?pageSize=1');
    expect(mine.body.items[0]).toMatchObject({ outcome: 'solved', demandId: created.body.demand.id });
  });

  it('should leave other channels as they were: a walk-in stays in the pool for the community', async () => {
    const created = await grid.request('POST', '/api/demands', { orgId: city.communities[0].grid.id, categoryCode: 'other', description: '来访反映噪音', channel: 'walk_in', force: true });
    expect(created.body.demand).toMatchObject({ state: 'submitted', handlerAccountId: null });
  });

  it('should record a visit that found nothing, once per clientId, newest first in his history', async () => {
    clock.advance(60_000);
    const first = await grid.request('POST', '/api/visits', { householdId: city.communities[0].household.id, note: '独居老人，一切安好', clientId: 'visit-none-00001' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.replayed).toBe(false);
    const replay = await grid.request('POST', '/api/visits', { householdId: city.communities[0].household.id, note: '独居老人，一切安好', clientId: 'visit-none-00001' });
    expect(replay.body).toEqual({ id: first.body.id, replayed: true });
    const page1 = await grid.request('GET', '/api/visits/mine?page=1&pageSize=2');
    expect(page1.body.total).toBe(3);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items.map((v: { outcome: string }) => v.outcome)).toContain('no_demand');
    const page2 = await grid.request('GET', '/api/visits/mine?page=2&pageSize=2');
    expect(page2.body.items).toHaveLength(1);
    const all = [...page1.body.items, ...page2.body.items];
    const times = all.map((v: { visitedAt: string }) => v.visitedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all.find((v: { id: number }) => v.id === first.body.id)).toMatchObject({ note: '独居老人，一切安好', demandId: null, place: expect.stringContaining('101') });
  });

  it('should refuse visits from residents, outside the scope, without a place, and a clientId of another account', async () => {
    expect((await resident.request('POST', '/api/visits', { householdId: city.communities[0].household.id })).status).toBe(403);
    const outside = await grid.request('POST', '/api/visits', { householdId: city.communities[3].household.id });
    expect(outside.status).toBe(404);
    const none = await grid.request('POST', '/api/visits', {});
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/住户/);
    const tooBroad = await worker.request('POST', '/api/visits', { orgId: city.streets[0].id });
    expect([400, 404]).toContain(tooBroad.status);
    const stolen = await otherGrid.request('POST', '/api/visits', { householdId: city.communities[3].household.id, clientId: 'visit-none-00001' });
    expect(stolen.status).toBe(409);
    // Nobody else's history shows his visits.
    expect((await otherGrid.request('GET', '/api/visits/mine')).body.total).toBe(0);
  });

  it('should count visits per grid worker per month for the staff above, within their scope', async () => {
    const counts = await street.request('GET', '/api/visits/counts?month=2026-11');
    expect(counts.status).toBe(200);
    expect(counts.body.items).toEqual([
      expect.objectContaining({ accountId: gridId, visits: 3, withDemand: 2, solved: 1, households: 1 }),
    ]);
    expect((await worker.request('GET', `/api/visits/counts?month=2026-11&orgId=${city.communities[0].community.id}`)).body.items[0].visits).toBe(3);
    expect((await street.request('GET', '/api/visits/counts?month=2026-10')).body.items).toEqual([]);
    expect((await street.request('GET', '/api/visits/counts?month=2026-13')).status).toBe(400);
    expect((await street.request('GET', `/api/visits/counts?month=2026-11&orgId=${city.communities[3].community.id}`)).status).toBe(404);
    expect((await resident.request('GET', '/api/visits/counts?month=2026-11')).status).toBe(403);
  });
});
