import type { Selectable } from 'kysely';
import type { GridType, HouseholdTable, OrgKind } from '../../../database.js';
import { ORG_KIND_NAMES, parentKindOf } from '../org-kinds.js';
import {
  DIVISION_KIND_WORDS, GRID_TYPE_WORDS, HOUSEHOLD_KIND_WORDS, IMPORT_TEMPLATES, MAX_UNITS_PER_BUILDING, normalizeHeader,
  type BUILDINGS, type DIVISIONS, type GRIDS, type HOUSEHOLDS, type ImportKind, type ImportTemplate, type RowOf,
} from './import-templates.js';
import { ID_NUMBER_MESSAGES, isMobile, parseIdNumber } from '../../../platform/pii/id-number.js';
import type { Sheet, SheetRow } from './parse-sheet.js';
import { MAX_GRADE } from '../../workforce/index.js';

/**
 * The rules of an import file, without any I/O: given the rows and what the database already
 * holds (looked up beforehand by the codes the file mentions), either every bad cell with its
 * row, column and reason, or the plan of what to insert.
 */

export interface RowError {
  /** The row number as Excel shows it; the header is row 1. */
  row: number;
  /** The column header, or null when the problem is the whole row or file. */
  column: string | null;
  message: string;
}

export interface ExistingUnit {
  id: number;
  code: string;
  kind: OrgKind;
  name: string;
  path: string;
  countyCode: string;
}

export interface KnownData {
  /** The caller's scope: parents must lie inside it. */
  scopePath: string;
  /** Live org units with a code the file mentions, inside the scope or not. */
  unitsByCode: ReadonlyMap<string, ExistingUnit>;
  /** Rooms already taken, as `roomKey(unitId, room)`, in the units the file mentions. */
  takenRooms: ReadonlySet<string>;
}

export const roomKey = (unitId: number | string, room: string) => `${unitId}\u0000${room}`;

export type ParentRef = { existingId: number } | { planned: number };
type HouseholdKind = Selectable<HouseholdTable>['kind'];

export interface PlannedUnit {
  row: number;
  kind: OrgKind;
  code: string;
  name: string;
  gridType: GridType | null;
  geometry: unknown;
  /** An existing unit, or an earlier entry of the plan. */
  parent: ParentRef;
}

export interface PlannedHousehold {
  row: number;
  unitId: number;
  room: string;
  address: string;
  areaM2: number | null;
  kind: HouseholdKind;
}

export interface ValidationResult {
  /** The first MAX_REPORTED_ERRORS errors, in row order. */
  errors: RowError[];
  errorCount: number;
  /** Every error's text by row (for the error report); empty when there are none. */
  errorsByRow: ReadonlyMap<number, string[]>;
  units: PlannedUnit[];
  households: PlannedHousehold[];
}

export const MAX_REPORTED_ERRORS = 1000;
/** A buildings file may create at most this many units in all. */
export const MAX_UNITS_PER_FILE = 1_000_000;

const CODE_LOSSY =
  '数字超过15位已被Excel改写（显示为科学计数法或末尾变成0），请把该列设为“文本”格式后重新输入编码';
const SCIENTIFIC = /^\d+(\.\d+)?e\+?\d+$/i;
const ID_LOSSY = '身份证号被Excel当作数字改写了（显示为科学计数法或末尾变成0），请把该列设为“文本”格式后重新输入';

/** A 三岗十八级 grade cell ('3' or '3级'), or null when it is none. */
export function gradeOf(value: string): number | null {
  const m = /^(\d{1,2})级?$/.exec(value);
  const n = m ? Number(m[1]) : 0;
  return n >= 1 && n <= MAX_GRADE ? n : null;
}

