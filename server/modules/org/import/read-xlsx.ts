import path from 'node:path';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { RowCollector, SheetError, textTooLarge, tooLarge, type SheetLimits } from './sheet-rows.js';

/**
 * Reads the first data sheet of an .xlsx with every size bounded. An xlsx is a zip of XML parts:
 * yauzl reads the zip's central directory (sizes, methods, encryption) without inflating
 * anything, and opens single entries as streams; saxes parses each part as it inflates. Only
 * four parts are read (workbook, its relationships, the shared strings, the data sheet), in the
 * order needed, so nothing is spooled to disk. exceljs's streaming reader is not used here: it
 * caches every shared string however large, and trusts the sizes a zip declares.
 */

const MB = 1024 * 1024;
const UNREADABLE = '无法读取Excel文件，请确认文件完整、未加密，并且是 .xlsx 格式';
const NOT_XLSX = '无法读取Excel文件：不是有效的 .xlsx 文件（旧版 .xls 请在Excel中另存为 .xlsx）';
const ENCRYPTED = '无法读取Excel文件：文件已加密，或是旧版 .xls 文件。请取消密码保护，在Excel中另存为 .xlsx 后再导入';
const NO_SHEET = 'Excel文件中没有可导入的工作表';
const RESAVE = '请在Excel中打开后另存为 .xlsx 再导入';
/** Sheets and relationships a workbook may list: real ones have a handful. */
const MAX_SHEETS = 1_000;
const MAX_RELATIONSHIPS = 10_000;
/** Text handed to the XML parser at once. */
const FEED = 64 * 1024;

const unzippedTooLarge = (max: number) =>
  tooLarge(`表格解压后超过${Math.floor(max / MB)}MB，请拆分为多个文件后再导入`, { limit: 'unzippedBytes', max });

export interface XlsxDirectory {
  zip: ZipFile;
  entries: Map<string, Entry>;
}

/**
 * Reads the zip's directory only, and refuses a file whose declared sizes break the limits:
 * too many entries, too many bytes once inflated, or an entry packed far tighter than any
 * spreadsheet packs. Cheap and bounded: an upload is checked with it before a job is created.
 */
export async function openXlsx(buf: Buffer, limits: SheetLimits): Promise<XlsxDirectory> {
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0xe011cfd0) throw new SheetError(ENCRYPTED); // OLE: .xls, or encrypted
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw new SheetError(NOT_XLSX);
  let zip: ZipFile;
  try {
    // readXml holds each entry to its declared size itself, and says so in the user's words.
    zip = await yauzl.fromBufferPromise(buf, { validateEntrySizes: false, decodeStrings: true, strictFileNames: false });
  } catch {
    throw new SheetError(UNREADABLE);
  }
  if (zip.entryCount > limits.maxEntries) {
    throw tooLarge(`表格文件中有${zip.entryCount}个条目，超过${limits.maxEntries}个，不像Excel保存的文件，${RESAVE}`, {
      limit: 'entries', max: limits.maxEntries,
    });
  }
  const entries = new Map<string, Entry>();
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entries.has(entry.fileName)) throw new SheetError(`表格文件中有重名的条目，文件可能已损坏或被改动，${RESAVE}`);
      if (entry.isEncrypted()) throw new SheetError(ENCRYPTED);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new SheetError(UNREADABLE);
      declared += entry.uncompressedSize;
      if (declared > limits.maxUnzippedBytes) throw unzippedTooLarge(limits.maxUnzippedBytes);
      if (entry.uncompressedSize >= limits.ratioCheckAbove && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
        throw tooLarge(`表格文件的压缩比异常（有内容解压后超过压缩时的${limits.maxRatio}倍），不像Excel保存的文件，${RESAVE}`, {
          limit: 'ratio', max: limits.maxRatio,
        });
      }
      entries.set(entry.fileName, entry);
    }
  } catch (e) {
    zip.close();
    if (e instanceof SheetError) throw e;
    throw new SheetError(UNREADABLE);
  }
  return { zip, entries };
}

