import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type TestApp } from '../helpers/test-app.js';

/**
 * Issue 12, console rough edges on the server side: the grid map names each grid's worker with
 * a masked phone, county staff get an overview of communities on the points pages, and a
 * resident list past 10,000 says so instead of stopping at 10,000.
 */
describe('console rough edges: map contacts, points overview, resident totals', () => {
  const clock = new ManualClock(new Date('2026-11-16T09:00:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
  });
  afterAll(() => t?.close());

  it('should offer the three CJ/T 214 classes 道路交通, 园林绿化 and 其他设施 and take a report under each', async () => {
    const a = city.communities[0];
    const worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
    const cats = await worker.request('GET', '/api/demands/categories');
    const names = cats.body.items.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['道路交通', '园林绿化', '其他设施']));
    // In the form's order: greenery beside the city's appearance, roads after public facilities.
    expect(names.indexOf('园林绿化')).toBe(names.indexOf('市容环境') + 1);
    expect(names.indexOf('道路交通')).toBeGreaterThan(names.indexOf('公用设施'));
    for (const code of ['road_traffic', 'greenery', 'other_facilities']) {
      const r = await worker.request('POST', '/api/demands', { orgId: a.grid.id, categoryCode: code, description: `${code}问题`, channel: 'walk_in', force: true });
      expect(r.status).toBe(200);
      expect(r.body.demand.categoryCode).toBe(code);
    }
  });

  it('should name the grid workers in post on the map, phones masked, and leave out those who left', async () => {
    const a = city.communities[0];
    const staff = (name: string, phone: string, leftOn: string | null) => t.db.insertInto('staff').values({
      org_id: a.grid.id, org_path: a.grid.path, county_code: a.grid.county_code, name, post: 'grid_worker', post_type: 'worker', grade: 2,
      phone_enc: t.cipher.encrypt(phone), phone_hash: t.cipher.hash(phone), phone_mask: `${phone.slice(0, 3)}****${phone.slice(7)}`, left_on: leftOn,
    }).execute();
    await staff('王网格', '13912340001', null);
    await staff('李离职', '13912340002', '2026-10-01');
    const worker = await login(t.app, (await addAccount(t.db, 'community_worker', a.community)).username);
    const map = await worker.request('GET', `/api/org/units/${a.community.id}/map`);
    expect(map.status).toBe(200);
    const grid = map.body.features.find((f: { id: number }) => f.id === a.grid.id);
    expect(grid.properties.gridWorkers).toEqual([{ name: '王网格', phone: '139****0001' }]);
    expect(JSON.stringify(map.body)).not.toContain('13912340001');
  });

  it('should give a county admin every community with its months closed and last month\'s participation, and nothing outside', async () => {
    const [a, b] = city.communities;
    // October (the month that should be closed by mid-November) closed in A, with one household's deed approved.
    await t.db.insertInto('points_month').values({
      community_id: a.community.id, month: '2026-10', org_path: a.community.path, county_code: a.community.county_code, status: 'closed',
      closed_at: new Date(),
    }).execute();
    const item = await t.db.selectFrom('points_rule_item').select('id').where('community_id', 'is', null).where('code', '=', 'waste_sorting').executeTakeFirstOrThrow();
    await t.db.insertInto('points_record').values({
      community_id: a.community.id, org_path: a.household.org_path, county_code: a.household.county_code, holder_kind: 'household',
      holder_id: a.household.id, item_id: item.id, quantity: 1, points: 2, occurred_on: '2026-10-05', month: '2026-10', status: 'approved',
      recorded_at: new Date(),
    }).execute();
    const county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    const r = await county.request('GET', '/api/points/communities');
    expect(r.status).toBe(200);
    expect(r.body.month).toBe('2026-10');
    expect(r.body.months).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    const rowA = r.body.items.find((c: { id: number }) => c.id === a.community.id);
    expect(rowA).toMatchObject({ households: 1, participants: 1, participation: 1, closedCount: 1 });
    expect(rowA.months.at(-1)).toEqual({ month: '2026-10', status: 'closed' });
    expect(r.body.items.find((c: { id: number }) => c.id === b.community.id)).toMatchObject({ participants: 0, closedCount: 0 });
    // 离石区's four communities, none of 孝义市's.
    expect(r.body.items).toHaveLength(4);
    // A street admin sees their own street's two.
    const street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0])).username);
    expect((await street.request('GET', '/api/points/communities')).body.items.map((c: { id: number }) => c.id).sort())
      .toEqual([a.community.id, b.community.id].sort());
    expect((await street.request('GET', `/api/points/communities?orgId=${city.communities[4].community.id}`)).status).toBe(404);
  });

  it('should say a resident list goes past 10,000 instead of stopping at 10,000, and count smaller lists exactly', async () => {
    const c = city.communities[2];
    const h = c.household;
    await sql`
      INSERT INTO resident (household_id, org_path, county_code, name, gender, birth_date, id_number_enc, id_number_hash, id_number_mask)
      SELECT ${h.id}, ${h.org_path}, ${h.county_code}, '居民' || g, 'male', '1980-01-01', 'x', 'count-' || g, '141102**********1' || (g % 10)
      FROM generate_series(1, 10000) g`.execute(t.db);
    const worker = await login(t.app, (await addAccount(t.db, 'community_worker', c.community)).username);
    const big = await worker.request('GET', '/api/people/residents?pageSize=20');
    expect(big.status).toBe(200);
    expect(big.body).toMatchObject({ total: 10000, totalExact: false });
    const other = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[3].community)).username);
    expect((await other.request('GET', '/api/people/residents')).body).toMatchObject({ total: 1, totalExact: true });
  });
});
