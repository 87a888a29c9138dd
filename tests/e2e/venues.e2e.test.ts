import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDay } from '../../server/platform/clock.js';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * 党群服务阵地 in real browsers against the demo city: resident_demo sees this month's
 * "党群阵地@你" from 龙凤社区's centre (which the seed has them follow) and books the centre's
 * 议事室 on the phone on a weekday evening weeks ahead (no other test books venues);
 * worker_binhe1 confirms it in the console; county_lishi computes last year's 以奖代补 by the
 * county's rule and sees the figures per street.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Near { items: { id: number; kind: string; name: string; rooms: { id: number; name: string }[] }[] }
interface Mine { items: { id: number; purpose: string; status: string }[] }

/** A weekday 10–50 days ahead, different per run, so a retry or a second run books a free evening. */
function freeWeekday() {
  let day = addDays(chinaDay(new Date()), 10 + (Date.now() % 40));
  while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
  return day;
}

describe('venues in the browser', () => {
  it('should show the month\'s @你, book a room on the phone, confirm it in the console and compute the funding', async () => {
    const PURPOSE = `读书分享会${Date.now() % 100000}`;
    await b.withArtifacts('venues', async () => {
      const resident = await b.open('resident_demo', PHONE);
      const near = await apiGet<Near>(resident.context.request, '/api/venues/near');
      const centre = near.items.find((v) => v.kind === 'centre')!;
      const room = centre.rooms.find((r) => r.name === '议事室')!;

      await resident.page.goto('/m/serve');
      await resident.page.getByRole('button', { name: /党群阵地/ }).click();
      await resident.page.waitForURL(/\/m\/venues$/);
      const month = Number(chinaDay(new Date()).slice(5, 7));
      await resident.page.getByRole('heading', { name: `党群阵地@你 · ${month}月` }).waitFor();
      await resident.page.getByTestId(`at-you-${centre.id}`).getByText('老年人智能手机课堂').waitFor();

      const card = resident.page.getByTestId(`venue-${centre.id}`);
      await card.getByRole('button', { name: '预约议事室' }).click();
      const day = freeWeekday();
      await card.locator('input[aria-label="日期"]').fill(day);
      await card.getByTestId(`slots-${room.id}`).getByText('当天开放 08:30–20:30').waitFor();
      await card.locator('input[aria-label="开始时间"]').fill('18:00');
      await card.locator('input[aria-label="结束时间"]').fill('19:30');
      await card.locator('input[aria-label="用途"]').fill(PURPOSE);
      await card.getByRole('button', { name: '提交预约' }).click();
      await resident.page.getByText('已提交，等待社区确认').waitFor();
      const mine = async () => (await apiGet<Mine>(resident.context.request, '/api/venues/my-bookings')).items.find((x) => x.purpose === PURPOSE);
      await expect.poll(async () => (await mine())?.status).toBe('requested');
      const booking = (await mine())!;
      await resident.page.getByTestId(`my-booking-${booking.id}`).getByText('待确认').waitFor();

      // worker_binhe1 confirms it from the venue's bookings.
      const worker = await b.open('worker_binhe1');
      await worker.page.goto(`/venues/${centre.id}`);
      await worker.page.getByRole('tab', { name: '预约' }).click();
      const row = worker.page.getByRole('row', { name: new RegExp(PURPOSE) });
      await row.getByRole('button', { name: '确认' }).click();
      await expect.poll(async () => (await mine())?.status).toBe('confirmed');
      await resident.page.reload();
      await resident.page.getByTestId(`my-booking-${booking.id}`).getByText('已确认').waitFor();

      // county_lishi computes last year's awards by the county's rule.
      const county = await b.open('county_lishi');
      await county.page.goto('/venues/funding');
      await county.page.getByText('现行规则（第1版）').waitFor();
      await county.page.getByRole('button', { name: '按规则核算' }).click();
      const year = new Date().getFullYear() - 1;
      await county.page.getByText(new RegExp(`^${year}年：\\d+个阵地，\\d+个获奖补，合计\\d+元（规则第1版）$`)).waitFor();
      await county.page.getByTestId('venue-funding-chart').waitFor();
      const fig = await apiGet<{ venues: number; amount: number; byStreet: unknown[] }>(county.context.request, `/api/venues/funding/figures?year=${year}`);
      expect(fig.venues).toBeGreaterThan(0);
      expect(fig.amount).toBeGreaterThan(0);
      await county.page.getByRole('row', { name: /龙凤社区党群服务中心/ }).waitFor();
      for (const s of [resident, worker, county]) expect(s.outbound).toEqual([]);
    });
  }, 90_000);
});
