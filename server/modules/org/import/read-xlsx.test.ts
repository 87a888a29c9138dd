import { describe, expect, it } from 'vitest';
import { bombXlsx, buildXlsx, buildZip, deflateRepeated } from '../../../../tests/helpers/handmade-xlsx.js';
import { parseSheet, type ParseOptions } from './parse-sheet.js';
import { openXlsx } from './read-xlsx.js';
import { SHEET_LIMITS } from './sheet-rows.js';

const MB = 1024 * 1024;
const parse = (buf: Buffer, opts: Partial<ParseOptions> = {}) => parseSheet(buf, 'x.xlsx', { maxRows: 100, ...opts });
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e, 'should have been refused').toBeTruthy();
  return e as { code: string; message: string; details: Record<string, unknown> };
};

describe('reading an .xlsx within limits', () => {
  it('should read shared strings, inline strings, numbers, booleans, errors and formula results', async () => {
    const xlsx = buildXlsx({
      sharedStrings:
        '<si><t>编码</t></si><si><r><t>名</t></r><r><rPr><b/></rPr><t xml:space="preserve">称 </t></r><rPh sb="0" eb="1"><t>ming</t></rPh></si>',
      sheetData:
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
        '<row r="3" spans="1:6"><c r="A3"><v>141102001001</v></c><c r="B3" t="inlineStr"><is><t> 龙凤 &amp; 社区 </t></is></c>' +
        '<c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c><c r="E3" t="str"><f>A3&amp;""</f><v>141102001001</v></c>' +
        '<c r="F3"><f>1/0</f></c></row>' +
        '<row r="4"><c r="B4" s="1"/><c r="C4"><v>10000014110200100000</v></c></row>' +
        '<row r="5"><c r="A5" s="2"/></row>',
    });
    expect(await parse(xlsx)).toEqual({
      header: ['编码', '名称'],
      rows: [
        { row: 3, cells: ['141102001001', '龙凤 & 社区', 'TRUE', '#N/A', '141102001001'] },
        { row: 4, cells: ['', '', '10000014110200100000'], lossy: [2] },
      ],
    });
  });

  it('should read parts whose elements carry a namespace prefix', async () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const xlsx = buildXlsx({
      rows: [['a']],
      sheetPart: { data: `<x:worksheet xmlns:x="${ns}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>头</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="B2"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>` },
    });
    expect(await parse(xlsx)).toEqual({ header: ['头'], rows: [{ row: 2, cells: ['', '7'] }] });
  });

  it('should refuse a directory that declares more than the unzipped limit, before inflating anything', async () => {
    const e = await refusal(openXlsx(bombXlsx(1024 * MB), SHEET_LIMITS));
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', message: '表格解压后超过128MB，请拆分为多个文件后再导入', details: { limit: 'unzippedBytes' } });
  });

  it('should refuse an entry packed far tighter than a spreadsheet packs', async () => {
    const tight = bombXlsx(8 * MB); // one repeated letter: about 1000:1
    const e = await refusal(parse(tight));
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'ratio' } });
    expect(e.message).toContain('压缩比异常');
    // Below the size where the ratio is looked at, the same packing is read (and the part's text checked).
    expect((await refusal(parse(bombXlsx(2 * MB)))).details).toMatchObject({ limit: 'tokenChars' });
  });

  it('should refuse an entry that inflates past the size its headers declare', async () => {
    const e = await refusal(parse(bombXlsx(1024 * MB, 2_000)));
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'declaredSize' } });
    expect(e.message).toContain('解压后的大小与文件中记录的不符');
    // The same for a part that is small in truth but declares less still.
    const sheet = `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    const lying = buildXlsx({ rows: [], sheetPart: { data: sheet, declaredSize: 10 } });
    expect(await refusal(parse(lying))).toMatchObject({ details: { limit: 'declaredSize' } });
  });

  it('should refuse too many entries, duplicate entries and encrypted or legacy files', async () => {
    const many = buildXlsx({ rows: [['a']], extraParts: Array.from({ length: 20 }, (_, i) => ({ name: `junk/${i}.xml`, data: 'x' })) });
    expect(await refusal(parse(many, { limits: { maxEntries: 10 } }))).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'entries' } });
    const twice = buildXlsx({ rows: [['a']], extraParts: [{ name: 'xl/workbook.xml', data: '<workbook/>' }] });
    expect(await refusal(parse(twice))).toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringContaining('重名') });
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    expect(await refusal(parse(ole))).toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringContaining('已加密') });
    expect(await refusal(parse(buildZip([{ name: 'a.txt', data: 'hi' }])))).toMatchObject({ code: 'IMPORT_INVALID' });
  });

  it('should refuse more data rows than the limit', async () => {
    const rows = [['名称'], ...Array.from({ length: 5 }, (_, i) => [`社区${i}`])];
    expect(await parse(buildXlsx({ rows }), { maxRows: 5 })).toMatchObject({ rows: { length: 5 } });
    expect(await refusal(parse(buildXlsx({ rows }), { maxRows: 4 }))).toMatchObject({
      code: 'IMPORT_TOO_LARGE', message: '文件超过4行数据，请拆分为多个文件分批导入',
    });
  });

  it('should refuse an over-long cell, naming it, and an over-long XML token while it streams', async () => {
    const long = 'x'.repeat(SHEET_LIMITS.maxCellChars + 1);
    const shared = await refusal(parse(buildXlsx({ rows: [['名称'], ['ok'], [long]] })));
    expect(shared).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'cellChars' } });
    const inline = await refusal(parse(buildXlsx({
      sheetData: `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="C2" t="inlineStr"><is><t>${long}</t></is></c></row>`,
    })));
    expect(inline).toMatchObject({ message: '第2行C列的内容超过32767个字符，请检查该单元格', details: { row: 2, column: 'C' } });
    const token = await refusal(parse(buildXlsx({ sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>${'y'.repeat(300_000)}</t></is></c></row>` })));
    expect(token).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'tokenChars' } });
  });

  it('should refuse values past the last column but ignore empty cells there', async () => {
    const far = (cell: string) => `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c>${cell}</row>`;
    expect((await parse(buildXlsx({ sheetData: far('<c r="XFD2" s="1"/>') }))).rows).toEqual([{ row: 2, cells: ['2'] }]);
    const e = await refusal(parse(buildXlsx({ sheetData: far('<c r="XFD2" t="inlineStr"><is><t>x</t></is></c>') })));
    expect(e).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'columns', max: 100, row: 2 } });
  });

  it('should refuse too many shared strings and too much text', async () => {
    const rows = [['名称'], ['a'], ['b'], ['c'], ['d']];
    expect(await refusal(parse(buildXlsx({ rows }), { limits: { maxSharedStrings: 4 } }))).toMatchObject({ details: { limit: 'sharedStrings' } });
    expect(await refusal(parse(buildXlsx({ rows: [['名称'], ['abc'], ['abc'], ['abc']] }), { limits: { maxTextChars: 8 } })))
      .toMatchObject({ message: expect.stringContaining('表格中的文字超过8字'), details: { limit: 'textChars' } });
  });

  it('should make a bomb of about a kilobyte per inflated megabyte', () => {
    const { deflated, size } = deflateRepeated('<a>', Buffer.alloc(MB, 'A'), 64, '</a>');
    expect(size).toBe(64 * MB + 7);
    expect(deflated.length).toBeLessThan(100_000);
  });
});
