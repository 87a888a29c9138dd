import { MAX_DATA_ROWS } from './import-templates.js';

/**
 * What a parsed sheet is, and the limits on it: plain rows of trimmed strings, numbered as the
 * user sees them in Excel (the header is row 1) so error reports can point at them.
 *
 * Everything an upload could make large is bounded (SHEET_LIMITS): a file past a limit is refused
 * with a SheetError saying which limit and what to do. The import parses in a separate process
 * (parse-in-worker.ts), so whatever slips past these limits still cannot take the API down.
 */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Indexes of cells holding a number of 16+ digits: Excel has already rounded it. */
  lossy?: number[];
}

export interface Sheet {
  header: string[];
  /** Non-empty data rows below the header (empty when they were handed to `onRows`). */
  rows: SheetRow[];
}

/**
 * IMPORT_TOO_LARGE: past a limit (or a file whose sizes lie); IMPORT_INVALID: unreadable.
 * Both are the user's to fix; the message says how.
 */
export type SheetErrorCode = 'IMPORT_TOO_LARGE' | 'IMPORT_INVALID';

/** The file cannot be read at all, or is past a limit; the message is for the user. */
export class SheetError extends Error {
  constructor(
    message: string,
    readonly code: SheetErrorCode = 'IMPORT_INVALID',
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const tooLarge = (message: string, details: Record<string, unknown> = {}) =>
  new SheetError(message, 'IMPORT_TOO_LARGE', details);

export interface SheetLimits {
  /** Non-empty data rows. */
  maxRows: number;
  /** Columns that may hold a value; empty cells further right are ignored. */
  maxColumns: number;
  /** Characters in one cell: Excel's own limit, and room for a grid's GeoJSON outline. */
  maxCellChars: number;
  /** Characters in all the cells kept, and in all of an xlsx's shared strings. */
  maxTextChars: number;
  /** Distinct strings in an xlsx's shared-string table. */
  maxSharedStrings: number;
  /** Bytes an xlsx inflates to: declared in its directory, and counted while inflating. */
  maxUnzippedBytes: number;
  /** Entries in an xlsx's zip directory. */
  maxEntries: number;
  /** Inflated / compressed size of one entry, for entries of `ratioCheckAbove` bytes or more. */
  maxRatio: number;
  ratioCheckAbove: number;
  /** Characters of one XML token (a text, a tag): bounds what the XML parser holds at once. */
  maxTokenChars: number;
}

const MB = 1024 * 1024;

export const SHEET_LIMITS: SheetLimits = {
  maxRows: MAX_DATA_ROWS,
  maxColumns: 100,
  maxCellChars: 32_767,
  maxTextChars: 32_000_000,
  maxSharedStrings: 2_000_000,
  // 200,000 rows as Excel or exceljs write them take 60–90 MB unzipped.
  maxUnzippedBytes: 128 * MB,
  maxEntries: 1_000,
  maxRatio: 100,
  ratioCheckAbove: 4 * MB,
  maxTokenChars: 256 * 1024,
};

export interface ParseOptions {
  maxRows: number;
  /** Tighter (or, in tests, looser) limits than SHEET_LIMITS. */
  limits?: Partial<Omit<SheetLimits, 'maxRows'>>;
  /** Called now and then with the number of rows read so far. */
  onProgress?: (rowsRead: number) => void;
  /** When given, rows are handed over in batches as they are read instead of being returned. */
  onRows?: (rows: SheetRow[]) => void;
}

/** "A" for column 0, "AB" for column 27: how Excel names columns, in messages. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const wan = (n: number) => (n >= 10_000 && n % 10_000 === 0 ? `${n / 10_000}万` : String(n));

const BATCH = 2_000;
const PROGRESS_EVERY = 5_000;

/** Collects rows, enforcing the row, column and text limits the same way for CSV and xlsx. */
export class RowCollector {
  header: string[] = [];
  #rows: SheetRow[] = [];
  #batch: SheetRow[] = [];
  #count = 0;
  #chars = 0;

  constructor(
    readonly limits: SheetLimits,
    private readonly opts: Pick<ParseOptions, 'onProgress' | 'onRows'>,
  ) {}

  /** Checks one cell's length; call it before keeping the text. */
  checkCell(row: number, col: number, text: string) {
    if (text.length > this.limits.maxCellChars) throw this.cellTooLong(row, col);
  }

  cellTooLong(row: number, col: number) {
    const max = this.limits.maxCellChars;
    return tooLarge(`第${row}行${columnName(col)}列的内容超过${max}个字符，请检查该单元格`, {
      limit: 'cellChars', max, row, column: columnName(col),
    });
  }

  /** Refuses a value further right than the last column allowed. */
  checkColumn(row: number, col: number) {
    const max = this.limits.maxColumns;
    if (col >= max) {
      throw tooLarge(`第${row}行在第${max}列（${columnName(max - 1)}列）之后还有内容，每行最多${max}列，请删除多余的列后再导入`, {
        limit: 'columns', max, row,
      });
    }
  }

  /** One row of trimmed cells (holes filled); row 1 is the header, empty rows are skipped. */
  add(row: number, cells: string[], lossy?: number[]) {
    if (row === 1) {
      this.header = cells;
      return;
    }
    let chars = 0;
    let empty = true;
    for (const c of cells) {
      chars += c.length;
      if (c !== '') empty = false;
    }
    if (empty) return;
    if (this.#count >= this.limits.maxRows) {
      throw tooLarge(`文件超过${this.limits.maxRows}行数据，请拆分为多个文件分批导入`, { limit: 'rows', max: this.limits.maxRows });
    }
    this.#chars += chars;
    if (this.#chars > this.limits.maxTextChars) throw textTooLarge(this.limits.maxTextChars);
    const r: SheetRow = lossy?.length ? { row, cells, lossy } : { row, cells };
    this.#count++;
    if (this.opts.onRows) {
      this.#batch.push(r);
      if (this.#batch.length >= BATCH) this.#flush();
    } else this.#rows.push(r);
    if (this.#count % PROGRESS_EVERY === 0) this.opts.onProgress?.(this.#count);
  }

  finish(): Sheet {
    this.#flush();
    this.opts.onProgress?.(this.#count);
    return { header: this.header, rows: this.#rows };
  }

  #flush() {
    if (!this.#batch.length) return;
    this.opts.onRows?.(this.#batch);
    this.#batch = [];
  }
}

export const textTooLarge = (max: number) =>
  tooLarge(`表格中的文字超过${wan(max)}字，请拆分为多个文件后再导入`, { limit: 'textChars', max });
