import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * 志愿吕梁 in real browsers against the demo city: the organiser (volorg_demo) shows today's
 * activity's check-in QR; resident_demo (a volunteer two hours short of the first star) opens
 * the QR's address on the phone, checks in and out; the organiser confirms three hours with a
 * reason; the phone shows the first star and the points earned.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Mine { name: string; hours: number; stars: number; points: number; toNext: number }
interface Activity { id: number; title: string; status: string }

describe('volunteers in the browser', () => {
  it('should check a volunteer in and out by QR, and the organiser\'s confirmation raises stars and points', async () => {
    await b.withArtifacts('volunteers-qr', async () => {
      const organiser = await b.open('volorg_demo');
      const list = await apiGet<{ items: Activity[] }>(organiser.context.request, '/api/volunteers/activities?status=open&pageSize=50');
      const today = list.items.find((a) => a.title === '今日助老送餐')!;
      expect(today).toBeDefined();

      const volunteer = await b.open('resident_demo', PHONE);
      const before = await apiGet<Mine>(volunteer.context.request, '/api/volunteers/me');
      expect(before).toMatchObject({ stars: 0 });
      await volunteer.page.goto('/m/volunteer');
      await volunteer.page.getByTestId('my-hours').filter({ hasText: String(before.hours) }).waitFor();
      await volunteer.page.getByText(`再服务 ${before.toNext} 小时可评 1 星`).waitFor();

      // The organiser's console: the activity, then its QR page (full screen, for a projector).
      await organiser.page.goto('/volunteers');
      await organiser.page.getByRole('link', { name: '今日助老送餐' }).click();
      await organiser.page.getByRole('button', { name: '签到二维码' }).waitFor();
      await organiser.page.goto(`/volunteers/activities/${today.id}/qr`);
      await organiser.page.locator('canvas, svg').first().waitFor();
      const href = await organiser.page.getByTestId('volunteer-qr-link').getAttribute('href');
      expect(href).toMatch(/\/m\/volunteer\/scan\?t=/);
      const scanPath = new URL(href!).pathname + new URL(href!).search;

      // The phone camera opens the address: one big button to check in, then (scanning again) to check out.
      await volunteer.page.goto(scanPath);
      await volunteer.page.getByText('今日助老送餐').waitFor();
      await volunteer.page.getByRole('button', { name: '签到' }).click();
      await volunteer.page.getByTestId('scan-done').filter({ hasText: '签到成功' }).waitFor();
      await volunteer.page.goto(scanPath);
      await volunteer.page.getByRole('button', { name: '签退' }).click();
      await volunteer.page.getByTestId('scan-done').filter({ hasText: '签退成功' }).waitFor();

      // The organiser sees the check-in and check-out, and confirms three hours with a reason.
      await organiser.page.goto(`/volunteers/activities/${today.id}`);
      const row = organiser.page.getByRole('row').filter({ hasText: before.name });
      await row.getByText('待确认').waitFor();
      await organiser.page.getByRole('button', { name: '确认时长' }).click();
      const dialog = organiser.page.getByRole('dialog');
      await dialog.getByLabel('服务群众人次').fill('18');
      await dialog.getByLabel(`${before.name}的时长`).fill('3');
      await dialog.getByLabel(`${before.name}的理由`).fill('提前到场备餐，组织者见证');
      await dialog.getByRole('button', { name: '确认时长' }).click();
      await organiser.page.getByTestId('volunteers-confirm-result').waitFor();
      await row.getByText('已确认').waitFor();

      await expect.poll(async () => (await apiGet<Mine>(volunteer.context.request, '/api/volunteers/me')).hours).toBe(before.hours + 3);
      const after = await apiGet<Mine>(volunteer.context.request, '/api/volunteers/me');
      expect(after.stars).toBe(1);
      expect(after.points).toBeGreaterThan(before.points);

      // The phone shows the first star and the points.
      await volunteer.page.goto('/m/volunteer');
      await volunteer.page.getByLabel('1星志愿者').waitFor();
      await volunteer.page.getByTestId('my-volunteer-points').filter({ hasText: String(after.points) }).waitFor();
    });
  });

  it('should let a party member sign up for an activity on the phone, and the street see its figures', async () => {
    await b.withArtifacts('volunteers-signup', async () => {
      const member = await b.open('member_demo', PHONE);
      await member.page.goto('/m/volunteer');
      const card = member.page.getByRole('article', { name: '窗帘清洗上门' });
      await card.getByRole('button', { name: '我要报名' }).click();
      await card.getByText('已报名', { exact: true }).waitFor();
      const activities = await apiGet<{ items: (Activity & { mine: boolean; signedUp: number })[] }>(member.context.request, '/api/volunteers/me/activities');
      const curtain = activities.items.find((a) => a.title === '窗帘清洗上门')!;
      expect(curtain).toMatchObject({ mine: true, signedUp: 1 });
      const me = await apiGet<Mine>(member.context.request, '/api/volunteers/me');

      // The organiser sees the sign-up in the activity's roster.
      const organiser = await b.open('volorg_demo');
      await organiser.page.goto(`/volunteers/activities/${curtain.id}`);
      await organiser.page.getByRole('row').filter({ hasText: me.name }).getByText('待确认').waitFor();

      // The street's overview counts its organisations, volunteers, hours and residents served.
      const street = await b.open('street_binhe');
      await street.page.goto('/volunteers');
      const overview = await apiGet<{ orgs: number; volunteers: number; hours: number; served: number }>(street.context.request, '/api/volunteers/overview');
      expect(overview.orgs).toBeGreaterThanOrEqual(3);
      expect(overview.volunteers).toBeGreaterThanOrEqual(40);
      expect(overview.hours).toBeGreaterThan(1000);
      await street.page.getByTestId('volunteers-kpi-volunteers').getByText(overview.volunteers.toLocaleString()).waitFor();
      await street.page.getByTestId('volunteers-stars-chart').waitFor();
    });
  });

  it('should keep a check-in tapped without signal and send it once when the signal is back, at the scan time', async () => {
    await b.withArtifacts('volunteers-offline', async () => {
      const organiser = await b.open('volorg_demo');
      // Its hours were confirmed once already (above): it still takes people until it ends.
      const list = await apiGet<{ items: Activity[] }>(organiser.context.request, '/api/volunteers/activities?pageSize=50');
      const today = list.items.find((a) => a.title === '今日助老送餐')!;
      const { path } = await apiGet<{ path: string }>(organiser.context.request, `/api/volunteers/activities/${today.id}/qr`);

      const member = await b.open('member_demo', PHONE);
      const me = await apiGet<Mine>(member.context.request, '/api/volunteers/me');
      const posts: string[] = [];
      member.page.on('request', (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/volunteers/scan') posts.push((r.postDataJSON() as { clientId: string }).clientId);
      });
      await member.page.goto(path);
      await member.page.getByRole('button', { name: '签到' }).waitFor();
      const shownAt = Date.now();
      await member.context.setOffline(true);
      await member.page.getByRole('button', { name: '签到' }).click();
      await member.page.getByTestId('scan-done').filter({ hasText: '现在没有信号' }).waitFor();
      const badge = member.page.getByTestId('queue-badge');
      await expect.poll(() => badge.textContent()).toBe('待发 1');
      expect(await badge.getAttribute('aria-label')).toBe('等待发送：志愿签到 1 条，点按立即发送');

      await member.context.setOffline(false);
      await badge.waitFor({ state: 'hidden', timeout: 30_000 });
      const roster = async () => (await apiGet<{ roster: { name: string; checkinAt: string | null }[] }>(organiser.context.request, `/api/volunteers/activities/${today.id}`))
        .roster.filter((r) => r.name === me.name);
      await expect.poll(async () => (await roster()).length).toBe(1);
      const checkin = new Date((await roster())[0]!.checkinAt!).getTime();
      // Recorded at the moment the page opened from the QR, not when the signal came back.
      expect(checkin).toBeLessThanOrEqual(shownAt);
      expect(new Set(posts).size).toBe(1);
    });
  });
});
