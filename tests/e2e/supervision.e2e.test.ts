import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, pickOption, PHONE } from './browser-sessions.js';

/**
 * 督导 and 减负 in real browsers against the demo city: city_admin records a problem with a photo
 * on the phone under the seeded joint survey in 龙凤社区 and hands it to 离石区; county_lishi
 * finds it on the phone and reports the rectification with evidence on the console; city_admin verifies it; and
 * worker_binhe1 refuses a certificate the list does not hold, the pointer shown and counted.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const TEXT = `龙凤社区党群服务中心议事室被挪作仓库${Date.now() % 100000}`;

describe('supervision in the browser', () => {
  it('should take a problem from the phone to the county and back to verification, and refuse an unlisted certificate', async () => {
    await b.withArtifacts('supervision', async () => {
      const worker = await b.open('worker_binhe1');
      const community = (await apiGet<{ account: { scope: { name: string } } }>(worker.context.request, '/api/auth/me')).account.scope.name;

      // 1. The inspector records the problem on the phone and hands it to the county.
      const inspector = await b.open('city_admin', PHONE);
      await inspector.page.goto('/m/inspect');
      await inspector.page.getByText(/^党群服务阵地和物业管理联合调研/).click();
      await inspector.page.getByText(community, { exact: true }).click();
      await inspector.page.getByText('党群服务阵地', { exact: true }).click();
      await inspector.page.getByLabel('问题描述').fill(TEXT);
      await inspector.page.locator('input[type="file"]').setInputFiles({ name: 'room.png', mimeType: 'image/png', buffer: PNG });
      await inspector.page.getByRole('img', { name: '第1张照片' }).waitFor();
      await inspector.page.getByText('所在区县', { exact: true }).click();
      await inspector.page.getByText('7天', { exact: true }).click();
      await inspector.page.getByRole('button', { name: '提交问题' }).click();
      await inspector.page.getByText(/已记录并移交/).waitFor();
      const found = await apiGet<{ items: { id: number; description: string; receiver: string; status: string }[] }>(inspector.context.request, '/api/supervision/problems?pageSize=50');
      const problem = found.items.find((p) => p.description === TEXT)!;
      expect(problem).toMatchObject({ receiver: '离石区', status: 'handed_over' });

      // 2. The county finds it among its problems to rectify on the phone, and reports on the console with a photo of evidence.
      const countyPhone = await b.open('county_lishi', PHONE);
      await countyPhone.page.goto('/m/rectify');
      await countyPhone.page.getByText(TEXT).waitFor();
      const county = await b.open('county_lishi');
      await county.page.goto(`/supervision/problems/${problem.id}`);
      await county.page.getByRole('img', { name: '问题照片1' }).waitFor();
      await county.page.getByRole('button', { name: '报告整改' }).click();
      const dialog = county.page.getByRole('dialog');
      await dialog.getByLabel('整改情况').fill('已清空杂物，议事室恢复开放并公示开放时间');
      await dialog.locator('input[type="file"]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: PNG });
      await dialog.locator('.ant-tag').first().waitFor();
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'detached' });
      await county.page.getByText('已报整改', { exact: true }).first().waitFor();
      expect(await county.page.getByRole('button', { name: '验收销号' }).count()).toBe(0);

      // 3. The inspector verifies it on the console.
      const console = await b.open('city_admin');
      await console.page.goto(`/supervision/problems/${problem.id}`);
      await console.page.getByRole('img', { name: '整改佐证1' }).waitFor();
      await console.page.getByRole('button', { name: '验收销号' }).click();
      await console.page.getByText('已销号', { exact: true }).first().waitFor();
      await expect.poll(async () => (await apiGet<{ status: string }>(console.context.request, `/api/supervision/problems/${problem.id}`)).status).toBe('verified');

      // 4. A community worker refuses a certificate the list does not hold; the pointer is shown and the refusal counted.
      const before = await apiGet<{ refused: number }>(worker.context.request, '/api/relief/figures');
      await worker.page.goto('/relief/certificates');
      await worker.page.getByLabel('群众要开的证明').click();
      await pickOption(worker.page, '清单外的其他证明');
      await worker.page.getByLabel('所需证明').fill('房屋产权证明');
      await worker.page.getByLabel('申请人').fill('孙立平');
      await worker.page.getByRole('button', { name: '登记' }).click();
      await worker.page.getByTestId('relief-refusal').getByText(/谁主管、谁证明/).waitFor();
      await expect.poll(async () => (await apiGet<{ refused: number }>(worker.context.request, '/api/relief/figures')).refused).toBe(before.refused + 1);
      await worker.page.getByRole('row').filter({ hasText: '房屋产权证明' }).first().getByText('不予出具').waitFor();
    });
  }, 90_000);
});