/** A date cell as the database takes it (the check in cellProblem has passed). */
export function isoDate(value: string): string {
  const [y, m, d] = value.split(/[-/.]/);
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

export class ErrorList {
  readonly list: RowError[] = [];
  /** Every error's text by row, for the downloadable error report (not capped). */
  readonly byRow = new Map<number, string[]>();
  count = 0;
  add(row: number, column: string | null, message: string) {
    this.count++;
    if (this.list.length < MAX_REPORTED_ERRORS) this.list.push({ row, column, message });
    const text = column ? `${column}：${message}` : message;
    const seen = this.byRow.get(row);
    if (seen) seen.push(text);
    else this.byRow.set(row, [text]);
  }
}

/** Header positions by column key; a missing required column is an error on row 1. */
export function mapColumns(t: ImportTemplate, header: string[]) {
  const errors: RowError[] = [];
  const positions = new Map<string, number>();
  const normalized = header.map(normalizeHeader);
  if (normalized.every((h) => h === '')) {
    errors.push({ row: 1, column: null, message: '第1行应为列名，请使用下载的导入模板' });
    return { positions, errors };
  }
  for (const c of t.columns) {
    const i = normalized.indexOf(normalizeHeader(c.header));
    if (i >= 0) positions.set(c.key, i);
    else if (c.required) errors.push({ row: 1, column: c.header, message: `缺少“${c.header}”列，请使用下载的导入模板` });
  }
  return { positions, errors };
}

/**
 * The columns of a sheet, and each column's header by key; null after recording in `errors`
 * why no row can be read (a missing required column, or no data rows at all).
 */
export function readHeader(t: ImportTemplate, sheet: Sheet, errors: ErrorList) {
  const { positions, errors: headerErrors } = mapColumns(t, sheet.header);
  for (const e of headerErrors) errors.add(e.row, e.column, e.message);
  if (headerErrors.length) return null;
  if (sheet.rows.length === 0) {
    errors.add(2, null, '文件中没有数据行：请从第2行起填写');
    return null;
  }
  return { positions, header: Object.fromEntries(t.columns.map((c) => [c.key, c.header])) };
}

/** A row's values, and `fail`: an error on one of its cells (the cell is then bad) or on the whole row. */
export function rowCheck(t: ImportTemplate, positions: Map<string, number>, header: Record<string, string>, errors: ErrorList, r: SheetRow) {
  const { v, lossy } = valuesOf(t, positions, r);
  const bad = new Set<string>();
  const fail = (key: string | null, message: string) => {
    errors.add(r.row, key ? header[key] : null, message);
    if (key) bad.add(key);
  };
  return { v, lossy, bad, fail };
}

export function valuesOf(t: ImportTemplate, positions: Map<string, number>, r: SheetRow) {
  const v: Record<string, string> = {};
  const lossy: Record<string, boolean> = {};
  for (const c of t.columns) {
    const i = positions.get(c.key);
    v[c.key] = i === undefined ? '' : (r.cells[i] ?? '');
    lossy[c.key] = i !== undefined && !!r.lossy?.includes(i);
  }
  return { v, lossy };
}

const unitCode = (buildingCode: string, seq: number) => `${buildingCode}${String(seq).padStart(2, '0')}`;

/** Every code the file mentions (parents, new codes, generated unit codes), to look up at once. */
export function referencedCodes(kind: ImportKind, sheet: Sheet): Set<string> {
  const t = IMPORT_TEMPLATES[kind];
  const { positions, errors } = mapColumns(t, sheet.header);
  const codes = new Set<string>();
  if (errors.length) return codes;
  const codeKeys = t.columns.filter((c) => c.type === 'code').map((c) => positions.get(c.key));
  const countAt = kind === 'buildings' ? positions.get('unitCount') : undefined;
  const buildingAt = kind === 'buildings' ? positions.get('code') : undefined;
  for (const r of sheet.rows) {
    for (const i of codeKeys) {
      const s = i === undefined ? '' : r.cells[i];
      if (s && /^\d+$/.test(s)) codes.add(s);
    }
    if (countAt !== undefined && buildingAt !== undefined) {
      const b = r.cells[buildingAt];
      const n = Number(r.cells[countAt]);
      if (b && /^\d+$/.test(b) && Number.isInteger(n) && n >= 1 && n <= MAX_UNITS_PER_BUILDING) {
        for (let s = 1; s <= n; s++) codes.add(unitCode(b, s));
      }
    }
  }
  return codes;
}

// ---------------------------------------------------------------------------------------------
// GeoJSON

const isPosition = (p: unknown) =>
  Array.isArray(p) && p.length >= 2 && p.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
  Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90;

function polygonProblem(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return 'Polygon的coordinates应为至少一个环';
  for (const ring of rings) {
    if (!Array.isArray(ring) || ring.length < 4) return '每个环至少需要4个坐标点（首尾相同）';
    if (!ring.every(isPosition)) return '坐标应为[经度,纬度]数字，经度在±180、纬度在±90之内';
    const [a, z] = [ring[0] as number[], ring[ring.length - 1] as number[]];
    if (a[0] !== z[0] || a[1] !== z[1]) return '每个环的首尾坐标应相同（闭合）';
  }
  return null;
}

/** A Polygon or MultiPolygon geometry (a Feature holding one is unwrapped). */
export function parseGeometry(text: string): { geometry: { type: string; coordinates: unknown } } | { problem: string } {
  let g: unknown;
  try {
    g = JSON.parse(text);
  } catch {
    return { problem: '不是有效的JSON，请检查括号、逗号和引号（须为英文半角）' };
  }
  if (g && typeof g === 'object' && (g as { type?: unknown }).type === 'Feature') g = (g as { geometry?: unknown }).geometry;
  if (!g || typeof g !== 'object' || Array.isArray(g)) return { problem: '应为GeoJSON几何对象，如{"type":"Polygon","coordinates":[...]}' };
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') {
    const p = polygonProblem(coordinates);
    return p ? { problem: p } : { geometry: { type, coordinates } };
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) return { problem: 'MultiPolygon的coordinates应为至少一个多边形' };
    for (const poly of coordinates) {
      const p = polygonProblem(poly);
      if (p) return { problem: p };
    }
    return { geometry: { type, coordinates } };
  }
  return { problem: `几何类型应为Polygon或MultiPolygon，而不是${typeof type === 'string' ? type : '空'}` };
}

