import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * Base points and the supermarket (issue 10): the community secretary turns "base points buy
 * goods" on and off on the console's rules page; the resident's phone store shows the points they
 * may spend — the whole balance while it is on, the balance less the base points while it is off.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface MyStore { balance: number; baseLocked: number; spendable: number }

describe('base points in the browser', () => {
  it('should let the secretary decide whether base points buy goods, and the resident see what they may spend', async () => {
    await b.withArtifacts('points-base-redeem', async () => {
      const secretary = await b.open('secretary_binhe1');
      const resident = await b.open('resident_demo', PHONE);
      const page = secretary.page;

      const toggle = async (on: boolean) => {
        await page.goto('/points/rules');
        await expect.poll(() => page.getByTestId('base-redeemable').textContent(), { timeout: 60_000 }).toBe(on ? '不可兑换（基础分只计排名）' : '可兑换');
        await page.getByRole('button', { name: '修改基础分' }).click();
        const dialog = page.getByRole('dialog', { name: '修改基础分' });
        const sw = dialog.getByRole('switch', { name: '基础分可兑换商品' });
        expect(await sw.getAttribute('aria-checked')).toBe(String(!on));
        await sw.click();
        await dialog.getByRole('button', { name: /保\s*存/ }).click();
        await dialog.waitFor({ state: 'hidden' });
        await expect.poll(() => page.getByTestId('base-redeemable').textContent(), { timeout: 60_000 }).toBe(on ? '可兑换' : '不可兑换（基础分只计排名）');
      };

      // Off by default: the phone shows the balance less the base points.
      const off = await apiGet<MyStore>(resident.context.request, '/api/store/my');
      expect(off.baseLocked).toBeGreaterThan(0);
      expect(off.spendable).toBe(Math.max(0, off.balance - off.baseLocked));
      await resident.page.goto('/m/store');
      await expect.poll(() => resident.page.getByTestId('store-spendable').textContent(), { timeout: 60_000 }).toBe(String(off.spendable));
      await resident.page.getByTestId('store-base-locked').filter({ hasText: `基础分 ${off.baseLocked} 分不能兑换商品` }).waitFor({ timeout: 60_000 });

      await toggle(true);
      await resident.page.reload();
      await expect.poll(() => resident.page.getByTestId('store-spendable').textContent(), { timeout: 60_000 }).toBe(String(off.balance));
      expect(await resident.page.getByTestId('store-base-locked').count()).toBe(0);

      // Back to the default, as the other browser tests expect it.
      await toggle(false);
      await resident.page.reload();
      await expect.poll(() => resident.page.getByTestId('store-spendable').textContent(), { timeout: 60_000 }).toBe(String(off.spendable));
    });
  });
});
