import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions } from './browser-sessions.js';

/**
 * Workforce (三岗十八级) in real browsers against the demo city: 离石区 edits its 2026 pay table,
 * sees community workers per 10,000 residents and rates its secretaries; a community worker of
 * 龙凤社区 adds a full-time grid worker to one of its grids.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface PayTable { countyId: number; saved: boolean; rates: { postType: string; grade: number; monthlyYuan: number }[] }
interface Overview { unit: { per10k: number | null; residents: number }; children: { name: string; per10k: number | null }[] }

async function pick(page: Page, text: string) {
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
}

describe('workforce in the browser', () => {
  it('should let the county edit its 2026 pay table, see the ratio per street and rate its secretaries', async () => {
    await b.withArtifacts('workforce-county', async () => {
      const county = await b.open('county_lishi');
      const page = county.page;
      page.setDefaultTimeout(60_000); // the shared test machine runs many suites at once
      await page.goto('/workforce/pay?year=2026');
      await page.getByText('2026年已保存').waitFor();
      const cell = page.getByLabel('正职18级月工资');
      await cell.fill('7777');
      await page.getByRole('button', { name: '保存2026年标准' }).click();
      await page.getByText('2026年标准已保存').waitFor();
      await expect.poll(async () => {
        const t = await apiGet<PayTable>(county.context.request, '/api/workforce/pay-table?year=2026');
        return t.rates.find((r) => r.postType === 'leader' && r.grade === 18)?.monthlyYuan;
      }).toBe(7777);
      // Next year starts as a copy of 2026, history listed.
      await page.getByLabel('年度', { exact: true }).click();
      await pick(page, '2027年');
      await page.getByText('尚未保存，以下为2026年标准的副本').waitFor();
      await expect(page.getByLabel('正职18级月工资').inputValue()).resolves.toBe('7777');

      // The ratio, counted from the register: the KPI and the streets' rows match the API.
      const o = await apiGet<Overview>(county.context.request, '/api/workforce/overview');
      expect(o.unit.residents).toBeGreaterThan(0);
      await page.goto('/workforce/overview');
      await page.getByTestId('workforce-kpi-per10k').getByText(String(o.unit.per10k)).waitFor();
      const street = o.children.find((c) => c.name === '滨河街道')!;
      const row = page.getByRole('row').filter({ hasText: '滨河街道' });
      await row.getByText(String(street.per10k), { exact: true }).waitFor();
      await page.getByTestId('workforce-ratio-chart').waitFor();

      // 以绩定星: compute 2026, enter an assessment, the total follows.
      await page.goto('/workforce/stars?year=2026');
      await page.getByRole('button', { name: '计算2026年星级' }).click();
      await page.getByText(/已评定\d+位书记/).waitFor();
      const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
      await first.waitFor();
      const name = (await first.locator('td').nth(2).textContent())!.trim();
      await page.getByLabel(`${name}的考核得分`, { exact: true }).fill('28');
      await page.getByRole('button', { name: `保存${name}的考核得分` }).click();
      await page.getByText(`已录入${name}的考核得分`).waitFor();
      const rated = await apiGet<{ items: { name: string; assessmentScore: number | null; countedScore: number; totalScore: number }[] }>(
        county.context.request, '/api/workforce/ratings?year=2026&pageSize=200');
      const r = rated.items.find((x) => x.name === name)!;
      expect(r.assessmentScore).toBe(28);
      expect(r.totalScore).toBeCloseTo(r.countedScore + 28, 5);
      await page.getByRole('row').filter({ hasText: name }).getByRole('button', { name: '历年星级' }).click();
      await page.getByRole('dialog').getByText(`${name}历年星级`).waitFor();
    });
  });

  it('should let a community worker add a full-time grid worker to one of its grids', async () => {
    await b.withArtifacts('workforce-staff', async () => {
      const worker = await b.open('worker_binhe1');
      const page = worker.page;
      page.setDefaultTimeout(60_000);
      const me = await apiGet<{ account: { scope: { orgId: number } } }>(worker.context.request, '/api/auth/me');
      const grids = await apiGet<{ items: { id: number; name: string }[] }>(worker.context.request, `/api/org/units/${me.account.scope.orgId}/children`);
      const grid = grids.items[0]!;
      const name = `网格员${Date.now() % 10000}`;

      await page.goto('/workforce/staff');
      await page.getByRole('row').filter({ hasText: '社区工作者' }).first().waitFor();
      await page.getByRole('button', { name: '登记工作人员' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('姓名').fill(name);
      await dialog.getByLabel('岗位类别').click();
      await pick(page, '专职网格员');
      await dialog.getByLabel('等级').fill('3');
      await dialog.getByLabel('所在社区/网格').first().click();
      const tree = page.locator('.ant-select-dropdown:visible');
      // The community may open expanded or collapsed: expand it only when the grid is not shown.
      const gridNode = tree.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: grid.name }).first();
      await tree.locator('.ant-select-tree-node-content-wrapper').first().waitFor();
      if (!(await gridNode.isVisible())) await tree.locator('.ant-select-tree-switcher_close').first().click();
      await gridNode.click();
      await dialog.getByLabel('手机号').fill('13955556666');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const row = page.getByRole('row').filter({ hasText: name });
      await row.getByText('专职网格员').waitFor();
      await row.getByText('3级').waitFor();
      await row.getByText('139****6666').waitFor();
      const listed = await apiGet<{ items: { name: string; orgId: number; post: string; phone: string }[] }>(
        worker.context.request, `/api/workforce/staff?post=grid_worker&pageSize=200`);
      expect(listed.items.find((s) => s.name === name)).toMatchObject({ orgId: grid.id, post: 'grid_worker', phone: '139****6666' });
    });
  });
});
