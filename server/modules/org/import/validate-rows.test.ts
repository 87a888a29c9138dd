import { describe, expect, it } from 'vitest';
import { IMPORT_TEMPLATES, type ImportKind } from './import-templates.js';
import type { Sheet } from './parse-sheet.js';
import {
  MAX_REPORTED_ERRORS, parseGeometry, referencedCodes, roomKey, validateRows, type ExistingUnit, type KnownData,
} from './validate-rows.js';

// A county in scope with one street, community, grid and unit; and a street of another county.
const units: ExistingUnit[] = [
  { id: 2, code: '141102', kind: 'county', name: '离石区', path: '1.2.', countyCode: '141102' },
  { id: 3, code: '141102001', kind: 'street', name: '滨河街道', path: '1.2.3.', countyCode: '141102' },
  { id: 4, code: '141102001001', kind: 'community', name: '龙凤社区', path: '1.2.3.4.', countyCode: '141102' },
  { id: 5, code: '10000014110200100101', kind: 'grid', name: '龙凤小区网格', path: '1.2.3.4.5.', countyCode: '141102' },
  { id: 7, code: '100000141102001001010101', kind: 'unit', name: '1单元', path: '1.2.3.4.5.6.7.', countyCode: '141102' },
  { id: 9, code: '141181001', kind: 'street', name: '新义街道', path: '1.8.9.', countyCode: '141181' },
];

function known(extra: Partial<KnownData> = {}): KnownData {
  return { scopePath: '1.2.', unitsByCode: new Map(units.map((u) => [u.code, u])), takenRooms: new Set(), ...extra };
}

/** A sheet with the template's header; data rows start at row 2. */
function sheet(kind: ImportKind, rows: string[][]): Sheet {
  return {
    header: IMPORT_TEMPLATES[kind].columns.map((c) => c.header),
    rows: rows.map((cells, i) => ({ row: i + 2, cells })),
  };
}

const errorsOf = (kind: ImportKind, rows: string[][], k = known()) =>
  validateRows(kind, sheet(kind, rows), k).errors.map((e) => `${e.row}|${e.column}|${e.message}`);

