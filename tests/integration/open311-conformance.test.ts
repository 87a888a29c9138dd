import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, addUnit, buildSmallCity, createTestApp, login, type TestApp } from '../helpers/test-app.js';

/**
 * Open311 GeoReport v2 as independent clients read it, table by table of the specification
 * (service discovery; GET services, service definition; POST requests; GET tokens; GET requests
 * and one request; errors), in both formats. Every XML answer goes through a real XML parser, so
 * an ill-formed one fails the test where a client's parser would fail.
 */

interface XmlNode { name: string; children: XmlNode[]; text: string }

/** Parses XML strictly (saxes refuses characters XML 1.0 forbids) into a small tree. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack = [root];
  parser.on('opentag', (t) => {
    const node: XmlNode = { name: t.name, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (s) => { stack.at(-1)!.text += s; });
  parser.write(xml).close();
  return root.children[0];
}
const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const textOf = (n: XmlNode, name: string) => child(n, name)?.text ?? null;

/** The fields of a request, in the specification's order (the response table of GET requests). */
const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible',
  'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
const W3C_CST = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/;

describe('Open311 GeoReport v2 conformance', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let key: string;
  let otherKey: string;
  const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const post = (path: string, body: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: path, payload: form(body), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const get = (path: string) => t.app.inject({ method: 'GET', url: path });
  const json = async (path: string) => {
    const res = await get(path);
    expect(res.statusCode, `${path}: ${res.body.slice(0, 200)}`).toBe(200);
    return JSON.parse(res.body);
  };
  /** A request posted with the key, answered with its id. */
  const file = async (body: Record<string, string>) => {
    const res = await post('/open311/v2/requests.json', { api_key: key, service_code: 'other', ...body });
    expect(res.statusCode, res.body).toBe(200);
    return JSON.parse(res.body)[0].service_request_id as number;
  };

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    const street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    key = (await street.request('POST', '/api/open311/keys', { name: '12345热线', orgId: city.streets[0].id })).body.key;
    const other = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[2])).username);
    otherKey = (await other.request('POST', '/api/open311/keys', { name: '孝义', orgId: city.streets[2].id })).body.key;
    expect(key && otherKey).toBeTruthy();
  });
  afterAll(() => t?.close());

  describe('Service discovery (discovery.json, discovery.xml)', () => {
    it('should name the v2 endpoint, its formats and changesets, and lead a client to the services', async () => {
      const d = await json('/open311/discovery.json');
      expect(d).toMatchObject({ changeset: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), contact: expect.any(String), key_service: expect.any(String) });
      expect(d.endpoints).toEqual([{
        specification: 'http://wiki.open311.org/GeoReport_v2', url: expect.stringMatching(/^https?:\/\/[^/]+\/open311\/v2\/$/),
        changeset: d.changeset, type: 'production', formats: ['text/xml', 'application/json'],
      }]);
      // A client joins the endpoint's url and "services.json", as node-open311 does.
      const services = await json(`${new URL(d.endpoints[0].url).pathname}services.json`);
      expect(services.length).toBeGreaterThan(0);

      const xml = await get('/open311/discovery.xml');
      expect(xml.headers['content-type']).toContain('text/xml');
      const doc = parseXml(xml.body);
      expect(doc.name).toBe('discovery');
      const endpoint = child(child(doc, 'endpoints')!, 'endpoint')!;
      expect(textOf(endpoint, 'specification')).toBe('http://wiki.open311.org/GeoReport_v2');
      expect(textOf(endpoint, 'url')).toBe(d.endpoints[0].url);
      expect(child(endpoint, 'formats')!.children.map((f) => [f.name, f.text])).toEqual([['format', 'text/xml'], ['format', 'application/json']]);
    });
  });

  describe('GET Service List (services.{format})', () => {
    it('should answer every field of the table, jurisdiction_id accepted', async () => {
      const list = await json('/open311/v2/services.json?jurisdiction_id=lvliang');
      for (const s of list) {
        expect(Object.keys(s)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
        expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
        expect(typeof s.metadata).toBe('boolean');
      }
      const doc = parseXml((await get('/open311/v2/services.xml')).body);
      expect(doc.name).toBe('services');
      expect(doc.children.map((c) => c.name)).toEqual(list.map(() => 'service'));
    });
  });

  describe('GET Service Definition (services/{service_code}.{format})', () => {
    it('should answer the attributes table with values, and a 404 error list for an unknown code', async () => {
      const def = await json('/open311/v2/services/utilities.json');
      expect(def.service_code).toBe('utilities');
      expect(Object.keys(def.attributes[0])).toEqual(['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
      const doc = parseXml((await get('/open311/v2/services/utilities.xml')).body);
      expect(doc.name).toBe('service_definition');
      const first = child(child(doc, 'attributes')!, 'attribute')!;
      expect(child(first, 'values')!.children[0].children.map((c) => c.name)).toEqual(['key', 'name']);
      const missing = await get('/open311/v2/services/nope.xml');
      expect(missing.statusCode).toBe(404);
      expect(parseXml(missing.body)).toMatchObject({ name: 'errors', children: [{ name: 'error' }] });
    });
  });

  describe('POST Service Request (requests.{format})', () => {
    it('should answer service_request_id or token, not both, in either format', async () => {
      const res = await post('/open311/v2/requests.json', { api_key: key, service_code: 'other', lat: '37.505', long: '111.105', description: '路灯不亮' });
      const [r] = JSON.parse(res.body);
      expect(Object.keys(r).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
      const xml = await post('/open311/v2/requests.xml', { api_key: key, service_code: 'other', lat: '37.505', long: '111.105', description: '井盖缺失' });
      const request = child(parseXml(xml.body), 'request')!;
      expect(child(request, 'service_request_id')!.text).toMatch(/^\d+$/);
      expect(child(request, 'token')).toBeUndefined();
    });

    it('should take description as optional, up to 4000 characters', async () => {
      const id = await file({ lat: '37.505', long: '111.105' });
      const d = await t.db.selectFrom('demand').select(['description']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(d.description).toContain('其他');
      await file({ lat: '37.505', long: '111.105', description: '长'.repeat(4000) });
      const long = await post('/open311/v2/requests.json', { api_key: key, service_code: 'other', lat: '37.505', long: '111.105', description: '长'.repeat(4001) });
      expect(long.statusCode).toBe(400);
      expect(JSON.parse(long.body)).toEqual([{ code: 400, description: expect.stringContaining('description may not be longer than 4000') }]);
    });

    it('should count an empty parameter as absent: lat=&long= is no location, not 0,0', async () => {
      const id = await file({ lat: '', long: '', address_string: city.communities[1].community.name, description: '楼道灯坏', first_name: '', phone: '' });
      const d = await t.db.selectFrom('demand').select(['lat', 'lng', 'org_id', 'reporter_name']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(d).toMatchObject({ lat: null, lng: null, org_id: city.communities[1].community.id, reporter_name: null });
      const none = await post('/open311/v2/requests.json', { api_key: key, service_code: 'other', lat: '', long: '', description: '无位置' });
      expect(none.statusCode).toBe(400);
      expect(JSON.parse(none.body)[0].description).toContain('a location is required');
      const half = await post('/open311/v2/requests.json', { api_key: key, service_code: 'other', lat: '37.5', description: '半个位置' });
      expect(JSON.parse(half.body)[0].description).toContain('lat and long must be given together');
      const bad = await post('/open311/v2/requests.json', { api_key: key, service_code: 'other', lat: '91', long: '111.1', description: '坏纬度' });
      expect(JSON.parse(bad.body)[0].description).toContain('lat must be a decimal number');
    });

    it('should accept address_id (a place id, as requests answer it) and refuse one outside the key with its message', async () => {
      const building = city.communities[1].building;
      const id = await file({ address_id: String(building.id), description: '单元门禁坏了' });
      const d = await t.db.selectFrom('demand').select(['org_id']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(d.org_id).toBe(building.id);
      const [full] = await json(`/open311/v2/requests/${id}.json?api_key=${key}`);
      expect(full.address_id).toBe(String(building.id));
      // The address_id a request answers can be posted again.
      expect(await file({ address_id: full.address_id, description: '门禁又坏了' })).toBeGreaterThan(id);
      const outside = await post('/open311/v2/requests.json', { api_key: key, service_code: 'other', address_id: String(city.communities[4].building.id), description: 'x' });
      expect(outside.statusCode).toBe(400);
      expect(JSON.parse(outside.body)[0].description).toContain('is not a place this api_key covers');
      const word = await post('/open311/v2/requests.json', { api_key: key, service_code: 'other', address_id: 'A-17', description: 'x' });
      expect(JSON.parse(word.body)[0].description).toContain('address_id A-17 is not an address id');
    });

    it('should read the form fields of a multipart post, and a JSON post', async () => {
      const fd = new FormData();
      for (const [k, v] of Object.entries({ api_key: key, service_code: 'utilities', 'attribute[utility]': 'power', lat: '37.505', long: '111.105', description: '多表单：停电' })) fd.append(k, v);
      fd.append('media', new Blob([Buffer.from('not kept')], { type: 'image/jpeg' }), 'photo.jpg');
      const req = new Request('http://localhost/', { method: 'POST', body: fd });
      const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: Buffer.from(await req.arrayBuffer()), headers: { 'content-type': req.headers.get('content-type')! } });
      expect(res.statusCode, res.body).toBe(200);
      const id = JSON.parse(res.body)[0].service_request_id;
      const d = await t.db.selectFrom('demand').select(['description', 'category_code']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(d).toEqual({ description: '多表单：停电\nutility: power', category_code: 'utilities' });

      const viaJson = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { api_key: key, service_code: 'other', lat: 37.505, long: 111.105, description: 'JSON 来件' } });
      expect(viaJson.statusCode, viaJson.body).toBe(200);
      const noKey = new FormData();
      noKey.append('service_code', 'other');
      const r2 = new Request('http://localhost/', { method: 'POST', body: noKey });
      const refused = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', payload: Buffer.from(await r2.arrayBuffer()), headers: { 'content-type': r2.headers.get('content-type')! } });
      expect(refused.statusCode).toBe(403);
      expect(parseXml(refused.body).name).toBe('errors');
    });
  });

  describe('GET service_request_id from a token (tokens/{token}.{format})', () => {
    it('should resolve the token a request was filed under, with a key and without one', async () => {
      const id = await file({ lat: '37.505', long: '111.105', description: '凭证' });
      const { client_id } = await t.db.selectFrom('demand').select(['client_id']).where('id', '=', id).executeTakeFirstOrThrow();
      const token = client_id!.replace(/^open311:/, '');
      expect(await json(`/open311/v2/tokens/${token}.json`)).toEqual([{ service_request_id: id, token }]);
      expect(await json(`/open311/v2/tokens/${token}.json?api_key=${key}`)).toEqual([{ service_request_id: id, token }]);
      expect((await get(`/open311/v2/tokens/${token}.json?api_key=${otherKey}`)).statusCode).toBe(404);
      const request = child(parseXml((await get(`/open311/v2/tokens/${token}.xml`)).body), 'request')!;
      expect(request.children.map((c) => c.name)).toEqual(['service_request_id', 'token']);
    });
  });

  describe('GET Service Requests (requests.{format}) and GET Service Request (requests/{id}.{format})', () => {
    let privateId: number;
    const description = '我家楼下井盖丢了，电话13812345678，身份证141102197001010035，请联系';

    beforeAll(async () => {
      privateId = await file({
        lat: '37.5012', long: '111.1088', address_string: '滨河街道一社区3号楼2单元101室', description,
        first_name: '明', last_name: '李', phone: '13700001111', email: 'li@example.com', media_url: 'https://img.example.com/well.jpg',
      });
    });

    it('should answer the full view within the key’s place, every field in the table’s order', async () => {
      const [r] = await json(`/open311/v2/requests/${privateId}.json?api_key=${key}`);
      expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
      expect(r).toMatchObject({
        service_request_id: privateId, status: 'open', service_code: 'other', description, lat: 37.5012, long: 111.1088,
        address: '滨河街道一社区3号楼2单元101室', media_url: 'https://img.example.com/well.jpg',
      });
      expect(r.requested_datetime).toMatch(W3C_CST);
      const xml = parseXml((await get(`/open311/v2/requests/${privateId}.xml?api_key=${key}`)).body);
      expect(child(xml, 'request')!.children.map((c) => c.name)).toEqual(REQUEST_FIELDS);
      expect((await get(`/open311/v2/requests/${privateId}.json?api_key=${otherKey}`)).statusCode).toBe(404);
    });

    it('should answer reads without an api_key with a public view: no names, contacts or media, numbers masked, place no finer than the grid', async () => {
      for (const path of [`/open311/v2/requests/${privateId}.json`, `/open311/v2/requests.json?service_request_id=${privateId}`]) {
        const res = await get(path);
        expect(res.statusCode, path).toBe(200);
        const [r] = JSON.parse(res.body);
        expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
        expect(r.description).toBe('我家楼下井盖丢了，电话***********，身份证******************，请联系');
        expect(r).toMatchObject({ media_url: null, address_id: null, status_notes: null });
        // The grid's name and the centre of its outline (the grids here are 111.10–111.11 × 37.50–37.51).
        expect(r.address).toMatch(/^滨河街道[一二]社区第1网格$/);
        expect([r.lat, r.long]).toEqual([37.505, 111.105]);
        for (const secret of ['李明', '13700001111', 'li@example.com', 'img.example.com', '3号楼', '101室', '13812345678', '141102197001010035', '37.5012']) {
          expect(res.body, secret).not.toContain(secret);
        }
      }
      // The public list covers the whole register, both counties.
      const all = await json('/open311/v2/requests.json');
      const seeded = city.communities.map((c) => c.demandId);
      expect(all.map((r: { service_request_id: number }) => r.service_request_id)).toEqual(expect.arrayContaining([privateId, ...seeded]));
      expect(JSON.stringify(all)).not.toContain('img.example.com');
    });

    it('should answer an unknown id, and one beyond 32 bits, with a 404 error list in the asked format', async () => {
      for (const id of ['2147483648', '99999999999999999999', '0', '999999999']) {
        const j = await get(`/open311/v2/requests/${id}.json`);
        expect(j.statusCode, id).toBe(404);
        expect(JSON.parse(j.body), id).toEqual([{ code: 404, description: expect.stringContaining(id) }]);
        const x = await get(`/open311/v2/requests/${id}.xml?api_key=${key}`);
        expect(x.statusCode, id).toBe(404);
        expect(textOf(child(parseXml(x.body), 'error')!, 'code')).toBe('404');
      }
      const some = await json(`/open311/v2/requests.json?service_request_id=${privateId},2147483648,x&api_key=${key}`);
      expect(some.map((r: { service_request_id: number }) => r.service_request_id)).toEqual([privateId]);
    });

    describe('start_date and end_date', () => {
      const second = 1000;
      let base: Date;
      let atBase: number;
      let early: number;
      const w3c = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
      const idsOf = async (q: string) => (await json(`/open311/v2/requests.json?api_key=${key}&${q}`)).map((r: { service_request_id: number }) => r.service_request_id);

      beforeAll(async () => {
        // Requests at known times: one 10 days ago (half a second past a whole second) and one 95 days before it.
        base = new Date(Math.floor(Date.now() / second) * second - 10 * 86_400_000);
        atBase = await file({ lat: '37.505', long: '111.105', description: '时间窗口甲' });
        early = await file({ lat: '37.505', long: '111.105', description: '时间窗口乙' });
        await t.db.updateTable('demand').set({ created_at: new Date(base.getTime() + 500) }).where('id', '=', atBase).execute();
        await t.db.updateTable('demand').set({ created_at: new Date(base.getTime() - 95 * 86_400_000) }).where('id', '=', early).execute();
      });

      it('should include a request whose requested_datetime equals end_date (and start_date)', async () => {
        const [r] = await json(`/open311/v2/requests/${atBase}.json?api_key=${key}`);
        const shown = r.requested_datetime as string;
        expect(new Date(shown).getTime()).toBe(base.getTime());
        const q = `start_date=${encodeURIComponent(shown)}&end_date=${encodeURIComponent(shown)}`;
        expect(await idsOf(q)).toEqual([atBase]);
        expect(await idsOf(`end_date=${w3c(base)}`)).toContain(atBase);
        expect(await idsOf(`end_date=${w3c(new Date(base.getTime() - second))}`)).not.toContain(atBase);
      });

      it('should take only W3C datetimes with an offset', async () => {
        for (const d of ['2026-11-20', '2026-11-20T10:00:00', '2026-11-20 10:00:00Z', '2026-02-31T00:00:00Z', '2026-11-20T24:00:00Z', '20261120T100000Z', '1899-12-31T00:00:00Z', '2026-11-20T10:00:00+15:00']) {
          const res = await get(`/open311/v2/requests.json?start_date=${encodeURIComponent(d)}`);
          expect(res.statusCode, d).toBe(400);
          expect(JSON.parse(res.body)[0].description, d).toContain('start_date must be a W3C datetime with an offset');
        }
        for (const d of ['2026-11-20T10:00:00Z', '2026-11-20T18:00:00+08:00', '2026-11-20T10:00Z', '2026-11-20T10:00:00.123-05:00']) {
          expect((await get(`/open311/v2/requests.json?start_date=${encodeURIComponent(d)}`)).statusCode, d).toBe(200);
        }
      });

      it('should refuse a span over 90 days, and give one date a 90-day window', async () => {
        const day = 86_400_000;
        const over = await get(`/open311/v2/requests.json?start_date=${w3c(new Date(base.getTime() - 91 * day))}&end_date=${w3c(base)}`);
        expect(over.statusCode).toBe(400);
        expect(JSON.parse(over.body)[0].description).toContain('may not span more than 90 days');
        const reversed = await get(`/open311/v2/requests.json?start_date=${w3c(base)}&end_date=${w3c(new Date(base.getTime() - day))}`);
        expect(reversed.statusCode).toBe(400);
        expect(await idsOf(`start_date=${w3c(new Date(base.getTime() - 90 * day))}&end_date=${w3c(base)}`)).toContain(atBase);
        // start_date alone: the 90 days after it (the request 95 days later is outside).
        const fromStart = await idsOf(`start_date=${w3c(new Date(base.getTime() - 100 * day))}`);
        expect(fromStart).toContain(early);
        expect(fromStart).not.toContain(atBase);
        // end_date alone: the 90 days before it.
        const toEnd = await idsOf(`end_date=${w3c(base)}`);
        expect(toEnd).toContain(atBase);
        expect(toEnd).not.toContain(early);
        // Neither: the last 90 days.
        const recent = await idsOf('');
        expect(recent).toContain(atBase);
        expect(recent).not.toContain(early);
      });
    });

    it('should filter by service_code and status, and refuse an unknown status', async () => {
      const open = await json(`/open311/v2/requests.json?api_key=${key}&status=open&service_code=utilities`);
      expect(open.length).toBeGreaterThan(0);
      expect(open.every((r: { status: string; service_code: string }) => r.status === 'open' && r.service_code === 'utilities')).toBe(true);
      expect(await json(`/open311/v2/requests.json?api_key=${key}&status=closed`)).toEqual([]);
      expect((await json(`/open311/v2/requests.json?api_key=${key}&status=open,closed`)).length).toBeGreaterThan(open.length);
      const bad = await get('/open311/v2/requests.xml?status=pending');
      expect(bad.statusCode).toBe(400);
      expect(parseXml(bad.body).name).toBe('errors');
    });
  });

  describe('Errors and formats', () => {
    it('should answer unknown paths under /open311/ with a 404 error list in the asked format, not the console’s page', async () => {
      for (const [path, format] of [['/open311/v2/nope.json', 'json'], ['/open311/v2/requests', 'xml'], ['/open311/', 'xml'], ['/open311', 'xml'],
        ['/open311/v3/services.json', 'json'], ['/open311/v2/requests/1/notes.xml', 'xml']] as const) {
        const res = await get(path);
        expect(res.statusCode, path).toBe(404);
        expect(res.headers['content-type'], path).toContain(format === 'json' ? 'application/json' : 'text/xml');
        if (format === 'json') expect(JSON.parse(res.body), path).toEqual([{ code: 404, description: expect.any(String) }]);
        else expect(textOf(child(parseXml(res.body), 'error')!, 'code'), path).toBe('404');
      }
      const del = await t.app.inject({ method: 'DELETE', url: '/open311/v2/requests.json' });
      expect(del.statusCode).toBe(404);
      const wrongFormat = await get('/open311/v2/services.csv');
      expect(wrongFormat.statusCode).toBe(400);
      expect(parseXml(wrongFormat.body).name).toBe('errors');
    });

    it('should keep XML well-formed whatever control characters stored text holds', async () => {
      const id = await file({ lat: '37.505', long: '111.105', description: '待替换' });
      // Text that came in by another channel (an import, a paste) with characters XML 1.0 forbids.
      await t.db.updateTable('demand').set({ description: 'a\u0001b\u0008c\u000bd\u000ce\u001ff\uFFFEg\uFFFF<h>&\u0085i' }).where('id', '=', id).execute();
      const place = await addUnit(t.db, city.communities[0].community, 'grid', '控制\u0002字符网格', {
        geometry: { type: 'Polygon', coordinates: [[[112, 38], [112.01, 38], [112.01, 38.01], [112, 38.01], [112, 38]]] },
      });
      await t.db.updateTable('demand').set({ org_id: place.id, org_path: place.path }).where('id', '=', id).execute();
      for (const path of [`/open311/v2/requests/${id}.xml?api_key=${key}`, `/open311/v2/requests/${id}.xml`, `/open311/v2/requests.xml?service_request_id=${id}`]) {
        const res = await get(path);
        expect(res.statusCode, path).toBe(200);
        const r = child(parseXml(res.body), 'request')!;
        expect(textOf(r, 'description'), path).toBe('abcdefg<h>&\u0085i');
      }
      expect(textOf(child(parseXml((await get(`/open311/v2/requests/${id}.xml`)).body), 'request')!, 'address')).toBe('滨河街道一社区 控制字符网格');
    });
  });
});