export async function readXlsx(buf: Buffer, limits: SheetLimits, rows: RowCollector) {
  const dir = await openXlsx(buf, limits);
  const part = (name: string, h: XmlHandlers) => readXml(dir.zip, dir.entries.get(name)!, limits, h);
  try {
    if (!dir.entries.has('xl/workbook.xml')) throw new SheetError(UNREADABLE);
    const sheets = await readSheetList((h) => part('xl/workbook.xml', h));
    const rels = dir.entries.has('xl/_rels/workbook.xml.rels')
      ? await readRelationships((h) => part('xl/_rels/workbook.xml.rels', h))
      : [];

    // The data sheet is the first visible one in tab order; the template's 说明 sheet is skipped.
    const candidates = sheets.filter((s) => s.name !== '说明');
    const sheet = candidates.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? candidates[0];
    const target = sheet && rels.find((r) => r.id === sheet.rid)?.target;
    const sheetPath = target && partPath(target);
    if (!sheetPath || !dir.entries.has(sheetPath)) throw new SheetError(NO_SHEET);

    const sharedTarget = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
    const sharedPath = sharedTarget ? partPath(sharedTarget) : 'xl/sharedStrings.xml';
    const shared = dir.entries.has(sharedPath) ? await readSharedStrings((h) => part(sharedPath, h), limits) : [];
    await readWorksheet((h) => part(sheetPath, h), shared, rows);
  } finally {
    dir.zip.close();
  }
}

/** A relationship target, relative to xl/ unless absolute, as a zip entry name. */
function partPath(target: string): string {
  return path.posix.normalize(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
}

// ---------------------------------------------------------------------------------------------
// XML

interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

type ReadPart = (h: XmlHandlers) => Promise<void>;

/** Element and attribute names without their namespace prefix (`x:c` → `c`, `r:id` → `id`). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

const lies = () =>
  tooLarge(`表格文件解压后的大小与文件中记录的不符，文件可能已损坏或被改动，${RESAVE}`, { limit: 'declaredSize' });

/**
 * Inflates one entry as a stream into the XML parser. Inflated bytes are counted as they come
 * and reading stops past the entry's declared size, so the directory's total (checked by
 * openXlsx) bounds what is inflated, whatever the file claims. No single XML token (a text, a
 * tag) may grow past `maxTokenChars`, which bounds what the parser holds at once.
 */
async function readXml(zip: ZipFile, entry: Entry, limits: SheetLimits, h: XmlHandlers) {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  let pending = 0; // characters fed since the parser last completed a token
  const done = () => (pending = 0);
  parser.on('opentagstart', done);
  parser.on('opentag', (tag) => {
    pending = 0;
    h.open?.(local(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag) => {
    pending = 0;
    h.close?.(local(tag.name));
  });
  parser.on('text', (t) => {
    pending = 0;
    h.text?.(t);
  });
  parser.on('cdata', (t) => {
    pending = 0;
    h.text?.(t);
  });
  parser.on('comment', done);
  parser.on('processinginstruction', done);
  parser.on('doctype', done);

  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    throw new SheetError(UNREADABLE);
  }
  const decoder = new TextDecoder('utf-8');
  let inflated = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > entry.uncompressedSize) throw lies();
      for (let at = 0; at < chunk.length; at += FEED) {
        const text = decoder.decode(chunk.subarray(at, at + FEED), { stream: true });
        pending += text.length;
        parser.write(text);
        if (pending > limits.maxTokenChars) {
          throw tooLarge(`表格文件中有一段内容超过${limits.maxTokenChars}个字符（Excel单元格最多32767个字符），文件可能已损坏，${RESAVE}`, {
            limit: 'tokenChars', max: limits.maxTokenChars,
          });
        }
      }
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (e) {
    if (e instanceof SheetError) throw e;
    throw new SheetError(UNREADABLE);
  } finally {
    stream.destroy();
  }
}

interface SheetInfo {
  name: string;
  state: string;
  rid: string;
}

/** Attribute by local name, whatever its prefix (`r:id`). */
const attr = (attrs: Record<string, string>, name: string) =>
  Object.entries(attrs).find(([k]) => local(k) === name)?.[1] ?? '';

async function readSheetList(read: ReadPart): Promise<SheetInfo[]> {
  const sheets: SheetInfo[] = [];
  await read({
    open(name, attrs) {
      if (name !== 'sheet') return;
      if (sheets.length >= MAX_SHEETS) throw new SheetError(`Excel文件中的工作表超过${MAX_SHEETS}个，${RESAVE}`);
      sheets.push({ name: attrs.name ?? '', state: attrs.state ?? 'visible', rid: attr(attrs, 'id') });
    },
  });
  return sheets;
}

async function readRelationships(read: ReadPart) {
  const rels: { id: string; type: string; target: string }[] = [];
  await read({
    open(name, attrs) {
      if (name !== 'Relationship') return;
      if (rels.length >= MAX_RELATIONSHIPS) throw new SheetError(UNREADABLE);
      rels.push({ id: attrs.Id ?? '', type: attrs.Type ?? '', target: attrs.Target ?? '' });
    },
  });
  return rels;
}

/**
 * The shared-string table: each `<si>` is one string, the text of its `<t>` elements (rich text
 * has several), leaving out phonetic guides (`<rPh>`).
 */
async function readSharedStrings(read: ReadPart, limits: SheetLimits): Promise<string[]> {
  const strings: string[] = [];
  let chars = 0;
  let current: string | null = null;
  let inT = false;
  let inPhonetic = false;
  await read({
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't') inT = current !== null && !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    text(t) {
      if (!inT) return;
      current += t;
      if (current!.length > limits.maxCellChars) {
        throw tooLarge(`表格中有超过${limits.maxCellChars}个字符的单元格（Excel单元格最多32767个字符），文件可能已损坏，${RESAVE}`, {
          limit: 'cellChars', max: limits.maxCellChars,
        });
      }
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si' && current !== null) {
        if (strings.length >= limits.maxSharedStrings) {
          throw tooLarge(`表格中不同的文字超过${limits.maxSharedStrings}条，请拆分为多个文件后再导入`, {
            limit: 'sharedStrings', max: limits.maxSharedStrings,
          });
        }
        chars += current.length;
        if (chars > limits.maxTextChars) throw textTooLarge(limits.maxTextChars);
        strings.push(current);
        current = null;
      }
    },
  });
  return strings;
}

