import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBallotsXlsx } from '../../server/modules/selfrun/ballots-xlsx.js';
import { chinaDay } from '../../server/platform/clock.js';
import { apiGet, browserSessions, PHONE, pickOption } from './browser-sessions.js';

/**
 * 居民自办十步 end to end in real browsers, on the demo's two small compounds of 龙凤社区 (seeded for
 * this file only, server/seed/selfrun-flow-demo.ts):
 *  - 翠苑小区 (three flats): the secretary starts the ten steps and records 动议 and 征求意见; the worker
 *    creates the vote and announces it from the paper notice posted 16 days ago (photo attached), so
 *    voting opens today and closes a minute later (the database timer counts it). Two owners vote on
 *    the phone, the third's paper ballot is entered by the worker and confirmed by the secretary;
 *    the result is published and the public page shows the four figures and the rule without sign-in;
 *    the ballots export (xlsx) carries the same chain head. 投票表决 and 表决公示 are recorded; 备案
 *    is refused until the 公示 has run 7 days.
 *  - 安居小区 (its 公示 ran from 20 days ago): 社区党委备案, 开设公共账户, 制定财务制度, 签订服务协议;
 *    收支公开 is refused until a month is published; the secretary records last month and closes it;
 *    收支公开 completes and the statement is on the public page.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
type Board = { items: { compoundId: number; name: string; mode: string; step: string | null }[] };
/** A moment as a China-time datetime-local value, with seconds. */
const chinaLocal = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
const chinaDate = (days: number) => chinaDay(new Date(Date.now() + days * 86_400_000));
function lastMonth() {
  const china = new Date(Date.now() + 8 * 3600_000);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth();
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

describe('a community runs a compound through the ten steps', () => {
  it('should go from 动议 through a phone and paper vote and its public result to 收支公开', async () => {
    await b.withArtifacts('selfrun-flow', async () => {
      const secretary = await b.open('secretary_binhe1');
      const board = await apiGet<Board>(secretary.context.request, '/api/selfrun/steps/board?pageSize=200');
      const cuiyuan = board.items.find((c) => c.name === '翠苑小区')!;
      const anju = board.items.find((c) => c.name === '安居小区')!;
      expect(cuiyuan.step, 'an earlier attempt of this test already started 翠苑小区: see its own failure').toBeNull();
      const s = secretary.page;

      // 动议 and 征求意见 from the console.
      await s.goto(`/selfrun/compounds/${cuiyuan.compoundId}/steps`);
      await s.getByRole('button', { name: '启动居民自办十步' }).click();
      const motion = s.getByRole('form', { name: '办理「动议」' });
      await motion.getByLabel('动议人').fill('1号楼三户业主');
      await motion.getByLabel('办理情况').fill('小区无人管理，三户业主联名提议居民自办');
      await motion.getByRole('button', { name: '完成「动议」' }).click();
      const consult = s.getByRole('form', { name: '办理「征求意见」' });
      await consult.getByLabel('开始日期').fill(chinaDate(-20));
      await consult.getByLabel('结束日期').fill(chinaDate(-17));
      await consult.getByLabel('办理情况').fill('入户征求意见3户，均同意');
      await consult.getByRole('button', { name: '完成「征求意见」' }).click();
      await s.getByText('下一步：投票表决').waitFor();

      // The worker creates the vote: open since this minute, closing ~50 s from now.
      const worker = await b.open('worker_binhe1');
      const w = worker.page;
      const title = `实行居民自办物业${Date.now() % 100000}`;
      await w.goto(`/selfrun/votes?compound=${cuiyuan.compoundId}`);
      await w.getByRole('button', { name: '发起表决' }).click();
      const dialog = w.getByRole('dialog');
      await dialog.getByLabel('表决标题').fill(title);
      await dialog.getByLabel('表决事项').fill('本小区实行居民自办物业');
      const closesAt = new Date(Date.now() + 50_000);
      await dialog.getByLabel('开始投票').fill(chinaLocal(new Date(Date.now() - 60_000)).slice(0, 16));
      await dialog.getByLabel('截止时间').fill(chinaLocal(closesAt));
      await dialog.getByRole('button', { name: '保存草稿' }).click();
      await dialog.waitFor({ state: 'detached' });
      await w.getByRole('link', { name: title, exact: true }).click();
      await w.waitForURL(/\/selfrun\/votes\/\d+$/);
      const voteId = Number(new URL(w.url()).pathname.split('/').pop());

      // Announced today the 15 days are short; the paper notice posted 16 days ago (with its photo) is enough.
      await w.getByRole('button', { name: /^公 ?告$/ }).click();
      await w.getByText('表决须在开始投票15日前公告，请推迟开始时间').waitFor();
      await w.getByRole('button', { name: '按纸质公告日期公告' }).click();
      const notice = w.getByRole('dialog');
      await notice.getByLabel('张贴日期').fill(chinaDate(-16));
      await notice.locator('input[type=file]').setInputFiles({ name: 'notice.png', mimeType: 'image/png', buffer: PNG });
      await notice.getByText(/^照片\d+$/).waitFor();
      await notice.getByRole('button', { name: /^公 ?告$/ }).click();
      await w.getByTestId('notice-posted-on').filter({ hasText: chinaDate(-16) }).waitFor();
      await w.reload();
      await expect.poll(() => w.getByTestId('vote-status').textContent()).toBe('投票中');

      // Two owners vote on the phone.
      for (const who of ['owner_cuiyuan1', 'owner_cuiyuan2']) {
        const owner = await b.open(who, PHONE);
        await owner.page.goto('/m/owner-vote');
        const card = owner.page.getByTestId(`owner-vote-${voteId}`);
        await card.getByText('同意', { exact: true }).click();
        await card.getByRole('button', { name: '提交表决' }).click();
        await card.getByRole('button', { name: '修改表决' }).waitFor();
      }

      // The third flat's paper ballot, under four eyes.
      await w.reload();
      const paper = w.locator('.ant-card').filter({ hasText: '纸质选票录入（双人核对）' });
      await paper.getByLabel('专有部分').click();
      await pickOption(w, /^1号楼201/);
      await paper.getByRole('radiogroup', { name: '本小区实行居民自办物业' }).getByText('同意', { exact: true }).click();
      await paper.getByRole('button', { name: /^录 ?入$/ }).click();
      await paper.getByRole('row', { name: /1号楼201/ }).getByText('等待他人确认').waitFor();
      await s.goto(`/selfrun/votes/${voteId}`);
      await s.getByRole('row', { name: /1号楼201/ }).getByRole('button', { name: '核对确认' }).click();
      const confirm = s.getByRole('dialog');
      await confirm.getByText('同意', { exact: true }).click();
      await confirm.getByRole('button', { name: '核对确认' }).click();
      await s.getByText('已确认，计入表决').waitFor();
      await s.getByText('3 / 3', { exact: true }).first().waitFor();

      // The timer closes and counts it; the worker publishes.
      await w.waitForTimeout(Math.max(0, closesAt.getTime() - Date.now() + 1_500));
      await expect.poll(async () => { await w.reload(); return w.getByTestId('vote-status').textContent(); }, { timeout: 20_000 }).toBe('已截止');
      await w.getByTestId('matter-1').getByText('通过', { exact: true }).waitFor();
      await w.getByRole('button', { name: '公示结果' }).click();
      await expect.poll(() => w.getByTestId('vote-status').textContent()).toBe('已公示');

      // Anyone, without sign-in: the four figures, the rule, the outcome; the export's chain head matches.
      const anyone = await b.open(null, PHONE);
      await anyone.page.goto(`/public/votes/${voteId}`);
      await anyone.page.getByRole('heading', { name: /1\. 本小区实行居民自办物业：通过/ }).waitFor();
      await anyone.page.getByText('参与表决面积：255.5 / 255.5 m²').waitFor();
      await anyone.page.getByText('参与表决业主：3 / 3').waitFor();
      await anyone.page.getByText('同意面积：255.5 m²').waitFor();
      await anyone.page.getByText('同意业主：3', { exact: true }).waitFor();
      await anyone.page.getByText(/适用规则：一般事项：双三分之二参与，且参与面积和人数均过半数同意/).waitFor();
      const head = (await anyone.page.getByText(/选票哈希链头：[0-9a-f]{64}/).textContent())!.match(/[0-9a-f]{64}/)![0];
      const [download] = await Promise.all([anyone.page.waitForEvent('download'), anyone.page.getByRole('link', { name: '下载匿名选票（Excel）' }).click()]);
      const file = await readBallotsXlsx(await (await import('node:fs/promises')).readFile((await download.path())!));
      expect(file.chainHead).toBe(head);
      expect(file.ballots).toHaveLength(3);

      // 投票表决 and 表决公示 on the steps page; 备案 waits for 7 days of 公示.
      await s.goto(`/selfrun/compounds/${cuiyuan.compoundId}/steps`);
      const voteForm = s.getByRole('form', { name: '办理「投票表决」' });
      await voteForm.getByLabel('业主表决').click();
      await pickOption(s, title);
      await voteForm.getByLabel('办理情况').fill('3户全部参与，全部同意');
      await voteForm.getByRole('button', { name: '完成「投票表决」' }).click();
      const noticeForm = s.getByRole('form', { name: '办理「表决公示」' });
      await noticeForm.getByLabel('办理情况').fill('表决结果在单元门公示');
      await noticeForm.getByRole('button', { name: '完成「表决公示」' }).click();
      await s.getByText('下一步：社区党委备案').waitFor();
      await s.getByText(`表决结果公示须满7天，${chinaDate(7)}起方可备案`).waitFor();

      // 安居小区, whose 公示 has run: 备案 → 开设公共账户 → 制定财务制度 → 签订服务协议.
      await s.goto(`/selfrun/compounds/${anju.compoundId}/steps`);
      const done = async (step: string, fill: (f: ReturnType<typeof s.getByRole>) => Promise<void>) => {
        const f = s.getByRole('form', { name: `办理「${step}」` });
        await fill(f);
        await f.getByRole('button', { name: `完成「${step}」` }).click();
        await f.waitFor({ state: 'detached' });
      };
      await done('社区党委备案', (f) => f.getByLabel('办理情况').fill('社区党委会议审议备案'));
      await done('开设公共账户', async (f) => {
        await f.getByLabel('开户行').fill('吕梁农商银行滨河支行');
        await f.getByLabel('账户名称').fill('安居小区物业管理委员会');
        await f.getByLabel('账号后四位').fill('2046');
        await f.getByLabel('办理情况').fill('以物管会名义开设公共账户');
      });
      await done('制定财务制度', (f) => f.getByLabel('办理情况').fill('收支两条线，每月5日前公开上月收支'));
      await done('签订服务协议', async (f) => {
        await f.getByLabel('开始日期').fill(chinaDate(0));
        await f.getByLabel('结束日期').fill(chinaDate(364));
        await f.getByLabel('办理情况').fill('与本小区两名居民签订保洁、门卫服务协议');
      });
      await s.getByText('下一步：收支公开').waitFor();
      await s.getByText('还没有已公布的月度收支报表，公布至少一期后才能完成收支公开').waitFor();

      // Last month's account, closed and published; then 收支公开.
      const month = lastMonth();
      await s.goto(`/selfrun/compounds/${anju.compoundId}/account`);
      await s.getByRole('button', { name: '记一笔' }).click();
      const entry = s.getByRole('dialog');
      await entry.getByLabel('科目').click();
      await pickOption(s, '停车费');
      await entry.getByLabel('金额（元）').fill('360');
      const day = entry.getByLabel('日期');
      await day.click();
      await day.fill(`${month}-20`);
      await day.press('Enter');
      await entry.getByLabel('摘要').fill('临时停车费');
      await entry.getByRole('button', { name: '保存' }).click();
      await s.getByText('已记账').first().waitFor();
      await entry.waitFor({ state: 'hidden' });
      await s.getByRole('button', { name: '月结公开' }).click();
      await s.getByRole('dialog').getByRole('button', { name: '结账并公开' }).click();
      await s.getByText(`${month} 已结账并公开`).waitFor();
      await s.goto(`/selfrun/compounds/${anju.compoundId}/steps`);
      await done('收支公开', (f) => f.getByLabel('办理情况').fill('上月收支已在公告栏和手机上公开'));
      await s.getByText('下一步：服务评定').waitFor();
      await anyone.page.goto(`/public/compounds/${anju.compoundId}/statements`);
      await anyone.page.getByTestId(`closing-${month}`).waitFor();
    });
  }, 180_000);

  it('should withdraw a written proxy from the vote\'s page before the close', async () => {
    await b.withArtifacts('selfrun-flow-proxy', async () => {
      const secretary = await b.open('secretary_binhe1');
      const votes = await apiGet<{ items: { id: number; title: string; compoundName: string }[] }>(secretary.context.request, '/api/selfrun/votes?status=announced&pageSize=100');
      const vote = votes.items.find((v) => v.compoundName === '康宁小区' && v.title === '续聘小区保洁员')!;
      const s = secretary.page;
      await s.goto(`/selfrun/votes/${vote.id}`);
      const proxies = s.locator('.ant-card').filter({ hasText: '书面委托' });
      const row = proxies.getByRole('row', { name: /1号楼201/ });
      await row.getByRole('button', { name: '撤回委托' }).click();
      const dialog = s.getByRole('dialog');
      await dialog.getByRole('button', { name: '撤回委托' }).click();
      await dialog.getByText('请填写此项').waitFor(); // the reason is required
      await dialog.getByLabel('撤回原因').fill('业主本人到社区书面撤回委托');
      await dialog.getByRole('button', { name: '撤回委托' }).click();
      await s.getByText('委托已撤回').waitFor();
      await row.waitFor({ state: 'detached' });
      const left = await apiGet<{ unitLabel: string }[]>(secretary.context.request, `/api/selfrun/votes/${vote.id}/proxies`);
      expect(left.map((p) => p.unitLabel)).not.toContain('1号楼201');
    });
  }, 60_000);
});
