import type { MemberKind, OrgKind } from '../../../database.js';
import { ID_NUMBER_MESSAGES, parseIdNumber } from '../../../platform/pii/id-number.js';
import { postProblem, type Post } from '../../workforce/index.js';
import type { PostType } from '../../workforce/index.js';
import {
  ACCOUNT_ROLE_WORDS, DEFAULT_ACCOUNT_ROLE, IMPORT_TEMPLATES, MEMBER_KIND_WORDS, POST_TYPE_WORDS, POST_WORDS, RELATION_WORDS, YES_NO_WORDS,
  type ImportTemplate, type MERCHANTS, type PARTY_MEMBERS, type PeopleKind, type RESIDENTS, type RowOf, type STAFF, type StaffAccountRole,
} from './import-templates.js';
import type { Sheet } from './parse-sheet.js';
import { ErrorList, cellProblem, gradeOf, isoDate, mapColumns, readHeader, roomKey, rowCheck, runToEnd, type RowError } from './validate-rows.js';

/**
 * The rules of a people import (residents, party members, merchants), without I/O: like
 * validate-rows.ts, given the rows and what the database holds (looked up beforehand by the
 * codes, ID-number hashes and names the file mentions), either every bad cell or the plan.
 * Nothing here sees a plain ID number leave the process: the plan carries the parsed value for
 * the writer to encrypt, and lookups go by keyed hash.
 */

export interface Place {
  id: number;
  path: string;
  countyCode: string;
}

export interface KnownBuilding extends Place {
  name: string;
  units: (Place & { code: string; name: string })[];
}

export interface PeopleKnown {
  scopePath: string;
  /** YYYY-MM-DD in China time: dates may not lie after it. */
  today: string;
  /** Keyed hash of an ID number (PiiCipher.hash). */
  hash: (plain: string) => string;
  /** residents: live buildings in scope by code, with their live units. */
  buildingsByCode: ReadonlyMap<string, KnownBuilding>;
  /** residents: households of those units, by roomKey(unitId, room). */
  households: ReadonlyMap<string, { id: number; path: string; countyCode: string }>;
  /** ID-number hashes already in the register, with the resident (for party members). */
  residentsByHash: ReadonlyMap<string, { id: number; name: string; path: string; countyCode: string; isMember: boolean; movedOut: boolean }>;
  /** party_members: live party orgs in scope. */
  partyOrgs: readonly { id: number; name: string }[];
  /** merchants: live org units by code (in scope or not). */
  unitsByCode: ReadonlyMap<string, Place & { kind: OrgKind; name: string }>;
  /** merchants: names taken, as roomKey(orgId, name). */
  merchantNames: ReadonlySet<string>;
  /** staff: ID-number hashes of staff still in post (their own, or their linked resident's). */
  staffHashes: ReadonlySet<string>;
  /** staff: whether the importer may open accounts at all (账号管理), and which roles they may give. */
  mayOpenAccounts: boolean;
  accountRoles: ReadonlySet<StaffAccountRole>;
}

type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'member' | 'tenant';

export interface PlannedNewHousehold {
  row: number;
  unit: Place;
  room: string;
  address: string;
}

export interface PlannedResident {
  row: number;
  /** An existing household, or an entry of newHouseholds. */
  household: { existingId: number; path: string; countyCode: string } | { planned: number };
  name: string;
  idNumber: string;
  idHash: string;
  gender: 'male' | 'female';
  birthDate: string;
  relation: Relation;
  phone: string | null;
}

export interface PlannedMember {
  row: number;
  residentId: number;
  partyOrgId: number;
  path: string;
  countyCode: string;
  memberKind: MemberKind;
  joinedOn: string;
}

export interface PlannedMerchant {
  row: number;
  org: Place;
  name: string;
  business: string;
  address: string;
  contactName: string;
  phone: string | null;
}

export interface PlannedStaff {
  row: number;
  org: Place & { name: string };
  name: string;
  idNumber: string;
  idHash: string;
  phone: string | null;
  post: Post;
  postType: PostType | null;
  grade: number | null;
  /** The registered resident with this ID number and name, in scope, linked to the record. */
  residentId: number | null;
  /** An account to open for the person, linked to the new record. */
  accountRole: StaffAccountRole | null;
}

