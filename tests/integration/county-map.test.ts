import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seed } from '../../server/seed/seed.js';
import { createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

type County = { id: number; properties: { id: number; name: string; code: string }; geometry: { type: string; coordinates: [number, number][][] } };

/** The demo city's counties carry their real outlines, and the map serves them within scope. */
describe('county outlines on the city map', () => {
  let t: TestApp;
  let city: Session;
  let lishi: Session;
  let cityId: number;
  let lishiId: number;
  beforeAll(async () => {
    t = await createTestApp();
    await seed(t.database, t.cipher, { scale: 'demo' });
    city = await login(t.app, 'city_admin', DEMO_PASSWORD);
    lishi = await login(t.app, 'county_lishi', DEMO_PASSWORD);
    cityId = (await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'city').executeTakeFirstOrThrow()).id;
    lishiId = (await t.db.selectFrom('org_unit').select('id').where('name', '=', '离石区').executeTakeFirstOrThrow()).id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('should give a city admin the city map with the 13 county outlines', async () => {
    const res = await city.request('GET', `/api/org/units/${cityId}/map`);
    expect(res.status).toBe(200);
    expect(res.body.unitKind).toBe('city');
    const counties = res.body.counties as County[];
    expect(counties).toHaveLength(13);
    expect(counties.map((c) => c.properties.name)).toContain('离石区');
    for (const c of counties) {
      expect(c.geometry.type).toBe('Polygon');
      const [lon, lat] = c.geometry.coordinates[0][0];
      expect(lon).toBeGreaterThan(110.3);
      expect(lon).toBeLessThan(112.4);
      expect(lat).toBeGreaterThan(36.7);
      expect(lat).toBeLessThan(39.0);
    }
  });

  it('should give a county admin only its own county, and not the city map', async () => {
    const own = await lishi.request('GET', `/api/org/units/${lishiId}/map`);
    expect(own.status).toBe(200);
    expect(own.body.unitKind).toBe('county');
    expect((own.body.counties as County[]).map((c) => c.properties.name)).toEqual(['离石区']);
    expect(own.body.features.length).toBeGreaterThan(0);
    const cityMap = await lishi.request('GET', `/api/org/units/${cityId}/map`);
    expect(cityMap.status).toBe(404);
    expect(JSON.stringify(cityMap.body)).not.toContain('文水县');
  });

  it('should give no county outlines below a county', async () => {
    const street = await t.db.selectFrom('org_unit').select('id').where('name', '=', '滨河街道').executeTakeFirstOrThrow();
    const res = await lishi.request('GET', `/api/org/units/${street.id}/map`);
    expect(res.status).toBe(200);
    expect(res.body.unitKind).toBe('street');
    expect(res.body.counties).toEqual([]);
  });
});
