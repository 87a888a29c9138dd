import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay, ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/**
 * 新就业群体 lifecycle: a station closed, a service point closed, a party organisation dissolved
 * (its instructors' postings ended with it) and a posting ended, each with a reason, audited, kept
 * as history, refused with a Chinese reason when it does not apply or is out of scope — and the
 * coverage and the cockpit's figures counted again from the rows, on both databases.
 */
describe('newgroups lifecycle', () => {
  // Ahead of the database's clock, so rows it stamps with now() lie inside the cockpit's live window.
  const clock = new ManualClock(new Date(Date.now() + 60_000));
  let t: TestApp;
  let city: Awaited<ReturnType<typeof buildSmallCity>>;
  let county: Session;
  let street: Session;
  let streetAccount: number;
  let otherStreet: Session;
  const st: Record<string, number> = {};
  const org: Record<string, number> = {};
  const ins: Record<string, number> = {};
  let point: number;
  let worker: number;

  const ok = async (p: Promise<{ status: number; body: any }>) => {
    const r = await p;
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const figures = async () => {
    const r = await county.request('GET', `/api/stats/cockpit?orgId=${city.county.id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return Object.fromEntries(r.body.figures.map((x: { key: string; value: number | null }) => [x.key, x.value]));
  };
  const coverage = async () => (await ok(county.request('GET', '/api/newgroups/coverage'))).total;
  const names = (body: { items: { name: string }[] }) => body.items.map((x) => x.name).sort();

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    const acc = await addAccount(t.db, 'street_admin', city.streets[0]!);
    streetAccount = acc.id;
    street = await login(t.app, acc.username);
    otherStreet = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[1]!)).username);
    const { id: platformId } = await ok(county.request('POST', '/api/newgroups/platforms', { name: '美团', kind: 'delivery' }));
    // 滨河街道: S1 with a rider and its own (独立建) organisation; S2 and S3 under one joint (联合建) organisation; S4 empty.
    for (const [key, c] of [['S1', 0], ['S2', 0], ['S3', 1], ['S4', 1]] as const) {
      st[key] = (await ok(street.request('POST', '/api/newgroups/stations', { platformId, unitId: city.communities[c]!.community.id, name: `美团${key}`, lat: 37.52, lng: 111.14 }))).id;
    }
    worker = (await ok(street.request('POST', '/api/newgroups/workers', { stationId: st.S1, name: '骑手甲', kind: 'rider', consent: true, consentVersion: '2026-01' }))).id;
    org.O1 = (await ok(street.request('POST', '/api/newgroups/party-orgs', { name: '美团S1党支部', kind: 'independent', unitId: city.streets[0]!.id, foundedOn: '2026-06-01', stationIds: [st.S1] }))).id;
    org.O2 = (await ok(street.request('POST', '/api/newgroups/party-orgs', { name: '滨河联合党支部', kind: 'joint', unitId: city.streets[0]!.id, foundedOn: '2026-06-01', stationIds: [st.S2, st.S3] }))).id;
    for (const [key, o] of [['I1', org.O1], ['I2', org.O2], ['I3', org.O2]] as const) {
      ins[key] = (await ok(street.request('POST', '/api/newgroups/instructors', { partyOrgId: o, name: `指导员${key}`, sentBy: '滨河街道党工委', sentOn: '2026-06-02' }))).id;
    }
    point = (await ok(street.request('POST', '/api/newgroups/service-points', {
      name: '滨河司机之家', kind: 'driver_home', unitId: city.streets[0]!.id, lat: 37.5, lng: 111.1, hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' })),
    }))).id;
  });
  afterAll(() => t?.close());

  it('should count everything live before anything is closed', async () => {
    expect(await coverage()).toMatchObject({ stations: 4, coveredStations: 3, workers: 1, independentOrgs: 1, jointOrgs: 1, instructors: 3 });
    expect(await figures()).toMatchObject({ 'newgroups.stations': 4, 'newgroups.party_orgs': 2, 'newgroups.party_coverage': 75 });
  });

  it('should refuse to close a station while a worker or its own organisation is live, and say what to do first', async () => {
    const notMine = await otherStreet.request('POST', `/api/newgroups/stations/${st.S1}/close`, { reason: '撤站' });
    expect(notMine.status).toBe(404);
    for (const body of [{}, { reason: ' ' }, { reason: 'x'.repeat(201) }]) {
      const bad = await street.request('POST', `/api/newgroups/stations/${st.S1}/close`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    const withWorker = await street.request('POST', `/api/newgroups/stations/${st.S1}/close`, { reason: '平台撤站' });
    expect(withWorker.status).toBe(409);
    expect(withWorker.body).toMatchObject({ code: 'CONFLICT' });
    expect(withWorker.body.message).toContain('1 名在岗人员');
    await ok(street.request('POST', `/api/newgroups/workers/${worker}/leave`, {}));
    const withOrg = await street.request('POST', `/api/newgroups/stations/${st.S1}/close`, { reason: '平台撤站' });
    expect(withOrg.status).toBe(409);
    expect(withOrg.body.message).toContain('独立建立的党组织“美团S1党支部”，请先撤销该党组织');
    const still = await ok(street.request('GET', `/api/newgroups/stations/${st.S1}`));
    expect(still).toMatchObject({ closed: false, closedAt: null });
  });

  it('should dissolve an organisation with a reason, end its postings with it, and keep it as history', async () => {
    expect((await otherStreet.request('POST', `/api/newgroups/party-orgs/${org.O1}/dissolve`, { reason: '站点撤销' })).status).toBe(404);
    const done = await ok(street.request('POST', `/api/newgroups/party-orgs/${org.O1}/dissolve`, { reason: '站点撤销' }));
    expect(done).toMatchObject({ ok: true, endedInstructors: 1 });
    const again = await street.request('POST', `/api/newgroups/party-orgs/${org.O1}/dissolve`, { reason: '站点撤销' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(again.body.message).toContain('已撤销');
    expect(names(await ok(street.request('GET', '/api/newgroups/party-orgs')))).toEqual(['滨河联合党支部']);
    const gone = await ok(street.request('GET', '/api/newgroups/party-orgs?status=closed'));
    expect(gone.items).toEqual([expect.objectContaining({ name: '美团S1党支部', closeReason: '站点撤销', closedAt: clock.now().toISOString() })]);
    const ended = await ok(street.request('GET', '/api/newgroups/instructors?status=closed'));
    expect(ended.items).toEqual([expect.objectContaining({ name: '指导员I1', endedOn: chinaDay(clock.now()), endReason: '党组织撤销：站点撤销' })]);
    expect(names(await ok(street.request('GET', '/api/newgroups/instructors')))).toEqual(['指导员I2', '指导员I3']);
    expect((await ok(street.request('GET', '/api/newgroups/instructors?status=all'))).total).toBe(3);
    // Nobody is sent to a dissolved organisation.
    expect((await street.request('POST', '/api/newgroups/instructors', { partyOrgId: org.O1, name: '迟到', sentBy: '某', sentOn: '2026-06-02' })).status).toBe(404);
  });

  it('should close an emptied station once, keep it, and refuse workers there', async () => {
    const done = await ok(street.request('POST', `/api/newgroups/stations/${st.S1}/close`, { reason: '平台撤站' }));
    expect(done).toMatchObject({ ok: true, closedAt: clock.now().toISOString() });
    const again = await street.request('POST', `/api/newgroups/stations/${st.S1}/close`, { reason: '平台撤站' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已关闭');
    expect(names(await ok(street.request('GET', '/api/newgroups/stations')))).toEqual(['美团S2', '美团S3', '美团S4']);
    const closed = await ok(street.request('GET', '/api/newgroups/stations?status=closed'));
    expect(closed.items).toEqual([expect.objectContaining({ name: '美团S1', closed: true, closeReason: '平台撤站' })]);
    expect(await ok(street.request('GET', `/api/newgroups/stations/${st.S1}`))).toMatchObject({ closed: true, closeReason: '平台撤站', partyOrgs: [] });
    const late = await street.request('POST', '/api/newgroups/workers', { stationId: st.S1, name: '骑手乙', kind: 'rider', consent: true, consentVersion: '2026-01' });
    expect(late.status).toBe(409);
  });

  it('should let a joint organisation outlive one of its stations but not its last one', async () => {
    await ok(street.request('POST', `/api/newgroups/stations/${st.S2}/close`, { reason: '并入S3' }));
    const last = await street.request('POST', `/api/newgroups/stations/${st.S3}/close`, { reason: '撤站' });
    expect(last.status).toBe(409);
    expect(last.body.message).toContain('联合建立的党组织“滨河联合党支部”覆盖的其他站点均已关闭');
    expect(await ok(street.request('GET', `/api/newgroups/stations/${st.S3}`))).toMatchObject({ covered: true, closed: false });
  });

  it('should end one instructor\'s posting with a reason, once, in scope only', async () => {
    expect((await otherStreet.request('POST', `/api/newgroups/instructors/${ins.I2}/end`, { reason: '任期届满' })).status).toBe(404);
    expect((await street.request('POST', `/api/newgroups/instructors/${ins.I2}/end`, {})).status).toBe(400);
    await ok(street.request('POST', `/api/newgroups/instructors/${ins.I2}/end`, { reason: '任期届满' }));
    const again = await street.request('POST', `/api/newgroups/instructors/${ins.I2}/end`, { reason: '任期届满' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('选派已结束');
    expect(names(await ok(street.request('GET', '/api/newgroups/instructors')))).toEqual(['指导员I3']);
    const orgs = await ok(street.request('GET', '/api/newgroups/party-orgs'));
    expect(orgs.items[0]).toMatchObject({ name: '滨河联合党支部', instructors: 1 });
  });

  it('should close a service point with a reason, take it off the live list and keep it as history', async () => {
    expect((await otherStreet.request('POST', `/api/newgroups/service-points/${point}/close`, { reason: '场地收回' })).status).toBe(404);
    await ok(street.request('POST', `/api/newgroups/service-points/${point}/close`, { reason: '场地收回' }));
    const again = await street.request('POST', `/api/newgroups/service-points/${point}/close`, { reason: '场地收回' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已撤销');
    expect((await ok(street.request('GET', '/api/newgroups/service-points'))).total).toBe(0);
    const closed = await ok(street.request('GET', '/api/newgroups/service-points?status=closed'));
    expect(closed.items).toEqual([expect.objectContaining({ name: '滨河司机之家', openNow: false, closeReason: '场地收回', hours: expect.arrayContaining([{ weekday: 1, open: '00:00', close: '24:00' }]) })]);
  });

  it('should count coverage and the cockpit again from the rows', async () => {
    // Left: S3 (covered by the joint organisation) and S4; one organisation, one instructor, no worker.
    expect(await coverage()).toMatchObject({ stations: 2, coveredStations: 1, workers: 0, independentOrgs: 0, jointOrgs: 1, instructors: 1 });
    clock.advance(60_000);
    expect(await figures()).toMatchObject({ 'newgroups.stations': 2, 'newgroups.party_orgs': 1, 'newgroups.party_coverage': 50, 'newgroups.workers': 0 });
  });

  it('should keep every row and record who, when and why in the rows and the audit log', async () => {
    const stations = await t.db.selectFrom('gig_station').select(['name', 'closed_by', 'close_reason']).where('id', 'in', Object.values(st)).orderBy('name').execute();
    expect(stations).toEqual([
      { name: '美团S1', closed_by: streetAccount, close_reason: '平台撤站' }, { name: '美团S2', closed_by: streetAccount, close_reason: '并入S3' },
      { name: '美团S3', closed_by: null, close_reason: null }, { name: '美团S4', closed_by: null, close_reason: null },
    ]);
    const o1 = await t.db.selectFrom('gig_party_org').select(['dissolved_by', 'dissolve_reason']).where('id', '=', org.O1).executeTakeFirstOrThrow();
    expect(o1).toEqual({ dissolved_by: streetAccount, dissolve_reason: '站点撤销' });
    expect((await t.db.selectFrom('gig_instructor').select('id').where('id', 'in', Object.values(ins)).execute()).length).toBe(3);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id', 'account_id', 'after'])
      .where('action', 'in', ['newgroups.station_close', 'newgroups.service_point_close', 'newgroups.party_org_dissolve', 'newgroups.instructor_end']).orderBy('id').execute();
    const reasonOf = (a: unknown) => (typeof a === 'string' ? JSON.parse(a) : a as { reason: string }).reason;
    expect(audit.map((a) => [a.action, Number(a.entity_id), a.account_id, reasonOf(a.after)])).toEqual([
      ['newgroups.instructor_end', ins.I1, streetAccount, '站点撤销'],
      ['newgroups.party_org_dissolve', org.O1, streetAccount, '站点撤销'],
      ['newgroups.station_close', st.S1, streetAccount, '平台撤站'],
      ['newgroups.station_close', st.S2, streetAccount, '并入S3'],
      ['newgroups.instructor_end', ins.I2, streetAccount, '任期届满'],
      ['newgroups.service_point_close', point, streetAccount, '场地收回'],
    ]);
  });

  it('should reopen a closed service point with a reason, back on the live list, the closing kept in the audit log', async () => {
    expect((await otherStreet.request('POST', `/api/newgroups/service-points/${point}/reopen`, { reason: '场地续租' })).status).toBe(404);
    expect((await street.request('POST', `/api/newgroups/service-points/${point}/reopen`, {})).status).toBe(400);
    await ok(street.request('POST', `/api/newgroups/service-points/${point}/reopen`, { reason: '场地续租' }));
    const again = await street.request('POST', `/api/newgroups/service-points/${point}/reopen`, { reason: '场地续租' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('未撤销');
    const live = await ok(street.request('GET', '/api/newgroups/service-points'));
    expect(live.items).toEqual([expect.objectContaining({ name: '滨河司机之家', closedAt: null, closeReason: null })]);
    const audit = await t.db.selectFrom('audit_log').select(['account_id', 'before', 'after']).where('action', '=', 'newgroups.service_point_reopen').where('entity_id', '=', String(point)).executeTakeFirstOrThrow();
    const json = (x: unknown) => (typeof x === 'string' ? JSON.parse(x) : x);
    expect(audit.account_id).toBe(streetAccount);
    expect(json(audit.before)).toMatchObject({ closeReason: '场地收回' });
    expect(json(audit.after)).toMatchObject({ closedAt: null, reason: '场地续租' });
    // Closed again, it is closed anew.
    await ok(street.request('POST', `/api/newgroups/service-points/${point}/close`, { reason: '冬季停用' }));
    expect((await ok(street.request('GET', '/api/newgroups/service-points?status=closed'))).items[0]).toMatchObject({ closeReason: '冬季停用' });
  });
});