export interface PeoplePlan {
  errors: RowError[];
  errorCount: number;
  errorsByRow: ReadonlyMap<number, string[]>;
  newHouseholds: PlannedNewHousehold[];
  residents: PlannedResident[];
  members: PlannedMember[];
  merchants: PlannedMerchant[];
  staff: PlannedStaff[];
}

/** What to look up before validating: codes, ID numbers (normalised) and party-org names. */
export function peopleLookups(kind: PeopleKind, sheet: Sheet) {
  const t = IMPORT_TEMPLATES[kind] as ImportTemplate;
  const { positions, errors } = mapColumns(t, sheet.header);
  const codes = new Set<string>();
  const idNumbers = new Set<string>();
  if (errors.length) return { codes, idNumbers };
  const codeAt = positions.get(kind === 'residents' ? 'buildingCode' : 'orgCode');
  const idAt = positions.get('idNumber');
  for (const r of sheet.rows) {
    const code = codeAt === undefined ? '' : r.cells[codeAt];
    if (code && /^\d+$/.test(code)) codes.add(code);
    const id = idAt === undefined ? '' : r.cells[idAt];
    if (id) {
      const p = parseIdNumber(id);
      if (!('problem' in p)) idNumbers.add(p.value);
    }
  }
  return { codes, idNumbers };
}

const ACCOUNT_ROLE_NAMES = Object.fromEntries(Object.entries(ACCOUNT_ROLE_WORDS).map(([k, v]) => [v, k])) as Record<StaffAccountRole, string>;

const unitMatches = (u: { code: string; name: string }, buildingCode: string, value: string) =>
  u.name === value || u.name === `${value}单元` || (/^\d{1,2}$/.test(value) && u.code === `${buildingCode}${value.padStart(2, '0')}`);

