import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE, pickOption } from './browser-sessions.js';

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

const row = (page: Page, table: string, text: string) =>
  page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text }).first();

describe('grid tasks, Open311 keys and the working-day calendar in the browser', () => {
  it('should let the county list a type, a community worker push it, the grid worker complete it on the phone, and refuse what is not listed', async () => {
    await b.withArtifacts('gridtasks', async () => {
      const stamp = String(Date.now() % 100000);
      const typeName = `汛期巡查${stamp}`;
      const title = `汛期巡查：滨河沿线${stamp}`;

      // The county admin adds a type to the admission list and adopts the recommended ones.
      const county = await open('county_lishi');
      const c = county.page;
      await c.goto('/gridtasks');
      await c.getByRole('button', { name: '新增事项' }).click();
      const add = c.getByRole('dialog', { name: '新增事项' });
      await add.getByLabel('编码').fill(`flood_${stamp}`);
      await add.getByLabel('事项名称').fill(typeName);
      await add.getByLabel('来源部门').fill('区水利局');
      await add.getByRole('button', { name: '保存' }).click();
      await add.waitFor({ state: 'hidden' });
      await row(c, '网格事项准入清单', typeName).waitFor();
      await c.getByRole('button', { name: '采用推荐清单' }).click();
      await row(c, '网格事项准入清单', '入户走访').waitFor();

      // A community worker of 龙凤社区 pushes it to the grid of grid_binhe1.
      const grid = await open('grid_binhe1', PHONE);
      const me = await apiGet<{ account?: { scope: { name: string } }; scope?: { name: string } }>(grid.context.request, '/api/auth/me');
      const gridName = (me.account ?? me).scope!.name;
      const worker = await open('worker_binhe1');
      const w = worker.page;
      await w.goto('/gridtasks');
      await w.getByRole('button', { name: '派发事项' }).click();
      const push = w.getByRole('dialog', { name: '派发事项' });
      await push.getByLabel('标题', { exact: true }).fill(title);
      // The list may be longer than the dropdown shows (antd renders only what fits): type to find.
      await push.getByLabel('事项类型').fill(typeName);
      await pickOption(w, typeName);
      await push.getByLabel('网格', { exact: true }).fill(gridName);
      await w.locator('.ant-select-dropdown:visible').getByTitle(gridName, { exact: true }).click();
      // A multiple-choice list stays open: leave it by clicking the field above it.
      await push.getByLabel('标题', { exact: true }).click();
      await expect.poll(() => w.locator('.ant-select-dropdown:visible').count()).toBe(0);
      await push.getByLabel('具体要求').fill('沿河巡查一遍，发现险情立即上报');
      await push.getByRole('button', { name: '派发' }).click();
      await push.waitFor({ state: 'hidden' });
      await expect.poll(() => row(w, '已派发的事项', title).textContent()).toContain('待办');

      // The grid worker sees it on the phone and completes it with a note.
      const g = grid.page;
      await g.goto('/m/tasks');
      await g.locator('.adm-capsule-tabs-tab').filter({ hasText: '网格事项' }).click();
      const card = g.getByRole('article', { name: title });
      await card.getByText('沿河巡查一遍').waitFor();
      await card.getByRole('button', { name: '办结' }).click();
      const sheet = g.getByRole('dialog', { name: '办理情况' });
      await sheet.getByLabel('办理情况').fill('已巡查，未发现险情');
      await sheet.getByRole('button', { name: '办结' }).click();
      await card.waitFor({ state: 'detached' });

      // The community worker sees it done, with the note.
      await w.reload();
      await expect.poll(() => row(w, '已派发的事项', title).textContent()).toContain('已办结');
      expect(await row(w, '已派发的事项', title).textContent()).toContain('已巡查，未发现险情');

      // A type the county switches off while the worker's form is open is refused, in Chinese.
      await w.getByRole('button', { name: '派发事项' }).click();
      await push.getByLabel('事项类型').fill('入户走访');
      await pickOption(w, '入户走访');
      await push.getByLabel('网格', { exact: true }).fill(gridName);
      await w.locator('.ant-select-dropdown:visible').getByTitle(gridName, { exact: true }).click();
      // A multiple-choice list stays open: leave it by clicking the field above it.
      await push.getByLabel('标题', { exact: true }).click();
      await expect.poll(() => w.locator('.ant-select-dropdown:visible').count()).toBe(0);
      await c.getByRole('switch', { name: '启用“入户走访”' }).click();
      await expect.poll(() => c.getByRole('switch', { name: '启用“入户走访”' }).getAttribute('aria-checked')).toBe('false');
      await push.getByRole('button', { name: '派发' }).click();
      await push.getByRole('alert').filter({ hasText: '“入户走访”已被本县网格事项准入清单停用，不能派给网格员' }).waitFor();
      await push.getByRole('button', { name: '取消' }).click();

      // A title not on the list at all is refused too.
      const { csrfToken } = await apiGet<{ csrfToken: string }>(worker.context.request, '/api/auth/me');
      const unlisted = await worker.context.request.post('/api/gridtasks', {
        data: { gridId: (await apiGet<{ items: { gridId: number; title: string }[] }>(worker.context.request, '/api/gridtasks?pageSize=100')).items.find((x) => x.title === title)!.gridId, title: `每日填报台账${stamp}` },
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(unlisted.status()).toBe(409);
      expect((await unlisted.json()).message).toBe(`“每日填报台账${stamp}”不在本县网格事项准入清单内，不能派给网格员`);

      // The county sees both refusals, by caller and by title.
      await c.getByRole('tab', { name: '被拒派发' }).click();
      await expect.poll(() => row(c, '按派发人', 'worker_binhe1').textContent()).toMatch(/社区工作者.*\d+$/);
      await row(c, '按事项名称', `每日填报台账${stamp}`).waitFor();
      await row(c, '按事项名称', '入户走访').waitFor();
      await c.getByRole('img', { name: '被拒事项名称次数图' }).waitFor();
    });
  }, 300_000);

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
      await pickOption(city, '2026 年');
      await city.getByRole('button', { name: '2026-10-01 节假日 国庆节' }).waitFor();
      await city.getByRole('button', { name: '2026-10-10 调休上班 国庆节调休上班' }).waitFor();
      await city.getByRole('button', { name: '2026-02-14 调休上班 春节调休上班' }).waitFor();
      expect(await city.getByTestId('calendar-counts').textContent()).toBe('节假日 33 天，调休上班 6 天');

      await yearSelect.click();
      await pickOption(city, `${nextYear} 年`);
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
      await pickOption(grid, `${nextYear} 年`);
      const seen = grid.getByRole('button', { name: `${nextYear}-01-01 节假日 元旦` });
      await seen.waitFor();
      expect(await seen.isDisabled()).toBe(true);
    });
  }, 180_000);
});
