import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, browserSessions, pickOption, PHONE } from './browser-sessions.js';

/**
 * 专项维修资金 in real browsers against the demo city: worker_binhe1 applies for an urgent lift
 * repair in resident_demo's compound with a photo of the quote, the community and the street
 * (street_binhe) approve it under the emergency procedure, the works are done, the community
 * accepts and publishes it, and resident_demo sees it on the phone; the county sees the figures.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const TITLE = `2号电梯应急更换主板${Date.now() % 10000}`;

/** Clicks a step button on the repair page, fills the dialog and waits for the new status. */
async function step(page: Page, action: string, status: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name: action }).first().click();
  const dialog = page.getByRole('dialog');
  await fill?.(dialog);
  await dialog.getByRole('button', { name: action }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('.page-title').getByText(status, { exact: true }).waitFor();
}

describe('property repairs in the browser', () => {
  it('should take an urgent lift repair from application to publication, and the resident see it', async () => {
    await b.withArtifacts('property-repairs', async () => {
      const resident = await b.open('resident_demo', PHONE);
      const mine = await apiGet<{ compoundName: string; items: { title: string }[] }>(resident.context.request, '/api/property/my-repairs');
      expect(mine.compoundName).toBeTruthy();

      const worker = await b.open('worker_binhe1');
      const compounds = await apiGet<{ id: number; name: string; communityName: string }[]>(worker.context.request, '/api/property/repairs/compounds');
      const home = compounds.find((c) => c.name === mine.compoundName)!;
      expect(home).toBeDefined();
      // The seeded urgent lift repair awaits approval in the same compound.
      const awaiting = await apiGet<{ items: { id: number; title: string; status: string }[] }>(worker.context.request, `/api/property/repairs?compoundId=${home.id}&status=applied`);
      expect(awaiting.items.map((r) => r.title)).toContain('1号楼电梯困人故障应急维修');

      await worker.page.goto('/property/repairs');
      await worker.page.getByRole('button', { name: '申请维修资金' }).click();
      const dialog = worker.page.getByRole('dialog');
      await dialog.getByLabel('小区').click();
      await pickOption(worker.page, `${home.communityName} ${home.name}`);
      await dialog.getByLabel('维修类别').click();
      await pickOption(worker.page, '电梯');
      await dialog.getByLabel('数量').fill('1');
      await dialog.getByRole('switch', { name: '应急' }).click();
      await dialog.getByText('应急维修：由社区和街道审批后即可施工').waitFor();
      await dialog.getByLabel('项目名称').fill(TITLE);
      await dialog.getByLabel('维修内容').fill('电梯主板烧毁停运，老人无法上下楼');
      // Buildings come from the org tree; households are counted from the register, never typed.
      const firstBuilding = dialog.locator('.ant-checkbox-wrapper').filter({ hasText: /（\d+户）$/ }).first();
      const label = (await firstBuilding.textContent())!;
      const households = Number(/（(\d+)户）/.exec(label)![1]);
      await firstBuilding.click();
      await dialog.getByText(`受益 ${households} 户（按住户档案统计）`).waitFor();
      await dialog.getByLabel('第1份报价单位').fill('吕梁市安达电梯工程有限公司');
      await dialog.getByLabel('第1份报价金额').fill('38600');
      await dialog.locator('input[type=file]').first().setInputFiles({ name: 'quote.png', mimeType: 'image/png', buffer: PNG });
      await dialog.getByText(/^照片\d+$/).waitFor();
      await dialog.getByRole('button', { name: '提交申请' }).click();
      await worker.page.waitForURL(/\/property\/repairs\/\d+$/);
      const url = new URL(worker.page.url()).pathname;
      await worker.page.locator('.page-title').getByText('待审批', { exact: true }).waitFor();
      await expect.poll(() => worker.page.getByTestId('repair-households').textContent()).toBe(String(households));
      await expect.poll(() => worker.page.locator('img[src^="/api/files/"]').count()).toBe(1);

      // The emergency procedure: the community approves, then the street.
      await step(worker.page, '社区审批同意', '待审批');
      const street = await b.open('street_binhe');
      await street.page.goto(url);
      await step(street.page, '街道审批同意', '已批准', async (d) => { await d.getByLabel('说明').fill('电梯停运影响出行，同意应急维修'); });
      await street.page.getByTestId('repair-step-approve_street').getByText('电梯停运影响出行，同意应急维修').waitFor();
      // The seeded one waiting in the same compound: the street and then the community approve it too.
      const seeded = awaiting.items.find((r) => r.title === '1号楼电梯困人故障应急维修')!;
      await street.page.goto(`/property/repairs/${seeded.id}`);
      await step(street.page, '街道审批同意', '待审批');
      await worker.page.goto(`/property/repairs/${seeded.id}`);
      await step(worker.page, '社区审批同意', '已批准');
      await worker.page.goto(url);

      // The works, the acceptance and the publication.
      await worker.page.locator('.page-title').getByText('已批准', { exact: true }).waitFor();
      await step(worker.page, '开工', '施工中');
      await step(worker.page, '完工', '已完工', async (d) => { await d.getByLabel('说明').fill('主板已更换，试运行正常'); });
      await step(worker.page, '验收通过', '已验收', async (d) => { await d.getByLabel('验收意见').fill('电梯运行平稳，验收合格'); });
      await step(worker.page, '公示', '已公示', async (d) => { await d.getByLabel('决算金额（元）').fill('37800'); });
      for (const a of ['apply', 'approve_community', 'approve_street', 'start', 'finish', 'accept', 'publish']) {
        await worker.page.getByTestId(`repair-step-${a}`).waitFor();
      }

      // The resident opens 小区维修 from the serve tab and sees it published with its final amount.
      await resident.page.goto('/m/serve');
      await resident.page.getByRole('button', { name: /小区维修/ }).click();
      await resident.page.waitForURL(/\/m\/property\/repairs$/);
      const card = resident.page.locator('[data-testid^="resident-repair-"]').filter({ hasText: TITLE });
      await card.getByText('已公示').waitFor();
      await card.getByText('决算 37,800 元').waitFor();
      await card.getByText(`受益 ${households} 户`).waitFor();
    });
  });

  it('should approve a repair by picking the compound\'s counted owners\' vote, its figures taken from the vote', async () => {
    await b.withArtifacts('property-repairs-vote', async () => {
      const worker = await b.open('worker_binhe1');
      const req = worker.context.request;
      // The counted vote on using the fund, seeded in resident_demo's self-run compound (selfrun-links-demo.ts).
      const votes = await apiGet<{ items: { id: number; title: string; compoundId: number }[] }>(req, '/api/selfrun/votes?status=closed&pageSize=100');
      const vote = votes.items.find((v) => v.title === '使用专项维修资金维修楼道窗户和单元门')!;
      expect(vote).toBeDefined();
      const places = await apiGet<{ buildings: { id: number }[] }>(req, `/api/property/repairs/compounds/${vote.compoundId}/places`);
      const { csrfToken } = await apiGet<{ csrfToken: string }>(req, '/api/auth/me');
      const title = `楼道窗户和单元门维修${Date.now() % 10000}`;
      const applied = await req.post('/api/property/repairs', {
        headers: { 'x-csrf-token': csrfToken },
        data: { compoundId: vote.compoundId, kind: 'other', urgent: false, title, description: '楼道窗户破损、单元门锁坏', quantity: 12, placeIds: [places.buildings[0]!.id], quotes: [{ supplier: '离石区宏达门窗', amount: 18600 }] },
      });
      expect(applied.ok()).toBe(true);
      const { id } = (await applied.json()) as { id: number };

      await worker.page.goto(`/property/repairs/${id}`);
      await worker.page.locator('.page-title').getByText('待审批', { exact: true }).waitFor();
      await step(worker.page, '登记业主表决', '已批准', async (d) => {
        await d.getByLabel('业主表决事项').click();
        await pickOption(worker.page, '使用专项维修资金维修楼道窗户和单元门：从专项维修资金中列支楼道窗户和单元门维修');
        // The figures are the vote's as counted at its close, shown before confirming; nothing is typed.
        await d.getByTestId('repair-vote-counts').waitFor();
      });
      await expect.poll(() => worker.page.getByTestId('repair-vote-source').textContent())
        .toBe('依据：业主表决「使用专项维修资金维修楼道窗户和单元门」事项「从专项维修资金中列支楼道窗户和单元门维修」');
      await worker.page.getByTestId('repair-step-record_vote').getByText(/业主表决「使用专项维修资金维修楼道窗户和单元门」.*通过/).waitFor();
    });
  });

  it('should show the county the counted figures with a chart, and the company its compounds\' repairs', async () => {
    await b.withArtifacts('property-repair-figures', async () => {
      const county = await b.open('county_lishi');
      const f = await apiGet<{ totals: { lifts: number; sheds: number; repairs: number } }>(county.context.request, '/api/property/repairs/figures');
      expect(f.totals.repairs).toBeGreaterThan(10);
      await county.page.goto('/property/repairs');
      await county.page.getByRole('menuitem', { name: '维修成效' }).click();
      await county.page.waitForURL(/\/property\/repairs\/figures/);
      await county.page.getByTestId('repair-figures-chart').waitFor();
      await expect.poll(async () => (await county.page.getByTestId('repair-figure-lifts').textContent())?.replace(/\D/g, '')).toBe(String(f.totals.lifts));
      await county.page.getByRole('cell', { name: '滨河街道' }).first().waitFor();

      // The serving company's project manager follows its compounds' repairs from the console.
      const company = await b.open('property_demo');
      await company.page.goto('/property/mine');
      await company.page.getByRole('menuitem', { name: '维修资金' }).click();
      await company.page.getByRole('link', { name: '1号楼电梯困人故障应急维修' }).click();
      await company.page.getByText('吕梁市安达电梯工程有限公司').waitFor();
    });
  });
});
