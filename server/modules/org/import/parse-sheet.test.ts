import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS, IMPORT_TEMPLATES } from './import-templates.js';
import { SheetError, decodeCsv, parseCsv, parseSheet } from './parse-sheet.js';
import { csvField, renderCsvTemplate, renderXlsxTemplate } from './render-template.js';

describe('parseCsv', () => {
  it('should split fields on commas and records on CRLF, LF and CR', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,5,6\r7,8,9')).toEqual([
      ['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9'],
    ]);
  });

  it('should not add an empty record for a trailing line break', () => {
    expect(parseCsv('a,b\r\n')).toEqual([['a', 'b']]);
    expect(parseCsv('a,b\n')).toEqual([['a', 'b']]);
  });

  it('should keep empty lines as empty records so row numbers match Excel', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('should read quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('名称,轮廓\r\n"龙凤, 小区","{""type"":""Polygon""}"\r\n"第一行\r\n第二行",x')).toEqual([
      ['名称', '轮廓'],
      ['龙凤, 小区', '{"type":"Polygon"}'],
      ['第一行\r\n第二行', 'x'],
    ]);
  });

  it('should keep empty fields, quoted or not', () => {
    expect(parseCsv('a,,""\n,b,')).toEqual([['a', '', ''], ['', 'b', '']]);
  });

  it('should skip a byte-order mark', () => {
    expect(parseCsv('\uFEFF上级编码,类型\n1,2')).toEqual([['上级编码', '类型'], ['1', '2']]);
  });

  it('should keep a quote inside an unquoted field as a character', () => {
    expect(parseCsv('5"楼,a')).toEqual([['5"楼', 'a']]);
  });

  it('should refuse a quote left open, naming the record', () => {
    expect(() => parseCsv('a,b\n"open,c\nd,e')).toThrow(/第2行有未闭合的双引号/);
  });

  it('should return nothing for an empty file', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('should read back what csvField writes', () => {
    const values = ['plain', 'with,comma', 'with "quote"', 'two\nlines', ''];
    expect(parseCsv(values.map(csvField).join(','))).toEqual([values]);
  });
});

describe('decodeCsv', () => {
  it('should refuse GBK and UTF-16 with a hint to save as UTF-8', () => {
    const gbk = Buffer.from([0xc9, 0xe7, 0xc7, 0xf8]); // 社区 in GBK
    expect(() => decodeCsv(gbk)).toThrow(/不是UTF-8编码/);
    expect(() => decodeCsv(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toThrow(/UTF-16/);
    expect(decodeCsv(Buffer.from('社区', 'utf8'))).toBe('社区');
  });
});

describe('parseSheet', () => {
  it('should number rows as Excel does and skip empty ones', async () => {
    const csv = Buffer.from('\uFEFF上级编码,类型,编码,名称\r\n 141102001 ,社区,="141102001001",龙凤社区\r\n,,,\r\n\r\n141102001,社区,141102001002,凤山社区\r\n');
    const sheet = await parseSheet(csv, '模板.CSV', { maxRows: 10 });
    expect(sheet.header).toEqual(['上级编码', '类型', '编码', '名称']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['141102001', '社区', '141102001001', '龙凤社区'] },
      { row: 5, cells: ['141102001', '社区', '141102001002', '凤山社区'] },
    ]);
  });

  it('should refuse more data rows than the limit', async () => {
    const csv = Buffer.from('a\n1\n2\n3\n');
    await expect(parseSheet(csv, 'x.csv', { maxRows: 2 })).rejects.toThrow(/超过2行数据/);
  });

  it('should refuse a CSV cell longer than an Excel cell, naming its row and column', async () => {
    const csv = Buffer.from(`名称,轮廓\n龙凤社区,${'1'.repeat(32_767)}\n凤山社区,${'1'.repeat(32_768)}\n`);
    await expect(parseSheet(csv, 'x.csv', { maxRows: 10 })).rejects.toMatchObject({
      code: 'IMPORT_TOO_LARGE', message: '第3行B列的内容超过32767个字符，请检查该单元格',
    });
  });

  it('should refuse CSV values past the last column but drop a tail of empty fields', async () => {
    const tail = ','.repeat(5_000);
    const sheet = await parseSheet(Buffer.from(`a,b${tail}\n1,2${tail}\n`), 'x.csv', { maxRows: 10 });
    expect(sheet.rows).toEqual([{ row: 2, cells: ['1', '2', ...Array(98).fill('')] }]);
    await expect(parseSheet(Buffer.from(`a\n1${','.repeat(100)}x\n`), 'x.csv', { maxRows: 10 })).rejects.toMatchObject({
      code: 'IMPORT_TOO_LARGE', details: { limit: 'columns', row: 2 },
    });
  });

  it('should refuse other file types and files that are not xlsx inside', async () => {
    await expect(parseSheet(Buffer.from('x'), 'x.xls', { maxRows: 2 })).rejects.toBeInstanceOf(SheetError);
    await expect(parseSheet(Buffer.from('a,b\n1,2'), 'x.xlsx', { maxRows: 2 })).rejects.toThrow(/不是有效的 .xlsx/);
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    await expect(parseSheet(broken, 'x.xlsx', { maxRows: 2 })).rejects.toBeInstanceOf(SheetError);
  });

  it('should read every template back as its header and example row', async () => {
    for (const kind of IMPORT_KINDS) {
      const t = IMPORT_TEMPLATES[kind];
      const expected = { header: t.columns.map((c) => c.header), rows: [{ row: 2, cells: t.columns.map((c) => c.example) }] };
      expect(await parseSheet(await renderXlsxTemplate(kind), `${kind}.xlsx`, { maxRows: 10 })).toEqual(expected);
      expect(await parseSheet(renderCsvTemplate(kind), `${kind}.csv`, { maxRows: 10 })).toEqual(expected);
    }
  });

  it('should read the first visible sheet, whatever its name, and turn cell types into text', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['这不是数据']);
    const ws = wb.addWorksheet('我的数据');
    ws.addRow(['所属单元编码', '房号', '地址', '面积(㎡)', '类型']);
    ws.addRow([
      { richText: [{ text: '1000001411' }, { text: '02001001010101' }] }, 101, '地址', { formula: '80+9.5', result: 89.5 }, '住宅',
    ]);
    ws.addRow([10000014110200100000, 0.1 + 0.2, null, null, null]);
    ws.addRow([]);
    ws.getRow(6).getCell(2).value = '602';
    const sheet = await parseSheet(Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx', { maxRows: 10 });
    expect(sheet.header).toEqual(['所属单元编码', '房号', '地址', '面积(㎡)', '类型']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['100000141102001001010101', '101', '地址', '89.5', '住宅'] },
      { row: 3, cells: ['10000014110200100000', '0.3'], lossy: [0] },
      { row: 6, cells: ['', '602'] },
    ]);
  });
});
