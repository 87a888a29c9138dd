import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, addUnit, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * The cockpit's map below the county level: each child drawn from its own outline or made of
 * its grids' outlines, one MultiPolygon per child; a child with neither is listed without one;
 * a county reads its own subtree only.
 */
const square = (west: number, south: number, size = 0.01) =>
  [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]];

interface Item { id: number; name: string; kind: string; source: 'own' | 'grids' | null; outline: { type: string; coordinates: number[][][][] } | null }

describe('the cockpit map: outlines of the units below', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let countyAdmin: Session;
  let cityAdmin: Session;
  let bareStreet: { id: number };
  let twoGrids: { id: number };

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
    countyAdmin = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    const fengshan = city.streets[1];
    // A township with no community yet: nothing to draw.
    bareStreet = await addUnit(t.db, city.county, 'street', '信义镇');
    // 凤山街道 gets a community whose two grids are a Polygon and a MultiPolygon of two parts, plus a grid with a broken outline.
    const community = await addUnit(t.db, fengshan!, 'community', '凤山街道三社区');
    twoGrids = community;
    await addUnit(t.db, community, 'grid', '东区', { geometry: { type: 'Polygon', coordinates: square(111.2, 37.5) } });
    await addUnit(t.db, community, 'grid', '西区', { geometry: { type: 'MultiPolygon', coordinates: [square(111.3, 37.5), square(111.4, 37.5)] } });
    await addUnit(t.db, community, 'grid', '坏轮廓', { geometry: { type: 'Polygon', coordinates: [[[111, 37], [112, 37]]] } });
    // A dissolved grid under 滨河街道 is not drawn.
    const dissolved = await addUnit(t.db, city.communities[0]!.community, 'grid', '撤销网格', { geometry: { type: 'Polygon', coordinates: square(111.9, 37.9) } });
    await t.db.updateTable('org_unit').set({ dissolved_at: new Date() }).where('id', '=', dissolved.id).execute();
  });
  afterAll(() => t?.close());

  const outlines = async (s: Session, orgId: number) => s.request('GET', `/api/stats/outlines?orgId=${orgId}`);

  it("should draw a county's streets from the outlines of the grids under each", async () => {
    const res = await outlines(countyAdmin, city.county.id);
    expect(res.status).toBe(200);
    expect(res.body.unit).toEqual({ id: city.county.id, name: '离石区', kind: 'county' });
    expect(res.body.truncated).toBe(false);
    const byName = new Map((res.body.items as Item[]).map((i) => [i.name, i]));
    expect([...byName.keys()].sort()).toEqual(['信义镇', '凤山街道', '滨河街道'].sort());
    // 滨河街道: two communities of one grid each (the dissolved grid left out).
    const binhe = byName.get('滨河街道')!;
    expect(binhe.source).toBe('grids');
    expect(binhe.outline!.type).toBe('MultiPolygon');
    expect(binhe.outline!.coordinates).toHaveLength(2);
    // 凤山街道: 2 grids from the small city, then 东区 (1 polygon) and 西区 (2); the broken outline dropped.
    const fengshan = byName.get('凤山街道')!;
    expect(fengshan.outline!.coordinates).toHaveLength(2 + 1 + 2);
    expect(fengshan.outline!.coordinates).toContainEqual(square(111.4, 37.5));
  });

  it('should list a child with no grid outline as having none', async () => {
    const res = await outlines(countyAdmin, city.county.id);
    const bare = (res.body.items as Item[]).find((i) => i.id === bareStreet.id)!;
    expect(bare).toEqual({ id: bareStreet.id, name: '信义镇', kind: 'street', source: null, outline: null });
  });

  it("should draw a community's grids from their own outlines", async () => {
    const res = await outlines(countyAdmin, twoGrids.id);
    expect(res.status).toBe(200);
    const items = res.body.items as Item[];
    expect(items.map((i) => [i.name, i.source, i.outline?.coordinates.length ?? 0])).toEqual([
      ['东区', 'own', 1], ['西区', 'own', 2], ['坏轮廓', null, 0],
    ]);
  });

  it("should draw the city's counties from their own outlines when they have them", async () => {
    await t.db.updateTable('org_unit').set({ geometry: JSON.stringify({ type: 'Polygon', coordinates: square(111, 37, 0.5) }) }).where('id', '=', city.otherCounty.id).execute();
    const res = await outlines(cityAdmin, city.city.id);
    expect(res.status).toBe(200);
    const byId = new Map((res.body.items as Item[]).map((i) => [i.id, i]));
    expect(byId.get(city.otherCounty.id)).toMatchObject({ source: 'own', outline: { type: 'MultiPolygon', coordinates: [square(111, 37, 0.5)] } });
    // 离石区 has no outline of its own here: made of all its grids.
    expect(byId.get(city.county.id)).toMatchObject({ source: 'grids' });
    expect(byId.get(city.county.id)!.outline!.coordinates).toHaveLength(4 + 3);
  });

  it("should not let a county read another county's outlines", async () => {
    const other = city.streets[2]!; // 新义街道 in 孝义市
    for (const id of [city.otherCounty.id, other.id, city.communities[4]!.community.id, city.city.id]) {
      const res = await outlines(countyAdmin, id);
      expect(res.status, String(id)).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain('新义');
    }
  });

  it('should refuse a malformed unit id with a stable code', async () => {
    const res = await outlines(countyAdmin, 0);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const words = await countyAdmin.request('GET', '/api/stats/outlines?orgId=abc');
    expect(words.status).toBe(400);
  });
});