describe('validateRows: divisions', () => {
  it('should plan streets under a county and communities under existing or earlier streets', () => {
    const r = validateRows('divisions', sheet('divisions', [
      ['141102', '街道', '141102008', '新城街道'],
      ['141102008', '社区', '141102008001', '新城一社区'],
      ['141102001', '社区', '141102001002', '滨河二社区'],
    ]), known());
    expect(r.errorCount).toBe(0);
    expect(r.units).toEqual([
      { row: 2, kind: 'street', code: '141102008', name: '新城街道', gridType: null, geometry: null, parent: { existingId: 2 } },
      { row: 3, kind: 'community', code: '141102008001', name: '新城一社区', gridType: null, geometry: null, parent: { planned: 0 } },
      { row: 4, kind: 'community', code: '141102001002', name: '滨河二社区', gridType: null, geometry: null, parent: { existingId: 3 } },
    ]);
  });

  it('should report every bad row with its row number, column and reason, and plan nothing', () => {
    const r = validateRows('divisions', sheet('divisions', [
      ['141102', '街道', '141102008', '新城街道'], // 2 fine
      ['141102008', '社区', '141102008001', '新城一社区'], // 3 fine
      ['141102999', '社区', '141102999001', '无主社区'], // 4 unknown parent
      ['141102008', '居委会', '141102008002', '二社区'], // 5 bad kind
      ['141102008', '社区', '141102008001', '重复社区'], // 6 duplicate of row 3
      ['141102008', '社区', '', ''], // 7 empty required cells
    ]), known());
    expect(r.units).toEqual([]);
    expect(r.errorCount).toBe(5);
    expect(r.errors.map((e) => `${e.row}|${e.column}|${e.message}`)).toEqual([
      '4|上级编码|上级编码141102999不存在或不在您的管辖范围内',
      '5|类型|应为街道、乡镇、社区之一，而不是“居委会”',
      '6|编码|编码141102008001与第3行重复',
      '7|编码|必填，不能为空',
      '7|名称|必填，不能为空',
    ]);
  });

  it('should not accept a parent outside the scope, and say so without telling it exists', () => {
    expect(errorsOf('divisions', [['141181001', '社区', '141181001009', '外县社区']])).toEqual([
      '2|上级编码|上级编码141181001不存在或不在您的管辖范围内',
    ]);
  });

  it('should refuse a parent of the wrong kind', () => {
    expect(errorsOf('divisions', [['141102', '社区', '141102001009', '社区']])).toEqual([
      '2|上级编码|上级编码141102是县(市、区)“离石区”，社区的上级应为街道/乡镇',
    ]);
    expect(errorsOf('divisions', [
      ['141102', '街道', '141102008', '新城街道'],
      ['141102008', '街道', '141102009', '错挂街道'],
    ])).toEqual(['3|上级编码|上级编码141102008是第2行的街道/乡镇，街道/乡镇的上级应为县(市、区)']);
  });

  it('should tell when a parent comes later in the file', () => {
    expect(errorsOf('divisions', [
      ['141102008', '社区', '141102008001', '新城一社区'],
      ['141102', '街道', '141102008', '新城街道'],
    ])).toEqual(['2|上级编码|上级编码141102008在第3行，上级应排在下级之前']);
  });

  it('should check code formats against the parent', () => {
    expect(errorsOf('divisions', [
      ['141102', '街道', '14110200', '短编码'],
      ['141102', '乡镇', '141181100', '外县编码'],
      ['141102001', '社区', '141102002001', '前缀不符'],
      ['141102001', '社区', '14110200100A', '字母'],
    ])).toEqual([
      '2|编码|街道/乡镇编码应为9位或12位数字（县级区划代码6位+3位，可再加000）',
      '3|编码|街道/乡镇编码应以所属县(市、区)的区划代码141102开头',
      '4|编码|社区编码前9位应与所属街道/乡镇编码141102001相同',
      '5|编码|编码只能由数字组成，“14110200100A”中有其他字符',
    ]);
  });

  it('should refuse a code already used by a live unit', () => {
    expect(errorsOf('divisions', [
      ['141102', '街道', '141102001', '滨河街道'],
      ['141102', '街道', '141181001', '新义街道'],
    ])).toEqual([
      '2|编码|编码141102001已被街道/乡镇“滨河街道”使用',
      '3|编码|街道/乡镇编码应以所属县(市、区)的区划代码141102开头',
      '3|编码|编码141181001已被其他组织使用',
    ]);
  });

  it('should require the header columns and report them on row 1', () => {
    const r = validateRows('divisions', { header: ['上级编码', '名称'], rows: [{ row: 2, cells: ['1', '2'] }] }, known());
    expect(r.errors).toEqual([
      { row: 1, column: '类型', message: '缺少“类型”列，请使用下载的导入模板' },
      { row: 1, column: '编码', message: '缺少“编码”列，请使用下载的导入模板' },
    ]);
  });

  it('should accept headers with spaces, a leading * and full-width brackets, in any order', () => {
    const r = validateRows('divisions', {
      header: ['名称', '*编码 ', '类型', '上级编码', '备注'],
      rows: [{ row: 2, cells: ['新城街道', '141102008', '街道', '141102', '随便写'] }],
    }, known());
    expect(r.errorCount).toBe(0);
    expect(r.units[0]).toMatchObject({ code: '141102008', name: '新城街道', kind: 'street' });
  });

  it('should refuse a file without data rows', () => {
    expect(errorsOf('divisions', [])).toEqual(['2|null|文件中没有数据行：请从第2行起填写']);
  });

  it('should explain codes that Excel turned into rounded numbers', () => {
    const s = sheet('grids', [['141102001001', '1.00000141102001E+19', '网格', '封闭小区', '']]);
    const lossy: Sheet = { header: s.header, rows: [{ row: 2, cells: ['141102001001', '10000014110200100000', '网格', '封闭小区'], lossy: [1] }] };
    for (const x of [s, lossy]) {
      expect(validateRows('grids', x, known()).errors).toEqual([
        { row: 2, column: '网格编码', message: expect.stringContaining('已被Excel改写') },
      ]);
    }
  });

  it('should count every error but keep only the first 1000', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => ['999', '社区', String(141102001100 + i), `社区${i}`]);
    const r = validateRows('divisions', sheet('divisions', rows), known());
    expect(r.errorCount).toBe(1500);
    expect(r.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(r.errors[999].row).toBe(1001);
  });
});

