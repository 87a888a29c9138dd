import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDay } from '../../server/platform/clock.js';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * 扫码签到 in real browsers against the demo city: worker_binhe1 sees 龙凤社区's centre's
 * check-in QR to print; resident_demo, with a confirmed booking, taps 扫码签到 on the phone and —
 * headless Chromium has neither a camera nor a QR reader — is told to type the posted code, the
 * field for it right there. (The payload read back is unit-tested in checkin-payload.test.ts.)
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Near { items: { id: number; kind: string; name: string; rooms: { id: number; name: string }[] }[] }

async function post<T>(request: APIRequestContext, url: string, data: unknown = {}): Promise<T> {
  // Writes carry the CSRF token the session was given.
  const me = await apiGet<{ csrfToken?: string }>(request, '/api/auth/me');
  const r = await request.post(url, { data, headers: me.csrfToken ? { 'x-csrf-token': me.csrfToken } : {} });
  expect(r.ok(), `POST ${url}: ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}

describe('venue check-in by scanning in the browser', () => {
  it('should show the venue\'s check-in QR in the console and the typed-code fallback on a phone without a scanner', async () => {
    await b.withArtifacts('venues-checkin-scan', async () => {
      const resident = await b.open('resident_demo', PHONE);
      const near = await apiGet<Near>(resident.context.request, '/api/venues/near');
      const centre = near.items.find((v) => v.kind === 'centre')!;
      const room = centre.rooms.find((r) => r.name === '议事室')!;

      // The console: the QR and the same code in letters, to print and post.
      const worker = await b.open('worker_binhe1');
      const detail = await apiGet<{ name: string; checkinCode: string | null }>(worker.context.request, `/api/venues/${centre.id}`);
      expect(detail.checkinCode).toMatch(/^[0-9A-F]{6}$/);
      await worker.page.goto(`/venues/${centre.id}`);
      const card = worker.page.getByTestId('venue-checkin-qr');
      await card.getByRole('img', { name: `${detail.name}签到二维码` }).locator('svg').waitFor();
      expect((await card.getByTestId('venue-checkin-code').textContent())?.trim()).toBe(detail.checkinCode);
      await card.getByRole('button', { name: '打印签到码' }).waitFor();

      // A confirmed morning booking of resident_demo on a weekday ahead (the other venues test books evenings).
      const PURPOSE = `扫码签到测试${Date.now() % 100000}`;
      let id = 0;
      for (let day = addDays(chinaDay(new Date()), 11 + (Date.now() % 45)); !id; day = addDays(day, 1)) {
        if ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) continue;
        const me = await apiGet<{ csrfToken?: string }>(resident.context.request, '/api/auth/me');
        const r = await resident.context.request.post('/api/venues/bookings', {
          data: { roomId: room.id, startsAt: `${day}T09:00:00+08:00`, endsAt: `${day}T10:00:00+08:00`, purpose: PURPOSE, attendees: 3 },
          headers: me.csrfToken ? { 'x-csrf-token': me.csrfToken } : {},
        });
        // Taken by a retry or another run: the next weekday.
        if (r.status() === 409) continue;
        expect(r.ok(), await r.text()).toBe(true);
        id = ((await r.json()) as { id: number }).id;
      }
      await post(worker.context.request, `/api/venues/bookings/${id}/confirm`);

      // The phone: 扫码签到 without a QR reader says so, and the typed code is the way in.
      await resident.page.goto('/m/venues');
      const booking = resident.page.getByTestId(`my-booking-${id}`);
      await booking.getByText('已确认').waitFor();
      await booking.getByRole('button', { name: '扫码签到' }).click();
      await booking.getByRole('alert').filter({ hasText: '本机浏览器不支持扫码，请输入阵地张贴的签到码' }).waitFor();
      await booking.getByRole('textbox', { name: '阵地签到码' }).waitFor();
      for (const s of [resident, worker]) expect(s.outbound).toEqual([]);
    });
  }, 90_000);
});