// ---------------------------------------------------------------------------------------------
// Rows

/** Checks one cell against its column definition; returns the problem, if any. */
export function cellProblem(c: ImportTemplate['columns'][number], value: string, lossy: boolean, today = ''): string | null {
  if (value === '') return c.required ? '必填，不能为空' : null;
  switch (c.type) {
    case 'code':
      if (lossy || SCIENTIFIC.test(value)) return CODE_LOSSY;
      return /^\d+$/.test(value) ? null : `编码只能由数字组成，“${value}”中有其他字符`;
    case 'text':
      return c.maxLength && [...value].length > c.maxLength ? `不能超过${c.maxLength}个字` : null;
    case 'choice':
      return c.choices!.includes(value) ? null : `应为${c.choices!.join('、')}之一，而不是“${value}”`;
    case 'count': {
      const n = Number(value);
      return /^\d+$/.test(value) && n >= 1 && n <= MAX_UNITS_PER_BUILDING ? null : `应为1–${MAX_UNITS_PER_BUILDING}的整数`;
    }
    case 'area': {
      const n = Number(value);
      return /^\d+(\.\d+)?$/.test(value) && Math.round(n * 100) < 1e10 ? null : '应为不小于0的数字（单位平方米，如89.5）';
    }
    case 'geojson':
      return null; // checked with its value below
    case 'id_number': {
      if (lossy || SCIENTIFIC.test(value)) return ID_LOSSY;
      const p = parseIdNumber(value);
      return 'problem' in p ? ID_NUMBER_MESSAGES[p.problem] : null;
    }
    case 'phone':
      if (lossy || SCIENTIFIC.test(value)) return '手机号被Excel改写成了数字格式，请把该列设为“文本”格式后重新输入';
      return isMobile(value) ? null : '手机号应为11位，以1开头';
    case 'grade':
      return gradeOf(value) === null ? `应为1–${MAX_GRADE}的整数（三岗十八级）` : null;
    case 'date': {
      const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
      const d = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3]) || Number(m[1]) < 1900) {
        return '日期应为年-月-日，如1990-07-01';
      }
      return today && d.toISOString().slice(0, 10) > today ? '日期不能晚于今天' : null;
    }
  }
}

interface FileUnit {
  row: number;
  kind: OrgKind | undefined;
  /** Index in the plan, when the row itself was valid. */
  planned: number | undefined;
}

/**
 * Validates row by row, yielding the number of rows checked every so often so that a caller can
 * report progress and let other work run; the return value is the result.
 */
