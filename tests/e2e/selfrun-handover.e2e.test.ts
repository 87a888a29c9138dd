import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { apiGet, browserSessions } from './browser-sessions.js';

/**
 * 重新选聘 hands a compound to the community, in real browsers against the demo city. On its own
 * records (a new enclosed compound in 龙凤社区, a new company and contract, so no other file's data
 * moves): the county re-selects the company, worker_binhe1 is told, finds the compound on the
 * ten-steps board as awaiting a decision, starts 动议 and it leaves the list.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

async function post<T>(req: APIRequestContext, url: string, data: unknown): Promise<T> {
  const { csrfToken } = await apiGet<{ csrfToken: string }>(req, '/api/auth/me');
  const r = await req.post(url, { data, headers: { 'x-csrf-token': csrfToken } });
  expect(r.ok(), `POST ${url}: ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}

describe('selfrun handover in the browser', () => {
  it('should put a re-selected compound on the ten-steps board awaiting the community, until 动议 starts', async () => {
    await b.withArtifacts('selfrun-handover', async () => {
      const n = Date.now() % 100000;
      const name = `交接小区${n}`;
      const worker = await b.open('worker_binhe1');
      const me = await apiGet<{ account: { scope: { orgId: number } } }>(worker.context.request, '/api/auth/me');
      const street = await b.open('street_binhe');
      const county = await b.open('county_lishi');
      const grid = await post<{ id: number }>(street.context.request, '/api/org/units', {
        parentId: me.account.scope.orgId, kind: 'grid', code: `141102${String(n).padStart(8, '0')}`, name, gridType: 'enclosed',
      });
      const company = await post<{ id: number }>(county.context.request, '/api/property/companies', {
        name: `吕梁交接物业${n}有限公司`, creditCode: `91141102${String(n).padStart(10, '0')}`, contactName: '刘经理',
      });
      const contract = await post<{ id: number }>(street.context.request, '/api/property/contracts', {
        companyId: company.id, compoundId: grid.id, startsOn: '2025-01-01', endsOn: '2027-12-31', feePerM2: 1.2, serviceLevel: '3',
      });
      await post(county.context.request, '/api/property/sanctions', {
        kind: 'reselect', companyId: company.id, contractId: contract.id, reason: '业主满意度连续两季度低于60%', reselectTo: 'self_run',
      });

      // The community is told, with a link to the board's compounds awaiting a decision.
      const inbox = await apiGet<{ items: { title: string; link: string | null }[] }>(worker.context.request, '/api/notifications?pageSize=50');
      const note = inbox.items.find((x) => x.title === `${name}物业服务合同已因重新选聘终止`)!;
      expect(note.link).toBe('/selfrun/steps?awaiting=1');

      const page = worker.page;
      await page.goto(note.link!);
      await expect.poll(() => page.getByRole('checkbox', { name: '只看待决定的小区' }).isChecked()).toBe(true);
      const row = page.getByRole('row').filter({ hasText: name });
      await row.getByTestId(`handover-${grid.id}`).getByText(`待决定（原物业吕梁交接物业${n}有限公司因重新选聘退出） · 拟转居民自办`).waitFor();
      await row.getByText('无人管理').waitFor();

      // 动议: the community decides; the compound leaves the list and shows its first step.
      await row.getByRole('link', { name }).click();
      await page.waitForURL(new RegExp(`/selfrun/compounds/${grid.id}/steps$`));
      await page.getByTestId('selfrun-handover').getByText('该小区已无物业企业：可启动居民自办十步（动议），或签订新的物业服务合同').waitFor();
      await page.getByRole('button', { name: '启动居民自办十步' }).click();
      await page.getByText('已启动居民自办十步').waitFor();
      await expect.poll(async () => (await apiGet<{ items: { compoundId: number }[] }>(worker.context.request, '/api/selfrun/steps/board?awaiting=1&pageSize=200'))
        .items.some((r) => r.compoundId === grid.id)).toBe(false);
      await page.goto('/selfrun/steps?awaiting=1');
      // The board is the page's last table (the figures by street may render above it first).
      await page.locator('.ant-table-tbody').last().waitFor();
      await expect.poll(() => page.getByRole('row').filter({ hasText: name }).count()).toBe(0);
      await page.getByRole('checkbox', { name: '只看待决定的小区' }).click();
      await page.getByRole('row').filter({ hasText: name }).getByText('动议').waitFor();
    });
  });
});
