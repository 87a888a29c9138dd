import type { GridType } from '../../../database.js';
import { GRID_TYPE_NAMES } from '../org-kinds.js';
import { MAX_GRADE, POST_NAMES, POST_TYPE_NAMES } from '../../workforce/index.js';

/**
 * What each import file holds, column by column. The downloadable templates are generated from
 * these definitions and uploaded files are read against them, so the two cannot drift apart.
 */
export const IMPORT_KINDS = ['divisions', 'grids', 'buildings', 'households', 'residents', 'party_members', 'merchants', 'staff'] as const;
/** Kinds that import people rather than places (validate-people.ts). */
export const PEOPLE_KINDS = ['residents', 'party_members', 'merchants', 'staff'] as const;
export type PeopleKind = (typeof PEOPLE_KINDS)[number];
export const isPeopleKind = (k: ImportKind): k is PeopleKind => (PEOPLE_KINDS as readonly string[]).includes(k);
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ColumnType =
  | 'code' // digits only; Excel must keep it as text
  | 'text'
  | 'choice' // one of `choices`
  | 'count' // whole number
  | 'area' // decimal ≥ 0
  | 'geojson'
  | 'id_number' // GB 11643 citizen ID number; Excel must keep it as text
  | 'phone' // mainland mobile number
  | 'grade' // 1–18 on the 三岗十八级 scale, '5' or '5级'
  | 'date'; // YYYY-MM-DD

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

export const RELATION_WORDS = {
  户主: 'head', 配偶: 'spouse', 子女: 'child', 父母: 'parent', 其他成员: 'member', 租户: 'tenant',
} as const;
export const YES_NO_WORDS = { 是: true, 否: false } as const;
export const MEMBER_KIND_WORDS = {
  居民党员: 'resident', 退休党员: 'retired', 在职党员: 'in_service', 学生党员: 'student', 新就业群体党员: 'worker',
  社区工作者党员: 'community_worker',
} as const;
export const MAX_PERSON_NAME_LENGTH = 30;

const ID_NOTE =
  '18位公民身份号码（GB 11643），最后一位可为X；系统核对出生日期和校验位。性别和出生日期从身份证号读出，不必另填。请保持该列为文本格式';

export const RESIDENTS = template({
  kind: 'residents',
  title: '居民',
  sheetName: '居民',
  columns: [
    {
      key: 'buildingCode', header: '楼栋编码', required: true, type: 'code', width: 26, example: '1000001411020010010101',
      note: '系统中已有、且在您管辖范围内的楼栋编码',
    },
    {
      key: 'unit', header: '单元', required: true, type: 'text', maxLength: 20, width: 8, example: '1',
      note: '单元序号（如1）或单元名称（如1单元）',
    },
    {
      key: 'room', header: '房号', required: true, type: 'text', maxLength: 20, width: 8, example: '101',
      note: '该单元内住户的房号',
    },
    {
      key: 'newHousehold', header: '新建住户', required: false, type: 'choice', choices: Object.keys(YES_NO_WORDS), width: 10, example: '否',
      note: '该单元还没有这个房号的住户时：填“是”则新建住户（类型为住宅，地址为楼栋名称+单元名称+房号）；不填或填“否”则报错，以免房号写错而多出空户',
    },
    {
      key: 'name', header: '姓名', required: true, type: 'text', maxLength: MAX_PERSON_NAME_LENGTH, width: 10, example: '张三',
      note: `不超过${MAX_PERSON_NAME_LENGTH}个字`,
    },
    { key: 'idNumber', header: '身份证号', required: true, type: 'id_number', width: 22, example: '141102198001011235', note: `${ID_NOTE}。同一身份证号在文件中只能出现一次，且不能是已登记的居民` },
    {
      key: 'relation', header: '与户主关系', required: false, type: 'choice', choices: Object.keys(RELATION_WORDS), width: 12,
      example: '户主', note: '户主、配偶、子女、父母、其他成员或租户；不填按其他成员',
    },
    { key: 'phone', header: '手机号', required: false, type: 'phone', width: 14, example: '13800001234', note: '11位手机号，选填；加密保存' },
  ],
});