export function* validationSteps(kind: ImportKind, sheet: Sheet, known: KnownData): Generator<number, ValidationResult> {
  const t = IMPORT_TEMPLATES[kind] as ImportTemplate;
  const errors = new ErrorList();
  const units: PlannedUnit[] = [];
  const households: PlannedHousehold[] = [];
  // With any error nothing is written, so no plan is returned either.
  const result = () =>
    errors.count
      ? { errors: errors.list, errorCount: errors.count, errorsByRow: errors.byRow, units: [], households: [] }
      : { errors: [], errorCount: 0, errorsByRow: errors.byRow, units, households };

  const columns = readHeader(t, sheet, errors);
  if (!columns) return result();
  const { positions, header } = columns;
  const fileUnits = new Map<string, FileUnit>();
  const fileRooms = new Map<string, number>();
  // Where each code is first declared, to tell "parent missing" from "parent comes later".
  const declaredAt = new Map<string, number>();
  if (kind === 'divisions') {
    const at = positions.get('code')!;
    for (const r of sheet.rows) if (r.cells[at] && !declaredAt.has(r.cells[at])) declaredAt.set(r.cells[at], r.row);
  }
  let unitTotal = 0;

  for (let i = 0; i < sheet.rows.length; i++) {
    const r = sheet.rows[i];
    const before = errors.count;
    const { v, lossy, bad, fail } = rowCheck(t, positions, header, errors, r);
    for (const c of t.columns) {
      const p = cellProblem(c, v[c.key], lossy[c.key]);
      if (p) fail(c.key, p);
    }
    const ok = (key: string) => !bad.has(key) && v[key] !== '';

    /** Claims a new code for this row; duplicates in the file or in the database are errors. */
    const claim = (code: string, key: string, unitKind: OrgKind | undefined, generated = false): boolean => {
      const what = generated ? `按楼栋编码生成的单元编码${code}` : `编码${code}`;
      const inFile = fileUnits.get(code);
      if (inFile) {
        fail(key, `${what}与第${inFile.row}行重复`);
        return false;
      }
      fileUnits.set(code, { row: r.row, kind: unitKind, planned: undefined });
      const existing = known.unitsByCode.get(code);
      if (existing) {
        const inScope = existing.path.startsWith(known.scopePath);
        fail(key, inScope ? `${what}已被${ORG_KIND_NAMES[existing.kind]}“${existing.name}”使用` : `${what}已被其他组织使用`);
        return false;
      }
      return true;
    };

    /** Finds the parent by code: earlier in this file, or in the database inside the scope. */
    type Parent = { ref: ParentRef | undefined; code: string; countyCode?: string };
    const parentOf = (key: string, childName: string, expected: OrgKind): Parent | null => {
      const code = v[key];
      const inFile = fileUnits.get(code);
      if (inFile) {
        if (inFile.kind && inFile.kind !== expected) {
          fail(key, `上级编码${code}是第${inFile.row}行的${ORG_KIND_NAMES[inFile.kind]}，${childName}的上级应为${ORG_KIND_NAMES[expected]}`);
          return null;
        }
        return { ref: inFile.planned === undefined ? undefined : { planned: inFile.planned }, code };
      }
      const u = known.unitsByCode.get(code);
      if (u && u.path.startsWith(known.scopePath)) {
        if (u.kind !== expected) {
          fail(key, `上级编码${code}是${ORG_KIND_NAMES[u.kind]}“${u.name}”，${childName}的上级应为${ORG_KIND_NAMES[expected]}`);
          return null;
        }
        return { ref: { existingId: u.id }, code, countyCode: u.countyCode };
      }
      const later = declaredAt.get(code);
      if (later !== undefined && later > r.row) {
        fail(key, `上级编码${code}在第${later}行，上级应排在下级之前`);
      } else {
        fail(key, `上级编码${code}不存在或不在您的管辖范围内`);
      }
      return null;
    };

    const planUnit = (u: Omit<PlannedUnit, 'parent'>, parent: ParentRef | undefined) => {
      const entry = fileUnits.get(u.code)!;
      if (errors.count > before || !parent) return;
      entry.planned = units.length;
      units.push({ ...u, parent });
    };

    switch (kind) {
      case 'divisions': {
        const row = v as RowOf<typeof DIVISIONS>;
        const unitKind = ok('kind') ? DIVISION_KIND_WORDS[row.kind as keyof typeof DIVISION_KIND_WORDS] : undefined;
        let parent: Parent | null = null;
        if (unitKind && ok('parentCode')) parent = parentOf('parentCode', ORG_KIND_NAMES[unitKind], parentKindOf(unitKind)!);
        if (ok('code')) {
          if (unitKind === 'street') {
            if (!/^\d{9}(\d{3})?$/.test(row.code)) fail('code', '街道/乡镇编码应为9位或12位数字（县级区划代码6位+3位，可再加000）');
            else if (parent?.countyCode && !row.code.startsWith(parent.countyCode)) {
              fail('code', `街道/乡镇编码应以所属县(市、区)的区划代码${parent.countyCode}开头`);
            }
          } else if (unitKind === 'community') {
            if (!/^\d{12}$/.test(row.code)) fail('code', '社区编码应为12位数字（所属街道9位+3位）');
            else if (parent && /^\d{9}(\d{3})?$/.test(parent.code) && row.code.slice(0, 9) !== parent.code.slice(0, 9)) {
              fail('code', `社区编码前9位应与所属街道/乡镇编码${parent.code.slice(0, 9)}相同`);
            }
          }
          if (claim(row.code, 'code', unitKind) && unitKind) {
            planUnit({ row: r.row, kind: unitKind, code: row.code, name: row.name, gridType: null, geometry: null }, parent?.ref);
          }
        }
        break;
      }
      case 'grids': {
        const row = v as RowOf<typeof GRIDS>;
        const parent = ok('communityCode') ? parentOf('communityCode', '网格', 'community') : null;
        let geometry: unknown = null;
        if (row.geometry) {
          const g = parseGeometry(row.geometry);
          if ('problem' in g) fail('geometry', g.problem);
          else geometry = g.geometry;
        }
        if (ok('code')) {
          if (!/^\d{20}$/.test(row.code)) {
            fail('code', '网格编码应为20位数字（对象代码6位+区划代码6位+街道3位+社区3位+网格序号2位）');
          } else if (parent && /^\d{12}$/.test(parent.code) && row.code.slice(6, 18) !== parent.code) {
            fail('code', `网格编码第7–18位应为所属社区编码${parent.code}`);
          }
          if (claim(row.code, 'code', 'grid')) {
            planUnit({ row: r.row, kind: 'grid', code: row.code, name: row.name, gridType: GRID_TYPE_WORDS[row.gridType] ?? null, geometry }, parent?.ref);
          }
        }
        break;
      }
      case 'buildings': {
        const row = v as RowOf<typeof BUILDINGS>;
        const parent = ok('gridCode') ? parentOf('gridCode', '楼栋', 'grid') : null;
        if (!ok('code')) break;
        if (!/^\d{6,22}$/.test(row.code)) {
          fail('code', '楼栋编码应为6–22位数字（建议为网格编码+2位序号）');
          break;
        }
        if (!claim(row.code, 'code', 'building') || !ok('unitCount')) break;
        const n = Number(row.unitCount);
        unitTotal += n;
        if (unitTotal > MAX_UNITS_PER_FILE && unitTotal - n <= MAX_UNITS_PER_FILE) {
          fail('unitCount', `单元总数超过${MAX_UNITS_PER_FILE}，请拆分为多个文件分批导入`);
        }
        for (let s = 1; s <= n; s++) if (!claim(unitCode(row.code, s), 'code', 'unit', true)) break;
        planUnit({ row: r.row, kind: 'building', code: row.code, name: row.name, gridType: null, geometry: null }, parent?.ref);
        const b = fileUnits.get(row.code)!.planned;
        if (b === undefined) break;
        for (let s = 1; s <= n; s++) {
          const code = unitCode(row.code, s);
          planUnit({ row: r.row, kind: 'unit', code, name: `${s}单元`, gridType: null, geometry: null }, { planned: b });
        }
        break;
      }
      case 'households': {
        const row = v as RowOf<typeof HOUSEHOLDS>;
        const parent = ok('unitCode') ? parentOf('unitCode', '住户', 'unit') : null;
        if (!parent?.ref || !('existingId' in parent.ref) || !ok('room')) break;
        const unitId = parent.ref.existingId;
        const inFile = fileRooms.get(roomKey(unitId, row.room));
        if (inFile !== undefined) {
          fail('room', `房号${row.room}与第${inFile}行重复（同一单元）`);
          break;
        }
        fileRooms.set(roomKey(unitId, row.room), r.row);
        if (known.takenRooms.has(roomKey(unitId, row.room))) {
          fail('room', `该单元已有房号${row.room}的住户`);
          break;
        }
        if (errors.count > before) break;
        households.push({
          row: r.row, unitId, room: row.room, address: row.address,
          areaM2: row.area === '' ? null : Math.round(Number(row.area) * 100) / 100,
          kind: row.kind === '' ? 'residence' : HOUSEHOLD_KIND_WORDS[row.kind as keyof typeof HOUSEHOLD_KIND_WORDS],
        });
        break;
      }
    }
    if (i % 2000 === 1999) yield i + 1;
  }
  return result();
}

/** Runs a validation's steps (which yield progress) to the end and returns its result. */
export function runToEnd<T>(steps: Generator<number, T>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** Runs every step at once: for tests and small files. */
export function validateRows(kind: ImportKind, sheet: Sheet, known: KnownData): ValidationResult {
  return runToEnd(validationSteps(kind, sheet, known));
}