/** Column index (0-based) of a cell reference such as `AB12`; -1 when it is not one. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return i === 0 || i > 3 ? -1 : col - 1;
}

/** Excel keeps 15 significant digits: a number of 16 or more digits has lost some. */
const LOSSY_ABOVE = 1e15;

/** A cell's text by its type (`t`): shared string, inline string, formula text, boolean, error, date or number. */
function cellText(type: string, raw: string, shared: string[]): { text: string; lossy?: boolean } {
  const t = raw.trim();
  switch (type) {
    case 's':
      return { text: shared[Number(t)]?.trim() ?? '' };
    case 'inlineStr':
    case 'str':
    case 'e':
      return { text: t };
    case 'b':
      return { text: t === '' ? '' : t === '1' ? 'TRUE' : 'FALSE' };
    case 'd': {
      const d = new Date(t);
      return { text: Number.isNaN(d.getTime()) ? t : d.toISOString().slice(0, 10) };
    }
    default: {
      if (t === '') return { text: '' };
      const v = Number(t);
      if (!Number.isFinite(v)) return { text: '' };
      if (Math.abs(v) >= LOSSY_ABOVE) return { text: String(v), lossy: true };
      return { text: String(Number(v.toPrecision(15))) };
    }
  }
}

/**
 * Rows of `<sheetData>`: `<row r>` holds `<c r t>` cells whose value is `<v>` (or, for inline
 * strings, the `<t>` texts of `<is>`). A formula's value is its cached result.
 */
async function readWorksheet(read: ReadPart, shared: string[], rows: RowCollector) {
  let inData = false;
  let rowNumber = 0;
  let cells: string[] = [];
  let lossy: number[] | undefined;
  let col = -1;
  let type = '';
  let value = '';
  let inValue = false;
  let inInline = false;
  let inPhonetic = false;
  const maxChars = rows.limits.maxCellChars;
  await read({
    open(name, attrs) {
      if (name === 'sheetData') inData = true;
      if (!inData) return;
      switch (name) {
        case 'row': {
          const r = Number(attrs.r);
          rowNumber = Number.isSafeInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          lossy = undefined;
          col = -1;
          break;
        }
        case 'c': {
          const c = attrs.r ? columnOf(attrs.r) : -1;
          col = c >= 0 ? c : col + 1;
          type = attrs.t ?? 'n';
          value = '';
          break;
        }
        case 'v':
          inValue = true;
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          inValue = inInline && !inPhonetic;
          break;
      }
    },
    text(t) {
      if (!inValue) return;
      value += t;
      if (value.length > maxChars) throw rows.cellTooLong(rowNumber, col);
    },
    close(name) {
      if (!inData) return;
      switch (name) {
        case 'v':
        case 't':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c': {
          const cell = cellText(type, value, shared);
          value = '';
          if (cell.text === '') break;
          rows.checkColumn(rowNumber, col);
          rows.checkCell(rowNumber, col, cell.text);
          cells[col] = cell.text;
          if (cell.lossy) (lossy ??= []).push(col);
          break;
        }
        case 'row':
          for (let i = 0; i < cells.length; i++) cells[i] ??= '';
          rows.add(rowNumber, cells, lossy);
          cells = [];
          break;
        case 'sheetData':
          inData = false;
          break;
      }
    },
  });
}
