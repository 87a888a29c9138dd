import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

type City = Awaited<ReturnType<typeof buildSmallCity>>;

/** 党群服务阵地: venues and 三要六有, room bookings (overlaps refused by the database), 以奖代补, "党群阵地@你"; on both databases. */
describe('venues', () => {
  // Monday 2 Nov 2026, 09:00 in Lüliang.
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  let t: TestApp;
  let city: City;
  let A: City['communities'][number];
  let worker: Session, otherWorker: Session, resident: Session, resident2: Session, county: Session, street: Session;
  let residentId: number;
  let centreId: number, stationId: number, roomId: number;
  const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '21:00' }));

  const ok = (res: { status: number; body: unknown }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as any;
  };
  const slot = (day: string, from: string, to: string, over: Record<string, unknown> = {}) => ({
    roomId, startsAt: `${day}T${from}:00+08:00`, endsAt: `${day}T${to}:00+08:00`, purpose: '书法班', attendees: 10, ...over,
  });
  async function upload(s: Session) {
    const boundary = `----linli${randomBytes(8).toString('hex')}`;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(16)]);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      png, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await t.app.inject({
      method: 'POST', url: '/api/files', payload,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.statusCode).toBe(200);
    return r.json().id as number;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    city = await buildSmallCity(t);
    A = city.communities[0]!;
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', A.community)).username);
    otherWorker = await login(t.app, (await addAccount(t.db, 'community_worker', city.communities[4]!.community)).username);
    street = await login(t.app, (await addAccount(t.db, 'street_admin', city.streets[0]!)).username);
    county = await login(t.app, (await addAccount(t.db, 'county_admin', city.county)).username);
    const r1 = await addAccount(t.db, 'resident', A.unit);
    residentId = r1.id;
    resident = await login(t.app, r1.username);
    resident2 = await login(t.app, (await addAccount(t.db, 'resident', A.unit)).username);
    centreId = ok(await worker.request('POST', '/api/venues', {
      kind: 'centre', orgId: A.community.id, name: '一社区党群服务中心', address: '滨河路1号', areaM2: 600, hours: ALL_WEEK,
    })).id;
    stationId = ok(await worker.request('POST', '/api/venues', {
      kind: 'station', orgId: A.grid.id, name: '第1网格党群服务站', address: '1号楼底商', areaM2: 80, hours: [{ weekday: 6, opens: '09:00', closes: '17:00' }],
    })).id;
    roomId = ok(await worker.request('POST', `/api/venues/${centreId}/rooms`, { name: '多功能厅', capacity: 30 })).id;
  });
  afterAll(() => t?.close());

  it('should keep one centre per community, place stations in compounds, and refuse another community', async () => {
    const again = await worker.request('POST', '/api/venues', { kind: 'centre', orgId: A.community.id, name: '第二中心', address: 'x', areaM2: 10, hours: [] });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/一个社区一个中心/);
    const wrong = await worker.request('POST', '/api/venues', { kind: 'station', orgId: A.community.id, name: '站', address: 'x', areaM2: 10, hours: [] });
    expect(wrong.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '小区党群服务站须建在小区（网格）' });
    expect((await otherWorker.request('GET', `/api/venues/${centreId}`)).status).toBe(404);
    expect((await otherWorker.request('POST', '/api/venues', { kind: 'centre', orgId: A.community.id, name: 'x', address: 'x', areaM2: 1, hours: [] })).status).toBe(404);
    expect(ok(await otherWorker.request('GET', '/api/venues')).total).toBe(0);
    const bad = await worker.request('POST', '/api/venues', { kind: 'station', orgId: A.grid.id, name: 'x', address: 'x', areaM2: 1, hours: [{ weekday: 1, opens: '18:00', closes: '09:00' }] });
    expect(bad.status).toBe(400);
    expect((await resident.request('POST', '/api/venues', { kind: 'station', orgId: A.grid.id, name: 'x', address: 'x', areaM2: 1, hours: [] })).status).toBe(403);
  });

  it('should flag a venue until every 三要六有 item is recorded with evidence photos', async () => {
    let list = ok(await street.request('GET', '/api/venues?flagged=true'));
    expect(list.items.map((v: any) => v.id).sort()).toEqual([centreId, stationId].sort());
    const noPhoto = await worker.request('POST', `/api/venues/${stationId}/standard/has_site`, { note: '80平方米', photoIds: [] });
    expect(noPhoto.status).toBe(400);
    expect(JSON.stringify(noPhoto.body)).toContain('请上传至少一张佐证照片');
    expect((await worker.request('POST', `/api/venues/${stationId}/standard/has_nothing`, { photoIds: [1] })).status).toBe(400);
    const codes = ['need_place', 'need_sign', 'need_rules', 'has_site', 'has_plaque', 'has_rules', 'has_activities', 'has_ledger'];
    for (const c of codes) ok(await worker.request('POST', `/api/venues/${stationId}/standard/${c}`, { note: c, photoIds: [await upload(worker)] }));
    let d = ok(await worker.request('GET', `/api/venues/${stationId}`));
    expect(d.missing).toEqual(['has_team']);
    expect(d.toStandard).toBe(false);
    ok(await worker.request('POST', `/api/venues/${stationId}/standard/has_team`, { note: '志愿服务队12人', photoIds: [await upload(worker)] }));
    d = ok(await worker.request('GET', `/api/venues/${stationId}`));
    expect(d.toStandard).toBe(true);
    expect(d.standard.find((s: any) => s.code === 'has_team')).toMatchObject({ met: true, note: '志愿服务队12人', label: '有队伍' });
    expect(d.standard[0].photos[0].url).toMatch(/^\/api\/files\/\d+$/);
    list = ok(await street.request('GET', '/api/venues?flagged=true'));
    expect(list.items.map((v: any) => v.id)).toEqual([centreId]);
    // The evidence is readable by staff in scope, not by another county's staff.
    expect((await street.request('GET', d.standard[0].photos[0].url)).status).toBe(200);
    expect((await otherWorker.request('GET', d.standard[0].photos[0].url)).status).toBe(404);
  });

  it('should allow touching slots and refuse overlapping ones of one room', async () => {
    const first = ok(await resident.request('POST', '/api/venues/bookings', slot('2026-11-03', '09:00', '10:00')));
    ok(await resident2.request('POST', '/api/venues/bookings', slot('2026-11-03', '10:00', '11:00')));
    ok(await resident2.request('POST', '/api/venues/bookings', slot('2026-11-03', '08:00', '09:00')));
    const clash = await resident2.request('POST', '/api/venues/bookings', slot('2026-11-03', '09:30', '10:30'));
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'CONFLICT', message: '该时段已被预约，请换一个时间或活动室' });
    const inside = await resident2.request('POST', '/api/venues/bookings', slot('2026-11-03', '09:15', '09:45'));
    expect(inside.status).toBe(409);
    // Cancelling frees the slot.
    ok(await resident.request('POST', `/api/venues/bookings/${first.id}/cancel`));
    ok(await resident2.request('POST', '/api/venues/bookings', slot('2026-11-03', '09:30', '10:00')));
    const day = ok(await resident.request('GET', `/api/venues/rooms/${roomId}/slots?day=2026-11-03`));
    expect(day).toMatchObject({ opens: '08:00', closes: '21:00' });
    expect(day.taken.map((x: any) => x.startsAt)).toEqual(['2026-11-03T00:00:00.000Z', '2026-11-03T01:30:00.000Z', '2026-11-03T02:00:00.000Z']);
    expect(JSON.stringify(day)).not.toMatch(/resident_/);
    // A day that does not exist is refused, not rolled into the next month.
    expect((await resident.request('GET', `/api/venues/rooms/${roomId}/slots?day=2026-11-31`)).status).toBe(400);
  });

  it('should let exactly one of two concurrent overlapping bookings win', async () => {
    const results = await Promise.all([
      resident.request('POST', '/api/venues/bookings', slot('2026-11-04', '14:00', '15:00')),
      resident2.request('POST', '/api/venues/bookings', slot('2026-11-04', '14:30', '15:30')),
      resident2.request('POST', '/api/venues/bookings', slot('2026-11-04', '14:00', '16:00')),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('should refuse bookings outside opening hours, in the past, over capacity or of another community', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [slot('2026-11-03', '07:00', '08:30'), '请在开放时间 08:00–21:00 内预约'],
      [slot('2026-11-01', '09:00', '10:00'), '不能预约已经过去的时间'],
      [slot('2026-11-05', '09:00', '10:00', { attendees: 31 }), '该活动室最多容纳30人'],
      [slot('2026-11-05', '11:00', '10:00'), '结束时间须晚于开始时间'],
      [slot('2027-03-01', '09:00', '10:00'), '最多提前60天预约'],
    ];
    for (const [body, message] of cases) {
      const r = await resident.request('POST', '/api/venues/bookings', body);
      expect(r.status, message).toBe(400);
      expect(r.body.message).toBe(message);
    }
    const stranger = await login(t.app, (await addAccount(t.db, 'resident', city.communities[1]!.unit)).username);
    expect((await stranger.request('POST', '/api/venues/bookings', slot('2026-11-05', '09:00', '10:00'))).status).toBe(404);
    expect(ok(await stranger.request('GET', '/api/venues/near')).items).toEqual([]);
  });

  it('should take a booking through confirmation and check-in, tell the booker, and count the use', async () => {
    const { id } = ok(await resident.request('POST', '/api/venues/bookings', slot('2026-11-06', '15:00', '17:00', { groupName: '夕阳红舞蹈队', attendees: 18 })));
    const pending = ok(await worker.request('GET', `/api/venues/bookings?venueId=${centreId}&status=requested`));
    const mine = pending.items.find((b: any) => b.id === id);
    expect(mine).toMatchObject({ status: 'requested', groupName: '夕阳红舞蹈队', actions: ['confirm', 'decline', 'cancel'] });
    expect((await resident.request('POST', `/api/venues/bookings/${id}/confirm`)).status).toBe(403);
    expect((await otherWorker.request('POST', `/api/venues/bookings/${id}/confirm`)).status).toBe(404);
    // Check-in before confirmation is refused with its reason.
    clock.set('2026-11-06T15:05:00+08:00');
    const early = await worker.request('POST', `/api/venues/bookings/${id}/check-in`, {});
    expect(early.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '只有已确认的预约可以签到' });
    ok(await worker.request('POST', `/api/venues/bookings/${id}/confirm`));
    expect((await worker.request('POST', `/api/venues/bookings/${id}/confirm`)).body.message).toBe('只有待确认的预约可以确认');
    const inbox = await t.db.selectFrom('notification').select(['title']).where('account_id', '=', residentId).execute();
    expect(inbox.map((n) => n.title)).toContain('活动室预约已确认');
    // The visitor checks in with the code shown at the venue.
    const code = ok(await worker.request('GET', `/api/venues/${centreId}`)).checkinCode as string;
    expect((await resident.request('POST', `/api/venues/bookings/${id}/check-in`, { code: 'WRONG1' })).body.message).toMatch(/签到码不正确/);
    expect((await resident2.request('POST', `/api/venues/bookings/${id}/check-in`, { code })).status).toBe(404);
    const done = ok(await resident.request('POST', `/api/venues/bookings/${id}/check-in`, { code: code.toLowerCase() }));
    expect(done.checkedInAt).toBeTruthy();
    expect((await resident.request('POST', `/api/venues/bookings/${id}/check-in`, { code })).body.message).toBe('已经签到过了');
    const use = ok(await worker.request('GET', `/api/venues/${centreId}`)).use;
    expect(use.find((u: any) => u.month === '2026-11')).toMatchObject({ checkIns: 1, visitors: 18 });
    // Declining needs a reason; a declined booking frees the slot.
    const { id: other } = ok(await resident.request('POST', '/api/venues/bookings', slot('2026-11-07', '09:00', '10:00')));
    expect((await worker.request('POST', `/api/venues/bookings/${other}/decline`, { reason: '' })).status).toBe(400);
    ok(await worker.request('POST', `/api/venues/bookings/${other}/decline`, { reason: '当天场地用于社区议事会' }));
    ok(await resident2.request('POST', '/api/venues/bookings', slot('2026-11-07', '09:00', '10:00')));
    const my = ok(await resident.request('GET', '/api/venues/my-bookings'));
    expect(my.items.find((b: any) => b.id === other)).toMatchObject({ status: 'declined', declineReason: '当天场地用于社区议事会', actions: [] });
    clock.set('2026-11-02T09:00:00+08:00');
  });

  it('should compute awards by the county rule from hand-counted check-ins, and keep payments append-only', async () => {
    // Hand-counted use in 2025: the centre 25 check-ins (not to standard), the station 60 (to standard).
    const addUses = async (venueId: number, n: number) => {
      const room = venueId === centreId ? roomId : (ok(await worker.request('POST', `/api/venues/${venueId}/rooms`, { name: `活动室${n}`, capacity: 20 })).id as number);
      const v = await t.db.selectFrom('venue').select(['org_path', 'county_code']).where('id', '=', venueId).executeTakeFirstOrThrow();
      await t.db.insertInto('venue_booking').values(Array.from({ length: n }, (_, i) => {
        const s = new Date(Date.UTC(2025, 0, 1, 1) + i * 86400_000);
        return {
          room_id: room, venue_id: venueId, org_path: v.org_path, county_code: v.county_code, account_id: residentId, purpose: '活动', attendees: 5,
          starts_at: s, ends_at: new Date(s.getTime() + 3600_000), status: 'confirmed' as const, checked_in_at: s,
        };
      })).execute();
      // Bookings never checked in are not use.
      await t.db.insertInto('venue_booking').values({
        room_id: room, venue_id: venueId, org_path: v.org_path, county_code: v.county_code, account_id: residentId, purpose: '未到', attendees: 5,
        starts_at: new Date('2025-12-30T01:00:00Z'), ends_at: new Date('2025-12-30T02:00:00Z'), status: 'confirmed',
      }).execute();
    };
    await addUses(centreId, 25);
    await addUses(stationId, 60);

    expect((await county.request('POST', '/api/venues/funding/compute', { year: 2025 })).body.message).toBe('请先制定本区县的以奖代补规则');
    expect((await worker.request('POST', '/api/venues/funding/rules', { tiers: [{ name: '一档', minUses: 1, requireStandard: false, amount: 1 }] })).status).toBe(403);
    const tiers = [
      { name: '一档', minUses: 60, requireStandard: true, amount: 30000 },
      { name: '二档', minUses: 24, requireStandard: true, amount: 20000 },
      { name: '三档', minUses: 24, requireStandard: false, amount: 5000 },
    ];
    ok(await county.request('POST', '/api/venues/funding/rules', { tiers: [{ ...tiers[0], minUses: 100 }] }));
    ok(await county.request('POST', '/api/venues/funding/rules', { tiers, note: '2025年度' }));
    const rules = ok(await worker.request('GET', '/api/venues/funding/rules'));
    expect(rules.map((r: any) => r.version)).toEqual([2, 1]);
    const dup = await county.request('POST', '/api/venues/funding/rules', { tiers: [tiers[0], tiers[0]] });
    expect(dup.body.message).toBe('档次名称不能重复');

    const res = ok(await county.request('POST', '/api/venues/funding/compute', { year: 2025 }));
    expect(res).toMatchObject({ year: 2025, ruleVersion: 2, venues: 2, awarded: 2, amount: 35000 });
    const awards = ok(await street.request('GET', '/api/venues/funding/awards?year=2025'));
    const byId = new Map(awards.items.map((a: any) => [a.venueId, a]));
    expect(byId.get(stationId)).toMatchObject({ uses: 60, visitors: 300, standardMet: true, tier: '一档', amount: 30000 });
    expect(byId.get(centreId)).toMatchObject({ uses: 25, standardMet: false, tier: '三档', amount: 5000 });
    expect((byId.get(centreId) as any).breakdown.map((b: any) => b.reason)).toEqual(['使用 25 次，不足 60 次', '未达到三要六有标准', '达到本档']);

    // Payments: never more than the award; a reversal is a new entry and happens once.
    const over = await county.request('POST', '/api/venues/funding/payments', { venueId: stationId, year: 2025, amount: 30001 });
    expect(over.body.message).toBe('拨付合计不能超过核定奖补 30000 元（已拨付 0 元）');
    const p1 = ok(await county.request('POST', '/api/venues/funding/payments', { venueId: stationId, year: 2025, amount: 20000, note: '第一批' }));
    ok(await county.request('POST', `/api/venues/funding/payments/${p1.id}/reverse`, { note: '金额录错' }));
    expect((await county.request('POST', `/api/venues/funding/payments/${p1.id}/reverse`, { note: '再冲' })).body.message).toBe('该笔拨付已冲正');
    ok(await county.request('POST', '/api/venues/funding/payments', { venueId: stationId, year: 2025, amount: 30000, note: '全额' }));
    await expect(t.db.updateTable('venue_payment').set({ amount: 1 }).where('id', '=', p1.id).execute()).rejects.toThrow(/append-only/);
    const fig = ok(await county.request('GET', '/api/venues/funding/figures?year=2025'));
    expect(fig).toMatchObject({ year: 2025, venues: 2, awarded: 2, amount: 35000, paid: 30000 });
    expect(fig.byStreet).toEqual([{ streetId: city.streets[0]!.id, streetName: '滨河街道', venues: 2, awarded: 2, amount: 35000, paid: 30000 }]);
    expect(ok(await otherWorker.request('GET', '/api/venues/funding/figures?year=2025')).amount).toBe(0);
    expect((await worker.request('POST', '/api/venues/funding/payments', { venueId: stationId, year: 2025, amount: 1 })).status).toBe(403);
  });

  it('should publish a month to followers, refusing an empty calendar and a second publication unless a correction', async () => {
    ok(await resident.request('POST', `/api/venues/${centreId}/follow`));
    ok(await resident.request('POST', `/api/venues/${centreId}/follow`));
    const near = ok(await resident.request('GET', '/api/venues/near'));
    expect(near.items.find((v: any) => v.id === centreId)).toMatchObject({ followed: true, rooms: [{ id: roomId, name: '多功能厅', capacity: 30 }] });
    const items = [
      { day: '2026-11-10', starts: '09:00', ends: '11:00', title: '老年人智能手机课堂', place: '多功能厅' },
      { day: '2026-11-20', starts: '15:00', ends: '17:00', title: '红色观影', place: '多功能厅' },
    ];
    const empty = await worker.request('POST', `/api/venues/${centreId}/calendars`, { month: '2026-11', items: [] });
    expect(empty.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '日历没有活动，不能发布' });
    const outside = await worker.request('POST', `/api/venues/${centreId}/calendars`, { month: '2026-11', items: [{ ...items[0], day: '2026-12-01' }] });
    expect(outside.body.message).toBe('第1项的日期不在2026-11内');
    expect((await worker.request('POST', `/api/venues/${centreId}/calendars`, { month: '2026-11', items, correction: true })).body.message).toBe('2026-11尚未发布，无需更正');
    const first = ok(await worker.request('POST', `/api/venues/${centreId}/calendars`, { month: '2026-11', items, sms: true }));
    expect(first).toMatchObject({ version: 1, notified: 1 });
    const again = await worker.request('POST', `/api/venues/${centreId}/calendars`, { month: '2026-11', items });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/已发布；如需更正/);
    const fixed = ok(await worker.request('POST', `/api/venues/${centreId}/calendars`, { month: '2026-11', items: [items[0]], correction: true }));
    expect(fixed.version).toBe(2);
    const notes = await t.db.selectFrom('notification').select(['title', 'channel']).where('account_id', '=', residentId).where('title', 'like', '党群阵地@你%').orderBy('id').execute();
    expect(notes).toEqual([
      { title: '党群阵地@你：一社区党群服务中心11月活动', channel: 'inbox' },
      { title: '党群阵地@你：一社区党群服务中心11月活动', channel: 'sms' },
      { title: '党群阵地@你：一社区党群服务中心11月活动（更正）', channel: 'inbox' },
    ]);
    const at = ok(await resident.request('GET', '/api/venues/at-you'));
    expect(at.month).toBe('2026-11');
    expect(at.venues).toHaveLength(1);
    expect(at.venues[0].calendar).toMatchObject({ version: 2, items: [{ day: '2026-11-10', title: '老年人智能手机课堂' }] });
    // A resident who does not follow gets nothing; one who unfollows is not told next time.
    expect(ok(await resident2.request('GET', '/api/venues/at-you')).venues).toEqual([]);
    ok(await resident.request('POST', `/api/venues/${centreId}/unfollow`));
    expect(ok(await resident.request('GET', '/api/venues/at-you')).venues).toEqual([]);
    expect((await otherWorker.request('POST', `/api/venues/${centreId}/calendars`, { month: '2026-12', items })).status).toBe(404);
    const unknownActivity = await worker.request('POST', `/api/venues/${centreId}/calendars`, { month: '2026-12', items: [{ ...items[0], day: '2026-12-01', activityId: 999999 }] });
    expect(unknownActivity.body.message).toBe('关联的志愿活动不存在或不在本社区');
  });
});
