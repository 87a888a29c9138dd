import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, DESKTOP, findAccountRow, takeTemporaryPassword } from './browser-sessions.js';

/**
 * Issue 10: a department account created in the console receives a whistle and 报到s. The
 * county admin adds a department and an account linked to it, with a temporary password; its
 * owner signs in, must choose a new password (the rule is shown), lands in the department's
 * inbox, and there the street's whistle waits to be accepted.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

async function apiJson<T>(req: APIRequestContext, method: 'GET' | 'POST', url: string, data?: unknown, csrf?: string): Promise<T> {
  const res = method === 'GET' ? await req.get(url) : await req.post(url, { data: data ?? {}, headers: csrf ? { 'x-csrf-token': csrf } : {} });
  expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** The open dropdown of an antd Select or TreeSelect (closed ones stay in the page, hidden). */
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();

describe('accounts in the browser', () => {
  it('should let a county admin create a department and its account, which changes its password and 报到s on a whistle', async () => {
    await b.withArtifacts('accounts-department', async () => {
      const n = Date.now() % 100000;
      const deptName = `离石区水务局${n}`;
      const username = `dept_water${n}`;
      const county = await b.open('county_lishi');
      const page = county.page;

      // The department, on the departments tab.
      await page.goto('/');
      await page.getByRole('menuitem', { name: '账号管理' }).click();
      await page.waitForURL('**/accounts');
      await page.getByRole('tab', { name: '职能部门' }).click();
      await page.waitForURL('**/accounts?tab=departments');
      await page.getByRole('button', { name: '新增职能部门' }).click();
      let dialog = page.getByRole('dialog');
      await dialog.getByLabel('部门名称').fill(deptName);
      await dialog.getByLabel('所属县（市、区）或市').click();
      await openDropdown(page).locator('.ant-select-tree-node-content-wrapper', { hasText: '离石区' }).first().click();
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('cell', { name: deptName }).waitFor();

      // Its account, linked to it, with a temporary password shown once.
      await page.getByRole('tab', { name: '账号', exact: true }).click();
      await page.getByRole('button', { name: '新建账号' }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').fill(username);
      await dialog.getByLabel('姓名/名称').fill('水务局值班员');
      await dialog.getByLabel('角色').click();
      await openDropdown(page).locator('.ant-select-item-option', { hasText: /^职能部门$/ }).click();
      await dialog.getByLabel('所属组织').click();
      await openDropdown(page).locator('.ant-select-tree-node-content-wrapper', { hasText: '离石区' }).first().click();
      await dialog.getByLabel('关联职能部门').click();
      await openDropdown(page).locator('.ant-select-item-option', { hasText: deptName }).click();
      await dialog.getByRole('button', { name: '保存' }).click();
      const temp = await takeTemporaryPassword(page);
      const row = await findAccountRow(page, username);
      await row.getByText(deptName).waitFor();
      await row.getByText('待改密码').waitFor();

      // The street whistles a demand to the new department (through the demand flow's API).
      const grid = await b.open('grid_binhe1');
      const gridMe = await apiJson<{ account: { scope: { orgId: number } }; csrfToken: string }>(grid.context.request, 'GET', '/api/auth/me');
      const description = `水管爆裂漫水${n}`;
      const reported = await apiJson<{ demand: { id: number } }>(grid.context.request, 'POST', '/api/demands', {
        orgId: gridMe.account.scope.orgId, categoryCode: 'environment', description, channel: 'walk_in', force: true,
      }, gridMe.csrfToken);
      const id = reported.demand.id;
      const departments = await apiJson<{ items: { id: number; name: string }[] }>(county.context.request, 'GET', '/api/departments');
      const deptId = departments.items.find((d) => d.name === deptName)!.id;
      const street = await b.open('street_binhe');
      const streetMe = await apiJson<{ csrfToken: string }>(street.context.request, 'GET', '/api/auth/me');
      await apiJson(street.context.request, 'POST', `/api/demands/${id}/actions/escalate`, { note: '供水管道归水务局', departmentIds: [deptId] }, streetMe.csrfToken);

      // The department's owner signs in with the temporary password: first a new password, with the rule shown.
      const dept = await b.open(null, DESKTOP, username);
      const login = await dept.context.request.post('/api/auth/login', { data: { username, password: temp } });
      expect(login.ok()).toBe(true);
      await dept.page.goto('/');
      await dept.page.getByRole('heading', { name: '请设置新密码' }).waitFor();
      await dept.page.getByText('至少8位并包含大写字母、小写字母、数字、符号中的三类').waitFor();
      // Nothing else answers until then.
      expect((await dept.context.request.get('/api/departments')).status()).toBe(403);
      await dept.page.getByLabel('当前密码（临时密码）').fill(temp);
      await dept.page.getByLabel('新密码', { exact: true }).fill('password1');
      await dept.page.getByLabel('确认新密码').fill('password1');
      await dept.page.getByRole('button', { name: '修改密码并继续' }).click();
      await dept.page.getByRole('alert').filter({ hasText: '密码' }).first().waitFor();
      await dept.page.getByLabel('新密码', { exact: true }).fill('Shuiwu-Zhiban-2026');
      await dept.page.getByLabel('确认新密码').fill('Shuiwu-Zhiban-2026');
      await dept.page.getByRole('button', { name: '修改密码并继续' }).click();

      // Its inbox holds the whistle; it 报到s.
      await dept.page.waitForURL('**/demands/inbox');
      const card = dept.page.getByRole('article').filter({ hasText: description });
      await card.waitFor();
      await card.getByRole('button', { name: `报到 ${deptName} #${id}` }).click();
      await card.getByText('已报到').waitFor();

      // The console now shows the account as an ordinary one.
      await page.reload();
      await expect.poll(async () => (await row.textContent()) ?? '').not.toContain('待改密码');
    });
  }, 300_000);
});
