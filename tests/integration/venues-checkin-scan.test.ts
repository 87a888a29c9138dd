import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { venueCheckinPayload } from '../../server/modules/venues/checkin-payload.js';
import { ManualClock } from '../../server/platform/clock.js';
import { addAccount, buildSmallCity, createTestApp, login, type Session, type TestApp } from '../helpers/test-app.js';

/** 扫码签到: the booker checks in with what the venue's posted QR encodes, or the same code typed; on both databases. */
describe('venue check-in by scanning', () => {
  // Tuesday 3 Nov 2026, 09:00 in Lüliang.
  const clock = new ManualClock(new Date('2026-11-03T09:00:00+08:00'));
  let t: TestApp;
  let worker: Session, resident: Session;
  let centreId: number, roomId: number;
  const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '21:00' }));
  const ok = (res: { status: number; body: unknown }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as any;
  };
  /** A confirmed booking of the resident today, from `from` to `to`. */
  async function confirmedBooking(from: string, to: string) {
    const { id } = ok(await resident.request('POST', '/api/venues/bookings', {
      roomId, startsAt: `2026-11-03T${from}:00+08:00`, endsAt: `2026-11-03T${to}:00+08:00`, purpose: '读书会', attendees: 6,
    }));
    ok(await worker.request('POST', `/api/venues/bookings/${id}/confirm`));
    return id as number;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const city = await buildSmallCity(t);
    const A = city.communities[0]!;
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', A.community)).username);
    resident = await login(t.app, (await addAccount(t.db, 'resident', A.unit)).username);
    centreId = ok(await worker.request('POST', '/api/venues', {
      kind: 'centre', orgId: A.community.id, name: '一社区党群服务中心', address: '滨河路1号', areaM2: 600, hours: ALL_WEEK,
    })).id;
    roomId = ok(await worker.request('POST', `/api/venues/${centreId}/rooms`, { name: '阅览室', capacity: 20 })).id;
  });
  afterAll(() => t?.close());

  it('should check the booker in with the scanned payload and count the use', async () => {
    const code = ok(await worker.request('GET', `/api/venues/${centreId}`)).checkinCode as string;
    const id = await confirmedBooking('10:00', '11:00');
    const done = ok(await resident.request('POST', `/api/venues/bookings/${id}/check-in`, { code: venueCheckinPayload(code) }));
    expect(done.checkedInAt).toBeTruthy();
    const use = ok(await worker.request('GET', `/api/venues/${centreId}`)).use;
    expect(use.find((u: any) => u.month === '2026-11')).toMatchObject({ checkIns: 1, visitors: 6 });
  });

  it('should refuse another venue\'s payload and a QR that is not a venue code, with the plain reason', async () => {
    const code = ok(await worker.request('GET', `/api/venues/${centreId}`)).checkinCode as string;
    const id = await confirmedBooking('12:00', '13:00');
    const other = code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    for (const scanned of [venueCheckinPayload(other), 'linli:other:' + code, 'https://example.org/m/venues']) {
      const r = await resident.request('POST', `/api/venues/bookings/${id}/check-in`, { code: scanned });
      expect(r.status, scanned).toBe(400);
      expect(r.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '签到码不正确，请扫描阵地张贴的签到码' });
    }
    // A text too long to be any code is refused at the edge, not with a 500.
    const long = await resident.request('POST', `/api/venues/bookings/${id}/check-in`, { code: 'x'.repeat(200) });
    expect(long.status).toBe(400);
    expect(long.body.code).toBe('VALIDATION_FAILED');
    // The typed bare code still works.
    expect(ok(await resident.request('POST', `/api/venues/bookings/${id}/check-in`, { code: code.toLowerCase() })).checkedInAt).toBeTruthy();
  });
});
