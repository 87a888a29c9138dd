import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, DESKTOP, PHONE } from './browser-sessions.js';

/**
 * The points supermarket in real browsers against the demo city: resident_demo redeems salt on
 * the phone page and sees the pickup code; worker_binhe1 hands it over on the console by typing
 * the code (and a second order on the phone counter); the resident sees 已领取 and the balance
 * has dropped by the cost.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());
const signIn = (username: string, viewport = DESKTOP) => b.open(username, viewport);
const withArtifacts = b.withArtifacts;

describe('points supermarket in the browser', () => {
  it('should let resident_demo redeem on the phone and worker_binhe1 hand it over by code, on the console and on a phone', async () => {
    await withArtifacts('points-store', async () => {
      const resident = await signIn('resident_demo', PHONE);
      const r = resident.page;
      const before = await (await resident.context.request.get('/api/store/my')).json() as { balance: number };
      expect(before.balance, 'the demo household has points to spend').toBeGreaterThanOrEqual(2);

      await r.goto('/m/store');
      await expect.poll(() => r.getByTestId('store-balance').textContent()).toBe(String(before.balance));
      const store = r.getByRole('region', { name: /积分超市$/ }).first();
      const storeName = await store.getAttribute('aria-label');
      await store.getByRole('group', { name: '食盐' }).getByRole('button', { name: '兑换' }).click();
      const dialog = r.getByRole('dialog');
      await dialog.getByText('共需 2 积分').waitFor();
      await dialog.getByRole('button', { name: '确认兑换' }).click();

      await r.waitForURL('**/m/store/orders');
      const card = r.getByRole('group').or(r.locator('.adm-card')).filter({ hasText: '食盐' }).first();
      await expect.poll(() => card.getByTestId('order-status').textContent()).toBe('待领取');
      const code = (await card.getByTestId('pickup-code').textContent())!.trim();
      expect(code).toMatch(/^\d{6}$/);
      await card.getByRole('img', { name: '取货二维码' }).waitFor();

      const worker = await signIn('worker_binhe1');
      const w = worker.page;
      await w.goto('/store');
      const counter = w.getByRole('combobox', { name: '核销点位' });
      await counter.click();
      // antd's listbox options are hidden for screen readers' copy; click the visible one.
      await w.locator('.ant-select-dropdown').getByTitle(storeName!, { exact: true }).click();
      await w.getByRole('textbox', { name: '取货码' }).fill(code);
      await w.getByRole('button', { name: '确认领取' }).click();
      await w.getByText(/已领取：食盐 × 1/).waitFor();
      // A second handover of the same code is refused with a plain reason.
      await w.getByRole('textbox', { name: '取货码' }).fill(code);
      await w.getByRole('button', { name: '确认领取' }).click();
      await w.getByRole('alert').filter({ hasText: '已经领取过了' }).waitFor();
      await expect.poll(async () => (await w.getByRole('row').filter({ hasText: code }).count())).toBe(1);

      await r.reload();
      await expect.poll(() => card.getByTestId('order-status').textContent()).toBe('已领取');
      await r.goto('/m/store');
      await expect.poll(() => r.getByTestId('store-balance').textContent()).toBe(String(before.balance - 2));

      // The same counter on a phone: the worker types the code of a second order.
      await store.getByRole('group', { name: '食盐' }).getByRole('button', { name: '兑换' }).click();
      await r.getByRole('dialog').getByRole('button', { name: '确认兑换' }).click();
      await r.waitForURL('**/m/store/orders');
      const second = r.locator('.adm-card').filter({ has: r.getByTestId('pickup-code') }).first();
      const code2 = (await second.getByTestId('pickup-code').textContent())!.trim();
      const phone = await signIn('worker_binhe1', PHONE);
      await phone.page.goto('/m/store-handover');
      await phone.page.getByText(storeName!, { exact: true }).click();
      await phone.page.getByRole('textbox', { name: '取货码' }).fill(code2);
      await phone.page.getByRole('button', { name: '确认领取' }).click();
      await phone.page.getByRole('region', { name: '核销结果' }).or(phone.page.getByText('核销成功，请把物品交给居民').first()).first().waitFor();
      await r.reload();
      await expect.poll(() => r.getByTestId('pickup-code').count()).toBe(0);
    });
  }, 120_000);
});
