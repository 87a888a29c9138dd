import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, PASSWORD, pickOption } from './browser-sessions.js';

/**
 * The console in a real browser against the real server with the demo city: one county admin
 * walks through tree → map → residents → reveal, and a community worker sees only their
 * community. The server's own state (the audit log) is checked through the API.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

describe('web console', () => {
  it('should let a county admin browse the tree and map, and reveal an ID number with an audited reason', async () => {
    await b.withArtifacts('county-admin-walkthrough', async () => {
      const { page } = await b.open(null);
      // The one test that signs in through the login form.
      await page.goto('/login');
      await page.getByLabel('用户名').fill('county_lishi');
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      // A county's organisation department starts on its cockpit.
      await page.waitForURL('**/cockpit');
      await page.getByRole('menuitem', { name: '组织架构' }).click();
      await page.waitForURL('**/org');
      await expect.poll(() => page.getByRole('button', { name: /账号菜单/ }).textContent()).toContain('县（市、区）管理员');

      // Org tree: county → street → community, then the community's details.
      const tree = page.getByRole('tree');
      await tree.getByRole('treeitem', { name: /离石区/ }).first().waitFor();
      await tree.getByRole('treeitem', { name: /滨河街道/ }).click();
      await tree.getByRole('treeitem', { name: /龙凤社区/ }).click();
      const detail = page.getByRole('region', { name: '组织详情' });
      await detail.getByRole('heading', { name: '龙凤社区' }).waitFor();
      await expect.poll(() => detail.textContent()).toMatch(/住户[\d,]+/);
      expect(await detail.textContent()).toContain('社区');
      await page.getByText('沿革记录').waitFor();

      // Grid map: the canvas is drawn with the community's grids, with a legend of grid types.
      await page.getByRole('menuitem', { name: '网格地图' }).click();
      await page.waitForURL('**/map');
      const chart = page.getByRole('img', { name: /网格地图，共 \d+ 个网格/ });
      await chart.waitFor();
      await chart.locator('canvas').first().waitFor();
      const mapBox = page.locator('.map-canvas[data-rendered="true"]');
      await mapBox.waitFor();
      expect(Number(await mapBox.getAttribute('data-grid-count'))).toBeGreaterThan(0);
      const legend = page.getByRole('group', { name: '网格类型图例' });
      for (const type of ['封闭小区', '散居片区', '商圈园区']) await legend.getByText(type).waitFor();

      // Residents: ages, never birth dates; reveal the first ID number for a listed reason.
      await page.getByRole('menuitem', { name: /(^|\s)居民$/ }).click();
      await page.waitForURL('**/residents');
      const revealButton = page.getByRole('button', { name: /的完整身份证号$/ }).first();
      await revealButton.waitFor();
      const row = page.getByRole('row').filter({ has: revealButton }).first();
      const masked = (await row.textContent())!.match(/(\d{6})\*{10}(\d[\dX])/);
      expect(masked, 'the table shows a masked ID number').not.toBeNull();
      expect(await row.textContent(), 'no birth date beside the mask').not.toMatch(/(19|20)\d{2}-?\d{2}-?\d{2}/);
      await revealButton.click();

      const dialog = page.getByRole('dialog');
      const words = `端到端测试核对户籍 ${Date.now()}`;
      const reason = `核实身份办理业务：${words}`;
      // "Other" without words is refused in the dialog, before anything is sent.
      await dialog.getByLabel('查看原因').click();
      await pickOption(page, '其他（需填写说明）');
      await dialog.getByLabel('补充说明').fill('....');
      await dialog.getByRole('button', { name: '查看' }).click();
      await dialog.getByText(/选择“其他”时请写明原因/).waitFor();
      await dialog.getByLabel('查看原因').click();
      await pickOption(page, '核实身份办理业务');
      await dialog.getByLabel('补充说明').fill(words);
      await dialog.getByRole('button', { name: '查看' }).click();
      const revealed = dialog.getByTestId('revealed-value');
      await revealed.waitFor();
      const full = (await revealed.textContent())!.trim();
      expect(full).toMatch(/^\d{17}[\dX]$/);
      expect(full.slice(0, 6)).toBe(masked![1]);
      expect(full.slice(-2)).toBe(masked![2]);
      await dialog.getByRole('button', { name: '关闭' }).last().click();
      await dialog.waitFor({ state: 'hidden' });
      // The full number is not left behind in the page.
      expect(await page.locator('body').textContent()).not.toContain(full);

      // The server recorded the reveal with the reason.
      await expect
        .poll(async () => {
          const res = await page.request.get('/api/audit?action=pii.reveal&pageSize=50');
          const body = (await res.json()) as { items: { action: string; reason: string | null; username: string | null }[] };
          return body.items.find((a) => a.reason === reason);
        })
        .toMatchObject({ action: 'pii.reveal', username: 'county_lishi', reason });
    });
  });

  it('should show a community worker only their own community at the tree root', async () => {
    await b.withArtifacts('community-worker-scope', async () => {
      // Signed in through the API: the login form has its own test above.
      const { page } = await b.open('worker_binhe1');

      await page.goto('/org');
      const tree = page.getByRole('tree');
      const items = tree.getByRole('treeitem');
      await items.first().waitFor();
      expect(await items.first().textContent()).toContain('龙凤社区');
      expect(await tree.getByRole('treeitem', { name: /离石区|滨河街道/ }).count()).toBe(0);
      expect(await tree.getByRole('treeitem', { name: /^滨河社区/ }).count()).toBe(0);
      await expect.poll(() => page.getByTitle('管辖范围').textContent()).toContain('龙凤社区');
      // Audit and import are not in this role's menu.
      expect(await page.getByRole('menuitem', { name: '审计日志' }).count()).toBe(0);
    });
  });
});
