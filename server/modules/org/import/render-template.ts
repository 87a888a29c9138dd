import ExcelJS from 'exceljs';
import { GENERAL_NOTES, IMPORT_TEMPLATES, MAX_DATA_ROWS, type ImportKind } from './import-templates.js';

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header and example row, UTF-8 with a BOM so that Excel shows the Chinese headers. */
export function renderCsvTemplate(kind: ImportKind): Buffer {
  const t = IMPORT_TEMPLATES[kind];
  const lines = [t.columns.map((c) => csvField(c.header)), t.columns.map((c) => csvField(c.example))];
  return Buffer.from('\uFEFF' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n', 'utf8');
}

interface RangeValidations {
  dataValidations: { add(range: string, v: ExcelJS.DataValidation): void };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E7F7' } };

/**
 * First sheet: header row and one example row, every column formatted as text (long codes stay
 * digits) and drop-downs on choice columns. Second sheet "说明": each column explained.
 */
export async function renderXlsxTemplate(kind: ImportKind): Promise<Buffer> {
  const t = IMPORT_TEMPLATES[kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const ws = wb.addWorksheet(t.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell, i) => {
    cell.fill = HEADER_FILL;
    cell.note = `${t.columns[i - 1].required ? '必填' : '选填'}：${t.columns[i - 1].note}`;
  });
  const example = ws.addRow(Object.fromEntries(t.columns.map((c) => [c.key, c.example])));
  example.font = { color: { argb: 'FF808080' }, italic: true };
  t.columns.forEach((c, i) => {
    if (c.type !== 'choice' || !c.choices) return;
    const col = ws.getColumn(i + 1).letter;
    // Runtime API that exceljs's type definitions leave out: one rule for a whole range.
    (ws as unknown as RangeValidations).dataValidations.add(`${col}2:${col}${MAX_DATA_ROWS + 1}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`"${c.choices.join(',')}"`],
      showErrorMessage: true,
      errorTitle: c.header,
      error: `请选择：${c.choices.join('、')}`,
    });
  });

  const notes = wb.addWorksheet('说明');
  notes.columns = [
    { header: '列名', key: 'header', width: 16 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写说明', key: 'note', width: 80 },
    { header: '示例', key: 'example', width: 30 },
  ];
  notes.getRow(1).font = { bold: true };
  notes.getRow(1).eachCell((cell) => (cell.fill = HEADER_FILL));
  for (const c of t.columns) {
    notes.addRow({ header: c.header, required: c.required ? '必填' : '选填', note: c.note, example: c.example });
  }
  notes.addRow([]);
  notes.addRow(['注意事项']).font = { bold: true };
  GENERAL_NOTES.forEach((n, i) => notes.addRow([`${i + 1}. ${n}`]));
  notes.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
