import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let street: Session;
  let key: string;
  let otherKey: string;
  const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const post = (path: string, body: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: path, payload: form(body), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const get = (path: string) => t.app.inject({ method: 'GET', url: path });

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    const issued = await street.request('POST', '/api/open311/keys', { name: '12345热线对接', orgId: city.streets[0].id });
    expect(issued.status).toBe(200);
    expect(issued.body.orgName).toBe(city.streets[0].name);
    key = issued.body.key;
    // The console's list names the place each key covers, and never shows a key again.
    const listed = await street.request('GET', '/api/open311/keys');
    expect(listed.body.items).toEqual([expect.objectContaining({ name: '12345热线对接', orgId: city.streets[0].id, orgName: city.streets[0].name, revoked: false })]);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    const other = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[2])).username);
    otherKey = (await other.request('POST', '/api/open311/keys', { name: '孝义', orgId: city.streets[2].id })).body.key;
  });
  afterAll(() => t?.close());

  it('should list services in XML and JSON', async () => {
    const xml = await get('/open311/v2/services.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toContain('<services>');
    expect(xml.body).toContain('<service_code>utilities</service_code>');
    expect(xml.body).toMatch(/<metadata>true<\/metadata>/);
    const json = JSON.parse((await get('/open311/v2/services.json')).body);
    expect(json.find((s: { service_code: string }) => s.service_code === 'emergency')).toMatchObject({ service_name: '突发事件', type: 'realtime' });
  });

  it('should describe a service’s attributes', async () => {
    const def = JSON.parse((await get('/open311/v2/services/utilities.json')).body);
    expect(def.attributes[0]).toMatchObject({ code: 'utility', datatype: 'singlevaluelist', required: true, order: 1 });
    const xml = (await get('/open311/v2/services/utilities.xml')).body;
    expect(xml).toContain('<service_definition>');
    expect(xml).toContain('<attribute>');
    expect(xml).toContain('<key>water</key>');
    const missing = await get('/open311/v2/services/nope.json');
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body)[0]).toMatchObject({ code: 404 });
  });

  it('should accept a request located by lat/long inside a grid and give its id (no token: it exists at once)', async () => {
    const res = await post('/open311/v2/requests.json', {
      api_key: key, service_code: 'utilities', lat: '37.505', long: '111.105', description: '整栋楼停水', 'attribute[utility]': 'water',
      first_name: '明', last_name: '李', phone: '13700001111',
    });
    expect(res.statusCode).toBe(200);
    const [r] = JSON.parse(res.body);
    expect(r.service_request_id).toBeGreaterThan(0);
    expect(r).not.toHaveProperty('token');
    const d = await t.db.selectFrom('demand').selectAll().where('id', '=', r.service_request_id).executeTakeFirstOrThrow();
    expect(d).toMatchObject({ channel: 'open311', org_id: city.communities[0].grid.id, reporter_name: '李明', reporter_phone_mask: '137****1111' });
    // The token it was filed under still resolves (tokens handed out before answers carried the id).
    const token = d.client_id!.replace(/^open311:/, '');
    const byToken = JSON.parse((await get(`/open311/v2/tokens/${token}.json?api_key=${key}`)).body);
    expect(byToken[0].service_request_id).toBe(r.service_request_id);
    const one = await get(`/open311/v2/requests/${r.service_request_id}.xml?api_key=${key}`);
    expect(one.body).toContain('<status>open</status>');
    expect(one.body).toMatch(/<requested_datetime>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00<\/requested_datetime>/);
    expect(one.body).not.toContain('13700001111');
  });

  it('should refuse bad posts with the specification’s error list', async () => {
    const noKey = await post('/open311/v2/requests.xml', { service_code: 'other', address_string: 'x', description: 'y' });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.body).toContain('<errors>');
    expect(noKey.body).toContain('<code>403</code>');
    const noLocation = await post('/open311/v2/requests.json', { api_key: key, service_code: 'other', description: 'y' });
    expect(noLocation.statusCode).toBe(400);
    const attr = await post('/open311/v2/requests.json', { api_key: key, service_code: 'utilities', lat: '37.505', long: '111.105', description: 'y' });
    expect(JSON.parse(attr.body)[0].description).toContain('attribute[utility]');
    const outside = await post('/open311/v2/requests.json', { api_key: otherKey, service_code: 'other', lat: '38.9', long: '112.5', description: '不在任何网格' });
    expect(outside.statusCode).toBe(400);
    const unknown = await post('/open311/v2/requests.json', { api_key: key, service_code: 'nope', address_string: 'x', description: 'y' });
    expect(unknown.statusCode).toBe(404);
  });

  it('should list requests by status and service within the key’s area only', async () => {
    await post('/open311/v2/requests.json', { api_key: key, service_code: 'other', address_string: city.communities[1].community.name, description: '健身器材损坏' });
    const mine = JSON.parse((await get(`/open311/v2/requests.json?api_key=${key}&status=open`)).body);
    expect(mine.length).toBeGreaterThanOrEqual(4); // two posted here + the seeded ones of this street
    expect(mine.every((r: { status: string }) => r.status === 'open')).toBe(true);
    const byService = JSON.parse((await get(`/open311/v2/requests.json?api_key=${key}&service_code=utilities`)).body);
    expect(byService.map((r: { service_code: string }) => r.service_code)).toEqual(['utilities']);
    const theirs = JSON.parse((await get(`/open311/v2/requests.json?api_key=${otherKey}`)).body);
    expect(theirs.some((r: { description: string }) => r.description === '整栋楼停水')).toBe(false);
    const notFound = await get(`/open311/v2/requests/${mine[0].service_request_id}.json?api_key=${otherKey}`);
    expect(notFound.statusCode).toBe(404);
  });

  it('should answer out-of-range dates and ids with the specification’s 400 or 404, never a server error', async () => {
    for (const q of ['start_date=99999-01-01', 'end_date=+275760-09-13T00:00:00Z', 'start_date=0000-01-01', 'start_date=2026-13-45']) {
      const res = await get(`/open311/v2/requests.json?api_key=${key}&${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(JSON.parse(res.body)[0].description).toMatch(/must be a W3C datetime/);
    }
    const big = await get(`/open311/v2/requests.json?api_key=${key}&service_request_id=99999999999,1`);
    expect(big.statusCode).toBe(200);
    expect((await get(`/open311/v2/requests/99999999999.json?api_key=${key}`)).statusCode).toBe(404);
  });

  it('should stop a revoked key', async () => {
    const keys = await street.request('GET', '/api/open311/keys');
    await street.request('POST', `/api/open311/keys/${keys.body.items[0].id}/revoke`);
    expect((await get(`/open311/v2/requests.json?api_key=${key}`)).statusCode).toBe(403);
    expect((await post('/open311/v2/requests.json', { api_key: key, service_code: 'other', address_string: 'x' })).statusCode).toBe(403);
  });
});
