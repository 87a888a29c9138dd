import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE, pickOption } from './browser-sessions.js';

/**
 * 公共账户 in real browsers against the demo city: 龙凤社区's secretary records last month's income
 * and an expense of resident_demo's self-run compound in the console and closes the month; the
 * statement appears on the public page without sign-in; resident_demo sees the balance on the phone
 * and rates this year's service.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Statement { month: string; incomeFen: number; expenseFen: number; closingFen: number; byCategory: { category: string; amountFen: number }[] }
interface MyAccount { items: { compoundId: number; compound: string; balanceFen: number; statements: Statement[] }[] }

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Last month in China time, and a day in it. */
function lastMonth() {
  const china = new Date(Date.now() + 8 * 3600_000);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth(); // 0-based: this is last month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

describe('selfrun account in the browser', () => {
  it('should record a month, close it, publish the statement publicly, and show the owner the balance', async () => {
    await b.withArtifacts('selfrun-account', async () => {
      const owner = await b.open('resident_demo', PHONE);
      const mine = await apiGet<MyAccount>(owner.context.request, '/api/selfrun/my-compound-account');
      const compound = mine.items[0]!;
      expect(compound).toBeDefined();
      const month = lastMonth();
      expect(compound.statements.map((s) => s.month)).not.toContain(month); // the demo leaves last month for its committee

      const staff = await b.open('secretary_binhe1');
      const page = staff.page;
      await page.goto(`/selfrun/compounds/${compound.compoundId}/account`);
      await page.getByTestId('account-balance').waitFor();
      const record = async (category: string, amount: string, summary: string) => {
        await page.getByRole('button', { name: '记一笔' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('科目').click();
        await pickOption(page, category);
        await dialog.getByLabel('金额（元）').fill(amount);
        const day = dialog.getByLabel('日期');
        await day.click();
        await day.fill(`${month}-15`);
        await day.press('Enter');
        await dialog.getByLabel('摘要').fill(summary);
        await dialog.getByRole('button', { name: '保存' }).click();
        await page.getByText('已记账').first().waitFor();
        await dialog.waitFor({ state: 'hidden' });
      };
      await record('停车费', '1234.56', '浏览器测试停车费');
      await record('维修', '300', '浏览器测试修门禁');
      // The ledger filtered to the month's repairs shows the new entry with its running balance.
      await page.goto(`/selfrun/compounds/${compound.compoundId}/account?month=${month}&category=repair`);
      await page.getByRole('cell', { name: '浏览器测试修门禁' }).waitFor();

      await page.getByRole('button', { name: '月结公开' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '结账并公开' }).click();
      await page.getByText(`${month} 已结账并公开`).waitFor();

      const after = await apiGet<MyAccount>(owner.context.request, '/api/selfrun/my-compound-account');
      const st = after.items[0]!.statements.find((s) => s.month === month)!;
      expect(st.byCategory.find((c) => c.category === 'parking')!.amountFen).toBeGreaterThanOrEqual(123456);
      expect(st.byCategory.find((c) => c.category === 'repair')!.amountFen).toBeGreaterThanOrEqual(30000);

      // The public page, no sign-in: the month's figures, no names.
      const visitor = await b.open(null, PHONE);
      await visitor.page.goto(`/public/compounds/${compound.compoundId}/statements`);
      await visitor.page.getByTestId(`closing-${month}`).filter({ hasText: yuan(st.closingFen) }).waitFor();
      expect(await visitor.page.locator('main').textContent()).not.toMatch(/浏览器测试/);

      // The owner's phone: the compound's balance and the new statement.
      await owner.page.goto('/m/selfrun/account');
      await owner.page.getByRole('status', { name: '账户余额' }).filter({ hasText: yuan(after.items[0]!.balanceFen) }).waitFor();
      await owner.page.getByLabel(month).waitFor();

      // 服务评定: the owner's household rates this year's service once.
      const review = owner.page.getByRole('form', { name: '服务评定' });
      await review.getByText('4分', { exact: true }).click();
      await review.getByRole('button', { name: '提交评定' }).click();
      await review.getByText('您家今年已评 4 分').waitFor();
    });
  });
});
