import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, DESKTOP, PHONE, pickOption } from './browser-sessions.js';

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
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('points supermarket in the browser', () => {
  it('should let resident_demo redeem on the phone and worker_binhe1 hand it over by code, on the console and on a phone', async () => {
    await withArtifacts('points-store', async () => {
      const resident = await signIn('resident_demo', PHONE);
      const r = resident.page;
      const before = await (await resident.context.request.get('/api/store/my')).json() as { balance: number; spendable: number };
      expect(before.spendable, 'the demo household has earned points to spend').toBeGreaterThanOrEqual(2);

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
      await pickOption(w, storeName!);
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

  it('should let worker_binhe1 redeem at the console counter for a partner merchant, handed over at once', async () => {
    await withArtifacts('points-store-counter', async () => {
      const worker = await signIn('worker_binhe1');
      const w = worker.page;
      const api = worker.context.request;
      const stores = (await (await api.get('/api/store/stores')).json() as { items: { id: number; name: string; communityId: number; alwaysOpen: boolean; active: boolean }[] }).items;
      const station = stores.find((s) => s.alwaysOpen && s.active);
      expect(station, 'the demo city has an always-open station in the worker\'s scope').toBeTruthy();
      const holders = (await (await api.get(`/api/points/holders?communityId=${station!.communityId}&kind=merchant&page=1&pageSize=50`)).json() as
        { items: { id: number; label: string; balance: number }[] }).items;
      // Base points (100 in the demo) do not buy goods by default: the merchant needs 2 earned points.
      const merchant = holders.find((h) => h.balance >= 102);
      expect(merchant, 'a demo merchant with points to spend').toBeTruthy();

      await w.goto('/store');
      await w.getByRole('combobox', { name: '核销点位' }).click();
      await pickOption(w, station!.name);
      const counter = w.locator('.ant-card').filter({ hasText: '柜台兑换' });
      await counter.getByRole('combobox', { name: '积分户' }).click();
      await counter.getByRole('combobox', { name: '积分户' }).fill(merchant!.label);
      await w.locator('.ant-select-dropdown:visible').getByText(new RegExp(`^${esc(merchant!.label)}（余额`)).first().click();
      await counter.getByRole('combobox', { name: '兑换物品' }).click();
      await w.locator('.ant-select-dropdown:visible').getByText(/^食盐（2 分/).first().click();
      await counter.getByRole('button', { name: '兑换并领取' }).click();
      await counter.getByText(new RegExp(`已兑换并领取：食盐 × 1，${esc(merchant!.label)}`)).waitFor();

      const after = (await (await api.get(`/api/points/holders?communityId=${station!.communityId}&kind=merchant&page=1&pageSize=50`)).json() as
        { items: { id: number; balance: number }[] }).items.find((h) => h.id === merchant!.id)!;
      expect(after.balance).toBe(merchant!.balance - 2);
      // The order is in the list as handed over.
      await expect.poll(async () => w.getByRole('row').filter({ hasText: merchant!.label }).filter({ hasText: '已领取' }).count()).toBeGreaterThan(0);
    });
  }, 120_000);
});
