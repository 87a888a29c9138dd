import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPass } from '../../server/modules/newgroups/pass.token.js';
import { seedNewgroupsRoadDemo } from '../../server/seed/newgroups-road-demo.js';
import { chinaDay, ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

type City = Awaited<ReturnType<typeof buildSmallCity>>;

/** 白名单, the rider's pass at a gate, 兼职网格员 and reports from the road, on both databases. */
describe('newgroups: white-list, pass, part-time, road reports', () => {
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: City;
  let A: City['communities'][number], B: City['communities'][number], C: City['communities'][number];
  let street: Session, county: Session, secretary: Session, worker: Session, otherSecretary: Session, guard: Session, grid: Session, resident: Session;
  let rider1: Session, rider3: Session;
  let w1: number, w2: number, w3: number, w4: number, wOther: number, stationA: number;
  let entry2: number;

  const ok = (res: { status: number; body: any }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const refused = (res: { status: number; body: any }, status: number, code?: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (code) expect(res.body.code).toBe(code);
    expect(typeof res.body.message).toBe('string');
    return res.body;
  };
  const check = (s: Session, code: string, gateUnitId?: number) => s.request('POST', '/api/newgroups/gate/check', { code, gateUnitId });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    [A, B] = [city.communities[0]!, city.communities[1]!];
    C = city.communities[4]!; // another county's community
    const db = t.db;
    const platform = await db.insertInto('gig_platform').values({ org_id: city.county.id, org_path: city.county.path, county_code: '141102', name: '美团', kind: 'delivery' })
      .returning('id').executeTakeFirstOrThrow();
    const otherPlatform = await db.insertInto('gig_platform').values({ org_id: city.otherCounty.id, org_path: city.otherCounty.path, county_code: '141181', name: '美团', kind: 'delivery' })
      .returning('id').executeTakeFirstOrThrow();
    const station = (c: typeof A, p: number, lat: number, lng: number) => db.insertInto('gig_station').values({
      platform_id: p, org_id: c.community.id, org_path: c.community.path, county_code: c.community.county_code, name: `美团${c.community.name}站`, lat, lng,
    }).returning('id').executeTakeFirstOrThrow();
    stationA = (await station(A, platform.id, 37.50, 111.10)).id;
    const stationB = (await station(B, platform.id, 37.60, 111.30)).id;
    const stationC = (await station(C, otherPlatform.id, 37.1, 111.8)).id;
    const gig = (stationId: number, c: typeof A, p: number, name: string) => db.insertInto('gig_worker').values({
      station_id: stationId, platform_id: p, org_path: c.community.path, county_code: c.community.county_code, name, kind: 'rider',
      consent_at: new Date(), consent_version: 'test',
    }).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
    w1 = await gig(stationA, A, platform.id, '王小骑');
    w2 = await gig(stationA, A, platform.id, '李二骑');
    w3 = await gig(stationB, B, platform.id, '赵三骑');
    w4 = await gig(stationA, A, platform.id, '孙四骑');
    wOther = await gig(stationC, C, otherPlatform.id, '周外骑');

    street = await login(t.app, (await addAccount(db, 'street_admin', city.streets[0]!)).username);
    county = await login(t.app, (await addAccount(db, 'county_admin', city.county)).username);
    secretary = await login(t.app, (await addAccount(db, 'community_secretary', A.community)).username);
    worker = await login(t.app, (await addAccount(db, 'community_worker', A.community)).username);
    otherSecretary = await login(t.app, (await addAccount(db, 'community_secretary', city.communities[2]!.community)).username);
    guard = await login(t.app, (await addAccount(db, 'property_company', A.grid)).username);
    grid = await login(t.app, (await addAccount(db, 'grid_worker', A.grid)).username);
    resident = await login(t.app, (await addAccount(db, 'resident', A.unit)).username);
    const rider = async (workerId: number) => {
      const a = await addAccount(db, 'gig_worker', city.streets[0]!);
      await db.updateTable('account').set({ gig_worker_id: workerId }).where('id', '=', a.id).execute();
      return login(t.app, a.username);
    };
    rider1 = await rider(w1);
    rider3 = await rider(w3);
    void stationB;
  });
  afterAll(async () => t?.close());

  it('lets the county or street keep the white-list, with reasons, and refuses the rest clearly', async () => {
    refused(await secretary.request('POST', '/api/newgroups/whitelist', { workerId: w1, reason: '表现好' }), 403, 'FORBIDDEN');
    refused(await street.request('POST', '/api/newgroups/whitelist', { workerId: w1, reason: ' ' }), 400);
    ok(await street.request('POST', '/api/newgroups/whitelist', { workerId: w1, reason: '注册满一年，无投诉' }));
    refused(await county.request('POST', '/api/newgroups/whitelist', { workerId: w1, reason: '重复' }), 409, 'ALREADY_EXISTS');
    refused(await street.request('POST', '/api/newgroups/whitelist', { workerId: wOther, reason: '外县' }), 404, 'NOT_FOUND');
    entry2 = ok(await street.request('POST', '/api/newgroups/whitelist', { workerId: w2, reason: '站点推荐' })).id;
    ok(await county.request('POST', '/api/newgroups/whitelist', { workerId: w4, reason: '站点推荐' }));
    await t.db.updateTable('gig_worker').set({ left_at: clock.now() }).where('id', '=', w4).execute();

    const page = ok(await street.request('GET', '/api/newgroups/whitelist?status=listed'));
    expect(page.listedTotal).toBe(3);
    const row = page.items.find((r: any) => r.workerId === w1);
    expect(row.entry.reason).toBe('注册满一年，无投诉');
    const unlisted = ok(await secretary.request('GET', '/api/newgroups/whitelist?status=unlisted'));
    expect(unlisted.items.map((r: any) => r.workerId)).toEqual([]); // A's unlisted workers: none (w4 left, w3 is B's)
    const left = await t.db.insertInto('gig_worker').values({ station_id: stationA, platform_id: (await t.db.selectFrom('gig_station').select('platform_id').where('id', '=', stationA).executeTakeFirstOrThrow()).platform_id,
      org_path: A.community.path, county_code: '141102', name: '钱已走', kind: 'rider', consent_at: new Date(), consent_version: 'test', left_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    refused(await street.request('POST', '/api/newgroups/whitelist', { workerId: left.id, reason: '已离职' }), 409, 'CONFLICT');
  });

  it('issues a pass only to a white-listed rider and the gate tells valid, expired, forged, removed and left apart', async () => {
    refused(await rider3.request('GET', '/api/newgroups/pass'), 403, 'FORBIDDEN');
    const pass = ok(await rider1.request('GET', '/api/newgroups/pass'));
    expect(pass.code).toMatch(/^LP-\d+-[0-9A-Z]+-[0-9A-F]{10}$/);
    expect(pass.qrSvg).toContain('<svg');

    const valid = ok(await check(guard, pass.code));
    expect(valid.outcome).toBe('valid');
    expect(valid.worker).toEqual({ maskedName: '王*骑', platformName: '美团', stationName: expect.stringContaining('美团') });
    expect(JSON.stringify(valid)).not.toContain('王小骑');
    // Typed in lower case with spaces: the same code.
    expect(ok(await check(grid, ` ${pass.code.toLowerCase()} `)).outcome).toBe('valid');

    // A flipped character of the signature, and the signature moved onto another worker's number.
    const last = pass.code.at(-1) === '0' ? '1' : '0';
    expect(ok(await check(guard, pass.code.slice(0, -1) + last)).outcome).toBe('forged');
    expect(ok(await check(guard, pass.code.replace(`LP-${w1}-`, `LP-${w2}-`))).outcome).toBe('forged');
    expect(ok(await check(guard, 'hello')).outcome).toBe('forged');

    // Genuine passes of a removed entry and of a worker who left.
    const code2 = signPass(t.cipher, w2, clock.now());
    expect(ok(await check(guard, code2)).outcome).toBe('valid');
    refused(await secretary.request('POST', `/api/newgroups/whitelist/${entry2}/remove`, { reason: '投诉' }), 403);
    ok(await street.request('POST', `/api/newgroups/whitelist/${entry2}/remove`, { reason: '多次投诉，核实属实' }));
    refused(await street.request('POST', `/api/newgroups/whitelist/${entry2}/remove`, { reason: '再次' }), 409, 'INVALID_TRANSITION');
    expect(ok(await check(guard, code2)).outcome).toBe('not_listed');
    expect(ok(await check(guard, signPass(t.cipher, w4, clock.now()))).outcome).toBe('left');

    // Five minutes on, the first pass no longer opens the gate; a fresh one does.
    clock.set(new Date(clock.now().getTime() + 5 * 60_000 + 1000));
    const expired = ok(await check(guard, pass.code));
    expect(expired.outcome).toBe('expired');
    expect(expired.worker).toBeNull();
    expect(ok(await check(guard, ok(await rider1.request('GET', '/api/newgroups/pass')).code)).outcome).toBe('valid');
  });

  it('checks only at gates in the guard scope and counts checks per gate', async () => {
    const pass = ok(await rider1.request('GET', '/api/newgroups/pass'));
    refused(await check(guard, pass.code, B.grid.id), 404, 'NOT_FOUND');
    refused(await resident.request('POST', '/api/newgroups/gate/check', { code: pass.code }), 403);
    refused(await rider1.request('POST', '/api/newgroups/gate/check', { code: pass.code }), 403);
    expect(ok(await worker.request('GET', '/api/newgroups/gate/places')).units.map((u: any) => u.id)).toEqual([A.community.id, A.grid.id]);
    expect(ok(await check(worker, pass.code, A.community.id)).gateName).toBe(A.community.name);
    const summary = ok(await street.request('GET', '/api/newgroups/gate/summary'));
    const atGrid = summary.items.find((r: any) => r.unitId === A.grid.id);
    expect(atGrid.total).toBe(atGrid.valid + atGrid.refused);
    expect(atGrid.valid).toBeGreaterThanOrEqual(4);
    expect(atGrid.refused).toBeGreaterThanOrEqual(5);
    // Another street sees none of it.
    const far = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[1]!)).username);
    expect(ok(await far.request('GET', '/api/newgroups/gate/summary')).total).toBe(0);
  });

  it('lets the community enrol white-listed workers for its grids, once per duty, and end it with a reason', async () => {
    const today = chinaDay(clock.now());
    const body = { workerId: w1, duty: 'grid_member', unitId: A.grid.id, startDay: today, reason: '熟悉片区' };
    refused(await street.request('POST', '/api/newgroups/parttime', body), 403, 'FORBIDDEN');
    refused(await secretary.request('POST', '/api/newgroups/parttime', { ...body, workerId: w2 }), 409, 'CONFLICT'); // removed from the list
    refused(await secretary.request('POST', '/api/newgroups/parttime', { ...body, unitId: B.grid.id }), 404);
    refused(await secretary.request('POST', '/api/newgroups/parttime', { ...body, startDay: '2026-01-01' }), 400);
    refused(await secretary.request('POST', '/api/newgroups/parttime', { ...body, startDay: '2026-02-30' }), 400);
    const { id } = ok(await secretary.request('POST', '/api/newgroups/parttime', body));
    refused(await worker.request('POST', '/api/newgroups/parttime', body), 409, 'ALREADY_EXISTS');
    const safety = ok(await worker.request('POST', '/api/newgroups/parttime', { ...body, duty: 'safety_officer', unitId: A.community.id }));
    const list = ok(await secretary.request('GET', '/api/newgroups/parttime'));
    expect(list.activeTotal).toBe(1); // one worker, two duties
    expect(list.items.map((r: any) => r.duty).sort()).toEqual(['grid_member', 'safety_officer']);
    refused(await secretary.request('POST', `/api/newgroups/parttime/${safety.id}/end`, { endDay: '2026-10-01', reason: '调整' }), 400);
    refused(await otherSecretary.request('POST', `/api/newgroups/parttime/${safety.id}/end`, { endDay: today, reason: '调整' }), 404);
    ok(await secretary.request('POST', `/api/newgroups/parttime/${safety.id}/end`, { endDay: today, reason: '本人申请' }));
    refused(await secretary.request('POST', `/api/newgroups/parttime/${safety.id}/end`, { endDay: today, reason: '再次' }), 409, 'INVALID_TRANSITION');
    expect(ok(await secretary.request('GET', '/api/newgroups/parttime?active=ended')).items.map((r: any) => r.id)).toEqual([safety.id]);
    expect(id).toBeGreaterThan(0);
  });

  let reportId: number, demandId: number;
  it('turns an enrolled rider\'s report into a demand in the community\'s inbox', async () => {
    refused(await rider3.request('POST', '/api/newgroups/road-reports', { kind: 'hazard', categoryCode: 'other', description: '井盖松动', communityId: B.community.id }), 403, 'FORBIDDEN');
    const places = ok(await rider1.request('GET', '/api/newgroups/road-reports/places'));
    expect(places.enrolled).toBe(true);
    expect(places.communities.map((c: any) => c.id)).toEqual(expect.arrayContaining([A.community.id, B.community.id]));
    refused(await rider1.request('POST', '/api/newgroups/road-reports', { kind: 'hazard', categoryCode: 'other', description: '井盖松动' }), 400);
    refused(await rider1.request('POST', '/api/newgroups/road-reports', { kind: 'hazard', categoryCode: 'other', description: '井盖松动', communityId: C.community.id }), 404);
    refused(await rider1.request('POST', '/api/newgroups/road-reports', { kind: 'hazard', categoryCode: 'nope', description: '井盖松动', communityId: A.community.id }), 400);

    const r = ok(await rider1.request('POST', '/api/newgroups/road-reports', {
      kind: 'hazard', categoryCode: 'other', description: '滨河路口井盖松动', communityId: A.community.id, clientId: 'road-test-0001',
    }));
    ({ id: reportId, demandId } = r);
    expect(r.communityName).toBe(A.community.name);
    // Sent again (an answer lost on the road): the same report, not a second demand.
    const again = ok(await rider1.request('POST', '/api/newgroups/road-reports', {
      kind: 'hazard', categoryCode: 'other', description: '滨河路口井盖松动', communityId: A.community.id, clientId: 'road-test-0001',
    }));
    expect(again).toEqual(r);

    const d = ok(await worker.request('GET', `/api/demands/${demandId}`));
    expect(d.channel).toBe('rider');
    expect(d.description).toContain('滨河路口井盖松动');
    const inbox = ok(await secretary.request('GET', '/api/demands?page=1&pageSize=50'));
    expect(inbox.items.map((x: any) => x.id)).toContain(demandId);
    refused(await otherSecretary.request('GET', `/api/demands/${demandId}`), 404);
    // Nobody else may file a 'rider' demand through the ordinary intake.
    refused(await worker.request('POST', '/api/demands', { categoryCode: 'other', description: '冒充骑手', orgId: A.grid.id, channel: 'rider' }), 400);

    // By the phone's location: the nearest station's community (B's station is at 37.60, 111.30).
    const byPlace = ok(await rider1.request('POST', '/api/newgroups/road-reports', {
      kind: 'demand', categoryCode: 'other', description: '老人迷路需要帮助', lat: 37.601, lng: 111.299,
    }));
    expect(byPlace.communityName).toBe(B.community.name);
  });

  it('rewards a verified report once, reverses by an opposite row, and counts reports', async () => {
    refused(await street.request('POST', `/api/newgroups/road-reports/${reportId}/reward`, { points: 5, note: '属实' }), 403);
    refused(await otherSecretary.request('POST', `/api/newgroups/road-reports/${reportId}/reward`, { points: 5, note: '属实' }), 404);
    refused(await secretary.request('POST', `/api/newgroups/road-reports/${reportId}/reward/reverse`, { reason: '误报' }), 409, 'INVALID_TRANSITION');
    ok(await secretary.request('POST', `/api/newgroups/road-reports/${reportId}/reward`, { points: 5, note: '核实属实，已修复' }));
    refused(await worker.request('POST', `/api/newgroups/road-reports/${reportId}/reward`, { points: 5, note: '再奖' }), 409, 'ALREADY_EXISTS');
    // Two at once: still one award (the unique index holds, not the read before).
    const [x, y] = await Promise.all([
      secretary.request('POST', `/api/newgroups/road-reports/${reportId}/reward`, { points: 5, note: '并发' }),
      worker.request('POST', `/api/newgroups/road-reports/${reportId}/reward`, { points: 5, note: '并发' }),
    ]);
    expect([x.status, y.status]).toEqual([409, 409]);

    let mine = ok(await rider1.request('GET', '/api/newgroups/road-reports/mine'));
    expect(mine.pointsTotal).toBe(5);
    expect(mine.items.find((r: any) => r.id === reportId)).toMatchObject({ reward: 'awarded', points: 5, demandState: expect.any(String) });

    ok(await secretary.request('POST', `/api/newgroups/road-reports/${reportId}/reward/reverse`, { reason: '重复上报' }));
    refused(await secretary.request('POST', `/api/newgroups/road-reports/${reportId}/reward/reverse`, { reason: '再撤' }), 409);
    mine = ok(await rider1.request('GET', '/api/newgroups/road-reports/mine'));
    expect(mine.pointsTotal).toBe(0);
    expect(mine.items.find((r: any) => r.id === reportId).reward).toBe('reversed');
    // The ledger keeps both rows and refuses edits.
    const rows = await t.db.selectFrom('gig_road_reward').select(['points', 'reverses_id']).where('report_id', '=', reportId).orderBy('id').execute();
    expect(rows.map((r) => r.points)).toEqual([5, -5]);
    await expect(t.db.updateTable('gig_road_reward').set({ points: 50 }).where('report_id', '=', reportId).execute()).rejects.toThrow();
    await expect(t.db.deleteFrom('gig_road_reward').where('report_id', '=', reportId).execute()).rejects.toThrow();

    const byCommunity = ok(await street.request('GET', '/api/newgroups/road-reports/counts?by=community'));
    expect(byCommunity.items).toEqual(expect.arrayContaining([
      { key: A.community.id, name: A.community.name, reports: 1, hazards: 1, rewarded: 0 },
      { key: B.community.id, name: B.community.name, reports: 1, hazards: 0, rewarded: 0 },
    ]));
    expect(ok(await street.request('GET', '/api/newgroups/road-reports/counts?by=rider')).items).toEqual([{ key: w1, name: '王小骑', reports: 2, hazards: 1, rewarded: 0 }]);
    expect(ok(await street.request('GET', '/api/newgroups/road-reports/counts?by=station')).items[0].reports).toBe(2);
    // The community sees its own report, not B's.
    expect(ok(await secretary.request('GET', '/api/newgroups/road-reports')).items.map((r: any) => r.id)).toEqual([reportId]);
  });

  it('seeds the demo white-list and enrolments beside what is already there, leaving rider_demo alone', async () => {
    const county_ = await addAccount(t.db, 'county_admin', city.county, 'county_lishi');
    await addAccount(t.db, 'street_admin', city.streets[0]!, 'street_binhe');
    await addAccount(t.db, 'community_secretary', A.community, 'secretary_binhe1');
    const riderDemo = await addAccount(t.db, 'gig_worker', city.streets[0]!, 'rider_demo');
    await t.db.updateTable('account').set({ gig_worker_id: w3 }).where('id', '=', riderDemo.id).execute();
    // A dozen more unlisted riders at A's station: the seed lists about two in five of them.
    const { platform_id } = await t.db.selectFrom('gig_station').select('platform_id').where('id', '=', stationA).executeTakeFirstOrThrow();
    await t.db.insertInto('gig_worker').values(Array.from({ length: 12 }, (_, i) => ({
      station_id: stationA, platform_id, org_path: A.community.path, county_code: '141102', name: `骑手${i}`, kind: 'rider' as const,
      consent_at: new Date(), consent_version: 'test',
    }))).execute();
    const r = await seedNewgroupsRoadDemo(t.db, clock.now());
    const entries = await t.db.selectFrom('gig_whitelist').select(['worker_id', 'added_by']).where('removed_at', 'is', null).execute();
    expect(entries.filter((e) => e.worker_id === w3)).toEqual([]); // rider_demo: by hand
    expect(entries.filter((e) => e.worker_id === w1)).toHaveLength(1); // already listed: untouched
    expect(entries.filter((e) => e.added_by === county_.id)).toHaveLength(r.listed);
    expect(r.listed).toBeGreaterThan(0);
    // A's station had its first newly listed rider enrolled for the community (w1 is enrolled already).
    expect(r.enrolled).toBeGreaterThanOrEqual(1);
  });

  it('stops reports from a rider taken off the white-list, though still enrolled', async () => {
    const entry = await t.db.selectFrom('gig_whitelist').select('id').where('worker_id', '=', w1).where('removed_at', 'is', null).executeTakeFirstOrThrow();
    ok(await street.request('POST', `/api/newgroups/whitelist/${entry.id}/remove`, { reason: '核实后不再符合条件' }));
    const r = refused(await rider1.request('POST', '/api/newgroups/road-reports', { kind: 'hazard', categoryCode: 'other', description: '路灯不亮', communityId: A.community.id }), 403, 'FORBIDDEN');
    expect(r.message).toContain('白名单');
    refused(await rider1.request('GET', '/api/newgroups/pass'), 403, 'FORBIDDEN');
  });
});
