import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * 新就业群体 register (issue 16): platforms kept by the county, stations, workers only with consent,
 * leaving and party status, party organisations and instructors, scope, and coverage counted per
 * unit — checked against a hand count on a small city, on both databases.
 */
describe('newgroups register', () => {
  const clock = new ManualClock(new Date('2026-11-30T23:30:00+08:00'));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let county: Session;
  let street: Session;
  let otherStreet: Session;
  let cityAdmin: Session;
  let platform: number;
  const stations: number[] = [];
  const workers: number[] = [];
  let version: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    otherStreet = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[1]!)).username);
    cityAdmin = await login(t.app, (await addAccount(t.db, 'city_admin', city.city)).username);
  });
  afterAll(() => t?.close());

  it('should let only the county register platforms, and streets read them', async () => {
    const res = await county.request('POST', '/api/newgroups/platforms', { name: '美团', kind: 'delivery' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    platform = res.body.id;
    const dup = await county.request('POST', '/api/newgroups/platforms', { name: '美团', kind: 'delivery' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ALREADY_EXISTS');
    const byStreet = await street.request('POST', '/api/newgroups/platforms', { name: '饿了么', kind: 'delivery' });
    expect(byStreet.status).toBe(403);
    expect(byStreet.body.message).toContain('区县');
    const bad = await county.request('POST', '/api/newgroups/platforms', { name: '某', kind: 'spaceship' });
    expect(bad.status).toBe(400);
    const seen = await street.request('GET', '/api/newgroups/platforms');
    expect(seen.body.items.map((p: { name: string }) => p.name)).toEqual(['美团']);
  });

  it('should register stations in scope only', async () => {
    // Stations: two in 滨河 (one per community), one in 凤山.
    for (const [s, unit, name] of [[street, city.communities[0]!.community, '美团一站'], [street, city.communities[1]!.community, '美团二站'], [county, city.communities[2]!.community, '美团凤山站']] as const) {
      const r = await s.request('POST', '/api/newgroups/stations', { platformId: platform, unitId: unit.id, name, lat: 37.52, lng: 111.14 });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      stations.push(r.body.id);
    }
    const outside = await street.request('POST', '/api/newgroups/stations', { platformId: platform, unitId: city.communities[2]!.community.id, name: '越界站' });
    expect(outside.status).toBe(404);
    const halfPoint = await street.request('POST', '/api/newgroups/stations', { platformId: platform, unitId: city.communities[0]!.community.id, name: '半点站', lat: 37.5 });
    expect(halfPoint.status).toBe(400);
    const mine = await street.request('GET', '/api/newgroups/stations');
    expect(mine.body.total).toBe(2);
    const notMine = await otherStreet.request('GET', `/api/newgroups/stations/${stations[0]}`);
    expect(notMine.status).toBe(404);
  });

  it('should refuse a worker without consent or with an old wording, and keep the phone sealed and masked', async () => {
    version = (await street.request('GET', '/api/newgroups/workers')).body.consentVersion;
    const base = { stationId: stations[0], name: '王骑手', kind: 'rider', phone: '13912340001', consentVersion: version };
    const noConsent = await street.request('POST', '/api/newgroups/workers', { ...base, consent: false });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('同意') });
    const old = await street.request('POST', '/api/newgroups/workers', { ...base, consent: true, consentVersion: '2020-01' });
    expect(old.status).toBe(409);
    const ok = await street.request('POST', '/api/newgroups/workers', { ...base, consent: true, partyStatus: 'member' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    workers.push(ok.body.id);
    const row = await t.db.selectFrom('gig_worker').selectAll().where('id', '=', ok.body.id).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13912340001');
    expect(row.phone_mask).toBe('139****0001');
    expect(row.consent_version).toBe(version);
    const dup = await street.request('POST', '/api/newgroups/workers', { ...base, consent: true, name: '重号' });
    expect(dup.status).toBe(409);
    const list = await street.request('GET', '/api/newgroups/workers');
    expect(JSON.stringify(list.body)).not.toContain('13912340001');
    expect(list.body.items[0].phoneMask).toBe('139****0001');
    // More workers: station 0 an applicant and a plain one, station 1 an applicant, station 2 (凤山) a member.
    for (const [st, status, s] of [[0, 'applicant', street], [0, 'none', street], [1, 'applicant', street], [2, 'member', county]] as const) {
      const r = await s.request('POST', '/api/newgroups/workers', { stationId: stations[st], name: `骑手${workers.length}`, kind: 'rider', consent: true, consentVersion: version, partyStatus: status });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      workers.push(r.body.id);
    }
    const outside = await otherStreet.request('POST', '/api/newgroups/workers', { stationId: stations[0], name: '越界', kind: 'rider', consent: true, consentVersion: version });
    expect(outside.status).toBe(404);
  });

  it('should record leaving once, keep the row, and refuse party changes after it', async () => {
    const left = await street.request('POST', `/api/newgroups/workers/${workers[2]}/leave`, {});
    expect(left.status).toBe(200);
    const again = await street.request('POST', `/api/newgroups/workers/${workers[2]}/leave`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
    const party = await street.request('POST', `/api/newgroups/workers/${workers[2]}/party-status`, { partyStatus: 'member' });
    expect(party.status).toBe(409);
    const leftList = await street.request('GET', '/api/newgroups/workers?status=left');
    expect(leftList.body.items.map((w: { id: number }) => w.id)).toEqual([workers[2]]);
    // The applicant at station 1 joins the party.
    expect((await street.request('POST', `/api/newgroups/workers/${workers[3]}/party-status`, { partyStatus: 'member' })).status).toBe(200);
  });

  it('should check independent and joint organisations and send instructors', async () => {
    const wrong = await street.request('POST', '/api/newgroups/party-orgs', { name: '联合党支部', kind: 'joint', unitId: city.streets[0]!.id, foundedOn: '2026-06-01', stationIds: [stations[0]] });
    expect(wrong.status).toBe(400);
    const outside = await street.request('POST', '/api/newgroups/party-orgs', { name: '越界', kind: 'joint', unitId: city.streets[0]!.id, foundedOn: '2026-06-01', stationIds: [stations[0], stations[2]] });
    expect(outside.status).toBe(400);
    const future = await street.request('POST', '/api/newgroups/party-orgs', { name: '未来', kind: 'independent', unitId: city.streets[0]!.id, foundedOn: '2027-01-01', stationIds: [stations[0]] });
    expect(future.status).toBe(400);
    const joint = await street.request('POST', '/api/newgroups/party-orgs', { name: '滨河快递外卖联合党支部', kind: 'joint', unitId: city.streets[0]!.id, foundedOn: '2026-06-01', stationIds: [stations[0], stations[1]] });
    expect(joint.status, JSON.stringify(joint.body)).toBe(200);
    const ins = await street.request('POST', '/api/newgroups/instructors', { partyOrgId: joint.body.id, name: '李指导', sentBy: '滨河街道党工委', phone: '13700001111', sentOn: '2026-06-02' });
    expect(ins.status).toBe(200);
    const list = await street.request('GET', '/api/newgroups/instructors');
    expect(list.body.items[0]).toMatchObject({ name: '李指导', phoneMask: '137****1111' });
    expect(JSON.stringify(list.body)).not.toContain('13700001111');
    expect((await otherStreet.request('POST', '/api/newgroups/instructors', { partyOrgId: joint.body.id, name: '越界', sentBy: '某', sentOn: '2026-06-02' })).status).toBe(404);
    const detail = await street.request('GET', `/api/newgroups/stations/${stations[0]}`);
    expect(detail.body).toMatchObject({ covered: true, workers: 2, members: 1, applicants: 1 });
    expect(detail.body.partyOrgs[0].instructors).toEqual([{ name: '李指导', sentBy: '滨河街道党工委' }]);
  });

  it('should count coverage per street for the county and per county for the city, as counted by hand', async () => {
    const c = await county.request('GET', '/api/newgroups/coverage');
    expect(c.status).toBe(200);
    // Hand count: 滨河 has stations 0 and 1, both covered by the joint branch; active workers: station 0 has
    // the member and the applicant (the plain one left), station 1 has the applicant who became a member.
    const binhe = c.body.rows.find((r: { unitId: number }) => r.unitId === city.streets[0]!.id);
    expect(binhe).toMatchObject({ stations: 2, coveredStations: 2, workers: 3, members: 2, applicants: 1, independentOrgs: 0, jointOrgs: 1, instructors: 1 });
    const fengshan = c.body.rows.find((r: { unitId: number }) => r.unitId === city.streets[1]!.id);
    expect(fengshan).toMatchObject({ stations: 1, coveredStations: 0, workers: 1, members: 1, applicants: 0, jointOrgs: 0 });
    expect(c.body.total).toMatchObject({ stations: 3, coveredStations: 2, workers: 4, members: 3, applicants: 1, jointOrgs: 1, instructors: 1 });

    const cc = await cityAdmin.request('GET', '/api/newgroups/coverage');
    const lishi = cc.body.rows.find((r: { unitId: number }) => r.unitId === city.county.id);
    const xiaoyi = cc.body.rows.find((r: { unitId: number }) => r.unitId === city.otherCounty.id);
    expect(lishi).toMatchObject({ stations: 3, coveredStations: 2 });
    expect(xiaoyi).toMatchObject({ stations: 0, workers: 0 });

    // A street sees only itself; another unit is out of its reach.
    expect((await otherStreet.request('GET', `/api/newgroups/coverage?unitId=${city.streets[0]!.id}`)).status).toBe(404);
  });
});
