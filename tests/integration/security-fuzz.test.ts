// @module-tag slow — minutes on the 2-core machine; skipped by --tags-filter='!slow' (README, Tests)
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/database.js';
import { can, type Permission } from '../../server/platform/auth/permissions.js';
import { addAccount, addUnit, buildSmallCity, createTestApp, login, validIdNumber, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * Malformed input never reaches a 500. Walks every API route (its body, query and path schemas
 * read from the OpenAPI document, so a new route is walked without being listed here), signed
 * in as a role that holds the route's permission so the request gets past the gate, plus the
 * Open311 routes outside /api. Each route gets: a NUL byte (and another control character) in
 * every string of a plausible body, query and path; an empty body, `{}` and bodies that are not
 * objects; impossible dates in every date-like field and query parameter; numbers beyond the
 * database's integers in every number and id. Every answer must be below 500; all offenders are
 * listed at once.
 */
type City = Awaited<ReturnType<typeof buildSmallCity>>;
type JsonSchema = {
  type?: string | string[]; enum?: unknown[]; pattern?: string; format?: string; minLength?: number; maxLength?: number;
  minimum?: number; maximum?: number; minItems?: number; items?: JsonSchema; properties?: Record<string, JsonSchema>;
  required?: string[]; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; default?: unknown; nullable?: boolean;
};
interface Param { in: 'query' | 'path'; name: string; schema: JsonSchema }
interface Op { body?: JsonSchema; params: Param[] }

/** Strings a plausible body needs to get past the first rule: by route and field, or by field. */
const STRINGS: Record<string, string> = {
  categoryCode: 'other', typeCode: 'walk_listed', 'POST /api/store/handover:code': '123456', 'POST /api/org/units:kind': 'grid',
  'POST /api/leaders:level': 'community',
};

/** Roles tried in order for each route: the first that holds the permission sends its requests. */
const ROLE_ORDER: Role[] = ['county_admin', 'community_secretary', 'street_admin', 'department', 'resident'];
const HUGE = ['99999999999999999999', '2147483648', '9007199254740991', '-1', '1.5', '1e3', 'abc'];
const BAD_DATES = ['2026-02-31', 'abc', '0000-01-01', '2026-13-01', '99999-01-01', '2026-02-31T25:61:00Z'];
const BAD_STRINGS = ['a\u0000b', 'a\u0007b'];

describe('security: malformed input on every route never gets a 5xx', () => {
  let t: TestApp;
  let city: City;
  const sessions = new Map<Role, Session>();
  let apiKey = '';
  let logoutSession: Session;
  const ids: Record<string, number> = {};
  const ops = new Map<string, Op>();

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    const a = city.communities[0];
    for (const role of ROLE_ORDER) {
      const scope = role === 'county_admin' || role === 'department' ? city.county : role === 'street_admin' ? city.streets[0] : role === 'resident' ? a.unit : a.community;
      const acc = await addAccount(t.db, role, scope);
      if (role === 'department') await t.db.updateTable('account').set({ department_id: a.departmentId }).where('id', '=', acc.id).execute();
      if (role === 'resident') await t.db.updateTable('account').set({ resident_id: a.residentId }).where('id', '=', acc.id).execute();
      sessions.set(role, await login(t.app, acc.username));
    }
    logoutSession = await login(t.app, (await addAccount(t.db, 'grid_worker', a.grid)).username);
    await addRecords(t, city, ids);
    apiKey = `ll311_fuzz${randomUUID()}`;
    const by = await addAccount(t.db, 'street_admin', city.streets[0]);
    await t.db.insertInto('api_key').values({
      name: '模糊测试', key_hash: createHash('sha256').update(apiKey).digest('hex'), key_prefix: apiKey.slice(0, 10), account_id: by.id,
      org_id: city.streets[0].id, org_path: city.streets[0].path, county_code: city.streets[0].county_code,
    }).execute();
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: JsonSchema }> }; parameters?: Param[] }>> };
    for (const [p, byMethod] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(byMethod)) {
        ops.set(`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`, { body: op.requestBody?.content?.['application/json']?.schema, params: op.parameters ?? [] });
      }
    }
  });
  afterAll(() => t?.close());

  /** A value the schema accepts, chosen by field name where it names a record of community A. */
  function sample(s: JsonSchema | undefined, key: string, route: string): unknown {
    if (!s) return 'x';
    if (s.anyOf || s.oneOf) return sample((s.anyOf ?? s.oneOf)!.find((x) => x.type !== 'null') ?? {}, key, route);
    const named = STRINGS[`${route}:${key}`] ?? STRINGS[key];
    if (named !== undefined) return named;
    if (s.enum) return s.enum[0];
    const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
    if (type === 'object' || s.properties) {
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, k, route)]));
    }
    if (type === 'array') return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items, key.replace(/s$/, ''), route));
    if (type === 'boolean') return false;
    if (type === 'integer' || type === 'number') {
      const id = idFor(key, route);
      if (id !== undefined) return id;
      return Math.max(s.minimum ?? 1, 1);
    }
    if (s.format === 'date-time') return '2026-01-05T08:00:00+08:00';
    if (s.format === 'date' || /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(s.pattern ?? '')) return '2026-01-05';
    if (s.format === 'uuid') return randomUUID();
    if (s.pattern?.includes('(0[1-9]|1[0-2])')) return '2026-01';
    if (s.pattern === '^\\d{6,24}$') return `9988${Date.now() % 1e10}`;
    if (s.pattern?.startsWith('^[a-z][a-z0-9_.]')) return `fuzz${Date.now() % 1e8}`;
    if (s.pattern?.startsWith('^[a-z0-9_]')) return 'waste_sorting';
    if (s.pattern?.includes('divisions|grids')) return 'grids.csv';
    if (key === 'idNumber') return validIdNumber('19900101', 600 + (Date.now() % 300));
    if (key === 'phone' || key === 'reporterPhone') return '13900001111';
    if (key === 'password' || key === 'newPassword') return 'Fuzz@2026pw';
    const min = Math.max(s.minLength ?? 1, 1);
    return '模糊测试内容'.padEnd(Math.min(Math.max(min, 6), s.maxLength ?? 100), '字');
  }

  function idFor(key: string, route: string): number | undefined {
    const a = city.communities[0];
    const byRoute: Record<string, number> = {
      'POST /api/party/orgs:parentId': a.partyOrgId, 'POST /api/org/units:parentId': a.community.id,
      'POST /api/org/units/:id/split:childId': ids.spareBuilding, 'POST /api/org/units/:id/merge:intoId': ids.spareInto,
      'POST /api/org/units/:id/move:newParentId': city.communities[1].community.id, 'PUT /api/points/heads:orgId': a.unit.id,
      'POST /api/store/stores:orgId': a.community.id, 'POST /api/leaders:orgId': a.community.id,
      'POST /api/departments:orgId': city.county.id, 'POST /api/open311/keys:orgId': a.community.id,
      'POST /api/demands/meetings:orgId': a.community.id, 'POST /api/leaders/:id/visits:orgId': a.community.id,
      'POST /api/points/records:itemId': ids.itemIdPoints,
    };
    const byName: Record<string, number> = {
      communityId: a.community.id, orgId: a.grid.id, gridId: a.grid.id, householdId: a.household.id, residentId: a.residentId,
      partyOrgId: a.partyOrgId, memberId: a.memberId, demandId: a.demandId, departmentId: a.departmentId, countyId: city.county.id,
      holderId: a.household.id, ...ids,
    };
    return byRoute[`${route}:${key}`] ?? byName[key];
  }

  /** Path ids that point at real records, so a request reaches its handler. */
  function pathId(route: string, name: string): string {
    const a = city.communities[0];
    const table: [RegExp, number][] = [
      // Moves, merges and splits get grids of their own, so the walk keeps community A's grid.
      [/^\/api\/org\/units\/:id\/move/, ids.spareMove], [/^\/api\/org\/units\/:id\/merge/, ids.spareMerge],
      [/^\/api\/org\/units\/:id\/split/, ids.spareSplit], [/^\/api\/org\/units\/:id/, a.grid.id],
      [/^\/api\/people\/residents\/:id/, a.residentId], [/^\/api\/party\/orgs\/:id/, a.partyOrgId],
      [/^\/api\/demands\/dispatches\/:id/, a.dispatchId], [/^\/api\/demands\/meetings\/:id/, a.meetingId], [/^\/api\/demands\/:id/, a.demandId],
      [/^\/api\/gridtasks\/types\/:id/, ids.taskTypeId], [/^\/api\/gridtasks\/:id/, ids.taskId], [/^\/api\/leaders\/:id\/links\/:linkId/, ids.linkId],
      [/^\/api\/leaders\/:id/, ids.leaderId], [/^\/api\/store\/stores\/:id/, ids.storeId], [/^\/api\/store\/items\/:id/, ids.itemId],
      [/^\/api\/store\/events\/:id/, ids.eventId], [/^\/api\/store\/(my\/)?orders\/:id/, ids.orderId], [/^\/api\/points\/objections\/:id/, ids.objectionId],
      [/^\/api\/public\/points\/notices\/:communityId/, a.community.id],
    ];
    if (name === 'linkId') return String(ids.linkId);
    const url = route.split(' ')[1]!;
    return String(table.find(([re]) => re.test(url))?.[1] ?? 1);
  }

  function urlFor(route: string, op: Op | undefined, path: Record<string, string> = {}, query: Record<string, string> = {}) {
    const [, url] = route.split(' ');
    const filled = url.replace(/:(\w+)/g, (_m, name: string) => {
      if (path[name] !== undefined) return encodeURIComponent(path[name]);
      const p = op?.params.find((x) => x.in === 'path' && x.name === name);
      const s = p?.schema;
      if (s && (s.type === 'integer' || s.type === 'number')) return pathId(route, name);
      if (name === 'month') return '2026-01';
      return encodeURIComponent(String(sample(s, name, route)));
    });
    const qs = new URLSearchParams(query).toString();
    return qs ? `${filled}?${qs}` : filled;
  }

  function sessionFor(permission: string | undefined): Session | undefined {
    if (!permission) return sessions.get('county_admin');
    const role = ROLE_ORDER.find((r) => can(r, permission as Permission));
    return role ? sessions.get(role) : undefined;
  }

  async function send(s: Session | undefined, method: string, url: string, payload?: { raw: string; type?: string }) {
    const headers: Record<string, string> = s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {};
    if (payload?.type) headers['content-type'] = payload.type;
    const res = await t.app.inject({ method: method as 'GET', url, headers, payload: payload?.raw });
    return { status: res.statusCode, body: res.body };
  }

  /** Every leaf of a value of one type, as a path of keys, so each can be poisoned in turn. */
  function leafPaths(v: unknown, type: 'string' | 'number', at: (string | number)[] = []): (string | number)[][] {
    if (typeof v === type) return [at];
    if (Array.isArray(v)) return v.flatMap((x, i) => leafPaths(x, type, [...at, i]));
    if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leafPaths(x, type, [...at, k]));
    return [];
  }
  const leafAt = (v: unknown, at: (string | number)[]) => at.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v);
  function withAt(v: unknown, at: (string | number)[], value: unknown): unknown {
    const copy = structuredClone(v) as Record<string | number, unknown>;
    let o = copy;
    for (const k of at.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
    o[at.at(-1)!] = value;
    return copy;
  }

  const looksLikeDate = (p: Param) =>
    p.schema.format === 'date' || p.schema.format === 'date-time' || /\\d\{4\}/.test(p.schema.pattern ?? '') ||
    (p.schema.anyOf ?? []).some((x) => x.format === 'date' || x.format === 'date-time') || /^(from|to|since|until|date|day|month|.*On|.*_date)$/.test(p.name);
  const isNumber = (s: JsonSchema) => s.type === 'integer' || s.type === 'number';

  it('should walk every API route', () => {
    const missing = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((k) => !ops.has(k));
    // Routes hidden from the document (none today) would not be fuzzed: say so.
    expect(missing).toEqual([]);
  });

  it('should answer every malformed request to an API route below 500', async () => {
    const offenders: string[] = [];
    for (const r of t.app.apiRoutes) {
      const key = `${r.method} ${r.url}`;
      const op = ops.get(key);
      // Logging out ends the session: that route gets one of its own.
      const s = r.public ? undefined : key === 'POST /api/auth/logout' ? logoutSession : sessionFor(r.permission);
      const note = async (what: string, res: Promise<{ status: number; body: string }>) => {
        const { status, body } = await res;
        if (status >= 500) offenders.push(`${key} [${what}] → ${status} ${body.slice(0, 160)}`);
      };
      const hasBody = !['GET', 'DELETE'].includes(r.method);
      const body = op?.body ? sample(op.body, '', key) : undefined;
      const baseQuery = Object.fromEntries((op?.params ?? []).filter((p) => p.in === 'query' && p.schema.default === undefined)
        .map((p) => [p.name, String(sample(p.schema, p.name, key))]));
      const json = (v: unknown) => ({ raw: JSON.stringify(v), type: 'application/json' });

      // Bodies: a control character in each string, then bodies of the wrong shape.
      if (hasBody) {
        for (const at of leafPaths(body, 'string')) {
          const dateLike = /^\d{4}-\d{2}(-\d{2})?$/.test(leafAt(body, at) as string);
          for (const bad of dateLike ? [...BAD_STRINGS, ...BAD_DATES] : BAD_STRINGS) {
            await note(`body.${at.join('.')}=${JSON.stringify(bad)}`, send(s, r.method, urlFor(key, op), json(withAt(body, at, bad))));
          }
        }
        for (const at of leafPaths(body, 'number')) {
          for (const bad of [2147483648, 9007199254740991, 1e20, -1, 1.5]) {
            await note(`body.${at.join('.')}=${bad}`, send(s, r.method, urlFor(key, op), json(withAt(body, at, bad))));
          }
        }
        await note('no body', send(s, r.method, urlFor(key, op)));
        await note('empty json body', send(s, r.method, urlFor(key, op), { raw: '', type: 'application/json' }));
        for (const v of [{}, [], 'x', null, 1, true]) await note(`body ${JSON.stringify(v)}`, send(s, r.method, urlFor(key, op), json(v)));
        await note('unparsable json', send(s, r.method, urlFor(key, op), { raw: '{"a":', type: 'application/json' }));
        await note('nested NUL key', send(s, r.method, urlFor(key, op), json({ ...(body as object), ['k\u0000']: 1 })));
      }
      // Query: impossible dates, control characters, numbers beyond any id.
      for (const p of op?.params.filter((x) => x.in === 'query') ?? []) {
        const values = looksLikeDate(p) ? BAD_DATES : isNumber(p.schema) ? HUGE : BAD_STRINGS;
        for (const v of values) {
          await note(`query.${p.name}=${JSON.stringify(v)}`, send(s, r.method, urlFor(key, op, {}, { ...baseQuery, [p.name]: v }), hasBody ? json(body ?? {}) : undefined));
        }
      }
      // Path: numbers beyond any id, control characters in names.
      for (const p of op?.params.filter((x) => x.in === 'path') ?? []) {
        for (const v of isNumber(p.schema) ? HUGE : [...BAD_STRINGS, '2026-02-31']) {
          await note(`path.${p.name}=${JSON.stringify(v)}`, send(s, r.method, urlFor(key, op, { [p.name]: v }, baseQuery), hasBody ? json(body ?? {}) : undefined));
        }
      }
    }
    expect(offenders, `${offenders.length} requests got a 5xx:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('should answer malformed Open311 requests below 500', async () => {
    const offenders: string[] = [];
    const form = (o: Record<string, string>) => ({ raw: new URLSearchParams(o).toString(), type: 'application/x-www-form-urlencoded' });
    const k = `api_key=${encodeURIComponent(apiKey)}`;
    const gets = [
      '/open311/v2/services.json', '/open311/v2/services.%00', '/open311/v2/services/%00.json', '/open311/v2/services/utilities.x%07ml',
      ...['start_date', 'end_date'].flatMap((q) => BAD_DATES.map((d) => `/open311/v2/requests.json?${k}&${q}=${encodeURIComponent(d)}`)),
      ...HUGE.map((n) => `/open311/v2/requests.json?${k}&service_request_id=${n}`),
      ...HUGE.map((n) => `/open311/v2/requests/${n}.json?${k}`),
      `/open311/v2/requests.json?${k}&service_code=%00`, `/open311/v2/requests.json?${k}&status=%00`, `/open311/v2/requests.json?api_key=%00`,
      `/open311/v2/tokens/%00.json?${k}`, `/open311/v2/tokens/${'9'.repeat(30)}.json?${k}`,
    ];
    for (const url of gets) {
      const res = await send(undefined, 'GET', url);
      if (res.status >= 500) offenders.push(`GET ${url} → ${res.status} ${res.body.slice(0, 160)}`);
    }
    const good = { api_key: apiKey, service_code: 'other', lat: '37.505', long: '111.105', description: '路灯不亮', first_name: '明', last_name: '李' };
    const bodies: [string, { raw: string; type?: string } | undefined][] = [
      ...Object.keys(good).flatMap((f) => BAD_STRINGS.map((b) => [`${f}=${JSON.stringify(b)}`, form({ ...good, [f]: good[f as keyof typeof good].replace(/^./, b) })] as [string, { raw: string; type: string }])),
      ['attribute key NUL', form({ ...good, 'attribute[a\u0000]': 'x' })],
      ['lat huge', form({ ...good, lat: '1e400', long: '-1e400' })],
      ['address only NUL', form({ api_key: apiKey, service_code: 'other', address_string: '\u0000', description: 'x' })],
      ['address %', form({ api_key: apiKey, service_code: 'other', address_string: '%_\\', description: 'x' })],
      ['no body', undefined], ['empty form', { raw: '', type: 'application/x-www-form-urlencoded' }],
      ['json {}', { raw: '{}', type: 'application/json' }], ['json []', { raw: '[]', type: 'application/json' }],
      ['json null', { raw: 'null', type: 'application/json' }], ['json "x"', { raw: '"x"', type: 'application/json' }],
      ['json NUL', { raw: JSON.stringify({ ...good, description: 'a\u0000b' }), type: 'application/json' }],
    ];
    for (const [what, payload] of bodies) {
      const res = await send(undefined, 'POST', '/open311/v2/requests.json', payload);
      if (res.status >= 500) offenders.push(`POST /open311/v2/requests.json [${what}] → ${res.status} ${res.body.slice(0, 160)}`);
    }
    expect(offenders, `${offenders.length} requests got a 5xx:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('should name the field of a NUL byte in a 400', async () => {
    const s = sessions.get('community_secretary')!;
    const res = await send(s, 'PATCH', `/api/org/units/${city.communities[0].grid.id}`, { raw: JSON.stringify({ name: '改\u0000名' }), type: 'application/json' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'body.name' }] } });
    const q = await send(s, 'GET', '/api/people/residents?q=%00');
    expect(q.status).toBe(400);
    expect(JSON.parse(q.body)).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'querystring.q' }] } });
  });

  it('should answer a control character on Open311 in GeoReport’s error format', async () => {
    const res = await send(undefined, 'GET', '/open311/v2/services/%00.json');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual([{ code: 400, description: expect.stringContaining('params.code') }]);
  });

  it('should refuse an impossible date in a query with a 400 naming it', async () => {
    const s = sessions.get('county_admin')!;
    for (const url of ['/api/gridtasks/refusals/stats?from=2026-02-31', '/api/demands/rates?from=2026-02-31', '/api/audit?from=abc']) {
      const res = await send(s, 'GET', url);
      expect(res.status, url).toBe(400);
      expect(JSON.parse(res.body).details.fields[0].field, url).toBe('querystring.from');
    }
  });

  it('should answer an id beyond the database with 400 or 404', async () => {
    const s = sessions.get('county_admin')!;
    for (const n of ['99999999999999999999', '2147483648', '9007199254740991']) {
      const res = await send(s, 'GET', `/api/org/units/${n}`);
      expect([400, 404], n).toContain(res.status);
    }
    // Past the database's integers: the 400 names the field, in the path or the body.
    const path = await send(s, 'GET', '/api/org/units/2147483648');
    expect(JSON.parse(path.body)).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'params.id' }] } });
    const body = await send(s, 'POST', '/api/points/ledger/verify', { raw: JSON.stringify({ communityId: 2147483648 }), type: 'application/json' });
    expect(body.status).toBe(400);
    expect(JSON.parse(body.body)).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'body.communityId' }] } });
  });
});

