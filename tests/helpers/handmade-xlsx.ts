import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Zip files and .xlsx workbooks written byte by byte, so tests can make what no spreadsheet
 * program would: entries that inflate to gigabytes, sizes that lie, odd XML.
 */
export interface ZipPart {
  name: string;
  /** The entry's content; deflated here unless `deflated` is given. */
  data?: Buffer | string;
  /** Raw-deflate bytes to store as they are (with `size`, the size they inflate to). */
  deflated?: Buffer;
  size?: number;
  /** The uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
}

export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const data = p.data === undefined ? undefined : Buffer.from(p.data);
    const body = p.deflated ?? deflateRawSync(data ?? Buffer.alloc(0));
    const size = p.declaredSize ?? p.size ?? data?.length ?? 0;
    // Nothing on the reading side checks the CRC; a real one is written when it is cheap.
    const crc = data ? crc32(data) : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + body.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/**
 * Raw deflate of `prefix + fill × times + suffix`, made without ever holding the inflated bytes:
 * after a full flush a compressor starts afresh, so each repeat of `fill` compresses to the same
 * bytes, and those can simply be repeated. About 1 KB per MiB of one repeated byte.
 */
export function deflateRepeated(prefix: string, fill: Buffer, times: number, suffix: string) {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const head = deflateRawSync(Buffer.from(prefix), flush);
  const block = deflateRawSync(fill, flush);
  const tail = deflateRawSync(Buffer.from(suffix));
  return {
    deflated: Buffer.concat([head, ...Array<Buffer>(times).fill(block), tail]),
    size: Buffer.byteLength(prefix) + fill.length * times + Buffer.byteLength(suffix),
  };
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A cell: a string goes to the shared-string table, a number is written as one. */
export type HandmadeCell = string | number | null;

export interface HandmadeWorkbook {
  /** Rows of the one sheet, from row 1 (the header). */
  rows?: HandmadeCell[][];
  /** `<sheetData>` written as it is, instead of `rows`. */
  sheetData?: string;
  /** `<sst>` content written as it is, instead of the strings of `rows`. */
  sharedStrings?: string;
  /** Replaces the shared-strings part (to make it inflate hugely, or lie). */
  sharedStringsPart?: Omit<ZipPart, 'name'>;
  /** Replaces the sheet part. */
  sheetPart?: Omit<ZipPart, 'name'>;
  extraParts?: ZipPart[];
}

/** The column name of a 0-based index: 0 → A, 27 → AB. */
function col(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The smallest workbook Excel-compatible readers accept: one sheet, shared strings. */
export function buildXlsx(w: HandmadeWorkbook): Buffer {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sheetData =
    w.sheetData ??
    (w.rows ?? [])
      .map((cells, r) => {
        const xml = cells
          .map((v, c) => {
            const ref = `${col(c)}${r + 1}`;
            if (v === null) return '';
            if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
            if (!index.has(v)) index.set(v, strings.push(v) - 1);
            return `<c r="${ref}" t="s"><v>${index.get(v)}</v></c>`;
          })
          .join('');
        return `<row r="${r + 1}">${xml}</row>`;
      })
      .join('');
  const sst =
    w.sharedStrings ?? strings.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join('');
  return buildZip([
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`,
      ...w.sheetPart,
    },
    {
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${sst}</sst>`,
      ...w.sharedStringsPart,
    },
    ...(w.extraParts ?? []),
  ]);
}

/**
 * A workbook whose shared-string table is one string of `bytes` letters: a few hundred KB
 * compressed, whatever `bytes` is. `declaredSize` makes its headers lie about it.
 */
export function bombXlsx(bytes: number, declaredSize?: number): Buffer {
  const mib = 1024 * 1024;
  const part = deflateRepeated(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}"><si><t>`, Buffer.alloc(mib, 'A'), Math.ceil(bytes / mib), '</t></si></sst>',
  );
  return buildXlsx({
    rows: [['所属社区编码', '网格编码', '网格名称', '网格类型']],
    sharedStringsPart: { data: undefined, ...part, declaredSize },
  });
}
