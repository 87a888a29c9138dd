import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_CODES } from '../../server/modules/venues/venue-standard.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * Issue 17, the public side: the portal's lists per county (vote results, statements, venue
 * calendars) and the de-identified datasets a county publishes beside its indicators — read
 * without sign-in, only the fields made to be public, a dataset not chosen (or withdrawn) not served.
 */
describe('the public portal and open datasets', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let countyAdmin: Session;
  let streetAdmin: Session;
  let staffId: number;
  const anon = (url: string) => t.app.inject({ method: 'GET', url });
  const ids: { vote: number; draftVote: number; calendarOld: number; calendarNew: number; otherCalendar: number; compound: number } = {
    vote: 0, draftVote: 0, calendarOld: 0, calendarNew: 0, otherCalendar: 0, compound: 0,
  };

  beforeAll(async () => {
    t = await createTestApp();
    city = await buildSmallCity(t);
    const admin = await addAccount(t.db, 'county_admin', city.county);
    staffId = admin.id;
    countyAdmin = await login(t.app, admin.username);
    streetAdmin = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    const [a, b, , , e] = city.communities;

    // Venues: a's centre meets all nine items of 三要六有, b's station five; e's centre lies in 孝义市.
    const venue = async (kind: 'centre' | 'station', place: { id: number; path: string; county_code: string }, name: string, items: number) => {
      const v = await t.db.insertInto('venue').values({
        kind, org_id: place.id, org_path: place.path, county_code: place.county_code, name, address: `${name}地址`, area_m2: 150,
        hours: JSON.stringify([{ weekday: 2, opens: '08:30', closes: '17:30' }, { weekday: 1, opens: '09:00', closes: '18:00' }]),
        checkin_code: `secret-${name}`, created_by: staffId, created_at: new Date(),
      }).returning('id').executeTakeFirstOrThrow();
      if (items) {
        await t.db.insertInto('venue_standard_item').values(STANDARD_CODES.slice(0, items).map((item) => ({
          venue_id: v.id, item, org_path: place.path, county_code: place.county_code, recorded_by: staffId, recorded_at: new Date(),
        }))).execute();
      }
      return v.id;
    };
    const centre = await venue('centre', a!.community, '滨河一社区党群服务中心', 9);
    await venue('station', b!.grid, '二社区小区服务站', 5);
    const otherCentre = await venue('centre', e!.community, '新义党群服务中心', 9);
    const calendar = async (venueId: number, place: { path: string; county_code: string }, version: number, items: string[]) => {
      const k = await t.db.insertInto('venue_calendar').values({
        venue_id: venueId, month: '2026-11', version, org_path: place.path, county_code: place.county_code, published_by: staffId, published_at: new Date(Date.now() + version * 1000),
      }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('venue_calendar_item').values(items.map((title, i) => ({
        calendar_id: k.id, day: `2026-11-${String(10 + i).padStart(2, '0')}`, starts: '09:00', ends: '11:00', title, place: '活动室',
      }))).execute();
      return k.id;
    };
    ids.calendarOld = await calendar(centre, a!.community, 1, ['书法课']);
    ids.calendarNew = await calendar(centre, a!.community, 2, ['书法课', '义诊', '法律咨询']); // the correction
    ids.otherCalendar = await calendar(otherCentre, e!.community, 1, ['孝义的活动']);

    // Service points: one open in 离石区 with hours and services, one closed for good.
    const point = async (name: string, closed: boolean) => {
      const p = await t.db.insertInto('gig_service_point').values({
        org_id: a!.community.id, org_path: a!.community.path, county_code: a!.community.county_code, name, kind: 'warm_station',
        address: '滨河路1号', lat: 37.52, lng: 111.13, services: ['water', 'charging'], created_by: staffId, closed_at: closed ? new Date() : null,
      }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('gig_service_point_hours').values({ point_id: p.id, weekday: 1, open_min: 480, close_min: 1200 }).execute();
    };
    await point('滨河暖新驿站', false);
    await point('已撤销驿站', true);

    // A self-run compound (a's grid): a published vote, a draft one, and a closed month.
    const g = a!.grid;
    ids.compound = g.id;
    const vote = async (title: string, status: 'published' | 'draft') => {
      const v = await t.db.insertInto('owner_vote').values({
        compound_id: g.id, org_path: g.path, county_code: g.county_code, title, status, opens_at: new Date('2026-10-01T00:00:00Z'),
        closes_at: new Date('2026-10-15T00:00:00Z'), published_at: status === 'published' ? new Date('2026-10-16T00:00:00Z') : null, created_by: staffId,
      }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('owner_vote_matter').values({ vote_id: v.id, seq: 1, title: `${title}事项`, kind: 'ordinary', passed: status === 'published' ? true : null }).execute();
      return v.id;
    };
    ids.vote = await vote('选聘物业服务', 'published');
    ids.draftVote = await vote('草稿表决', 'draft');
    await t.db.insertInto('selfrun_statement').values({
      compound_id: g.id, org_path: g.path, county_code: g.county_code, month: '2026-10', opening_fen: 0, income_fen: 10000, expense_fen: 4000, closing_fen: 6000,
      by_category: JSON.stringify([]), entries: 2, fee_households: 1, households: 1, closed_by: staffId, closed_by_name: '出纳张某',
    }).execute();
  });
  afterAll(() => t?.close());

  it('should let the county choose datasets, refuse unknown ones and keep the indicators apart', async () => {
    const choice = await countyAdmin.request('GET', `/api/stats/open-data?countyId=${city.county.id}`);
    expect(choice.status).toBe(200);
    expect(choice.body.datasets.map((d: { name: string }) => d.name)).toEqual(['venues', 'service_points', 'demands_by_category']);
    expect(choice.body.datasets.every((d: { publishedAt: string | null }) => d.publishedAt === null)).toBe(true);
    const unknown = await countyAdmin.request('PUT', '/api/stats/open-data', { countyId: city.county.id, indicators: [], datasets: ['residents'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('residents');
    expect((await streetAdmin.request('PUT', '/api/stats/open-data', { countyId: city.county.id, indicators: [], datasets: ['venues'] })).status).toBe(403);
    expect((await countyAdmin.request('PUT', '/api/stats/open-data', { countyId: city.county.id, indicators: ['people.residents'], datasets: ['venues', 'demands_by_category'] })).body)
      .toEqual({ ok: true, added: 3, withdrawn: 0 });
    // A body without datasets leaves them published.
    expect((await countyAdmin.request('PUT', '/api/stats/open-data', { countyId: city.county.id, indicators: ['people.residents'] })).body)
      .toEqual({ ok: true, added: 0, withdrawn: 0 });
    const after = await countyAdmin.request('GET', `/api/stats/open-data?countyId=${city.county.id}`);
    expect(after.body.datasets.filter((d: { publishedAt: string | null }) => d.publishedAt).map((d: { name: string }) => d.name)).toEqual(['venues', 'demands_by_category']);
  });

  it('should serve a chosen dataset with only its public fields, as JSON and CSV, without sign-in', async () => {
    const venues = await anon('/api/public/open-data/141102/datasets/venues.json');
    expect(venues.statusCode).toBe(200);
    const v = venues.json();
    expect(v.fields).toEqual(['name', 'kind', 'kind_zh', 'community', 'address', 'area_m2', 'opening_hours', 'standard_items_met', 'standard_met']);
    expect(v.rows).toHaveLength(2); // 孝义市's centre is not 离石区's
    for (const row of v.rows) expect(Object.keys(row).sort()).toEqual([...v.fields].sort());
    expect(JSON.stringify(v)).not.toContain('secret-'); // the check-in code stays inside
    expect(v.rows.find((r: { name: string }) => r.name === '滨河一社区党群服务中心')).toMatchObject({
      kind: 'centre', community: '滨河街道一社区', area_m2: 150, opening_hours: '周一 09:00-18:00；周二 08:30-17:30', standard_items_met: 9, standard_met: true,
    });
    expect(v.rows.find((r: { name: string }) => r.name === '二社区小区服务站')).toMatchObject({ kind: 'station', community: '滨河街道二社区', standard_items_met: 5, standard_met: false });

    const csv = await anon('/api/public/open-data/141102/datasets/venues.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['cache-control']).toBe('public, max-age=600'); // fetched by anyone: a shared copy serves a while
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(v.fields.join(','));
    expect(lines).toHaveLength(3);

    // Demands: counts per community, month and category only — 离石区's four communities, one each.
    const demands = (await anon('/api/public/open-data/141102/datasets/demands_by_category.json')).json();
    expect(demands.fields).toEqual(['month', 'community_code', 'community', 'category', 'category_name', 'received', 'resolved']);
    expect(demands.rows).toHaveLength(4);
    expect(demands.rows.map((r: { received: number }) => r.received)).toEqual([1, 1, 1, 1]);
    expect(new Set(demands.rows.map((r: { community: string }) => r.community))).toEqual(new Set(city.communities.slice(0, 4).map((c) => c.community.name)));
    expect(JSON.stringify(demands)).not.toContain('路灯不亮'); // no demand's text
  });

  it('should not serve a dataset the county did not choose, and stop serving a withdrawn one', async () => {
    expect((await anon('/api/public/open-data/141102/datasets/service_points.json')).statusCode).toBe(404);
    expect((await anon('/api/public/open-data/141181/datasets/venues.json')).statusCode).toBe(404); // 孝义市 publishes nothing
    expect((await anon('/api/public/open-data/141102/datasets/nothing.json')).statusCode).toBe(404);
    expect((await anon('/api/public/open-data/abc/datasets/venues.json')).statusCode).toBe(400);
    expect((await anon('/api/public/open-data/141102/datasets/venues.xml')).statusCode).toBe(400);
    expect((await anon('/api/public/open-data/999999/datasets/venues.csv')).statusCode).toBe(404);

    const dict = (await anon('/api/public/open-data/141102/dictionary.json')).json();
    expect(dict.datasets.map((d: { name: string }) => d.name)).toEqual(['venues', 'demands_by_category']);
    expect(dict.datasets[0].fields.map((f: { name: string }) => f.name)).toContain('standard_met');
    const list = (await anon('/api/public/open-data')).json();
    expect(list.items).toEqual([expect.objectContaining({ code: '141102', datasets: [expect.objectContaining({ name: 'venues' }), expect.objectContaining({ name: 'demands_by_category' })] })]);

    // Withdraw venues, publish service points: the row stays with when, and the file is gone.
    expect((await countyAdmin.request('PUT', '/api/stats/open-data', { countyId: city.county.id, indicators: ['people.residents'], datasets: ['demands_by_category', 'service_points'] })).body)
      .toEqual({ ok: true, added: 1, withdrawn: 1 });
    expect((await anon('/api/public/open-data/141102/datasets/venues.json')).statusCode).toBe(404);
    expect((await anon('/api/public/open-data/141102/datasets/venues.csv')).statusCode).toBe(404);
    const rows = await t.db.selectFrom('open_data_dataset').select(['dataset', 'withdrawn_at', 'withdrawn_by']).where('county_id', '=', city.county.id).orderBy('id').execute();
    expect(rows.map((r) => [r.dataset, r.withdrawn_at !== null])).toEqual([['venues', true], ['demands_by_category', false], ['service_points', false]]);
    expect(rows[0]!.withdrawn_by).toBe(staffId);

    const points = (await anon('/api/public/open-data/141102/datasets/service_points.json')).json();
    expect(points.rows).toEqual([{
      name: '滨河暖新驿站', kind: 'warm_station', kind_zh: '暖"新"驿站', address: '滨河路1号', lat: 37.52, lng: 111.13, opening_hours: '周一 08:00-20:00', services: '饮水、充电',
    }]); // the closed one is not listed
  });

  it('should list a county\'s published vote results, statements and venue calendars without sign-in', async () => {
    const counties = (await anon('/api/public/counties')).json();
    expect(counties.items).toEqual(expect.arrayContaining([{ id: city.county.id, code: '141102', name: '离石区' }]));

    const votes = await anon('/api/public/votes?county=141102');
    expect(votes.statusCode).toBe(200);
    expect(votes.json()).toEqual({
      total: 1,
      items: [{
        id: ids.vote, compound: city.communities[0]!.grid.name, community: city.communities[0]!.community.name, title: '选聘物业服务',
        closesAt: '2026-10-15T00:00:00.000Z', publishedAt: '2026-10-16T00:00:00.000Z', matters: [{ seq: 1, title: '选聘物业服务事项', passed: true }],
      }],
    }); // the draft is not listed
    expect((await anon('/api/public/votes?county=141181')).json()).toEqual({ items: [], total: 0 });

    const statements = (await anon('/api/public/compound-statements?county=141102')).json();
    expect(statements).toEqual({ total: 1, items: [expect.objectContaining({ compoundId: ids.compound, month: '2026-10', compound: city.communities[0]!.grid.name })] });
    expect(JSON.stringify(statements)).not.toContain('出纳张某'); // who closed the month is not public here

    const calendars = (await anon('/api/public/venue-calendars?county=141102')).json();
    expect(calendars).toEqual({ total: 1, items: [expect.objectContaining({ id: ids.calendarNew, venue: '滨河一社区党群服务中心', month: '2026-11', version: 2, items: 3 })] });
    const cal = (await anon(`/api/public/venue-calendars/${ids.calendarNew}`)).json();
    expect(cal).toMatchObject({ venue: '滨河一社区党群服务中心', community: '滨河街道一社区', latest: true });
    expect(cal.items.map((i: { day: string; title: string }) => [i.day, i.title])).toEqual([['2026-11-10', '书法课'], ['2026-11-11', '义诊'], ['2026-11-12', '法律咨询']]);
    expect((await anon(`/api/public/venue-calendars/${ids.calendarOld}`)).json()).toMatchObject({ version: 1, latest: false });
    expect((await anon('/api/public/venue-calendars/999999')).statusCode).toBe(404);
    expect((await anon('/api/public/venue-calendars?county=141181')).json().items.map((k: { id: number }) => k.id)).toEqual([ids.otherCalendar]);

    for (const url of ['/api/public/votes?county=abc', '/api/public/compound-statements?county=1411', '/api/public/venue-calendars?county=', '/api/public/votes?county=141102&pageSize=500']) {
      const bad = await anon(url);
      expect(bad.statusCode, url).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