/** Records of community A that buildSmallCity does not make: tasks, leaders, store, points. */
async function addRecords(t: TestApp, city: City, ids: Record<string, number>) {
  const a = city.communities[0];
  const county = city.county;
  const by = await addAccount(t.db, 'community_secretary', a.community);
  ids.taskTypeId = (await t.db.insertInto('grid_task_type').values({
    county_code: county.county_code, org_id: county.id, org_path: county.path, code: 'walk_listed', name: '入户走访',
  }).returning('id').executeTakeFirstOrThrow()).id;
  ids.taskId = (await t.db.insertInto('grid_task').values({
    type_id: ids.taskTypeId, type_code: 'walk_listed', title: '入户走访', org_id: a.grid.id, org_path: a.grid.path, county_code: a.grid.county_code, assigned_by: by.id,
  }).returning('id').executeTakeFirstOrThrow()).id;
  ids.leaderId = (await t.db.insertInto('leader').values({
    name: '包联领导', level: 'county', title: '副区长', org_id: county.id, org_path: county.path, county_code: county.county_code,
  }).returning('id').executeTakeFirstOrThrow()).id;
  ids.linkId = (await t.db.insertInto('leader_link').values({
    leader_id: ids.leaderId, org_id: a.community.id, org_path: a.community.path, county_code: a.community.county_code, since: '2026-01-01',
  }).returning('id').executeTakeFirstOrThrow()).id;
  for (const k of ['spareMove', 'spareMerge', 'spareInto', 'spareSplit']) ids[k] = (await addUnit(t.db, a.community, 'grid', `备用网格${k}`)).id;
  const split = await t.db.selectFrom('org_unit').select(['id', 'path', 'depth', 'county_code']).where('id', '=', ids.spareSplit).executeTakeFirstOrThrow();
  ids.spareBuilding = (await addUnit(t.db, split, 'building', '拆分楼')).id;
  const place = { org_path: a.community.path, county_code: a.community.county_code };
  ids.storeId = (await t.db.insertInto('store').values({
    community_id: a.community.id, org_id: a.community.id, ...place, name: '积分超市', kind: 'community_centre', always_open: true,
  }).returning('id').executeTakeFirstOrThrow()).id;
  ids.itemId = (await t.db.insertInto('store_item').values({
    store_id: ids.storeId, ...place, name: '洗衣粉', kind: 'goods', cost: 5, stock: 10,
  }).returning('id').executeTakeFirstOrThrow()).id;
  ids.eventId = (await t.db.insertInto('store_event').values({
    community_id: a.community.id, ...place, name: '兑换日', starts_on: '2099-01-01', ends_on: '2099-01-31',
  }).returning('id').executeTakeFirstOrThrow()).id;
  ids.orderId = (await t.db.insertInto('store_order').values({
    store_id: ids.storeId, item_id: ids.itemId, community_id: a.community.id, ...place, holder_kind: 'household', holder_id: a.household.id,
    quantity: 1, cost_each: 5, total: 5, status: 'reserved', code: '123456', expires_at: new Date(Date.now() + 86400_000), created_by: by.id, created_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
  const hh = { org_path: a.household.org_path, county_code: a.household.county_code };
  ids.itemIdPoints = (await t.db.selectFrom('points_rule_item').select('id').where('community_id', 'is', null).where('code', '=', 'waste_sorting').executeTakeFirstOrThrow()).id;
  ids.recordId = (await t.db.insertInto('points_record').values({
    community_id: a.community.id, ...hh, holder_kind: 'household', holder_id: a.household.id, item_id: ids.itemIdPoints, quantity: 1, points: 1,
    occurred_on: '2026-01-04', month: '2026-01', note: '垃圾分类', recorded_by: by.id, recorded_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
  await t.db.insertInto('points_month').values({
    community_id: a.community.id, month: '2025-12', org_path: a.community.path, county_code: a.community.county_code, status: 'closed',
    closed_at: new Date(), objection_until: new Date(Date.now() + 86400_000),
  }).execute();
  ids.objectionId = (await t.db.insertInto('points_objection').values({
    community_id: a.community.id, month: '2025-12', ...hh, holder_kind: 'household', holder_id: a.household.id, reason: '异议理由', filed_by: by.id, created_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()).id;
  ids.id = ids.recordId;
}
