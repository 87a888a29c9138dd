import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * 公共账户 on the committee's phone: the chair of 康宁小区's 业委会 (committee_kangning, seeded for this
 * file only in server/seed/selfrun-flow-demo.ts) records last month's parking income and a cleaner's
 * wage, each with a receipt photo, and closes the month on /m/selfrun/account; the statement, with
 * the closing balance, then appears on the public page without sign-in.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
interface MyAccount { items: { compoundId: number; compound: string; balanceFen: number; statements: { month: string }[] }[] }
interface Ledger { items: { summary: string; amountFen: number; photos: { id: number }[] }[] }
function lastMonth() {
  const china = new Date(Date.now() + 8 * 3600_000);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth();
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

describe('a committee member keeps the account on the phone', () => {
  it('should record a month with receipts, close it, and show the statement publicly', async () => {
    await b.withArtifacts('selfrun-ledger-phone', async () => {
      const chair = await b.open('committee_kangning', PHONE);
      const mine = await apiGet<MyAccount>(chair.context.request, '/api/selfrun/my-compound-account');
      const kangning = mine.items.find((c) => c.compound === '康宁小区')!;
      const month = lastMonth();
      expect(kangning.statements.map((s) => s.month), 'an earlier attempt already closed the month: see its own failure').not.toContain(month);

      const p = chair.page;
      await p.goto('/m/serve');
      await p.getByRole('button', { name: /小区公共账户/ }).click();
      await p.waitForURL(/\/m\/selfrun\/account$/);
      const form = p.getByRole('region', { name: '康宁小区' }).getByRole('form', { name: '记一笔' });
      const record = async (category: string, amount: string, summary: string) => {
        await form.getByText(category, { exact: true }).click();
        await form.getByLabel('金额（元）').fill(amount);
        await form.getByLabel('日期').fill(`${month}-18`);
        await form.getByLabel('摘要').fill(summary);
        await form.locator('input[type=file]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
        await form.getByRole('button', { name: '保存' }).click();
        await p.getByText('已记账').waitFor();
        await expect.poll(() => form.getByLabel('摘要').inputValue()).toBe('');
      };
      await record('停车费', '2400', '10个车位月租');
      await record('保洁/保安工资', '800', '保洁员工资');

      const ledger = await apiGet<Ledger>(chair.context.request, `/api/selfrun/my-account/${kangning.compoundId}/ledger?month=${month}`);
      expect(ledger.items.map((e) => [e.summary, e.amountFen, e.photos.length]).sort()).toEqual([['10个车位月租', 240000, 1], ['保洁员工资', 80000, 1]]);

      await form.getByRole('button', { name: `${month} 月结公开` }).click();
      await p.getByText(`${month} 已结账并公开`).waitFor();

      const visitor = await b.open(null, PHONE);
      await visitor.page.goto(`/public/compounds/${kangning.compoundId}/statements`);
      await visitor.page.getByTestId(`closing-${month}`).filter({ hasText: '1,600.00' }).waitFor();
      expect(await visitor.page.locator('main').textContent()).not.toMatch(/车位月租|保洁员工资/);
    });
  }, 120_000);
});
