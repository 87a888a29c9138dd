import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * Screens for rules built earlier: the county's 网格事项准入清单 and the tasks pushed from it
 * (completed by the grid worker on the phone), refused pushes by caller, Open311 keys, and the
 * working-day calendar — each done by the person it is for, in a real browser.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

/** Sessions with a longer wait per step: the test machine is often shared and slow. */
async function open(...args: Parameters<typeof b.open>) {
  const s = await b.open(...args);
  s.page.setDefaultTimeout(60_000);
  return s;
}

/** Picks an option in an open antd Select dropdown (the visible copy, not the screen-reader list). */
const pick = (page: Page, title: string) => page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true }).click();

/**
 * Picks in a single-choice Select and waits for its list to close; a click that lands while the
 * list is still animating open can be lost, so it clicks again while the list stays open.
 */
async function pickOne(page: Page, title: string) {
  const dropdown = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt++) {
    await dropdown.getByTitle(title, { exact: true }).click();
    try {
      await expect.poll(() => dropdown.count(), { timeout: 5_000 }).toBe(0);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

const row = (page: Page, table: string, text: string) =>
  page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text }).first();

describe('grid tasks, Open311 keys and the working-day calendar in the browser', () => {
  it('should let a community secretary issue an Open311 key, see it once, and revoke it', async () => {
    await b.withArtifacts('open311-keys', async () => {
      const name = `12345热线${Date.now() % 100000}`;
      const secretary = await open('secretary_binhe1');
      const s = secretary.page;
      await s.goto('/open311-keys');
      await s.getByRole('button', { name: '签发密钥' }).click();
      const issue = s.getByRole('dialog', { name: '签发密钥' });
      await issue.getByLabel('名称', { exact: true }).fill(name);
      await issue.getByLabel('覆盖范围').click();
      await s.locator('.ant-select-tree-treenode').filter({ hasText: '龙凤社区' }).first().locator('.ant-select-tree-node-content-wrapper').click();
      await issue.getByRole('button', { name: '签发' }).click();
      const shown = s.getByRole('dialog', { name: '密钥已签发' });
      const key = (await shown.getByTestId('issued-key').textContent())!;
      expect(key).toMatch(/^ll311_[\w-]{32}$/);
      await shown.getByRole('button', { name: '我已保存' }).click();
      await shown.waitFor({ state: 'detached' });
      const keyRow = row(s, 'Open311 接口密钥', name);
      await expect.poll(() => keyRow.textContent()).toContain('有效');
      expect(await keyRow.textContent()).toContain(key.slice(0, 10));
      expect(await s.locator('body').textContent()).not.toContain(key);

      // The key works until it is revoked.
      const list = async () => (await secretary.context.request.get(`/open311/v2/requests.json?api_key=${encodeURIComponent(key)}`)).status();
      expect(await list()).toBe(200);
      await keyRow.getByRole('button', { name: '吊销' }).click();
      await s.locator('.ant-popconfirm:visible').getByRole('button', { name: '吊销' }).click();
      await expect.poll(() => keyRow.textContent()).toContain('已吊销');
      expect(await list()).toBe(403);
    });
  }, 180_000);

  it('should show the 2026 State Council holidays and let the city mark a day of next year', async () => {
    await b.withArtifacts('calendar', async () => {
      const nextYear = new Date().getFullYear() + 1;
      const city = (await open('city_admin')).page;
      await city.goto('/calendar');
      const yearSelect = city.getByRole('combobox', { name: '年份' });
      await yearSelect.click();
      await pick(city, '2026 年');
      await city.getByRole('button', { name: '2026-10-01 节假日 国庆节' }).waitFor();
      await city.getByRole('button', { name: '2026-10-10 调休上班 国庆节调休上班' }).waitFor();
      await city.getByRole('button', { name: '2026-02-14 调休上班 春节调休上班' }).waitFor();
      expect(await city.getByTestId('calendar-counts').textContent()).toBe('节假日 33 天，调休上班 6 天');

      await yearSelect.click();
      await pick(city, `${nextYear} 年`);
      const day = city.locator(`[data-day="${nextYear}-01-01"]`);
      await day.click();
      const dialog = city.getByRole('dialog', { name: `设置 ${nextYear}-01-01` });
      await dialog.getByRole('radio', { name: '节假日' }).check();
      await dialog.getByLabel('说明', { exact: true }).fill('元旦');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => day.getAttribute('data-kind')).toBe('holiday');

      // Everyone else reads it; only the city edits.
      const grid = (await open('grid_binhe1')).page;
      await grid.goto('/calendar');
      await grid.getByRole('combobox', { name: '年份' }).click();
      await pick(grid, `${nextYear} 年`);
      const seen = grid.getByRole('button', { name: `${nextYear}-01-01 节假日 元旦` });
      await seen.waitFor();
      expect(await seen.isDisabled()).toBe(true);
    });
  }, 180_000);
});