export const PARTY_MEMBERS = template({
  kind: 'party_members',
  title: '党员',
  sheetName: '党员',
  columns: [
    { key: 'idNumber', header: '身份证号', required: true, type: 'id_number', width: 22, example: '141102198001011235', note: `${ID_NOTE}。须是您管辖范围内已登记的居民（先导入居民），且尚未登记为党员` },
    {
      key: 'name', header: '姓名', required: true, type: 'text', maxLength: MAX_PERSON_NAME_LENGTH, width: 10, example: '张三',
      note: '须与居民登记的姓名一致（用于核对身份证号没有填错）',
    },
    {
      key: 'partyOrg', header: '所属党组织', required: true, type: 'text', maxLength: MAX_NAME_LENGTH, width: 24, example: '龙凤社区第一网格党支部',
      note: '您管辖范围内党组织的名称，或党组织页面上显示的编号；范围内有同名党组织时请填编号',
    },
    {
      key: 'memberKind', header: '党员类别', required: true, type: 'choice', choices: Object.keys(MEMBER_KIND_WORDS), width: 16,
      example: '退休党员', note: '居民党员、退休党员、在职党员、学生党员、新就业群体党员或社区工作者党员',
    },
    { key: 'joinedOn', header: '入党日期', required: true, type: 'date', width: 12, example: '1990-07-01', note: '格式为年-月-日，如1990-07-01，不能晚于今天' },
  ],
});

export const MERCHANTS = template({
  kind: 'merchants',
  title: '商户',
  sheetName: '商户',
  columns: [
    {
      key: 'orgCode', header: '所属网格或社区编码', required: true, type: 'code', width: 24, example: '10000014110200100101',
      note: '商户所在网格（20位）或社区（12位）的编码，须在您的管辖范围内',
    },
    {
      key: 'name', header: '商户名称', required: true, type: 'text', maxLength: MAX_NAME_LENGTH, width: 20, example: '龙凤便民超市',
      note: `不超过${MAX_NAME_LENGTH}个字；同一网格或社区内不能重名`,
    },
    { key: 'business', header: '经营范围', required: true, type: 'text', maxLength: 100, width: 16, example: '日用百货', note: '不超过100个字' },
    { key: 'address', header: '地址', required: true, type: 'text', maxLength: 200, width: 30, example: '离石区龙凤小区底商3号', note: '不超过200个字' },
    { key: 'contactName', header: '联系人', required: true, type: 'text', maxLength: MAX_PERSON_NAME_LENGTH, width: 10, example: '李四', note: `不超过${MAX_PERSON_NAME_LENGTH}个字` },
    { key: 'phone', header: '联系电话', required: false, type: 'phone', width: 14, example: '13800005678', note: '11位手机号，选填；加密保存' },
  ],
});

const invert = <K extends string>(names: Record<K, string>) =>
  Object.fromEntries(Object.entries(names).map(([k, v]) => [v, k])) as Record<string, K>;
export const POST_WORDS = invert(POST_NAMES);
export const POST_TYPE_WORDS = invert(POST_TYPE_NAMES);
/** The roles a staff account may have, in the words of the console's role names. */
export const ACCOUNT_ROLE_WORDS = { 网格员: 'grid_worker', 社区工作者: 'community_worker', 社区书记: 'community_secretary' } as const;
export type StaffAccountRole = (typeof ACCOUNT_ROLE_WORDS)[keyof typeof ACCOUNT_ROLE_WORDS];
/** The account role of a post when 账号角色 is left empty. */
export const DEFAULT_ACCOUNT_ROLE = {
  grid_worker: 'grid_worker', community_worker: 'community_worker', community_secretary: 'community_secretary', graduate_assistant: 'community_worker',
} as const satisfies Record<keyof typeof POST_NAMES, StaffAccountRole>;

