import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Sheet } from './parse-sheet.js';

export const ERROR_COLUMN = '错误';

/** Whether the errors concern data rows (a report is worth writing), not only the header. */
export const reportable = (sheet: Sheet, errorsByRow: ReadonlyMap<number, string[]>) =>
  sheet.rows.length > 0 && [...errorsByRow.keys()].some((row) => row >= 2);

/**
 * The downloadable error report of a failed import: every uploaded row as it was, in its order,
 * at the same row numbers, with a 错误 column after the last one saying what is wrong with the row (empty for good rows).
 * Every cell is text, so ID numbers and codes stay digits. The upload reads columns by header and
 * ignores unknown ones, so the corrected report can be uploaded again as it is.
 */
export async function renderErrorReport(sheet: Sheet, errorsByRow: ReadonlyMap<number, string[]>, sheetName: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = Math.max(sheet.header.length, ...sheet.rows.slice(0, 1000).map((r) => r.cells.length));
  const header = [...sheet.header];
  while (header.length < width) header.push('');
  const errorAt = width + 1;
  ws.columns = [...header, ERROR_COLUMN].map((h, i) => ({ width: i === width ? 60 : Math.max(10, Math.min(30, [...h].length * 2 + 4)) }));
  const head = ws.addRow([...header, ERROR_COLUMN]);
  head.font = { bold: true };
  head.getCell(errorAt).font = { bold: true, color: { argb: 'FFC00000' } };
  head.commit();
  // Blank rows of the upload stay blank, so row numbers (and messages naming them) still match.
  let next = 2;
  for (const r of sheet.rows) {
    for (; next < r.row; next++) ws.addRow([]).commit();
    next = r.row + 1;
    const cells = r.cells.slice(0, width);
    while (cells.length < width) cells.push('');
    const problems = errorsByRow.get(r.row);
    const row = ws.addRow([...cells, problems ? problems.join('；') : '']);
    for (let c = 1; c <= width + 1; c++) row.getCell(c).numFmt = '@';
    if (problems) row.getCell(errorAt).font = { color: { argb: 'FFC00000' } };
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
