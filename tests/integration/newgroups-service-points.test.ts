import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * Service points (issue 16): hours kept per China weekday (open/closed at the edges, an overnight
 * span across midnight, a UTC day that is not the China day), and a rider's nearest open points
 * ordered by distance from the phone or, without a location, from the rider's station.
 */
describe('newgroups service points', () => {
  // Monday 30 November 2026, 23:30 in China (still Monday 15:30 UTC).
  const clock = new ManualClock(new Date('2026-11-30T23:30:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let street: Session;
  let otherStreet: Session;
  let otherCounty: Session;
  let rider: Session;
  const all = [1, 2, 3, 4, 5, 6, 7];
  const ids: Record<string, number> = {};

  const add = async (s: Session, name: string, unitId: number, lat: number, lng: number, hours: { weekday: number; open: string; close: string }[]) => {
    const r = await s.request('POST', '/api/newgroups/service-points', { name, kind: 'driver_home', unitId, lat, lng, services: ['water', 'charging'], hours });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids[name] = r.body.id;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    otherStreet = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[1]!)).username);
    otherCounty = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[2]!)).username);
    // A rider of a station at (37.50, 111.10) in 滨河's first community.
    const c = city.communities[0]!.community;
    const { id: platformId } = await t.db.insertInto('gig_platform').values({ org_id: city.county.id, org_path: city.county.path, county_code: city.county.county_code, name: '美团', kind: 'delivery' }).returning('id').executeTakeFirstOrThrow();
    const { id: stationId } = await t.db.insertInto('gig_station').values({ platform_id: platformId, org_id: c.id, org_path: c.path, county_code: c.county_code, name: '美团一站', lat: 37.5, lng: 111.1 }).returning('id').executeTakeFirstOrThrow();
    const { id: workerId } = await t.db.insertInto('gig_worker').values({ station_id: stationId, platform_id: platformId, org_path: c.path, county_code: c.county_code, name: '骑手', kind: 'rider', consent_at: new Date(), consent_version: '2026-01' }).returning('id').executeTakeFirstOrThrow();
    const acc = await addAccount(t.db, 'gig_worker', city.streets[0]!);
    await t.db.updateTable('account').set({ gig_worker_id: workerId }).where('id', '=', acc.id).execute();
    rider = await login(t.app, acc.username);
  });
  afterAll(() => t?.close());

  it('should refuse bad hours and points outside the scope', async () => {
    const base = { name: '坏点', kind: 'warm_station', unitId: city.streets[0]!.id, lat: 37.5, lng: 111.1 };
    expect((await street.request('POST', '/api/newgroups/service-points', { ...base, hours: [{ weekday: 1, open: '09:00', close: '09:00' }] })).status).toBe(400);
    const overlap = await street.request('POST', '/api/newgroups/service-points', { ...base, hours: [{ weekday: 1, open: '08:00', close: '12:00' }, { weekday: 1, open: '11:00', close: '13:00' }] });
    expect(overlap.status).toBe(400);
    expect(overlap.body.message).toContain('重叠');
    expect((await street.request('POST', '/api/newgroups/service-points', { ...base, hours: [{ weekday: 8, open: '08:00', close: '12:00' }] })).status).toBe(400);
    expect((await street.request('POST', '/api/newgroups/service-points', { ...base, unitId: city.streets[1]!.id, hours: [{ weekday: 1, open: '08:00', close: '12:00' }] })).status).toBe(404);
  });

  it('should tell open from closed at the edges of the hours in China time', async () => {
    await add(street, '日间驿站', city.streets[0]!.id, 37.5, 111.1, all.map((weekday) => ({ weekday, open: '08:00', close: '20:00' })));
    // Open Sunday night into Monday morning.
    await add(street, '夜间驿站', city.streets[0]!.id, 37.5, 111.1, [{ weekday: 7, open: '22:00', close: '06:00' }]);
    const openNow = async () => {
      const r = await street.request('GET', '/api/newgroups/service-points?pageSize=50');
      expect(r.status).toBe(200);
      return Object.fromEntries(r.body.items.map((p: { name: string; openNow: boolean }) => [p.name, p.openNow]));
    };
    clock.set('2026-11-30T19:59:00+08:00');
    expect(await openNow()).toMatchObject({ 日间驿站: true, 夜间驿站: false });
    clock.set('2026-11-30T20:00:00+08:00');
    expect(await openNow()).toMatchObject({ 日间驿站: false });
    clock.set('2026-11-30T07:59:00+08:00');
    expect(await openNow()).toMatchObject({ 日间驿站: false });
    // Monday 05:59 in China is still Sunday 21:59 UTC: the China weekday decides.
    clock.set('2026-11-30T05:59:00+08:00');
    expect(await openNow()).toMatchObject({ 夜间驿站: true, 日间驿站: false });
    clock.set('2026-11-30T06:00:00+08:00');
    expect(await openNow()).toMatchObject({ 夜间驿站: false });
    clock.set('2026-11-29T22:00:00+08:00');
    expect(await openNow()).toMatchObject({ 夜间驿站: true });
    const other = await otherStreet.request('GET', '/api/newgroups/service-points');
    expect(other.body.total).toBe(0);
  });

  it('should give the rider the nearest open points first, from the phone or the station', async () => {
    const h24 = all.map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
    // Along a line east of the station: ~0.9 km, ~2.6 km, ~8.8 km, ~44 km; one nearby point is closed now.
    await add(otherStreet, '近点', city.streets[1]!.id, 37.5, 111.11, h24);
    await add(street, '中点', city.streets[0]!.id, 37.5, 111.13, h24);
    await add(street, '远点', city.streets[0]!.id, 37.5, 111.2, h24);
    await add(street, '很远点', city.streets[0]!.id, 37.5, 111.6, h24);
    await add(street, '闭门点', city.streets[0]!.id, 37.5, 111.101, [{ weekday: 3, open: '08:00', close: '09:00' }]);
    await add(otherCounty, '外县点', city.streets[2]!.id, 37.5, 111.1005, h24);
    clock.set('2026-11-30T23:30:00+08:00'); // Monday night: the day/night stations are closed
    const fromStation = await rider.request('GET', '/api/newgroups/rider/points?limit=3');
    expect(fromStation.status, JSON.stringify(fromStation.body)).toBe(200);
    expect(fromStation.body.from).toEqual({ lat: 37.5, lng: 111.1, source: 'station' });
    expect(fromStation.body.items.map((p: { name: string }) => p.name)).toEqual(['近点', '中点', '远点']);
    const d = fromStation.body.items.map((p: { distanceM: number }) => p.distanceM);
    expect(d[0]).toBeGreaterThan(800);
    expect(d[0]).toBeLessThan(1000);
    expect(fromStation.body.items[0].todayHours).toEqual([{ open: '00:00', close: '24:00' }]);

    // From the phone, far east: the order turns round; the widest box still finds all four.
    const fromPhone = await rider.request('GET', '/api/newgroups/rider/points?lat=37.5&lng=111.61&limit=10');
    expect(fromPhone.body.from.source).toBe('device');
    expect(fromPhone.body.items.map((p: { name: string }) => p.name)).toEqual(['很远点', '远点', '中点', '近点']);

    expect((await rider.request('GET', '/api/newgroups/rider/points?lat=37.5')).status).toBe(400);
    expect((await street.request('GET', '/api/newgroups/rider/points')).status).toBe(403);
  });
});
