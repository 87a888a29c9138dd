// @module-tag slow — minutes on the 2-core machine; skipped by --tags-filter='!slow' (README, Tests)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bombXlsx } from '../../../../tests/helpers/handmade-xlsx.js';
import { parseSheetInWorker } from './parse-in-worker.js';
import { parseSheet } from './parse-sheet.js';
import { renderCsvTemplate, renderXlsxTemplate } from './render-template.js';

const root = path.resolve(import.meta.dirname, '../../../..');

/** A CSV of `rows` households, about 80 bytes a row. */
function bigCsv(rows: number) {
  const lines = ['所属单元编码,房号,地址,面积(㎡),类型'];
  for (let i = 0; i < rows; i++) lines.push(`100000141102002001010201,${10_000 + i},凤山小区2号楼1单元${i}室,75.3,住宅`);
  return Buffer.from(lines.join('\n'));
}

describe('parsing in a separate process', () => {
  it('should give what parsing in place gives, with progress', async () => {
    for (const kind of ['grids', 'households'] as const) {
      for (const [name, file] of [[`${kind}.xlsx`, await renderXlsxTemplate(kind)], [`${kind}.csv`, renderCsvTemplate(kind)]] as const) {
        expect(await parseSheetInWorker(file, name, { maxRows: 10 })).toEqual(await parseSheet(file, name, { maxRows: 10 }));
      }
    }
    const seen: number[] = [];
    const sheet = await parseSheetInWorker(bigCsv(12_345), 'big.csv', { maxRows: 20_000, onProgress: (n) => seen.push(n) });
    expect(sheet.rows).toHaveLength(12_345);
    expect(sheet.rows.at(-1)).toEqual({ row: 12_346, cells: ['100000141102002001010201', '22344', '凤山小区2号楼1单元12344室', '75.3', '住宅'] });
    expect(seen).toEqual([5_000, 10_000, 12_345]);
  });

  it('should pass a refusal on with its code, message and details', async () => {
    await expect(parseSheetInWorker(bombXlsx(1024 ** 3, 2_000), 'bomb.xlsx', { maxRows: 10 })).rejects.toMatchObject({
      code: 'IMPORT_TOO_LARGE', message: expect.stringContaining('解压后的大小与文件中记录的不符'), details: { limit: 'declaredSize' },
    });
    await expect(parseSheetInWorker(bigCsv(11), 'x.csv', { maxRows: 10 })).rejects.toMatchObject({ message: '文件超过10行数据，请拆分为多个文件分批导入' });
  });

  it('should end a parse that runs out of its heap and refuse the file, the API process unharmed', async () => {
    const e = await parseSheetInWorker(bigCsv(400_000), 'big.csv', { maxRows: 1_000_000, heapMb: 24 }).catch((err) => err);
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', message: '读取表格时超出内存上限（24MB），请拆分为多个文件后再导入' });
  });

  it('should end a parse that runs past its time and refuse the file', async () => {
    const started = Date.now();
    const e = await parseSheetInWorker(bigCsv(200_000), 'big.csv', { maxRows: 1_000_000, timeoutMs: 50 }).catch((err) => err);
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', message: '读取表格超过1秒仍未完成，请拆分为多个文件后再导入', details: { limit: 'seconds' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('should stop when its signal is aborted', async () => {
    const stop = new AbortController();
    const parsing = parseSheetInWorker(bigCsv(200_000), 'big.csv', { maxRows: 1_000_000, signal: stop.signal });
    stop.abort(new Error('closing'));
    await expect(parsing).rejects.toThrow('closing');
  });

  // `npm start` runs the server with the tsx CLI, the tests and crash tests with `node --import tsx`.
  it.each([
    ['node --import tsx', [process.execPath, '--import', 'tsx']],
    ['the tsx CLI', [process.execPath, path.join(root, 'node_modules/tsx/dist/cli.mjs')]],
  ])('should start the parse process when the server runs under %s', async (_how, command) => {
    const script = [
      "import { parseSheetInWorker } from './server/modules/org/import/parse-in-worker.ts';",
      "const sheet = await parseSheetInWorker(Buffer.from('a,b\\n1,2\\n'), 'x.csv', { maxRows: 10 });",
      'console.log(JSON.stringify(sheet));',
    ].join('\n');
    const [cmd, ...args] = command;
    const child = spawn(cmd, [...args, '--input-type=module', '--eval', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(out.trim(), out).toBe(JSON.stringify({ header: ['a', 'b'], rows: [{ row: 2, cells: ['1', '2'] }] }));
    expect(code).toBe(0);
  });
});
