import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, browserSessions } from './browser-sessions.js';

/**
 * Issue 13, "a unit takes up a co-building project and the community accepts it": 龙凤社区's
 * secretary publishes a project on the board (揭榜); the work unit's admin (unit_demo) takes it up
 * in the console, writes the plan, enters a milestone with a photo and submits it; the secretary
 * sees the photo and accepts the project.
 */

const b = browserSessions();
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
beforeAll(() => b.launch());
afterAll(() => b.close());

// A 1×1 PNG: a real image the browser draws.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

interface Project { id: number; status: string; workUnitName: string | null; milestoneList: { doneOn: string | null; photos: { id: number }[] }[] }

describe('co-building projects in the browser', () => {
  it('should let a unit take up a published project, report a milestone with a photo, and the community accept it', async () => {
    await b.withArtifacts('cobuild-projects', async () => {
      const title = `揭榜：楼道扶手加装${Date.now() % 100000}`;
      const secretary = await b.open('secretary_binhe1');
      const me = await apiGet<{ account: { scope: { orgId: number } }; csrfToken: string }>(secretary.context.request, '/api/auth/me');
      const published = await secretary.context.request.post('/api/cobuild/projects', {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { communityId: me.account.scope.orgId, category: 'livelihood', title, startsOn: '2026-01-01', endsOn: '2099-12-31' },
      });
      expect(published.ok(), await published.text()).toBe(true);
      const projectId = ((await published.json()) as { id: number }).id;

      // The unit's admin finds it on the board and takes it up.
      const unit = await b.open('unit_demo');
      const up = unit.page;
      await up.goto('/cobuild/unit');
      await up.getByRole('tab', { name: '揭榜大厅' }).click();
      await up.getByRole('link', { name: title }).click();
      await up.getByRole('button', { name: '揭榜领办' }).click();
      await up.getByRole('button', { name: '确 定' }).or(up.getByRole('button', { name: '确定' })).click();
      await up.locator('.ant-tag', { hasText: '实施中' }).waitFor();

      // The plan, then a milestone entered done with its photo, then submission.
      await up.getByLabel('实施方案').fill('组织单位党员分两批为三栋楼加装楼道扶手，完工后由社区和居民代表验收。');
      await up.getByRole('button', { name: '保存方案' }).click();
      await up.getByText('已保存').waitFor();
      await up.getByPlaceholder('名称').fill('一号楼扶手安装');
      await up.locator('input[type=file]').first().setInputFiles({ name: 'handrail.png', mimeType: 'image/png', buffer: PNG });
      await up.getByRole('button', { name: '添加进度节点' }).click();
      await up.locator('.ant-list-item', { hasText: '一号楼扶手安装' }).getByText(/已完成/).waitFor();
      await up.getByRole('button', { name: '提交验收' }).click();
      await up.locator('.ant-tag', { hasText: '待验收' }).waitFor();

      // The community sees the photo and accepts the project.
      const page = secretary.page;
      await page.goto(`/cobuild/projects/${projectId}`);
      const photo = page.getByRole('img', { name: '进展照片 1' });
      await photo.waitFor();
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await page.getByRole('button', { name: '验收通过' }).click();
      await page.getByRole('button', { name: '确 定' }).or(page.getByRole('button', { name: '确定' })).click();
      await page.locator('.ant-tag', { hasText: '已验收' }).waitFor();

      await expect.poll(async () => (await apiGet<Project>(secretary.context.request, `/api/cobuild/projects/${projectId}`)).status).toBe('accepted');
      const done = await apiGet<Project>(secretary.context.request, `/api/cobuild/projects/${projectId}`);
      expect(done.workUnitName).toBeTruthy();
      expect(done.milestoneList[0]).toMatchObject({ doneOn: expect.any(String), photos: [expect.objectContaining({ id: expect.any(Number) })] });
    });
  });

  it('should let a unit offer one resource to two communities, one place a row', async () => {
    await b.withArtifacts('cobuild-resource-places', async () => {
      const title = `法律咨询进社区${Date.now() % 100000}`;
      const unit = await b.open('unit_demo');
      const page = unit.page;
      await page.goto('/cobuild/unit?tab=resources');
      await page.getByRole('button', { name: '登记资源' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('类别').click();
      await openDropdown(page).locator('.ant-select-item-option', { hasText: /^政策赋能$/ }).click();
      await dialog.getByLabel('名称').fill(title);
      await dialog.getByLabel('服务能力（人）').fill('40');
      // The tax bureau was registered by 滨河街道: two of its communities, one a row.
      for (const [label, community] of [['服务范围（社区或整个街道）', '龙凤社区'], ['服务地点 2', '滨河社区']] as const) {
        if (label !== '服务范围（社区或整个街道）') await dialog.getByRole('button', { name: '再加一个服务地点' }).click();
        await dialog.getByLabel(label).click();
        const dropdown = openDropdown(page);
        const node = (name: string) => dropdown.locator('.ant-select-tree-treenode', { hasText: name }).last();
        for (const [above, below] of [['离石区', '滨河街道'], ['滨河街道', community]] as const) {
          await node(above).waitFor();
          if (!(await node(below).count())) await node(above).locator('.ant-select-tree-switcher').click();
        }
        await node(community).locator('.ant-select-tree-node-content-wrapper').click();
      }
      const inputs = dialog.locator('.ant-picker-range input');
      await inputs.nth(0).fill('2026-12-01');
      await inputs.nth(0).press('Enter');
      // Enter on the last date confirms it and sends the form, as the 保存 button does.
      await inputs.nth(1).fill('2027-06-30');
      await inputs.nth(1).press('Enter');
      await page.getByRole('dialog', { name: '登记资源' }).waitFor({ state: 'hidden' });
      const row = page.getByRole('row').filter({ hasText: title });
      await row.waitFor();
      expect(await row.textContent()).toContain('龙凤社区、滨河社区');
    });
  });

  it('should show a county its projects per category with a chart, each figure opening its list', async () => {
    await b.withArtifacts('cobuild-overview', async () => {
      const county = await b.open('county_lishi');
      const o = await apiGet<{ totals: { projects: number }; byCategory: { category: string; count: number }[] }>(county.context.request, '/api/cobuild/overview');
      expect(o.totals.projects).toBeGreaterThan(0);
      const page = county.page;
      await page.goto('/cobuild/overview');
      await page.getByTestId('cobuild-category-chart').locator('canvas').waitFor();
      await page.getByTestId('cobuild-kpi-projects').getByText(o.totals.projects.toLocaleString('en-US')).waitFor();
      const partyBuilding = o.byCategory.find((c) => c.category === 'party_building')!.count;
      await page.getByRole('link', { name: new RegExp(`党建联建\\s*${partyBuilding.toLocaleString('en-US')}`) }).click();
      await page.waitForURL(/\/cobuild\/projects\?.*category=party_building/);
      await page.getByText(`共 ${partyBuilding} 条`).waitFor();
    });
  });
});
