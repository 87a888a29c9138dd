import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * 居民自办物业十步 in real browsers against the demo city. 龙凤社区 has no unmanaged compound (one has a
 * company, one runs itself): secretary_binhe1 is told why neither can start. 滨河社区's worker
 * (worker_binhe2) starts the process on its unmanaged compound from the console and records 动议
 * and 征求意见 (with a document photo);
 * member_demo, on the 物管会 of the compound whose process the demo left at 征求意见, opens the
 * committee tile on the phone and completes that step; the county sees compounds by step in a chart.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

type Board = { items: { compoundId: number; name: string; mode: string; step: string | null }[] };

describe('selfrun ten steps in the browser', () => {
  it('should let the community start and record the first steps, and a committee member complete its step on the phone', async () => {
    await b.withArtifacts('selfrun-steps', async () => {
      const longfeng = await b.open('secretary_binhe1');
      const own = await apiGet<Board>(longfeng.context.request, '/api/selfrun/steps/board?pageSize=200');
      const served = own.items.find((c) => c.mode === 'company')!;
      await longfeng.page.goto('/selfrun/steps');
      await longfeng.page.getByRole('link', { name: served.name, exact: true }).click();
      await longfeng.page.getByText('该小区有有效的物业服务合同，由物业企业管理，不能启动居民自办').waitFor();
      expect(await longfeng.page.getByRole('button', { name: '启动居民自办十步' }).count()).toBe(0);

      const secretary = await b.open('worker_binhe2');
      const board = await apiGet<Board>(secretary.context.request, '/api/selfrun/steps/board?pageSize=200');
      const target = board.items.find((c) => c.mode === 'none' && c.step === null)!;
      expect(target, 'an unmanaged compound of 滨河社区 without a process').toBeDefined();

      await secretary.page.goto('/selfrun/steps');
      await secretary.page.getByTestId('selfrun-steps-chart').waitFor();
      await secretary.page.getByRole('link', { name: target.name, exact: true }).click();
      await secretary.page.waitForURL(new RegExp(`/selfrun/compounds/${target.compoundId}/steps$`));
      await secretary.page.getByRole('button', { name: '启动居民自办十步' }).click();

      // 动议: who proposed it and why.
      const motion = secretary.page.getByRole('form', { name: '办理「动议」' });
      await motion.getByLabel('动议人').fill('3号楼业主代表王建国等12户');
      await motion.getByLabel('办理情况').fill('小区长期无人管理，业主联名提议实行居民自办物业');
      await motion.getByRole('button', { name: '完成「动议」' }).click();
      await secretary.page.getByText('下一步：征求意见').waitFor();
      await secretary.page.getByText('3号楼业主代表王建国等12户').waitFor();

      // 征求意见, recorded by the community on the committee's behalf, with a photo of the notice.
      const consult = secretary.page.getByRole('form', { name: '办理「征求意见」' });
      await consult.getByLabel('开始日期').fill('2026-10-20');
      await consult.getByLabel('结束日期').fill('2026-11-01');
      await consult.getByLabel('办理情况').fill('入户征求意见186户，同意172户');
      await consult.locator('input[type=file]').setInputFiles({ name: 'notice.png', mimeType: 'image/png', buffer: PNG });
      await consult.getByText(/^照片\d+$/).waitFor();
      await consult.getByRole('button', { name: '完成「征求意见」' }).click();
      await secretary.page.getByText('下一步：投票表决').waitFor();
      await secretary.page.getByText('本小区还没有通过“实行居民自办物业”事项的已结束业主表决').waitFor();
      await expect.poll(() => secretary.page.locator('img[src^="/api/files/"]').count()).toBe(1);

      // The committee member's phone: the tile shows for a member only, and leads to the committee's step.
      const member = await b.open('member_demo', PHONE);
      const mine = await apiGet<{ member: boolean; compounds: { compound: { name: string }; step: string }[] }>(member.context.request, '/api/selfrun/my-committee');
      expect(mine.member).toBe(true);
      expect(mine.compounds[0]!.step).toBe('consultation');
      await member.page.goto('/m/serve');
      await member.page.getByRole('button', { name: /业委会\/物管会/ }).click();
      await member.page.waitForURL(/\/m\/selfrun$/);
      await member.page.getByText('当前步骤：征求意见').waitFor();
      const form = member.page.getByRole('form', { name: '办理「征求意见」' });
      await form.getByLabel('开始日期').fill('2026-10-25');
      await form.getByLabel('结束日期').fill('2026-11-05');
      await form.getByLabel('办理情况').fill('物管会发放征求意见表，回收154份');
      await form.locator('input[type=file]').setInputFiles({ name: 'sheet.png', mimeType: 'image/png', buffer: PNG });
      await form.getByRole('button', { name: '完成「征求意见」' }).click();
      await member.page.getByText('当前步骤：投票表决').waitFor();
      await member.page.getByText('当前步骤由社区办理，请等待').waitFor();

      // resident_demo sits on the 物管会 of the self-run demo compound, which needed no ten steps.
      const resident = await b.open('resident_demo', PHONE);
      await resident.page.goto('/m/serve');
      await resident.page.getByRole('button', { name: /业委会\/物管会/ }).click();
      await resident.page.getByText('已实行居民自办物业').first().waitFor();

      // The county's figure: self-run compounds by the step reached.
      const county = await b.open('county_lishi');
      const f = await apiGet<{ byStep: { step: string; compounds: number }[] }>(county.context.request, '/api/selfrun/steps/figures');
      expect(f.byStep.find((s) => s.step === 'vote')!.compounds).toBeGreaterThanOrEqual(2);
      await county.page.goto('/selfrun/steps');
      await county.page.getByTestId('selfrun-steps-chart').waitFor();
      await county.page.getByRole('cell', { name: '滨河街道' }).first().waitFor();
    });
  });
});
