import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Reads an uploaded .xlsx or .csv into plain rows of trimmed strings. Row numbers are the ones
 * the user sees in Excel (the header is row 1), so error reports can point at them.
 */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Indexes of cells holding a number of 16+ digits: Excel has already rounded it. */
  lossy?: number[];
}

export interface Sheet {
  header: string[];
  /** Non-empty data rows below the header. */
  rows: SheetRow[];
}

/** The file cannot be read at all; the message is for the user. */
export class SheetError extends Error {}

export interface ParseOptions {
  maxRows: number;
  /** Called now and then with the number of rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

export async function parseSheet(buf: Buffer, fileName: string, opts: ParseOptions): Promise<Sheet> {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv') return parseCsvFile(buf, opts);
  if (ext === 'xlsx') return parseXlsxFile(buf, opts);
  throw new SheetError('只支持 .xlsx 或 .csv 文件');
}

const tooMany = (max: number) =>
  new SheetError(`文件超过${max}行数据，请拆分为多个文件分批导入`);

// ---------------------------------------------------------------------------------------------
// CSV

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

function fieldEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) return i;
  }
  return text.length;
}

/**
 * RFC 4180: fields separated by commas, records by CRLF, LF or CR; a quoted field may hold
 * commas, doubled quotes and line breaks. A leading BOM is skipped. Lenient where Excel is:
 * a quote inside an unquoted field is kept as a character. A quote left open is an error,
 * because it would silently swallow the rest of the file.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (i >= text.length) return rows;
  let row: string[] = [];
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      value = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new SheetError(`第${rows.length + 1}行有未闭合的双引号，请检查该行`);
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      const end = fieldEnd(text, j);
      value += text.slice(j, end);
      i = end;
    } else {
      const end = fieldEnd(text, i);
      value = text.slice(i, end);
      i = end;
    }
    row.push(value);
    if (i >= text.length) {
      rows.push(row);
      return rows;
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (i >= text.length) return rows;
  }
}

/** UTF-8 only: a GBK file decoded as UTF-8 would import garbled names without complaint. */
export function decodeCsv(buf: Buffer): string {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new SheetError('CSV文件是UTF-16编码，请用UTF-8编码保存（Excel中另存为“CSV UTF-8(逗号分隔)”）后重新上传');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new SheetError('CSV文件不是UTF-8编码（可能是GBK），请用UTF-8编码保存（Excel中另存为“CSV UTF-8(逗号分隔)”）后重新上传');
  }
}

/** `="00123"` is how some tools keep leading zeros in CSV; the value is the text inside. */
function csvCell(s: string): string {
  const t = s.trim();
  const m = /^="(.*)"$/.exec(t);
  return m ? m[1].trim() : t;
}

function parseCsvFile(buf: Buffer, opts: ParseOptions): Sheet {
  const records = parseCsv(decodeCsv(buf));
  const rows: SheetRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const cells = records[r].map(csvCell);
    if (cells.every((c) => c === '')) continue;
    if (rows.length >= opts.maxRows) throw tooMany(opts.maxRows);
    rows.push({ row: r + 1, cells });
  }
  opts.onProgress?.(rows.length);
  return { header: (records[0] ?? []).map(csvCell), rows };
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** Excel keeps 15 significant digits: a number of 16 or more digits has lost some. */
const LOSSY_ABOVE = 1e15;

function cellText(v: unknown): { text: string; lossy?: boolean } {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v.trim() };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { text: '' };
    if (Math.abs(v) >= LOSSY_ABOVE) return { text: String(v), lossy: true };
    return { text: String(Number(v.toPrecision(15))) };
  }
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10) };
  if (typeof v === 'object') {
    const o = v as { richText?: { text?: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(o.richText)) return { text: o.richText.map((r) => r.text ?? '').join('').trim() };
    if ('result' in o) return cellText(o.result);
    if ('formula' in o || 'sharedFormula' in o) return { text: '' };
    if (typeof o.error === 'string') return { text: o.error };
    if (o.text !== undefined) return cellText(o.text);
  }
  return { text: String(v).trim() };
}

interface SheetInfo {
  name?: string;
  state?: string;
}

async function parseXlsxFile(buf: Buffer, opts: ParseOptions): Promise<Sheet> {
  // An xlsx is a zip: anything else (an .xls renamed, a CSV with the wrong extension) is refused
  // up front rather than left to the zip reader, which may simply find no entries.
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) {
    throw new SheetError('无法读取Excel文件：不是有效的 .xlsx 文件（旧版 .xls 请在Excel中另存为 .xlsx）');
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buf), {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let sheet: Sheet | null = null;
  try {
    for await (const ws of reader) {
      // The data sheet is the first visible one in tab order; the template's 说明 sheet is skipped.
      const order = ((reader as unknown as { model?: { sheets?: SheetInfo[] } }).model?.sheets ?? [])
        .filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden' && s.name !== '说明');
      const info = ws as unknown as SheetInfo;
      if (sheet || info.name === '说明' || (order.length && info.name !== order[0].name)) {
        // Skipped sheets are still read to the end: exceljs may be streaming one from a temp file
        // that it deletes as soon as we move on, and an unread stream would then fail to open.
        for await (const _row of ws) void _row;
        continue;
      }
      sheet = await readWorksheet(ws, opts);
    }
  } catch (e) {
    if (e instanceof SheetError) throw e;
    throw new SheetError('无法读取Excel文件，请确认文件完整、未加密，并且是 .xlsx 格式');
  }
  if (!sheet) throw new SheetError('Excel文件中没有可导入的工作表');
  return sheet;
}

async function readWorksheet(ws: AsyncIterable<ExcelJS.Row>, opts: ParseOptions): Promise<Sheet> {
  let header: string[] | null = null;
  const rows: SheetRow[] = [];
  for await (const r of ws) {
    const values = r.values as unknown[];
    const cells: string[] = [];
    let lossy: number[] | undefined;
    for (let c = 1; c < values.length; c++) {
      const t = cellText(values[c]);
      cells[c - 1] = t.text;
      if (t.lossy) (lossy ??= []).push(c - 1);
    }
    for (let c = 0; c < cells.length; c++) cells[c] ??= '';
    if (r.number === 1) {
      header = cells;
      continue;
    }
    if (cells.every((c) => c === '')) continue;
    if (rows.length >= opts.maxRows) throw tooMany(opts.maxRows);
    rows.push(lossy ? { row: r.number, cells, lossy } : { row: r.number, cells });
    if (rows.length % 5000 === 0) opts.onProgress?.(rows.length);
  }
  opts.onProgress?.(rows.length);
  return { header: header ?? [], rows };
}