describe('validateRows: grids', () => {
  const square = '{"type":"Polygon","coordinates":[[[111.1,37.5],[111.2,37.5],[111.2,37.6],[111.1,37.5]]]}';

  it('should plan grids with their type and outline', () => {
    const r = validateRows('grids', sheet('grids', [
      ['141102001001', '10000014110200100102', '二网格', '散居片区', square],
      ['141102001001', '10000014110200100103', '三网格', '商圈园区', ''],
    ]), known());
    expect(r.errorCount).toBe(0);
    expect(r.units.map((u) => [u.code, u.gridType, (u.geometry as { type?: string } | null)?.type ?? null, u.parent])).toEqual([
      ['10000014110200100102', 'scattered', 'Polygon', { existingId: 4 }],
      ['10000014110200100103', 'business', null, { existingId: 4 }],
    ]);
  });

  it('should check the 20-digit code against the community, the grid type and the outline', () => {
    expect(errorsOf('grids', [
      ['141102001001', '1000001411020010010', '短', '封闭小区', ''],
      ['141102001001', '10000014110200200101', '错社区', '封闭小区', ''],
      ['141102001001', '10000014110200100109', '错类型', '小区', ''],
      ['141102001001', '10000014110200100110', '坏轮廓', '封闭小区', '{"type":"Polygon"'],
      ['10000014110200100101', '10000014110200100111', '挂错', '封闭小区', ''],
    ])).toEqual([
      '2|网格编码|网格编码应为20位数字（对象代码6位+区划代码6位+街道3位+社区3位+网格序号2位）',
      '3|网格编码|网格编码第7–18位应为所属社区编码141102001001',
      '4|网格类型|应为封闭小区、散居片区、商圈园区之一，而不是“小区”',
      '5|轮廓GeoJSON|不是有效的JSON，请检查括号、逗号和引号（须为英文半角）',
      '6|所属社区编码|上级编码10000014110200100101是网格“龙凤小区网格”，网格的上级应为社区',
    ]);
  });
});

describe('parseGeometry', () => {
  it('should accept Polygon, MultiPolygon and a Feature holding one', () => {
    const ring = [[111.1, 37.5], [111.2, 37.5], [111.2, 37.6], [111.1, 37.5]];
    expect(parseGeometry(JSON.stringify({ type: 'Polygon', coordinates: [ring] }))).toEqual({ geometry: { type: 'Polygon', coordinates: [ring] } });
    expect(parseGeometry(JSON.stringify({ type: 'MultiPolygon', coordinates: [[ring], [ring]] }))).toHaveProperty('geometry');
    expect(parseGeometry(JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } })))
      .toEqual({ geometry: { type: 'Polygon', coordinates: [ring] } });
  });

  it('should say what is wrong with other shapes', () => {
    const problem = (g: unknown) => (parseGeometry(JSON.stringify(g)) as { problem?: string }).problem;
    expect(problem({ type: 'Point', coordinates: [111, 37] })).toBe('几何类型应为Polygon或MultiPolygon，而不是Point');
    expect(problem({ type: 'Polygon', coordinates: [[[111, 37], [112, 37], [111, 37]]] })).toMatch(/至少需要4个坐标点/);
    expect(problem({ type: 'Polygon', coordinates: [[[111, 37], [112, 37], [112, 38], [111, 38]]] })).toMatch(/首尾坐标应相同/);
    expect(problem({ type: 'Polygon', coordinates: [[[37, 111], [37, 112], [38, 112], [37, 111]]] })).toMatch(/纬度在±90/);
    expect(problem([1, 2])).toMatch(/GeoJSON几何对象/);
  });
});

