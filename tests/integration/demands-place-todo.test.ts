import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, addUnit, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * Issue 12, console rough edges: demands say their community and compound, a resident places a
 * problem anywhere in their own community (never outside it), and the street's 我的待办 holds the
 * communities' requests to whistle.
 */
describe('demands: where it is, and what waits on the street', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let resident: Session, worker: Session, street: Session, otherStreet: Session;
  let otherBuildingId: number;

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    const a = city.communities[0];
    // A second compound in the resident's community, with a building of its own.
    const grid2 = await addUnit(t.db, a.community, 'grid', '阳光小区', { gridType: 'enclosed' });
    otherBuildingId = (await addUnit(t.db, grid2, 'building', '阳光小区3号楼')).id;
    const acc = await addAccount(t.db, 'resident', a.unit);
    await t.db.updateTable('account').set({ resident_id: a.residentId }).where('id', '=', acc.id).execute();
    resident = await login(t.app, acc.username);
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    otherStreet = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[1])).username);
  });
  afterAll(() => t?.close());

  const report = (s: Session, body: Record<string, unknown>) =>
    s.request('POST', '/api/demands', { categoryCode: 'environment', description: '小区门口垃圾堆放', channel: 'resident', force: true, ...body });

  it('should name the community and the compound of a demand in the answer, the list and the detail', async () => {
    const a = city.communities[0];
    const created = await report(resident, {});
    expect(created.status).toBe(200);
    expect(created.body.demand).toMatchObject({ placeName: '1单元', communityName: a.community.name, compoundName: a.grid.name });
    const id = created.body.demand.id;
    const list = await worker.request('GET', '/api/demands?pageSize=50');
    expect(list.body.items.find((d: { id: number }) => d.id === id)).toMatchObject({ communityName: a.community.name, compoundName: a.grid.name });
    const detail = await worker.request('GET', `/api/demands/${id}`);
    expect(detail.body).toMatchObject({ communityName: a.community.name, compoundName: a.grid.name });
  });

  it('should offer a resident the compounds and buildings of their own community only', async () => {
    const a = city.communities[0];
    const r = await resident.request('GET', '/api/demands/places');
    expect(r.status).toBe(200);
    expect(r.body.community).toEqual({ id: a.community.id, name: a.community.name });
    const names = r.body.places.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining([a.grid.name, '阳光小区', '阳光小区3号楼', '1号楼']));
    expect(names.some((n: string) => n.includes(city.communities[1].community.name))).toBe(false);
    // A street admin stands above any community: no list to offer.
    expect((await street.request('GET', '/api/demands/places')).status).toBe(404);
  });

  it('should let a resident place a problem at another building of their community, and refuse one outside it', async () => {
    const a = city.communities[0];
    const there = await report(resident, { orgId: otherBuildingId });
    expect(there.status).toBe(200);
    expect(there.body.demand).toMatchObject({ orgId: otherBuildingId, placeName: '阳光小区3号楼', communityName: a.community.name, compoundName: '阳光小区' });
    // The resident still reads their own report; the community's staff see it at its place.
    expect((await resident.request('GET', `/api/demands/${there.body.demand.id}`)).status).toBe(200);
    expect((await worker.request('GET', `/api/demands/${there.body.demand.id}`)).body.placeName).toBe('阳光小区3号楼');

    const outside = await report(resident, { orgId: city.communities[1].building.id });
    expect(outside.status).toBe(404);
    expect(outside.body.message).toContain('不在您的管辖范围内');
    const street = await report(resident, { orgId: city.streets[0].id });
    expect(street.status).toBe(404);
    const community = await report(resident, { orgId: a.community.id });
    expect(community.status).toBe(200);
  });

  it('should list the communities\' requests to whistle in the street\'s 我的待办, not in another street\'s', async () => {
    const created = await report(resident, { categoryCode: 'facilities', description: '单元门禁坏了，需要住建部门更换' });
    const id = created.body.demand.id;
    expect((await worker.request('POST', `/api/demands/${id}/actions/accept`, {})).status).toBe(200);
    const before = await street.request('GET', '/api/demands?mine=true&pageSize=100');
    expect(before.body.items.map((d: { id: number }) => d.id)).not.toContain(id);
    expect((await worker.request('POST', `/api/demands/${id}/actions/request_escalation`, { note: '需部门协同' })).status).toBe(200);
    const mine = await street.request('GET', '/api/demands?mine=true&pageSize=100');
    expect(mine.body.items.find((d: { id: number }) => d.id === id)).toMatchObject({ state: 'escalation_requested', communityName: city.communities[0].community.name });
    const other = await otherStreet.request('GET', '/api/demands?mine=true&pageSize=100');
    expect(other.body.items.map((d: { id: number }) => d.id)).not.toContain(id);
    // A community worker's 我的待办 stays what they handle.
    const w = await worker.request('GET', '/api/demands?mine=true&pageSize=100');
    expect(w.body.items.map((d: { id: number }) => d.id)).toContain(id);
  });
});
