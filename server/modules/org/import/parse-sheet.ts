import { readXlsx } from './read-xlsx.js';
import {
  RowCollector, SHEET_LIMITS, SheetError, type ParseOptions, type Sheet, type SheetLimits,
} from './sheet-rows.js';

export { SHEET_LIMITS, SheetError, type ParseOptions, type Sheet, type SheetRow } from './sheet-rows.js';

/**
 * Reads an uploaded .xlsx or .csv into plain rows of trimmed strings, within SHEET_LIMITS. The
 * import runs this in a separate process (parse-in-worker.ts), never in the API's.
 */
export async function parseSheet(buf: Buffer, fileName: string, opts: ParseOptions): Promise<Sheet> {
  const limits: SheetLimits = { ...SHEET_LIMITS, ...opts.limits, maxRows: opts.maxRows };
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext !== 'csv' && ext !== 'xlsx') throw new SheetError('只支持 .xlsx 或 .csv 文件');
  const rows = new RowCollector(limits, opts);
  if (ext === 'csv') parseCsvFile(buf, rows);
  else await readXlsx(buf, limits, rows);
  return rows.finish();
}

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
 * Whether to keep field `col` of record `record` (both 0-based); it may also throw. Bounds a
 * record as it is read, since Excel may write a long tail of empty fields.
 */
export type CsvFieldCheck = (record: number, col: number, value: string) => boolean;

/**
 * RFC 4180: fields separated by commas, records by CRLF, LF or CR; a quoted field may hold
 * commas, doubled quotes and line breaks. A leading BOM is skipped. Lenient where Excel is:
 * a quote inside an unquoted field is kept as a character. A quote left open is an error,
 * because it would silently swallow the rest of the file. Records are yielded one by one, and
 * `keep` may drop fields (or throw) before they are stored.
 */
export function* csvRecords(text: string, keep?: CsvFieldCheck): Generator<string[]> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (i >= text.length) return;
  let record = 0;
  let row: string[] = [];
  let col = 0;
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      value = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new SheetError(`第${record + 1}行有未闭合的双引号，请检查该行`);
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
    if (!keep || keep(record, col, value)) row.push(value);
    col++;
    if (i >= text.length) {
      yield row;
      return;
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    yield row;
    record++;
    row = [];
    col = 0;
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (i >= text.length) return;
  }
}

export function parseCsv(text: string): string[][] {
  return [...csvRecords(text)];
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

function parseCsvFile(buf: Buffer, rows: RowCollector) {
  const keep: CsvFieldCheck = (record, col, value) => {
    rows.checkCell(record + 1, col, value);
    if (col < rows.limits.maxColumns) return true;
    if (value.trim() !== '') rows.checkColumn(record + 1, col);
    return false;
  };
  let record = 0;
  for (const fields of csvRecords(decodeCsv(buf), keep)) {
    rows.add(++record, fields.map(csvCell));
  }
}
