import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../server/platform/pii/id-number.js';
import { browserSessions } from './browser-sessions.js';

/**
 * Bulk import of residents in a real browser against the demo city: county_lishi (离石区) picks
 * 居民 on the import page, uploads a CSV of 1,000 residents (valid GB 11643 numbers, made here)
 * into new households of one building, sees the job finish, and finds all of them in the
 * residents list; a file with a bad row fails, names the row and offers the error report.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const HEADER = '楼栋编码,单元,房号,新建住户,姓名,身份证号,与户主关系,手机号';

/**
 * Born in 东城区 (110101), so they cannot collide with the demo city's own 1411xx numbers; the
 * run's stamp picks the sequence numbers, so a second run against the same server does too.
 */
function idNumber(i: number, stamp: number) {
  const seq = (stamp % 50) * 20 + Math.floor(i / 50);
  const first17 = `110101${1950 + (i % 50)}0${1 + (i % 9)}1${i % 10}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

describe('people import in the browser', () => {
  it('should let a county admin import 1,000 residents and find them in the residents list', async () => {
    await b.withArtifacts('import-people', async () => {
      const s = await b.open('county_lishi');
      const api = s.context.request;
      const found = await api.get(`/api/org/search?q=${encodeURIComponent('号楼')}&kind=building&limit=1`);
      expect(found.ok()).toBe(true);
      const [building] = (await found.json()).items as { id: number; code: string; name: string }[];
      expect(building, 'a building of 离石区').toBeTruthy();
      const units = ((await (await api.get(`/api/org/units/${building.id}/children`)).json()).items as { kind: string; name: string }[])
        .filter((u) => u.kind === 'unit');
      expect(units.length).toBeGreaterThan(0);

      const n = Date.now() % 100000;
      const stamp = String(n).padStart(5, '0');
      const surname = `导入${stamp}`;
      const rows = [HEADER];
      for (let i = 0; i < 1000; i++) {
        // Four people to a new household: rooms E<stamp>-<n> cannot be taken already.
        const unit = units[i % units.length].name;
        rows.push([building.code, unit, `E${stamp}-${Math.floor(i / 4)}`, '是', `${surname}${String(i).padStart(4, '0')}`,
          idNumber(i, n), i % 4 === 0 ? '户主' : '其他成员', ''].join(','));
      }
      const p = s.page;
      await p.goto('/import');
      await p.locator('label.ant-radio-button-wrapper', { hasText: '居民' }).click();
      await expect.poll(() => p.getByRole('link', { name: /下载 Excel 模板/ }).getAttribute('href')).toBe('/api/org/import/templates/residents.xlsx');
      await p.locator('input[type=file]').setInputFiles({
        name: '居民.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + rows.join('\r\n') + '\r\n', 'utf8'),
      });
      await p.getByRole('progressbar', { name: '导入进度' }).waitFor();
      await p.getByText('导入成功，共导入 1000 行').waitFor({ timeout: 120_000 });

      await p.goto('/residents');
      const search = p.getByRole('searchbox', { name: '搜索居民' });
      await search.fill(surname, { timeout: 60_000 });
      await search.press('Enter');
      await p.getByText('共 1000 条').waitFor({ timeout: 60_000 });
      await p.getByRole('cell', { name: `${surname}0000`, exact: true }).waitFor();
      // Masked: the address code and the last two characters only.
      const first = idNumber(0, n);
      await p.getByText(`${first.slice(0, 6)}${'*'.repeat(10)}${first.slice(-2)}`).first().waitFor();

      // The same people again: every row is refused, nothing is written, the report is offered.
      await p.goto('/import');
      await p.locator('label.ant-radio-button-wrapper', { hasText: '居民' }).click();
      await p.locator('input[type=file]').setInputFiles({
        name: '再次.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.slice(0, 3).join('\r\n'), 'utf8'),
      });
      await p.getByRole('alert').getByText('文件中发现 2 处错误').waitFor({ timeout: 60_000 });
      await p.getByRole('cell', { name: /该身份证号已登记为居民/ }).first().waitFor();
      const download = p.waitForEvent('download');
      await p.getByRole('link', { name: /下载错误报告/ }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    });
  }, 300_000);
});
