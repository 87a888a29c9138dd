import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '../../server/platform/clock.js';
import { apiGet, browserSessions, findAccountRow, PHONE, pickOption } from './browser-sessions.js';

/**
 * 物业企业名录 in real browsers against the demo city: the county registers a company and gives
 * it a compound without one; the street issues a 限期整改 to property_demo's company; its project
 * manager sees the task on the phone and reports it done; the street verifies it.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Sanction { id: number; task: string | null; status: string; reportNote: string | null }

describe('property companies in the browser', () => {
  it('should let the county register a company and a contract, and run a rectification from the street to the company and back', async () => {
    await b.withArtifacts('property-companies', async () => {
      const stamp = String(Date.now()).slice(-6);
      const name = `恒安${stamp}物业服务有限公司`;
      const county = await b.open('county_lishi');
      const page = county.page;
      await page.goto('/property/companies');
      await page.getByTestId('property-kpi-companies').waitFor();

      // Register the company.
      await page.getByRole('button', { name: '登记企业' }).click();
      let dialog = page.getByRole('dialog', { name: '登记企业' });
      await dialog.getByLabel('企业名称').fill(name);
      await dialog.getByLabel('统一社会信用代码').fill(`91141102MA${stamp}7X`);
      await dialog.getByLabel('资质').fill('三级');
      await dialog.getByLabel('联系人').fill('孙经理');
      await dialog.getByLabel('联系电话').fill('13935812345');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('row').filter({ hasText: name }).filter({ hasText: '139****2345' }).waitFor();

      // Give it a compound that has no company and does not run itself either (无人管理).
      const unmanaged = await apiGet<{ items: { name: string }[] }>(county.context.request, '/api/selfrun/compounds?mode=none&pageSize=200');
      const compound = unmanaged.items.at(-1)!.name; // far from 滨河社区, whose unmanaged compound the ten-steps test starts
      await page.getByRole('tab', { name: '小区与合同' }).click();
      await page.getByLabel('物业情况').click();
      await pickOption(page, '无物业');
      await page.getByLabel('小区名称').fill(compound);
      await page.getByLabel('小区名称').press('Enter');
      const row = page.getByRole('row').filter({ hasText: '无物业' }).filter({ hasText: compound }).first();
      await row.getByRole('button', { name: '签订合同' }).click();
      dialog = page.getByRole('dialog', { name: '签订合同' });
      await dialog.getByText(compound).first().waitFor();
      await dialog.getByLabel('企业名称').fill(stamp);
      await pickOption(page, name);
      const inputs = dialog.locator('.ant-picker-range input');
      await inputs.nth(0).fill('2026-01-01');
      await inputs.nth(0).press('Enter');
      await inputs.nth(1).fill('2028-12-31');
      await inputs.nth(1).press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      // It leaves the 无物业 list and shows with its company.
      await page.getByRole('row').filter({ hasText: compound }).waitFor({ state: 'hidden' });
      await page.getByLabel('小区名称').fill(compound);
      await page.getByLabel('小区名称').press('Enter');
      await page.getByLabel('物业情况').click();
      await pickOption(page, '有物业');
      await page.getByRole('row').filter({ hasText: compound }).filter({ hasText: name }).waitFor();

      // The street issues a rectification to property_demo's company.
      const manager = await b.open('property_demo', PHONE);
      const mine = await apiGet<{ company: { id: number; name: string } }>(manager.context.request, '/api/property/mine');
      const street = await b.open('street_binhe');
      await street.page.goto(`/property/companies/${mine.company.id}`);
      await street.page.getByRole('tab', { name: '处置记录' }).click();
      await street.page.getByRole('button', { name: '作出处置' }).click();
      dialog = street.page.getByRole('dialog', { name: '作出处置' });
      const task = `清理${stamp}号楼消防通道堆放杂物`;
      await dialog.getByLabel('整改事项').fill(task);
      await dialog.getByLabel('整改期限').fill(chinaDay(new Date(Date.now() + 7 * 86_400_000)));
      await dialog.getByLabel('整改期限').press('Enter');
      await dialog.getByLabel('理由').fill('居民多次反映消防通道被占用');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const streetRow = street.page.getByRole('row').filter({ hasText: task });
      await streetRow.getByText('整改中').waitFor();

      // The project manager sees it on the phone and reports it done.
      await manager.page.goto('/m/property');
      const card = manager.page.getByRole('listitem', { name: task });
      await card.waitFor();
      await card.getByLabel('整改情况说明').fill('杂物已全部清走，设置了禁止堆放标识');
      await card.getByRole('button', { name: '报告整改完成' }).click();
      await card.getByText('已报告完成，等待验收').waitFor();

      // The street verifies it.
      await street.page.reload();
      await street.page.getByRole('tab', { name: '处置记录' }).click();
      await streetRow.getByText('待验收').waitFor();
      await streetRow.getByRole('button', { name: '验收通过' }).click();
      dialog = street.page.getByRole('dialog', { name: '验收通过' });
      await dialog.getByLabel('说明').fill('现场核查属实');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await streetRow.getByText('已验收').waitFor();
      await expect.poll(async () => {
        const s = await apiGet<{ items: Sanction[] }>(manager.context.request, '/api/property/mine/sanctions?pageSize=50');
        return s.items.find((x) => x.task === task)?.status;
      }).toBe('verified');
    });
  });
  it('should let the county link a project manager\'s account to a company on the register, which then opens on its own company', async () => {
    await b.withArtifacts('property-company-link', async () => {
      const n = Date.now() % 100000;
      const username = `wuye_jl${n}`;
      const county = await b.open('county_lishi');
      const served = await apiGet<{ items: { id: number; name: string; contract: { companyName: string } | null }[] }>(county.context.request, '/api/property/compounds?served=with&pageSize=5');
      const compound = served.items[1] ?? served.items[0]!;
      const me = await apiGet<{ csrfToken: string }>(county.context.request, '/api/auth/me');
      const created = await county.context.request.post('/api/accounts', {
        data: { username, displayName: '物业项目经理', role: 'property_company', scopeOrgId: compound.id, password: 'Wuye-Jingli-2026' },
        headers: { 'x-csrf-token': me.csrfToken },
      });
      expect(created.ok(), await created.text()).toBe(true);

      // The link, from the accounts page.
      const page = county.page;
      await page.goto('/accounts');
      const row = await findAccountRow(page, username);
      await row.getByRole('button', { name: '关联' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('关联物业企业').click();
      await dialog.getByLabel('关联物业企业').fill(compound.contract!.companyName);
      // The list is searched as one types: wait until it holds only the company, then pick it.
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      await expect.poll(async () => (await options.allTextContents()).join('|')).toMatch(new RegExp(`^${esc(compound.contract!.companyName)}[^|]*$`));
      await options.first().click();
      await dialog.getByTitle(new RegExp(esc(compound.contract!.companyName))).waitFor();
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await row.getByText(compound.contract!.companyName).waitFor();

      // The manager signs in, sets a password, and starts on the company's own page.
      const manager = await b.open(null, { width: 1440, height: 900 }, username);
      const login = await manager.context.request.post('/api/auth/login', { data: { username, password: 'Wuye-Jingli-2026' } });
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const changed = await manager.context.request.post('/api/auth/password', {
        data: { oldPassword: 'Wuye-Jingli-2026', newPassword: 'Wuye-Xiangmu-2027' }, headers: { 'x-csrf-token': csrfToken },
      });
      expect(changed.ok(), await changed.text()).toBe(true);
      await manager.page.goto('/');
      await manager.page.waitForURL('**/property/mine');
      await manager.page.getByRole('heading', { name: compound.contract!.companyName }).waitFor();
      await manager.page.getByRole('tab', { name: '服务小区' }).click();
      await manager.page.getByRole('cell', { name: compound.name }).first().waitFor();
    });
  });
});