export const STAFF = template({
  kind: 'staff',
  title: '工作人员',
  sheetName: '工作人员',
  columns: [
    {
      key: 'orgCode', header: '所在社区或网格编码', required: true, type: 'code', width: 24, example: '141102001001',
      note: '专职网格员填所在网格的编码（20位），其他岗位填所在社区的编码（12位）；须在您的管辖范围内',
    },
    {
      key: 'name', header: '姓名', required: true, type: 'text', maxLength: MAX_PERSON_NAME_LENGTH, width: 10, example: '李明',
      note: `不超过${MAX_PERSON_NAME_LENGTH}个字`,
    },
    {
      key: 'idNumber', header: '身份证号', required: true, type: 'id_number', width: 22, example: '14110219900101123X',
      note: `${ID_NOTE}。同一身份证号在文件中只能出现一次，且不能是在岗的工作人员；已登记为居民且姓名相同的，自动关联该居民`,
    },
    { key: 'phone', header: '手机号', required: false, type: 'phone', width: 14, example: '13800001234', note: '11位手机号，选填；加密保存' },
    {
      key: 'post', header: '岗位类别', required: true, type: 'choice', choices: Object.keys(POST_WORDS), width: 16, example: '社区工作者',
      note: '专职网格员、社区工作者、高校毕业生助理或社区党组织书记',
    },
    {
      key: 'postType', header: '岗位', required: false, type: 'choice', choices: Object.keys(POST_TYPE_WORDS), width: 14, example: '其他工作人员',
      note: '三岗：正职、副职或其他工作人员。高校毕业生助理不填，其他岗位类别必填',
    },
    {
      key: 'grade', header: '等级', required: false, type: 'grade', width: 8, example: '3',
      note: `三岗十八级的等级，1–${MAX_GRADE}的整数（可写“3”或“3级”）。高校毕业生助理不填，其他岗位类别必填`,
    },
    {
      key: 'createAccount', header: '创建账号', required: false, type: 'choice', choices: Object.keys(YES_NO_WORDS), width: 10, example: '是',
      note: '填“是”则同时为此人开通系统账号：用户名为staff加人员编号（如staff1024），临时密码随机生成，导入完成后只显示一次（可下载），首次登录须修改密码。不填或填“否”则不开通',
    },
    {
      key: 'accountRole', header: '账号角色', required: false, type: 'choice', choices: Object.keys(ACCOUNT_ROLE_WORDS), width: 12, example: '社区工作者',
      note: '网格员、社区工作者或社区书记，只能是比您级别低的角色；只在“创建账号”为“是”时填写。不填时：专职网格员为网格员，社区党组织书记为社区书记，其他为社区工作者',
    },
  ],
});

export const IMPORT_TEMPLATES = {
  divisions: DIVISIONS,
  grids: GRIDS,
  buildings: BUILDINGS,
  households: HOUSEHOLDS,
  residents: RESIDENTS,
  party_members: PARTY_MEMBERS,
  merchants: MERCHANTS,
  staff: STAFF,
} as const satisfies Record<ImportKind, ImportTemplate>;

/** Rules that apply to every kind, printed on the 说明 sheet. */
export const GENERAL_NOTES = [
  '第1行是列名，请勿修改或删除；从第2行起每行一条记录。第2行是示例，导入前请删除或改成真实数据。',
  '导入顺序：街道社区 → 网格 → 楼栋 → 住户 → 居民 → 党员；商户和工作人员在网格之后。上级必须已在系统中且在您的管辖范围内（街道社区文件中，社区的上级街道也可以写在本文件前面的行）。',
  '身份证号和手机号加密保存，列表中只显示遮盖后的号码。',
  '整个文件先全部校验：只要有一处错误就不写入任何数据，并逐条列出行号、列名和原因；改正后重新上传整个文件即可。',
  '编码列和身份证号列已设为文本格式，请保持文本格式，避免Excel把长编码变成科学计数法而丢失数字。',
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
