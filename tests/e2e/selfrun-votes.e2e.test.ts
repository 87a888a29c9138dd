import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '../../server/platform/clock.js';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * 业主表决 in real browsers against the demo city, in 龙凤社区's self-run compound: worker_binhe1
 * creates a vote and announces it (opening 16 China days later); the 15-day rule refuses an earlier
 * one. resident_demo votes on the phone in the vote that is open now and changes the ballot. The
 * vote whose voting ended at seed time has been closed and counted by the timer (no person involved):
 * the worker publishes it and the public page, without sign-in, shows the four figures and the result.
 * (The server runs in its own process over PGlite, so the test cannot move a vote's dates in the
 * database: the demo seed provides the open and the just-ended vote instead.)
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const chinaDate = (days: number) => chinaDay(new Date(Date.now() + days * 86_400_000));

interface MyVote { id: number; compoundId: number; title: string; status: string; matters: { id: number; title: string }[]; units: { choices: Record<string, string> }[] }

describe('owners\' votes in the browser', () => {
  it('should announce a vote, take a phone ballot and its change, and publish a counted result', async () => {
    // Per attempt, so a retry never meets the first attempt's votes.
    const TITLE = `电动车充电桩设置${Date.now() % 100000}`;
    await b.withArtifacts('selfrun-votes', async () => {
      const resident = await b.open('resident_demo', PHONE);
      const mine = await apiGet<MyVote[]>(resident.context.request, '/api/selfrun/my-votes');
      const open = mine.find((v) => v.title === '2027年度物业服务费标准')!;
      expect(open.status).toBe('open');
      const compoundId = open.compoundId;

      // The worker creates a vote on the compound; announcing it 14 days ahead is refused, 16 days ahead accepted.
      const worker = await b.open('worker_binhe1');
      await worker.page.goto(`/selfrun/votes?compound=${compoundId}`);
      await worker.page.getByRole('button', { name: '发起表决' }).click();
      const dialog = worker.page.getByRole('dialog');
      await dialog.getByLabel('表决标题').fill(TITLE);
      await dialog.getByLabel('表决事项').fill('在3号楼北侧利用共有场地设置电动车充电桩并收费经营');
      await dialog.getByLabel('事项类别').click();
      await worker.page.locator('.ant-select-dropdown:visible').getByTitle('特别事项（四分之三）').click();
      await dialog.getByLabel('开始投票').fill(`${chinaDate(14)}T08:00`);
      await dialog.getByLabel('截止时间').fill(`${chinaDate(21)}T18:00`);
      await dialog.getByRole('button', { name: '保存草稿' }).click();
      await dialog.waitFor({ state: 'detached' });
      await worker.page.getByRole('link', { name: TITLE, exact: true }).click();
      await worker.page.waitForURL(/\/selfrun\/votes\/\d+$/);
      const draftUrl = new URL(worker.page.url()).pathname;
      await worker.page.getByRole('button', { name: '公告', exact: true }).click();
      await worker.page.getByText('表决须在开始投票15日前公告，请推迟开始时间').waitFor();
      expect(await worker.page.getByTestId('vote-status').textContent()).toBe('草稿');
      // Cancel the short-notice draft with a reason, then create it again 16 days ahead and announce.
      await worker.page.getByRole('button', { name: '取消表决' }).click();
      await worker.page.getByPlaceholder('取消理由').fill('公告期不足，重新发起');
      await worker.page.getByRole('button', { name: /^(OK|确 ?定)$/ }).click();
      await expect.poll(() => worker.page.getByTestId('vote-status').textContent()).toBe('已取消');

      await worker.page.goto(`/selfrun/votes?compound=${compoundId}`);
      await worker.page.getByRole('button', { name: '发起表决' }).click();
      await dialog.getByLabel('表决标题').fill(`${TITLE}（重新发起）`);
      await dialog.getByLabel('表决事项').fill('在3号楼北侧利用共有场地设置电动车充电桩并收费经营');
      await dialog.getByLabel('事项类别').click();
      await worker.page.locator('.ant-select-dropdown:visible').getByTitle('特别事项（四分之三）').click();
      await dialog.getByLabel('开始投票').fill(`${chinaDate(16)}T08:00`);
      await dialog.getByLabel('截止时间').fill(`${chinaDate(23)}T18:00`);
      await dialog.getByRole('button', { name: '保存草稿' }).click();
      await dialog.waitFor({ state: 'detached' });
      await worker.page.getByRole('link', { name: `${TITLE}（重新发起）` }).click();
      await worker.page.waitForURL((u) => /\/selfrun\/votes\/\d+$/.test(u.pathname) && u.pathname !== draftUrl);
      await worker.page.getByRole('button', { name: '公告', exact: true }).click();
      await expect.poll(() => worker.page.getByTestId('vote-status').textContent()).toBe('已公告');

      // resident_demo votes on the phone, then changes the ballot before the close.
      await resident.page.goto('/m/serve');
      await resident.page.getByRole('button', { name: /业主表决/ }).click();
      await resident.page.waitForURL(/\/m\/owner-vote$/);
      const card = resident.page.getByTestId(`owner-vote-${open.id}`);
      await card.getByText('同意', { exact: true }).click();
      await card.getByRole('button', { name: /提交表决|修改表决/ }).click(); // 修改 on a retry
      await card.getByRole('button', { name: '修改表决' }).waitFor();
      let now = (await apiGet<MyVote[]>(resident.context.request, '/api/selfrun/my-votes')).find((v) => v.id === open.id)!;
      expect(now.units[0]!.choices[String(open.matters[0]!.id)]).toBe('agree');
      await card.getByText('反对', { exact: true }).click();
      await card.getByRole('button', { name: '修改表决' }).click();
      await expect.poll(async () => {
        now = (await apiGet<MyVote[]>(resident.context.request, '/api/selfrun/my-votes')).find((v) => v.id === open.id)!;
        return now.units[0]!.choices[String(open.matters[0]!.id)];
      }).toBe('disagree');

      // A paper ballot under four eyes on the open vote: the worker enters it, the secretary re-enters it from the paper.
      await worker.page.goto(`/selfrun/votes/${open.id}`);
      const before = Number((await worker.page.getByText(/^\d+ \/ \d+$/).first().textContent())!.split(' / ')[0]);
      const paper = worker.page.locator('.ant-card').filter({ hasText: '纸质选票录入（双人核对）' });
      await paper.getByLabel('专有部分').click();
      const option = worker.page.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)').first();
      const unitLabel = (await option.getAttribute('title'))!.split('（')[0]!;
      await option.click();
      await paper.getByRole('radiogroup', { name: open.matters[0]!.title }).getByText('同意', { exact: true }).click();
      await paper.getByRole('button', { name: '录 入' }).or(paper.getByRole('button', { name: '录入' })).click();
      await paper.getByRole('row', { name: new RegExp(unitLabel) }).getByText('等待他人确认').waitFor();
      const secretary = await b.open('secretary_binhe1');
      await secretary.page.goto(`/selfrun/votes/${open.id}`);
      const row = secretary.page.getByRole('row', { name: new RegExp(unitLabel) });
      await row.getByRole('button', { name: '核对确认' }).click();
      const confirm = secretary.page.getByRole('dialog');
      await confirm.getByText('反对', { exact: true }).click();
      await confirm.getByRole('button', { name: '核对确认' }).click();
      await secretary.page.getByText('两次录入的选择不一致，请核对纸质选票原件').waitFor();
      await confirm.getByText('同意', { exact: true }).click();
      await confirm.getByRole('button', { name: '核对确认' }).click();
      await secretary.page.getByText('已确认，计入表决').waitFor();
      await expect.poll(async () => Number((await secretary.page.getByText(/^\d+ \/ \d+$/).first().textContent())!.split(' / ')[0])).toBe(before + 1);

      // The vote that ended at seed time was closed and counted by the timer; the worker publishes it.
      const list = await apiGet<{ items: { id: number; title: string; status: string }[] }>(worker.context.request, `/api/selfrun/votes?compoundId=${compoundId}&pageSize=50`);
      const ended = list.items.find((v) => v.title === '实行居民自办物业')!;
      expect(ended.status).toBe('closed');
      await worker.page.goto(`/selfrun/votes/${ended.id}`);
      await worker.page.getByTestId('matter-1').getByText('通过', { exact: true }).waitFor();
      await worker.page.getByRole('button', { name: '公示结果' }).click();
      await expect.poll(() => worker.page.getByTestId('vote-status').textContent()).toBe('已公示');

      // The public page, without sign-in: the four figures and the outcome, no names.
      const anyone = await b.open(null, PHONE);
      await anyone.page.goto(`/public/votes/${ended.id}`);
      await anyone.page.getByRole('heading', { name: /1\. 本小区实行居民自办物业管理：通过/ }).waitFor();
      await anyone.page.getByText(/参与表决面积：[\d.]+ \/ [\d.]+ m²/).first().waitFor();
      await anyone.page.getByText(/选票哈希链头：[0-9a-f]{64}/).waitFor();
      const exported = await anyone.context.request.get(`/api/public/votes/${ended.id}/ballots`);
      expect(exported.ok()).toBe(true);
      // member_demo, on a 物管会, starts and announces a vote of that compound from the phone.
      const member = await b.open('member_demo', PHONE);
      await member.page.goto('/m/owner-vote');
      const form = member.page.locator('[data-testid^="committee-vote-"]').first();
      await form.getByPlaceholder('表决标题').fill(`${TITLE}（物管会）`);
      await form.getByPlaceholder('表决事项').fill('续聘小区保洁员');
      await form.locator('input[type="datetime-local"]').nth(0).fill(`${chinaDate(17)}T08:00`);
      await form.locator('input[type="datetime-local"]').nth(1).fill(`${chinaDate(24)}T18:00`);
      await form.getByRole('button', { name: '发起并公告' }).click();
      await member.page.locator('[data-testid^="owner-vote-"]').filter({ hasText: `${TITLE}（物管会）` }).getByText('已公告').waitFor();

      // The resident sees the result on the phone too.
      await resident.page.reload();
      await resident.page.getByTestId(`owner-vote-${ended.id}`).getByTestId('owner-result-1').getByText(/通过/).waitFor();
    });
  }, 180_000);
});
