import type { GridType } from '../../../database.js';
import { GRID_TYPE_NAMES } from '../org-kinds.js';

/**
 * What each import file holds, column by column. The downloadable templates are generated from
 * these definitions and uploaded files are read against them, so the two cannot drift apart.
 */
export const IMPORT_KINDS = ['divisions', 'grids', 'buildings', 'households'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ColumnType =
  | 'code' // digits only; Excel must keep it as text
  | 'text'
  | 'choice' // one of `choices`
  | 'count' // whole number
  | 'area' // decimal ≥ 0
  | 'geojson';

export interface ImportColumn<K extends string = string> {
  key: K;
  /** The header cell, exactly as the template writes it. */
  header: string;
  required: boolean;
  type: ColumnType;
  choices?: readonly string[];
  maxLength?: number;
  /** Explanation shown on the template's 说明 sheet. */
  note: string;
  example: string;
  /** Column width in the xlsx template (characters). */
  width: number;
}

export interface ImportTemplate<K extends string = string> {
  kind: ImportKind;
  /** What the file imports, for file names and messages. */
  title: string;
  sheetName: string;
  columns: readonly ImportColumn<K>[];
}

/** The values of one data row, by column key. */
export type RowOf<T extends ImportTemplate> = Record<T['columns'][number]['key'], string>;

const template = <const K extends string>(t: ImportTemplate<K>) => t;

export const MAX_DATA_ROWS = 200_000;
export const MAX_NAME_LENGTH = 60;
/** A building's units get codes `<building code><2-digit sequence>`. */
export const MAX_UNITS_PER_BUILDING = 99;

export const DIVISION_KIND_WORDS = { 街道: 'street', 乡镇: 'street', 社区: 'community' } as const;
export const GRID_TYPE_WORDS = Object.fromEntries(
  Object.entries(GRID_TYPE_NAMES).map(([k, v]) => [v, k]),
) as Record<string, GridType>;
export const HOUSEHOLD_KIND_WORDS = { 住宅: 'residence', 商铺: 'merchant', 空置: 'vacant' } as const;

const EXAMPLE_POLYGON =
  '{"type":"Polygon","coordinates":[[[111.134,37.517],[111.139,37.517],[111.139,37.521],[111.134,37.521],[111.134,37.517]]]}';

export const DIVISIONS = template({
  kind: 'divisions',
  title: '街道社区',
  sheetName: '街道社区',
  columns: [
    {
      key: 'parentCode', header: '上级编码', required: true, type: 'code', width: 16, example: '141102001',
      note: '街道/乡镇填所属县(市、区)的编码；社区填所属街道/乡镇的编码。上级须已在系统中且在您的管辖范围内，或是本文件中排在前面的行',
    },
    {
      key: 'kind', header: '类型', required: true, type: 'choice', choices: Object.keys(DIVISION_KIND_WORDS), width: 10,
      example: '社区', note: '街道、乡镇或社区',
    },
    {
      key: 'code', header: '编码', required: true, type: 'code', width: 16, example: '141102001001',
      note: '街道/乡镇：9位或12位数字，以县级区划代码开头（GB/T 2260，如141102001）；社区：12位数字，前9位与所属街道相同（如141102001001）',
    },
    {
      key: 'name', header: '名称', required: true, type: 'text', maxLength: MAX_NAME_LENGTH, width: 20, example: '龙凤社区',
      note: `不超过${MAX_NAME_LENGTH}个字`,
    },
  ],
});

export const GRIDS = template({
  kind: 'grids',
  title: '网格',
  sheetName: '网格',
  columns: [
    {
      key: 'communityCode', header: '所属社区编码', required: true, type: 'code', width: 16, example: '141102001001',
      note: '系统中已有、且在您管辖范围内的社区编码（12位）',
    },
    {
      key: 'code', header: '网格编码', required: true, type: 'code', width: 24, example: '10000014110200100101',
      note: '20位数字（CJ/T 349）：对象代码6位+区划代码6位+街道3位+社区3位+网格序号2位；第7–18位应与所属社区编码相同',
    },
    {
      key: 'name', header: '网格名称', required: true, type: 'text', maxLength: MAX_NAME_LENGTH, width: 20, example: '龙凤小区网格',
      note: `不超过${MAX_NAME_LENGTH}个字`,
    },
    {
      key: 'gridType', header: '网格类型', required: true, type: 'choice', choices: Object.keys(GRID_TYPE_WORDS), width: 12,
      example: '封闭小区', note: '封闭小区（封闭管理小区单独成格）、散居片区（按300–500户划分）或商圈园区',
    },
    {
      key: 'geometry', header: '轮廓GeoJSON', required: false, type: 'geojson', width: 40, example: EXAMPLE_POLYGON,
      note: '网格轮廓，GeoJSON的Polygon或MultiPolygon几何对象，坐标为[经度,纬度]，环首尾坐标相同',
    },
  ],
});

export const BUILDINGS = template({
  kind: 'buildings',
  title: '楼栋',
  sheetName: '楼栋',
  columns: [
    {
      key: 'gridCode', header: '所属网格编码', required: true, type: 'code', width: 24, example: '10000014110200100101',
      note: '系统中已有、且在您管辖范围内的网格编码（20位）',
    },
    {
      key: 'code', header: '楼栋编码', required: true, type: 'code', width: 26, example: '1000001411020010010101',
      note: '6–22位数字，建议为网格编码+2位楼栋序号',
    },
    {
      key: 'name', header: '楼栋名称', required: true, type: 'text', maxLength: MAX_NAME_LENGTH, width: 14, example: '1号楼',
      note: `不超过${MAX_NAME_LENGTH}个字`,
    },
    {
      key: 'unitCount', header: '单元数', required: true, type: 'count', width: 10, example: '3',
      note: `1–${MAX_UNITS_PER_BUILDING}的整数。系统自动建立“1单元”“2单元”……，单元编码为楼栋编码+2位序号（如楼栋编码后加01）`,
    },
  ],
});

export const HOUSEHOLDS = template({
  kind: 'households',
  title: '住户',
  sheetName: '住户',
  columns: [
    {
      key: 'unitCode', header: '所属单元编码', required: true, type: 'code', width: 28, example: '100000141102001001010101',
      note: '系统中已有、且在您管辖范围内的单元编码（楼栋编码+2位单元序号）',
    },
    {
      key: 'room', header: '房号', required: true, type: 'text', maxLength: 20, width: 10, example: '101',
      note: '同一单元内不能重复，不超过20个字',
    },
    {
      key: 'address', header: '地址', required: true, type: 'text', maxLength: 200, width: 36, example: '离石区龙凤小区1号楼1单元101',
      note: '不超过200个字',
    },
    {
      key: 'area', header: '面积(㎡)', required: false, type: 'area', width: 10, example: '89.5',
      note: '建筑面积，单位平方米，不小于0；超过两位的小数四舍五入',
    },
    {
      key: 'kind', header: '类型', required: false, type: 'choice', choices: Object.keys(HOUSEHOLD_KIND_WORDS), width: 10,
      example: '住宅', note: '住宅、商铺或空置；不填按住宅',
    },
  ],
});

export const IMPORT_TEMPLATES = {
  divisions: DIVISIONS,
  grids: GRIDS,
  buildings: BUILDINGS,
  households: HOUSEHOLDS,
} as const satisfies Record<ImportKind, ImportTemplate>;

/** Rules that apply to every kind, printed on the 说明 sheet. */
export const GENERAL_NOTES = [
  '第1行是列名，请勿修改或删除；从第2行起每行一条记录。第2行是示例，导入前请删除或改成真实数据。',
  '导入顺序：街道社区 → 网格 → 楼栋 → 住户。上级必须已在系统中且在您的管辖范围内（街道社区文件中，社区的上级街道也可以写在本文件前面的行）。',
  '整个文件先全部校验：只要有一处错误就不写入任何数据，并逐条列出行号、列名和原因；改正后重新上传整个文件即可。',
  '编码列已设为文本格式，请保持文本格式，避免Excel把长编码变成科学计数法而丢失数字。',
  `每个文件最多${MAX_DATA_ROWS}行数据、50MB，超出请拆分为多个文件。`,
  '也可以上传CSV文件：第1行为同样的列名，用UTF-8编码保存（Excel中选择“CSV UTF-8(逗号分隔)”）。',
];

/** Header text compared loosely: spaces, a leading '*' and full-width brackets don't matter. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/^\*+/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/m2|m²|平方米/gi, '㎡');
}
