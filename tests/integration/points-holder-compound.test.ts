import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, addHousehold, addUnit, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/** 一事一记's household picker names the compound: 1号楼1单元101 exists in every compound of a community. */
describe('points holder picker labels', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let worker: Session;
  let twinId: number, scatteredId: number;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    const a = city.communities[0];
    // A second compound with the same building, unit and room, and a scattered area.
    const twinGrid = await addUnit(t.db, a.community, 'grid', '阳光小区', { gridType: 'enclosed' });
    const twinUnit = await addUnit(t.db, await addUnit(t.db, twinGrid, 'building', '1号楼'), 'unit', '1单元');
    twinId = (await addHousehold(t.db, twinUnit, '101')).id;
    const lanes = await addUnit(t.db, a.community, 'grid', '东关街片区', { gridType: 'scattered' });
    scatteredId = (await addHousehold(t.db, await addUnit(t.db, await addUnit(t.db, lanes, 'building', '东关街3巷'), 'unit', '1院'), '5号')).id;
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
  });
  afterAll(() => t?.close());

  it('should put the compound before the door for households in enclosed grids, and only there', async () => {
    const a = city.communities[0];
    const r = await worker.request('GET', `/api/points/holders?communityId=${a.community.id}&kind=household&pageSize=50`);
    expect(r.status).toBe(200);
    const label = (id: number) => r.body.items.find((h: { id: number }) => h.id === id)?.label;
    expect(label(a.household.id)).toBe(`${a.grid.name} 1号楼1单元101 张*`);
    expect(label(twinId)).toBe('阳光小区 1号楼1单元101');
    expect(label(scatteredId)).toBe('东关街3巷1院5号');
    const shops = await worker.request('GET', `/api/points/holders?communityId=${a.community.id}&kind=merchant`);
    expect(shops.body.items[0].label).toBe(`${a.community.name}便利店`);
  });
});