/** Validates row by row, yielding the rows checked now and then; returns the plan. */
export function* peopleValidationSteps(kind: PeopleKind, sheet: Sheet, known: PeopleKnown): Generator<number, PeoplePlan> {
  const t = IMPORT_TEMPLATES[kind] as ImportTemplate;
  const errors = new ErrorList();
  const plan: PeoplePlan = {
    errors: [], errorCount: 0, errorsByRow: errors.byRow, newHouseholds: [], residents: [], members: [], merchants: [], staff: [],
  };
  const result = (): PeoplePlan =>
    errors.count
      ? { errors: errors.list, errorCount: errors.count, errorsByRow: errors.byRow, newHouseholds: [], residents: [], members: [], merchants: [], staff: [] }
      : plan;

  const columns = readHeader(t, sheet, errors);
  if (!columns) return result();
  const { positions, header } = columns;
  const idRows = new Map<string, number>();
  const newRooms = new Map<string, number>();
  const merchantRows = new Map<string, number>();
  const orgsByName = new Map<string, number[]>();
  for (const o of known.partyOrgs) {
    const list = orgsByName.get(o.name);
    if (list) list.push(o.id);
    else orgsByName.set(o.name, [o.id]);
  }
  const orgIds = new Set(known.partyOrgs.map((o) => o.id));

  for (let i = 0; i < sheet.rows.length; i++) {
    const r = sheet.rows[i];
    const before = errors.count;
    const { v, lossy, bad, fail } = rowCheck(t, positions, header, errors, r);
    let parsedId: ReturnType<typeof parseIdNumber> | null = null;
    for (const c of t.columns) {
      if (c.type === 'id_number' && v[c.key] !== '' && !lossy[c.key] && !/e\+?\d+$/i.test(v[c.key])) {
        // Parsed once here and kept for person(): the costliest check of the row.
        parsedId = parseIdNumber(v[c.key]);
        if ('problem' in parsedId) fail(c.key, ID_NUMBER_MESSAGES[parsedId.problem]);
        continue;
      }
      const p = cellProblem(c, v[c.key], lossy[c.key], known.today);
      if (p) fail(c.key, p);
    }
    const ok = (key: string) => !bad.has(key) && v[key] !== '';

    /** The ID number, once per file. */
    const person = () => {
      if (!ok('idNumber') || !parsedId) return null;
      const p = parsedId;
      if ('problem' in p) return null;
      const first = idRows.get(p.value);
      if (first !== undefined) {
        fail('idNumber', `身份证号与第${first}行重复`);
        return null;
      }
      idRows.set(p.value, r.row);
      return { ...p, hash: known.hash(p.value) };
    };

    switch (kind) {
      case 'residents': {
        const row = v as RowOf<typeof RESIDENTS>;
        const p = person();
        if (p && known.residentsByHash.has(p.hash)) fail('idNumber', '该身份证号已登记为居民（可在居民列表中按身份证号查到此人，迁入请在居民页面办理）');
        let household: PlannedResident['household'] | null = null;
        if (ok('buildingCode')) {
          const b = known.buildingsByCode.get(row.buildingCode);
          if (!b) fail('buildingCode', `楼栋编码${row.buildingCode}不存在或不在您的管辖范围内`);
          else if (ok('unit')) {
            const unit = b.units.find((u) => unitMatches(u, row.buildingCode, row.unit));
            if (!unit) fail('unit', `楼栋“${b.name}”没有“${row.unit}”单元（该楼栋有：${b.units.map((u) => u.name).join('、') || '无'}）`);
            else if (ok('room')) {
              const key = roomKey(unit.id, row.room);
              const h = known.households.get(key);
              if (h) household = { existingId: h.id, path: h.path, countyCode: h.countyCode };
              else if (newRooms.has(key)) household = { planned: newRooms.get(key)! };
              else if (row.newHousehold !== '' && YES_NO_WORDS[row.newHousehold as keyof typeof YES_NO_WORDS]) {
                if (errors.count === before) {
                  newRooms.set(key, plan.newHouseholds.length);
                  household = { planned: plan.newHouseholds.length };
                  plan.newHouseholds.push({
                    row: r.row, unit: { id: unit.id, path: unit.path, countyCode: unit.countyCode }, room: row.room,
                    address: `${b.name}${unit.name}${row.room}`,
                  });
                }
              } else {
                fail('room', `${b.name}${unit.name}没有房号${row.room}的住户；如需新建住户，请在“新建住户”列填“是”`);
              }
            }
          }
        }
        if (!p || !household || errors.count > before) break;
        plan.residents.push({
          row: r.row, household, name: row.name, idNumber: p.value, idHash: p.hash, gender: p.gender, birthDate: p.birthDate,
          relation: row.relation === '' ? 'member' : RELATION_WORDS[row.relation as keyof typeof RELATION_WORDS],
          phone: row.phone === '' ? null : row.phone,
        });
        break;
      }
      case 'party_members': {
        const row = v as RowOf<typeof PARTY_MEMBERS>;
        const p = person();
        let resident: ReturnType<PeopleKnown['residentsByHash']['get']>;
        if (p) {
          resident = known.residentsByHash.get(p.hash);
          if (!resident || !resident.path.startsWith(known.scopePath)) {
            fail('idNumber', '您的管辖范围内没有登记这个身份证号的居民，请先导入或登记居民');
            resident = undefined;
          } else if (resident.isMember) {
            fail('idNumber', `${resident.name}已登记为党员`);
            resident = undefined;
          } else if (ok('name') && resident.name !== row.name) {
            fail('name', `与居民登记的姓名不一致，请核对身份证号和姓名`);
          }
        }
        let partyOrgId: number | null = null;
        if (ok('partyOrg')) {
          const byName = orgsByName.get(row.partyOrg) ?? [];
          if (byName.length === 1) partyOrgId = byName[0];
          else if (byName.length > 1) fail('partyOrg', `您的管辖范围内有${byName.length}个名为“${row.partyOrg}”的党组织，请改填党组织编号`);
          else if (/^\d+$/.test(row.partyOrg) && orgIds.has(Number(row.partyOrg))) partyOrgId = Number(row.partyOrg);
          else fail('partyOrg', `党组织“${row.partyOrg}”不存在或不在您的管辖范围内`);
        }
        if (!resident || partyOrgId === null || errors.count > before) break;
        plan.members.push({
          row: r.row, residentId: resident.id, partyOrgId, path: resident.path, countyCode: resident.countyCode,
          memberKind: MEMBER_KIND_WORDS[row.memberKind as keyof typeof MEMBER_KIND_WORDS], joinedOn: isoDate(row.joinedOn),
        });
        break;
      }
      case 'merchants': {
        const row = v as RowOf<typeof MERCHANTS>;
        let org: Place | null = null;
        if (ok('orgCode')) {
          const u = known.unitsByCode.get(row.orgCode);
          if (!u || !u.path.startsWith(known.scopePath)) fail('orgCode', `编码${row.orgCode}不存在或不在您的管辖范围内`);
          else if (u.kind !== 'grid' && u.kind !== 'community') fail('orgCode', `编码${row.orgCode}是“${u.name}”，应为网格或社区的编码`);
          else org = { id: u.id, path: u.path, countyCode: u.countyCode };
        }
        if (org && ok('name')) {
          const key = roomKey(org.id, row.name);
          const first = merchantRows.get(key);
          if (first !== undefined) fail('name', `与第${first}行的商户重名（同一网格或社区）`);
          else if (known.merchantNames.has(key)) fail('name', '该网格或社区已有同名商户');
          merchantRows.set(key, first ?? r.row);
        }
        if (!org || errors.count > before) break;
        plan.merchants.push({
          row: r.row, org, name: row.name, business: row.business, address: row.address, contactName: row.contactName,
          phone: row.phone === '' ? null : row.phone,
        });
        break;
      }
      case 'staff': {
        const row = v as RowOf<typeof STAFF>;
        const p = person();
        if (p && known.staffHashes.has(p.hash)) fail('idNumber', '该身份证号已登记为在岗工作人员（调岗请在工作人员页面修改）');
        const post = ok('post') ? POST_WORDS[row.post] : null;
        const postType = ok('postType') ? POST_TYPE_WORDS[row.postType] : null;
        const grade = ok('grade') ? gradeOf(row.grade) : null;
        let org: PlannedStaff['org'] | null = null;
        if (ok('orgCode')) {
          const u = known.unitsByCode.get(row.orgCode);
          if (!u || !u.path.startsWith(known.scopePath)) fail('orgCode', `编码${row.orgCode}不存在或不在您的管辖范围内`);
          else org = { id: u.id, path: u.path, countyCode: u.countyCode, name: u.name };
          // The same rule as registering one person on the staff page (staff-rules.ts).
          const problem = u && org && post && !bad.has('postType') && !bad.has('grade')
            ? postProblem({ post, postType, grade, placeKind: u.kind })
            : null;
          if (problem) {
            const where = problem.field === 'orgId' ? 'orgCode' : problem.field;
            fail(where, problem.field === 'orgId' ? `编码${row.orgCode}是“${u!.name}”，${problem.message}` : problem.message);
          }
        }
        let accountRole: StaffAccountRole | null = null;
        const wantsAccount = ok('createAccount') && YES_NO_WORDS[row.createAccount as keyof typeof YES_NO_WORDS];
        if (wantsAccount) {
          accountRole = ok('accountRole') ? ACCOUNT_ROLE_WORDS[row.accountRole as keyof typeof ACCOUNT_ROLE_WORDS] : post ? DEFAULT_ACCOUNT_ROLE[post] : null;
          if (!known.mayOpenAccounts) fail('createAccount', '您没有管理账号的权限，不能同时开通账号；请删去“是”，或请上级管理员导入');
          else if (accountRole && !known.accountRoles.has(accountRole)) {
            fail(ok('accountRole') ? 'accountRole' : 'createAccount', `只能开通比您级别低的角色账号，不能开通“${ACCOUNT_ROLE_NAMES[accountRole]}”账号`);
          }
        } else if (ok('accountRole')) {
          fail('accountRole', '只在“创建账号”为“是”时填写账号角色');
        }
        if (!p || !org || !post || errors.count > before) break;
        const resident = known.residentsByHash.get(p.hash);
        const linked = resident && !resident.movedOut && resident.name === row.name && resident.path.startsWith(known.scopePath);
        plan.staff.push({
          row: r.row, org, name: row.name, idNumber: p.value, idHash: p.hash, phone: row.phone === '' ? null : row.phone,
          post, postType, grade, residentId: linked ? resident.id : null, accountRole,
        });
        break;
      }
    }
    if (i % 2000 === 1999) yield i + 1;
  }
  return result();
}

/** Runs every step at once: for tests and small files. */
export function validatePeople(kind: PeopleKind, sheet: Sheet, known: PeopleKnown): PeoplePlan {
  return runToEnd(peopleValidationSteps(kind, sheet, known));
}
