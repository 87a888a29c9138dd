import fs from 'node:fs';
import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../server/platform/pii/id-number.js';
import { apiGet, browserSessions, DESKTOP, findAccountRow, pickOption, takeTemporaryPassword } from './browser-sessions.js';

/**
 * Issue 10 in real browsers against the demo city: county_lishi (离石区) imports a small staff
 * sheet in which one row asks for an account, takes the one-time account list (shown and saved as
 * a CSV), and the new account's owner signs in and must choose a password first. Then the same
 * admin opens a community worker's account on the accounts page, linked to a staff record.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const HEADER = '所在社区或网格编码,姓名,身份证号,手机号,岗位类别,岗位,等级,创建账号,账号角色';

/** Born in 东城区 (110101) in the 1970s: apart from the demo city's numbers and the residents test's; the stamp varies them per run. */
function idNumber(i: number, stamp: number) {
  const first17 = `110101197${i}0${1 + (stamp % 9)}${10 + (stamp % 18)}${String(stamp % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

interface Unit { id: number; code: string; name: string; kind: string }

async function place(api: APIRequestContext) {
  const found = await apiGet<{ items: Unit[] }>(api, `/api/org/search?q=${encodeURIComponent('龙凤社区')}&kind=community&limit=1`);
  const community = found.items[0];
  expect(community, '龙凤社区 of 离石区').toBeTruthy();
  const children = await apiGet<{ items: Unit[] }>(api, `/api/org/units/${community.id}/children`);
  const grid = children.items.find((u) => u.kind === 'grid')!;
  expect(grid, 'a grid of 龙凤社区').toBeTruthy();
  return { community, grid };
}

/** Opens the branches of the org tree select down to the last name and picks it. */
async function pickPlace(page: Page, path: string[]) {
  const tree = page.locator('.ant-select-dropdown:visible');
  for (const name of path.slice(0, -1)) {
    const node = tree.locator('.ant-select-tree-treenode').filter({ hasText: name }).first();
    await node.waitFor();
    const closed = node.locator('.ant-select-tree-switcher_close');
    if (await closed.count()) await closed.click();
  }
  await tree.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: path[path.length - 1] }).first().click();
}

describe('staff import in the browser', () => {
  it('should let a county admin import staff with an account, see its one-time password, and its owner must change it', async () => {
    await b.withArtifacts('import-staff', async () => {
      const county = await b.open('county_lishi');
      const page = county.page;
      page.setDefaultTimeout(60_000); // the shared test machine runs many suites at once
      const { community, grid } = await place(county.context.request);
      const stamp = Date.now() % 100000;
      const worker = `社工甲${stamp}`;
      const rows = [
        HEADER,
        [community.code, worker, idNumber(1, stamp), '13900000001', '社区工作者', '其他工作人员', '3', '是', '社区工作者'].join(','),
        [grid.code, `网格乙${stamp}`, idNumber(2, stamp), '', '专职网格员', '其他工作人员', '1级', '否', ''].join(','),
      ];

      await page.goto('/import');
      await page.locator('label.ant-radio-button-wrapper', { hasText: '工作人员' }).click();
      await expect.poll(() => page.getByRole('link', { name: /下载 Excel 模板/ }).getAttribute('href')).toBe('/api/org/import/templates/staff.xlsx');
      const started = page.waitForResponse((r) => r.url().endsWith('/api/org/import/staff') && r.request().method() === 'POST');
      await page.locator('input[type=file]').setInputFiles({
        name: '工作人员.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + rows.join('\r\n') + '\r\n', 'utf8'),
      });
      const { jobId } = (await (await started).json()) as { jobId: number };
      await page.getByText('导入成功，共导入 2 行').waitFor({ timeout: 120_000 });
      await page.getByText('本次为 1 人开通了账号').waitFor();

      // The list is taken once: shown in the page and saved as a CSV.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '查看并下载账号清单' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.csv$/);
      const csv = fs.readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
      expect(csv[0]).toBe('行号,姓名,所在社区/网格,角色,用户名,临时密码');
      expect(csv).toHaveLength(2);
      const [, name, org, role, username, temp] = csv[1].split(',');
      expect([name, org, role]).toEqual([worker, community.name, '社区工作者']);
      expect(username).toMatch(/^staff\d+$/);
      expect(temp).toMatch(/^\w{4}-\w{4}-\w{4}$/);
      const listed = page.getByRole('region', { name: '开通的账号' });
      await listed.getByRole('row').filter({ hasText: worker }).getByText(temp).waitFor();
      // Taken: the server answers no second time.
      const me = await apiGet<{ csrfToken: string }>(county.context.request, '/api/auth/me');
      const again = await county.context.request.post(`/api/org/import/jobs/${jobId}/accounts`, { headers: { 'x-csrf-token': me.csrfToken } });
      expect(again.status()).toBe(404);

      // The account stands for the new staff record.
      const accounts = await apiGet<{ items: { username: string; role: string; mustChangePassword: boolean; link: { kind: string; label: string } | null }[] }>(
        county.context.request, `/api/accounts?q=${username}&page=1&pageSize=20`);
      expect(accounts.items.find((a) => a.username === username)).toMatchObject({
        role: 'community_worker', mustChangePassword: true, link: { kind: 'staff', label: expect.stringContaining(worker) },
      });

      // Its owner signs in with the temporary password and must choose a new one before anything else.
      const owner = await b.open(null, DESKTOP, username);
      const login = await owner.context.request.post('/api/auth/login', { data: { username, password: temp } });
      expect(login.ok()).toBe(true);
      await owner.page.goto('/');
      await owner.page.getByRole('heading', { name: '请设置新密码' }).waitFor();
      expect((await owner.context.request.get('/api/workforce/staff')).status()).toBe(403);
      await owner.page.getByLabel('当前密码（临时密码）').fill(temp);
      await owner.page.getByLabel('新密码', { exact: true }).fill('Shegong-Jia-2026');
      await owner.page.getByLabel('确认新密码').fill('Shegong-Jia-2026');
      await owner.page.getByRole('button', { name: '修改密码并继续' }).click();
      await owner.page.getByRole('heading', { name: '请设置新密码' }).waitFor({ state: 'hidden' });
      await expect.poll(async () => (await owner.context.request.get('/api/workforce/staff')).status()).toBe(200);
    });
  }, 300_000);

  it('should let a county admin create a community worker account on the accounts page, linked to a staff record', async () => {
    await b.withArtifacts('accounts-staff-link', async () => {
      const county = await b.open('county_lishi');
      const page = county.page;
      page.setDefaultTimeout(60_000);
      const { community } = await place(county.context.request);
      const stamp = Date.now() % 100000;
      const staffName = `社工丙${stamp}`;
      const username = `cw_link${stamp}`;
      const me = await apiGet<{ csrfToken: string }>(county.context.request, '/api/auth/me');
      const created = await county.context.request.post('/api/workforce/staff', {
        data: { name: staffName, post: 'community_worker', postType: 'deputy', grade: 5, orgId: community.id },
        headers: { 'x-csrf-token': me.csrfToken },
      });
      expect(created.ok(), await created.text()).toBe(true);
      const staffId = (await created.json()).id as number;

      await page.goto('/accounts');
      await page.getByRole('button', { name: '新建账号' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').fill(username);
      await dialog.getByLabel('姓名/名称').fill(`丙${stamp}`);
      await dialog.getByLabel('角色').click();
      await pickOption(page, '社区工作者');
      await dialog.getByLabel('所属组织').click();
      await pickPlace(page, ['离石区', '滨河街道', community.name]);
      await dialog.getByLabel('关联工作人员').click();
      await dialog.getByLabel('关联工作人员').fill(staffName);
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: staffName }).first();
      await option.click();
      await dialog.getByRole('button', { name: '保存' }).click();
      const temp = await takeTemporaryPassword(page);
      const row = await findAccountRow(page, username);
      // The link column names the staff record.
      await row.getByText(staffName, { exact: true }).waitFor();
      await row.getByText('待改密码').waitFor();
      const accounts = await apiGet<{ items: { username: string; role: string; link: { kind: string; id: number } | null }[] }>(
        county.context.request, `/api/accounts?q=${username}&page=1&pageSize=20`);
      expect(accounts.items.find((a) => a.username === username)).toMatchObject({ role: 'community_worker', link: { kind: 'staff', id: staffId } });
    });
  }, 300_000);
});
