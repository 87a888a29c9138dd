import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * 三方协调月例会 in real browsers against the demo city: secretary_binhe1 opens this month's
 * planned meeting of 龙凤社区's first compound from the board, sees the agenda built from last
 * month's open tasks and a resident's proposal, records who came, holds it with minutes and turns
 * a decision into a task for the company; property_demo sees the task on its phone and reports it
 * done; the secretary confirms it.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Board { currentMonth: string; compounds: { id: number; name: string; cells: { month: string; meetingId: number | null; status: string | null }[] }[] }

describe('three-party meetings in the browser', () => {
  it('should run a meeting from its agenda to a task the company reports done', async () => {
    await b.withArtifacts('property-meetings', async () => {
      const secretary = await b.open('secretary_binhe1');
      const board = await apiGet<Board>(secretary.context.request, '/api/property/meetings/board');
      const planned = board.compounds.flatMap((c) => c.cells.filter((x) => x.month === board.currentMonth && x.status === 'planned').map((x) => ({ c, x })))[0]!;
      expect(planned).toBeDefined();

      // The board: the current month's planned meeting, opened from its cell.
      await secretary.page.goto('/property/meetings');
      await secretary.page.getByTestId(`meeting-${planned.c.id}-${board.currentMonth}`).click();
      await secretary.page.getByTestId('meeting-status').filter({ hasText: '待召开' }).waitFor();
      const agenda = secretary.page.getByTestId('agenda');
      await agenda.getByText('上期未完成').first().waitFor();
      await agenda.getByText('3号楼单元门门禁经常失灵，希望物业尽快维修').waitFor();

      // Attendance: the parties by name, the company present.
      const names = secretary.page.getByLabel('姓名或单位');
      await names.nth(0).fill('龙凤社区党委 书记');
      await names.nth(1).fill('业委会 郭建华');
      await names.nth(3).fill('居民代表 李桂兰');
      await secretary.page.getByRole('button', { name: '保存参会情况' }).click();
      await secretary.page.getByText('已保存').waitFor();

      // Held, with minutes.
      await secretary.page.getByLabel('纪要').fill('研究单元门禁维修和上月遗留事项，形成决议。');
      await secretary.page.getByRole('button', { name: '登记召开' }).click();
      await secretary.page.getByTestId('meeting-status').filter({ hasText: '已召开' }).waitFor();
      await secretary.page.getByTestId('company-present').filter({ hasText: '出席' }).waitFor();

      // A decision becomes the company's task.
      await secretary.page.getByRole('button', { name: '登记决议' }).click();
      const dialog = secretary.page.getByRole('dialog');
      await dialog.getByLabel('事项').fill('一周内修复3号楼单元门门禁');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = secretary.page.getByRole('row').filter({ hasText: '一周内修复3号楼单元门门禁' });
      await row.getByText('办理中').waitFor();

      // The company's phone: the task, reported done with a note.
      const company = await b.open('property_demo', PHONE);
      await company.page.goto('/m/property/tasks');
      const card = company.page.locator('.adm-card').filter({ hasText: '一周内修复3号楼单元门门禁' });
      await card.getByRole('button', { name: '报告完成' }).click();
      const ask = company.page.locator('.adm-dialog');
      await ask.locator('textarea').fill('已更换门禁读卡器');
      await ask.getByRole('button', { name: '报告完成' }).click();
      await card.getByText('待确认').waitFor();
      await card.getByText('我的报告：已更换门禁读卡器').waitFor();

      // The community confirms it.
      await secretary.page.reload();
      const again = secretary.page.getByRole('row').filter({ hasText: '一周内修复3号楼单元门门禁' });
      await again.getByText('待确认').waitFor();
      await again.getByRole('button', { name: '确认办结' }).click();
      await again.getByText('已办结').waitFor();
    });
  });

  it('should let a resident propose a matter from the phone and the street see who did not meet', async () => {
    await b.withArtifacts('property-meetings-street', async () => {
      const resident = await b.open('resident_demo', PHONE);
      await resident.page.goto('/m/serve');
      await resident.page.getByText('协调会议题', { exact: true }).click();
      await resident.page.locator('textarea').fill('小区健身器材损坏，希望更换');
      await resident.page.getByRole('button', { name: '提交议题' }).click();
      await resident.page.locator('.adm-card').filter({ hasText: '小区健身器材损坏，希望更换' }).getByText('待上会').waitFor();

      const street = await b.open('street_binhe');
      await street.page.goto('/property/meetings/overview');
      const row = street.page.getByRole('row').filter({ hasText: '龙凤社区' });
      await row.waitFor();
      await street.page.getByTestId('meetings-trend').locator('canvas').waitFor();
      await street.page.getByTestId('overview-missed').waitFor();
    });
  });
});
