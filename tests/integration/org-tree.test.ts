import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

describe('org tree: create, rename, move, merge, split with history', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let county: Session;
  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
  });
  afterAll(() => t?.close());

  /** Every row's path must be its parent's path plus its id, and rows below must share it. */
  async function expectConsistentPaths() {
    const units = await t.db.selectFrom('org_unit').select(['id', 'parent_id', 'path', 'depth']).execute();
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const u of units) {
      const parent = u.parent_id ? byId.get(u.parent_id)! : null;
      expect(u.path).toBe(`${parent?.path ?? ''}${u.id}.`);
      expect(u.depth).toBe(parent ? parent.depth + 1 : 0);
    }
    const households = await t.db.selectFrom('household').select(['unit_id', 'org_path']).execute();
    for (const h of households) expect(h.org_path).toBe(byId.get(h.unit_id)!.path);
    const residents = await t.db.selectFrom('resident as r').innerJoin('household as h', 'h.id', 'r.household_id').select(['r.org_path', 'h.org_path as hp']).execute();
    for (const r of residents) expect(r.org_path).toBe(r.hp);
  }

  it('should create a grid under a community and refuse a wrong parent kind', async () => {
    const c = city.communities[0].community;
    const ok = await county.request('POST', '/api/org/units', { parentId: c.id, kind: 'grid', code: '10000014110200100101', name: '阳光小区网格', gridType: 'enclosed' });
    expect(ok.status).toBe(200);
    expect(ok.body.path).toBe(`${c.path}${ok.body.id}.`);
    const wrong = await county.request('POST', '/api/org/units', { parentId: c.id, kind: 'building', code: '1000001411020010010101', name: '1号楼' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('楼栋的上级应为网格');
    const noType = await county.request('POST', '/api/org/units', { parentId: c.id, kind: 'grid', code: '10000014110200100199', name: 'x' });
    expect(noType.status).toBe(400);
    const dupCode = await county.request('POST', '/api/org/units', { parentId: c.id, kind: 'grid', code: '10000014110200100101', name: '重复', gridType: 'scattered' });
    expect(dupCode.status).toBe(409);
  });

  it('should rename with the old name kept in history', async () => {
    const g = city.communities[0].grid;
    const res = await county.request('PATCH', `/api/org/units/${g.id}`, { name: '龙凤小区网格' });
    expect(res.body.name).toBe('龙凤小区网格');
    const hist = await county.request('GET', `/api/org/units/${g.id}/history`);
    expect(hist.body.items[0]).toMatchObject({ kind: 'rename', detail: { from: g.name, to: '龙凤小区网格' } });
  });

  it('should move a grid with its buildings, households and residents to another community', async () => {
    const from = city.communities[0];
    const to = city.communities[1];
    const res = await county.request('POST', `/api/org/units/${from.grid.id}/move`, { newParentId: to.community.id });
    expect(res.status).toBe(200);
    expect(res.body.path).toBe(`${to.community.path}${from.grid.id}.`);
    await expectConsistentPaths();
    const r = await t.db.selectFrom('resident').select('org_path').where('id', '=', from.residentId).executeTakeFirstOrThrow();
    expect(r.org_path.startsWith(to.community.path)).toBe(true);
    // The first community's worker no longer sees the moved residents; the second one's does.
    const w2 = await login(t.app, (await addAccount(t.db, 'community_worker', to.community)).username);
    expect((await w2.request('GET', `/api/people/residents/${from.residentId}`)).status).toBe(200);
    const hist = await county.request('GET', `/api/org/units/${from.grid.id}/history`);
    expect(hist.body.items[0]).toMatchObject({ kind: 'move', detail: { from: { parentId: from.community.id }, to: { parentId: to.community.id } } });
  });

  it('should refuse moving a unit under its own descendant or under the wrong kind', async () => {
    const c = city.communities[1];
    const loop = await county.request('POST', `/api/org/units/${c.community.id}/move`, { newParentId: c.grid.id });
    expect(loop.status).toBe(409);
    const kind = await county.request('POST', `/api/org/units/${c.grid.id}/move`, { newParentId: city.streets[1].id });
    expect(kind.status).toBe(409);
    expect(kind.body.message).toContain('网格只能挂在社区之下');
  });

  it('should merge two communities: children move, the merged one is dissolved with history', async () => {
    const a = city.communities[2]; // 凤山街道一社区
    const b = city.communities[3]; // 凤山街道二社区
    const res = await county.request('POST', `/api/org/units/${b.community.id}/merge`, { intoId: a.community.id });
    expect(res.status).toBe(200);
    await expectConsistentPaths();
    const merged = await t.db.selectFrom('org_unit').selectAll().where('id', '=', b.community.id).executeTakeFirstOrThrow();
    expect(merged.dissolved_at).not.toBeNull();
    const children = await county.request('GET', `/api/org/units/${a.community.id}/children`);
    expect(children.body.items.map((c: { id: number }) => c.id).sort()).toEqual([a.grid.id, b.grid.id].sort());
    const party = await t.db.selectFrom('party_org').select(['org_id', 'org_path']).where('id', '=', b.partyOrgId).executeTakeFirstOrThrow();
    expect(party).toEqual({ org_id: a.community.id, org_path: a.community.path });
    const hist = await county.request('GET', `/api/org/units/${b.community.id}/history`);
    expect(hist.body.items[0]).toMatchObject({ kind: 'merge', detail: { into: { id: a.community.id }, households: 1, residents: 1 } });
    const again = await county.request('PATCH', `/api/org/units/${b.community.id}`, { name: 'x' });
    expect(again.status).toBe(409);
    // Its old code is free for a new unit.
    const reuse = await county.request('POST', '/api/org/units', { parentId: city.streets[1].id, kind: 'community', code: b.community.code, name: '新社区' });
    expect(reuse.status).toBe(200);
  });

  it('should split some grids off into a new community', async () => {
    const a = city.communities[2];
    const res = await county.request('POST', `/api/org/units/${a.community.id}/split`, { name: '凤山新社区', code: '141102002099', childIds: [a.grid.id] });
    expect(res.status).toBe(200);
    expect(res.body.parentId).toBe(city.streets[1].id);
    await expectConsistentPaths();
    const g = await t.db.selectFrom('org_unit').select('parent_id').where('id', '=', a.grid.id).executeTakeFirstOrThrow();
    expect(g.parent_id).toBe(res.body.id);
    const bad = await county.request('POST', `/api/org/units/${a.community.id}/split`, { name: 'x', code: '141102002098', childIds: [city.communities[0].grid.id] });
    expect(bad.status).toBe(400);
  });

  it('should search by name and code within scope, with the path spelled out', async () => {
    const res = await county.request('GET', `/api/org/search?q=${encodeURIComponent('滨河')}`);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items[0].pathNames).toContain('离石区');
    const other = await county.request('GET', `/api/org/search?q=${encodeURIComponent('新义')}`);
    expect(other.body.items).toEqual([]);
  });

  it('should give the grid map as GeoJSON with household counts', async () => {
    const res = await county.request('GET', `/api/org/units/${city.county.id}/map`);
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features.length).toBeGreaterThanOrEqual(4);
    expect(res.body.features[0].geometry.type).toBe('Polygon');
    expect(res.body.features.reduce((s: number, f: { properties: { householdCount: number } }) => s + f.properties.householdCount, 0)).toBe(4);
  });

  it('should warn when a scattered grid is outside 300–500 households', async () => {
    const c = city.communities[0].community;
    const g = await county.request('POST', '/api/org/units', { parentId: c.id, kind: 'grid', code: '10000014110200100177', name: '散居片区', gridType: 'scattered' });
    const detail = await county.request('GET', `/api/org/units/${g.body.id}`);
    expect(detail.body.warning).toContain('少于300户');
  });
});
