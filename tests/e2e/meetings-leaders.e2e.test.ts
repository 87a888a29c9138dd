import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions } from './browser-sessions.js';

/**
 * 民情分析会 and 领导干部包联 in real browsers against the demo city: 龙凤社区's secretary holds a
 * meeting whose agenda carries the community's overdue demands and records a decision; the
 * street sees which of its communities have not met this month; 离石区 links a leader to
 * 龙凤社区, records a visit that raises a demand, and sees the problem counted.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

/** Picks an option in the open antd Select dropdown (the visible copy, not the screen-reader list). */
async function pick(page: Page, text: string) {
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
}

describe('民情分析会 and leaders in the browser', () => {
  it('should let a community hold its meeting over overdue demands and the street see who has not met', async () => {
    await b.withArtifacts('meetings', async () => {
      const secretary = await b.open('secretary_binhe1');
      const page = secretary.page;
      await page.goto('/meetings');
      await page.getByRole('button', { name: '召开民情分析会' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.waitForURL(/\/meetings\/\d+$/);

      // The agenda was built by the server: the overdue demand is on it, linked to its detail.
      const agenda = page.getByRole('table', { name: '会议议程' });
      const row = agenda.getByRole('row').filter({ hasText: '小区北门路灯损坏' });
      await row.waitFor();
      await row.getByText('已超期').waitFor();
      const href = await row.getByRole('link', { name: /小区北门路灯损坏/ }).getAttribute('href');
      expect(href).toMatch(/^\/demands\/\d+$/);

      await row.getByRole('button', { name: '记录决定' }).click();
      const decide = page.getByRole('dialog');
      await decide.getByLabel('决定').fill('由社区协调物业三日内更换灯具');
      await decide.getByRole('button', { name: '保存' }).click();
      await row.getByText('社区办理').waitFor();
      await row.getByText('由社区协调物业三日内更换灯具').waitFor();

      // The decision is a step on the demand: the community now handles it.
      const demand = await apiGet<{ state: string }>(secretary.context.request, `/api${href}`);
      expect(demand.state).toBe('accepted');

      // The street: 龙凤社区 has met this month, 滨河社区 has not.
      const street = await b.open('street_binhe');
      await street.page.goto('/meetings');
      const unmet = street.page.getByRole('tabpanel').getByRole('table');
      await unmet.getByRole('row').filter({ hasText: '滨河社区' }).waitFor();
      expect(await unmet.getByRole('row').filter({ hasText: '龙凤社区' }).count()).toBe(0);
      await street.page.getByText(/尚未召开民情分析会/).first().waitFor();
    });
  });

  it('should let the county link a leader, record a visit that raises a demand, and count the problem', async () => {
    await b.withArtifacts('leaders', async () => {
      const county = await b.open('county_lishi');
      const page = county.page;
      // The leader is registered through the API; linking and the visit go through the screen.
      const me = await apiGet<{ account: { scope: { orgId: number } }; csrfToken: string }>(county.context.request, '/api/auth/me');
      const created = await county.context.request.post('/api/leaders', {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { name: '刘建华', level: 'county', title: '副区长', workUnit: '离石区人民政府', orgId: me.account.scope.orgId },
      });
      expect(created.ok(), await created.text()).toBe(true);
      const leaderId = (await created.json()).id as number;

      await page.goto('/leaders');
      await page.getByRole('link', { name: '刘建华' }).click();
      await page.waitForURL(`/leaders/${leaderId}`);

      await page.getByRole('button', { name: '包联社区或小区' }).click();
      const link = page.getByRole('dialog');
      await link.getByRole('combobox', { name: '包联单位' }).fill('龙凤社区');
      await pick(page, '龙凤社区');
      await link.getByRole('button', { name: '保存' }).click();
      await page.getByRole('table', { name: '当前包联' }).getByRole('row').filter({ hasText: '龙凤社区' }).waitFor();

      await page.getByRole('button', { name: '记录走访' }).click();
      const visit = page.getByRole('dialog');
      await visit.getByLabel('办实事内容').fill('走访龙凤社区老旧小区，听取居民意见');
      await visit.getByRole('button', { name: '添加发现的问题' }).click();
      await visit.getByRole('textbox', { name: '问题描述' }).fill('小区单元门禁损坏，外来人员随意进出');
      await visit.getByRole('button', { name: '保存' }).click();

      const visits = page.getByRole('table', { name: '走访记录' });
      const problem = visits.getByRole('link', { name: '小区单元门禁损坏，外来人员随意进出' });
      await problem.waitFor();
      expect(await problem.getAttribute('href')).toMatch(/^\/demands\/\d+$/);
      await expect.poll(() => page.getByTestId('leader-found').textContent()).toBe('1');
      expect(await page.getByTestId('leader-solved').textContent()).toBe('0');

      // The raised demand is a 'leader_visit' demand in 龙凤社区, and the per-level count shows it.
      const stats = await apiGet<{ items: { level: string; problemsFound: number; visits: number }[] }>(county.context.request, '/api/leaders/stats');
      expect(stats.items.find((s) => s.level === 'county')).toMatchObject({ visits: 1, problemsFound: 1 });
      await page.goto('/leaders');
      await page.getByRole('tab', { name: '按层级统计' }).click();
      const byLevel = page.getByRole('table', { name: '按层级统计' });
      const countyRow = byLevel.getByRole('row').filter({ hasText: '县级领导' });
      await countyRow.waitFor();
      const cells = await countyRow.getByRole('cell').allTextContents();
      expect(cells).toEqual(['县级领导', '1', '1', '0', '1', '1', '0']);
      await page.getByTestId('leader-stats-chart').waitFor();
    });
  });
});