describe('validateRows: buildings', () => {
  it('should plan each building with its units 1..n, coded building code + 2 digits', () => {
    const r = validateRows('buildings', sheet('buildings', [['10000014110200100101', '1000001411020010010102', '2号楼', '2']]), known());
    expect(r.errorCount).toBe(0);
    expect(r.units.map((u) => [u.kind, u.code, u.name, u.parent])).toEqual([
      ['building', '1000001411020010010102', '2号楼', { existingId: 5 }],
      ['unit', '100000141102001001010201', '1单元', { planned: 0 }],
      ['unit', '100000141102001001010202', '2单元', { planned: 0 }],
    ]);
  });

  it('should refuse unit counts outside 1–99 and generated unit codes that are taken', () => {
    expect(errorsOf('buildings', [
      ['10000014110200100101', '1000001411020010010103', '3号楼', '0'],
      ['10000014110200100101', '1000001411020010010104', '4号楼', '100'],
      ['10000014110200100101', '1000001411020010010101', '1号楼', '1'],
      ['10000014110200100101', '141102001099', '5号楼', '1'],
      ['10000014110200100101', '14110200109901', '6号楼', '1'],
    ])).toEqual([
      '2|单元数|应为1–99的整数',
      '3|单元数|应为1–99的整数',
      '4|楼栋编码|按楼栋编码生成的单元编码100000141102001001010101已被单元“1单元”使用',
      '6|楼栋编码|编码14110200109901与第5行重复',
    ]);
  });

  it('should look up parents, new codes and generated unit codes together', () => {
    const codes = referencedCodes('buildings', sheet('buildings', [['10000014110200100101', '10000014110200100199', '楼', '2']]));
    expect([...codes].sort()).toEqual(['10000014110200100101', '10000014110200100199', '1000001411020010019901', '1000001411020010019902']);
  });
});

describe('validateRows: households', () => {
  const unit = '100000141102001001010101';

  it('should plan households with area and kind, defaulting to residence', () => {
    const r = validateRows('households', sheet('households', [
      [unit, '101', '龙凤小区1号楼1单元101', '89.456', '商铺'],
      [unit, '102', '龙凤小区1号楼1单元102', '', ''],
    ]), known());
    expect(r.errorCount).toBe(0);
    expect(r.households).toEqual([
      { row: 2, unitId: 7, room: '101', address: '龙凤小区1号楼1单元101', areaM2: 89.46, kind: 'merchant' },
      { row: 3, unitId: 7, room: '102', address: '龙凤小区1号楼1单元102', areaM2: null, kind: 'residence' },
    ]);
  });

  it('should refuse rooms taken in the unit or repeated in the file, and bad areas', () => {
    expect(errorsOf('households', [
      [unit, '101', '地址', '', ''],
      [unit, '102', '地址', '', ''],
      [unit, '102', '地址', '-5', ''],
      [unit, '103', '地址', '八十', '门面'],
      ['10000014110200100101', '104', '地址', '', ''],
    ], known({ takenRooms: new Set([roomKey(7, '101')]) }))).toEqual([
      '2|房号|该单元已有房号101的住户',
      '4|面积(㎡)|应为不小于0的数字（单位平方米，如89.5）',
      '4|房号|房号102与第3行重复（同一单元）',
      '5|面积(㎡)|应为不小于0的数字（单位平方米，如89.5）',
      '5|类型|应为住宅、商铺、空置之一，而不是“门面”',
      '6|所属单元编码|上级编码10000014110200100101是网格“龙凤小区网格”，住户的上级应为单元',
    ]);
  });
});
