import { sql } from 'kysely';
import type { Role } from '../database.js';
import { hashPassword } from '../platform/auth/password.js';
import { chinaMonth, chinaMonthStart } from '../platform/clock.js';
import type { Database } from '../platform/db/connect.js';
import type { PiiCipher } from '../platform/pii/cipher.js';
import { maskIdNumber, maskPhone } from '../platform/pii/id-number.js';
import { buildCityPlan, type CityPlan, type CommunityNode, type GridNode, type Scale } from './city-plan.js';
import { setAsideIndexes, restoreIndexes } from './bulk-load.js';
import { IdNumberAllocator, isoDate } from './id-numbers.js';
import { BUSINESSES, mobileNumber, personName, shopName } from './names.js';
import { buildPartyTree, type MemberRecord } from './party-plan.js';
import { PopulationGenerator, partyMembership } from './population.js';
import { Rng, seedOf } from './prng.js';
import { layOutGrids, orgUnitRows, walkHouseholds } from './walk-city.js';
import { seedStoreDemo } from './store-demo.js';
import { seedPointsDemo } from './points-demo.js';
import { seedWorkforceDemo } from './workforce-demo.js';
import { seedMeetingsDemo } from './meetings-demo.js';
import { seedDemandsDemo } from './demands-demo.js';
import { seedCobuildProjectsDemo } from './cobuild-projects-demo.js';
import { seedDualReportDemo, seedDualReportMembersDemo } from './dual-report-demo.js';
import { seedVolunteersDemo } from './volunteers-demo.js';
import { seedWishesDemo } from './wishes-demo.js';
import { seedPropertyDemo, seedPropertyRegisterDemo } from './property-demo.js';
import { seedPropertyRepairsDemo } from './property-repairs-demo.js';
import { seedPropertyMeetingsDemo } from './property-meetings-demo.js';
import { seedPropertyCreditDemo } from './property-credit-demo.js';
import { seedSelfrunDemo } from './selfrun-demo.js';
import { seedSelfrunCompoundsDemo } from './selfrun-compounds-demo.js';
import { seedSelfrunAccountDemo } from './selfrun-account-demo.js';
import { seedSelfrunStepsDemo } from './selfrun-steps-demo.js';
import { seedSelfrunVotesDemo } from './selfrun-votes-demo.js';
import { seedSelfrunLinksDemo } from './selfrun-links-demo.js';
import { seedSelfrunFlowDemo } from './selfrun-flow-demo.js';
import { seedNewgroupsDemo } from './newgroups-demo.js';
import { seedNewgroupsPointsDemo } from './newgroups-points-demo.js';
import { seedSupervisionDemo } from './supervision-demo.js';
import { seedNewgroupsRoadDemo } from './newgroups-road-demo.js';
import { seedVenuesDemo } from './venues-demo.js';

export type { Scale } from './city-plan.js';

/** Every demo account uses this password (printed in the start banner). */
export const DEMO_PASSWORD = 'Linli@2026';

export interface DemoAccount {
  username: string;
  role: Role;
  /** What the account sees, for the start banner. */
  description: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'city_admin', role: 'city_admin', description: '市级管理员：吕梁市全市' },
  { username: 'county_lishi', role: 'county_admin', description: '区级管理员：离石区' },
  { username: 'street_binhe', role: 'street_admin', description: '街道管理员：离石区滨河街道' },
  { username: 'secretary_binhe1', role: 'community_secretary', description: '社区党委书记：滨河街道龙凤社区' },
  { username: 'worker_binhe1', role: 'community_worker', description: '社区工作者：龙凤社区' },
  { username: 'worker_binhe2', role: 'community_worker', description: '社区工作者：滨河社区（看不到龙凤社区）' },
  { username: 'grid_binhe1', role: 'grid_worker', description: '网格员：龙凤社区第一个网格' },
  { username: 'dept_housing', role: 'department', description: '职能部门（离石区住建局）：离石区' },
  { username: 'property_demo', role: 'property_company', description: '物业公司：龙凤社区第一个封闭小区' },
  { username: 'member_demo', role: 'party_member', description: '党员：本人所在单元' },
  { username: 'resident_demo', role: 'resident', description: '居民：本人所在单元' },
  { username: 'merchant_demo', role: 'merchant', description: '商户：龙凤社区一家临街商铺（手机上看本店积分、在积分超市兑换）' },
  { username: 'volorg_demo', role: 'volunteer_org', description: '志愿组织管理员：龙凤社区志愿服务队（发布活动、出示签到码、确认时长）' },
  { username: 'rider_demo', role: 'gig_worker', description: '外卖骑手：美团龙凤站（手机上出示通行码、找最近的驿站、上报路面隐患）' },
  { username: 'unit_demo', role: 'work_unit', description: '共建单位管理员：吕梁市税务局离石分局（结对社区、在职党员报到和双评价导出；登记资源、揭榜领办结对共建项目）' },
  { username: 'owner_cuiyuan1', role: 'resident', description: '业主：龙凤社区翠苑小区1号楼101（手机上参加业主表决）' },
  { username: 'owner_cuiyuan2', role: 'resident', description: '业主：龙凤社区翠苑小区1号楼102（手机上参加业主表决）' },
  { username: 'committee_kangning', role: 'resident', description: '业委会主任：龙凤社区康宁小区（手机上记公共账户、月结公开）' },
];

export interface SeedProgress {
  table: string;
  rows: number;
  done: boolean;
  /** Rows the table will get, when known in advance (an estimate for residents). */
  expected?: number;
}

export interface SeedOptions {
  scale: Scale;
  onProgress?: (p: SeedProgress) => void;
}

export interface SeedSummary {
  scale: Scale;
  counts: Record<string, number>;
  totalRows: number;
  elapsedMs: number;
}

/** Tables the seed fills, in load order (foreign keys point backwards). */
export const SEEDED_TABLES = [
  'org_unit', 'org_event', 'household', 'resident', 'residence_history', 'party_org', 'party_member', 'staff', 'merchant', 'account',
] as const;

// 17.11 community workers per 10,000 urban residents (3,571 for 2.1 M); 336 graduate assistants.
const WORKERS_PER_RESIDENT = 17.11 / 10_000;
const CITY_GRADUATE_ASSISTANTS = 336;
const PROGRESS_EVERY = 10_000;
/** Tables filled in bulk; their secondary indexes and foreign keys are set aside meanwhile. */
const LOADED_TABLES = SEEDED_TABLES.filter((t) => t !== 'account');

/**
 * Generates the demo city into an empty database: `demo` is 离石区 in detail plus a sketch of the
 * other twelve counties; `city` is Lüliang at full size (about 2.1 million residents), streamed
 * table by table through COPY so memory stays flat. The same scale always yields the same
 * places, names and ID numbers (ciphertexts differ: every encryption has a fresh IV).
 */
export async function seed(database: Database, cipher: PiiCipher, opts: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  if (await database.db.selectFrom('org_unit').select('id').limit(1).executeTakeFirst()) {
    throw new Error('数据库中已有组织数据，不能再生成演示数据（会与现有数据冲突）。如需重建，请运行 npm run seed -- --reset');
  }
  const loader = new Loader(database, opts.onProgress ?? (() => {}), registersSince(new Date()));
  const passwordHash = hashPassword(DEMO_PASSWORD); // scrypt runs while the tables load
  const plan = buildCityPlan(opts.scale);

  // Secondary indexes and foreign keys are rebuilt after the load (see bulk-load.ts).
  const aside = await setAsideIndexes(database, LOADED_TABLES);
  try {
    await loadCity(loader, plan, cipher, passwordHash);
  } catch (e) {
    await restoreIndexes(database, aside).catch(() => {});
    throw e;
  }
  await restoreIndexes(database, aside, (n) => loader.report({ table: 'indexes', rows: n, done: false }));
  loader.report({ table: 'indexes', rows: aside.indexes.length + aside.foreignKeys.length, done: true });

  await database.rawTransaction(async (tx) => {
    // Rows went in with explicit ids: move each identity past them so the app's inserts don't collide.
    for (const t of [...SEEDED_TABLES, 'audit_log']) {
      await tx.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), GREATEST((SELECT max(id) FROM ${t}), 1), (SELECT max(id) FROM ${t}) IS NOT NULL)`);
    }
  });
  // Fresh statistics (or the first queries plan as if the tables were empty) and a visibility
  // map (so name search answers from its index alone). VACUUM cannot run inside a transaction.
  await sql.raw(`VACUUM (ANALYZE) ${SEEDED_TABLES.join(', ')}`).execute(database.db);

  if (opts.scale === 'demo') await seedPointsDemo(database); // 离石区 points: rules, base, records, published months
  await seedStoreDemo(database.db, new Date()); // after the points demo: it only tops up a household with no points
  await seedWorkforceDemo(database.db); // 离石区's 三岗十八级 pay tables and star rules, 2025 and 2026
  if (opts.scale === 'demo') await seedMeetingsDemo(database.db); // 龙凤社区: overdue demands for its 民情分析会
  if (opts.scale === 'demo') await seedDemandsDemo(database.db); // 离石区: four months of demands through their whole lifecycle
  if (opts.scale === 'demo') await seedDualReportDemo(database.db, cipher, new Date()); // 双报到: 离石区's units paired with 滨河's communities, in-service members' reports
  if (opts.scale === 'demo') await seedCobuildProjectsDemo(database.db, new Date()); // 结对共建: the article's 1,956 projects, 龙凤社区's lists
  if (opts.scale === 'demo') await seedVolunteersDemo(database.db, new Date()); // 志愿吕梁: 离石区's organisations, two years of 龙凤社区's activities, one running today
  if (opts.scale === 'demo') await seedDualReportMembersDemo(database.db, new Date()); // 双报到: a few dozen in-service members reported to 滨河's communities, volunteers first
  if (opts.scale === 'demo') await seedPropertyDemo(database.db, cipher, new Date()); // 离石区's property companies and their contracts with its enclosed compounds
  if (opts.scale === 'demo') await seedPropertyMeetingsDemo(database.db, new Date()); // 三方协调会: 龙凤社区's compounds' last three months, this month's first still to hold
  if (opts.scale === 'demo') await seedPropertyRegisterDemo(database.db, cipher, new Date()); // their party branches, instructors and sanctions
  if (opts.scale === 'demo') await seedPropertyRepairsDemo(database.db, new Date()); // 专项维修资金: a year of 离石区's repairs, one urgent lift repair awaiting approval in 龙凤社区
  if (opts.scale === 'demo') await seedPropertyCreditDemo(database.db, new Date()); // 信用评价: 离石区's scheme, last quarter rated, surveyed, scored and published with one objection pending
  if (opts.scale === 'demo') await seedSelfrunDemo(database.db, new Date()); // 居民自办物业: modes, units, owners and 物管会 of the compounds no company serves; 龙凤社区's second compound runs itself
  if (opts.scale === 'demo') await seedSelfrunCompoundsDemo(database.db, new Date()); // 五有: most self-run compounds complete, some flagged; 龙凤社区's left to record
  if (opts.scale === 'demo') await seedSelfrunAccountDemo(database.db, new Date()); // 公共账户: six months of five self-run compounds' accounts, statements to the month before last, last year's 服务评定
  if (opts.scale === 'demo') await seedSelfrunVotesDemo(database.db, new Date()); // 业主表决: one vote open in resident_demo's compound, one just ended (the timer counts it)
  if (opts.scale === 'demo') await seedSelfrunLinksDemo(database.db, new Date()); // a counted vote on using the maintenance fund, for a repair to rest on
  if (opts.scale === 'demo') await seedSelfrunStepsDemo(database.db, new Date()); // 居民自办十步: three unmanaged compounds under way, member_demo on one's 物管会
  if (opts.scale === 'demo') await seedSelfrunFlowDemo(database.db, new Date()); // 居民自办十步 end to end: 龙凤社区's 翠苑小区 (3 flats, two owners on the phone) and 安居小区 (公示 done, to file)
  if (opts.scale === 'demo') await seedNewgroupsDemo(database.db, cipher, new Date()); // 新就业群体: 离石区's platforms, stations and workers; rider_demo rides for 美团 in 龙凤社区
  if (opts.scale === 'demo') await seedNewgroupsPointsDemo(database.db); // 12 司机之家, 8 暖“新”驿站 and other service points in 离石区
  if (opts.scale === 'demo') await seedSupervisionDemo(database.db, cipher, new Date()); // 督导: the city's 28 departments in 6 working groups, 离石区's inspections and problems (one overdue); 减负: the certificate list, 龙凤社区's requests, removed signs
  if (opts.scale === 'demo') await seedNewgroupsRoadDemo(database.db, new Date()); // 白名单 (two in five of 离石区's workers) and 滨河's part-time grid workers; rider_demo left to list by hand
  if (opts.scale === 'demo') await seedWishesDemo(database.db, new Date()); // 微心愿 in 龙凤社区 and its neighbour, 滨河街道's parking campaign (after volunteers: resident_demo claims as one)
  if (opts.scale === 'demo') await seedVenuesDemo(database.db, new Date()); // 党群服务阵地: 离石区's centres, 滨河's stations, two years of use, last year's awards, 龙凤社区's "党群阵地@你" followed by resident_demo
  const counts = Object.fromEntries(SEEDED_TABLES.map((t) => [t, loader.counts[t] ?? 0]));
  return {
    scale: opts.scale,
    counts,
    totalRows: Object.values(counts).reduce((a, b) => a + b, 0),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** Table after table, parents before children; people and party rows need the ids before them. */
async function loadCity(loader: Loader, plan: CityPlan, cipher: PiiCipher, passwordHash: Promise<string>) {
  const sizes = layOutGrids(plan);
  await loader.copyRegister('org_unit', ['id', 'parent_id', 'kind', 'code', 'name', 'path', 'depth', 'county_code', 'grid_type', 'geometry'],
    orgUnitRows(plan), sizes.orgUnits);
  // The tree's history starts with one 'create' event per unit, as the org service writes them.
  await loader.insertSelect('org_event', `
    INSERT INTO org_event (org_id, kind, at, account_id, org_path, county_code, detail)
    SELECT u.id, 'create', u.created_at, NULL, u.path, u.county_code,
           jsonb_build_object('name', u.name, 'code', u.code, 'parentId', u.parent_id, 'parentName', p.name, 'source', 'seed')
    FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id ORDER BY u.id`);

  await loader.copyRegister('household', ['id', 'unit_id', 'org_path', 'county_code', 'room', 'address', 'area_m2', 'kind'],
    (function* () {
      for (const h of walkHouseholds(plan)) {
        yield [h.id, h.unitId, h.unitPath, h.grid.countyCode, h.room.room, h.address, h.room.area, h.room.kind];
      }
    })(), sizes.households);

  const people = new PeopleLedger(plan);
  await loader.copyRegister('resident', [
    'id', 'household_id', 'org_path', 'county_code', 'name', 'gender', 'birth_date', 'relation',
    'id_number_enc', 'id_number_hash', 'id_number_mask', 'phone_enc', 'phone_hash', 'phone_mask',
  ], residentRows(plan, cipher, people), Math.round(sizes.occupied * 3.1));
  // Everyone's residence history opens with the home they were registered in.
  await loader.insertSelect('residence_history', `
    INSERT INTO residence_history (resident_id, household_id, org_path, county_code, from_at)
    SELECT id, household_id, org_path, county_code, created_at FROM resident ORDER BY id`);

  const party = buildPartyTree(plan, people.members, people.secretaryMemberOf);
  await loader.copyRegister('party_org', ['id', 'parent_id', 'kind', 'name', 'org_id', 'household_id', 'org_path', 'county_code', 'secretary_kind'],
    party.orgs.map((o) => [o.id, o.parentId, o.kind, o.name, o.orgId, o.householdId, o.orgPath, o.countyCode, o.secretaryKind]));
  await loader.copyRegister('party_member', ['id', 'resident_id', 'party_org_id', 'org_path', 'county_code', 'member_kind', 'joined_on'],
    people.members.map((m, i) => [i + 1, m.residentId, party.branchOfGrid[m.grid], m.unitPath, m.countyCode, m.kind, m.joinedOn]));
  // party_org and party_member point at each other: secretaries are set once both exist.
  const led = party.orgs.filter((o) => o.secretaryMemberId !== null);
  await loader.query(`UPDATE party_org p SET secretary_member_id = v.m
    FROM (SELECT unnest($1::int[]) AS id, unnest($2::int[]) AS m) v WHERE p.id = v.id`,
  [led.map((o) => o.id), led.map((o) => o.secretaryMemberId)]);

  const staff = buildStaff(plan, people);
  await loader.copyRegister('staff', ['id', 'resident_id', 'org_id', 'org_path', 'county_code', 'name', 'post', 'post_type', 'grade', 'phone_enc', 'phone_hash', 'phone_mask'],
    staff.map((s, i) => [i + 1, s.residentId, s.org.id, s.org.path, s.org.countyCode, s.name, s.post, s.postType, s.grade, ...pii(cipher, s.phone)]));
  await loader.copyRegister('merchant', ['id', 'org_id', 'org_path', 'county_code', 'name', 'business', 'address', 'contact_name', 'phone_enc', 'phone_hash', 'phone_mask'],
    merchantRows(plan, cipher));

  // Functional departments of 离石区 that the streets whistle to (吹哨报到).
  const lishi = plan.counties.find((c) => c.code === '141102')!;
  const departments = await loader.database.db.insertInto('department')
    .values(LISHI_DEPARTMENTS.map((name) => ({ name, org_id: lishi.id, org_path: lishi.path, county_code: lishi.countyCode })))
    .returning(['id', 'name']).execute();
  const shop = await demoShop(loader.database, plan);
  const accounts = demoAccountRows(plan, people, staff, shop, await passwordHash);
  const housing = departments.find((d) => d.name === '离石区住建局')!;
  for (const a of accounts) {
    if (a.username === 'dept_housing') Object.assign(a, { department_id: housing.id });
    if (a.username === 'resident_demo') Object.assign(a, { resident_id: people.residentDemo?.residentId ?? null });
    if (a.username === 'member_demo') Object.assign(a, { resident_id: people.memberDemo?.residentId ?? null });
    if (a.username === 'merchant_demo') Object.assign(a, { merchant_id: shop.id });
  }
  await loader.database.db.insertInto('account').values(accounts).execute();
  loader.done('account', accounts.length);
}

/**
 * When the generated registers begin: 1 January three years back (China time). A city moving
 * onto Linli brings registers that stood long before; dating them from the seed's run would
 * leave every past month of the cockpit without a unit to count under, while the modules' demo
 * records (two years of venue use, branches founded years ago) are dated in the past.
 */
export function registersSince(now: Date): string {
  return chinaMonthStart(`${Number(chinaMonth(now).slice(0, 4)) - 3}-01`).toISOString();
}

/** COPY and INSERT…SELECT with row counts and progress reports. */
class Loader {
  readonly counts: Record<string, number> = {};
  constructor(readonly database: Database, readonly report: (p: SeedProgress) => void, readonly registersSince: string) {}

  /** A register's rows, each dated from when the generated registers begin (`created_at`). */
  async copyRegister(table: string, columns: string[], rows: Iterable<unknown[]>, expected?: number) {
    const since = this.registersSince;
    await this.copy(table, [...columns, 'created_at'], (function* () {
      for (const r of rows) yield [...r, since];
    })(), expected);
  }

  async copy(table: string, columns: string[], rows: Iterable<unknown[]>, expected?: number) {
    const report = this.report;
    const counted = function* () {
      let n = 0;
      for (const r of rows) {
        yield r;
        if (++n % PROGRESS_EVERY === 0) report({ table, rows: n, done: false, expected });
      }
    };
    this.done(table, await this.database.copyRows(table, columns, counted()));
  }

  async insertSelect(table: string, text: string) {
    const [{ n }] = await this.query<{ n: number }>(`WITH ins AS (${text} RETURNING 1) SELECT count(*)::int AS n FROM ins`);
    this.done(table, Number(n));
  }

  query<R = Record<string, unknown>>(text: string, params?: unknown[]) {
    return this.database.rawTransaction((tx) => tx.query<R>(text, params));
  }

  done(table: string, rows: number) {
    this.counts[table] = rows;
    this.report({ table, rows, done: true });
  }
}

const pii = (cipher: PiiCipher, phone: string | null) =>
  phone ? [cipher.encrypt(phone), cipher.hash(phone), maskPhone(phone)] : [null, null, null];

/** What the resident pass learns on the way: party members, community sizes, demo people. */
class PeopleLedger {
  readonly members: MemberRecord[] = [];
  readonly residentsOfCommunity: Int32Array;
  /** Community index → member index of its party secretary (an in-service member living there). */
  readonly secretaryMemberOf = new Map<number, number>();
  readonly demoGrid: GridNode;
  memberDemo?: { residentId: number; name: string; unitId: number; unitPath: string; countyCode: string };
  residentDemo?: { residentId: number; name: string; unitId: number; unitPath: string; countyCode: string };

  constructor(plan: CityPlan) {
    this.residentsOfCommunity = new Int32Array(plan.communities.length);
    this.demoGrid = binhe(plan, 0).grids[0];
  }
}

function* residentRows(plan: CityPlan, cipher: PiiCipher, ledger: PeopleLedger): Generator<unknown[]> {
  const population = new PopulationGenerator(new IdNumberAllocator());
  let id = 0;
  let grid: GridNode | undefined;
  let rng = new Rng(0);
  for (const h of walkHouseholds(plan)) {
    if (h.grid !== grid) {
      grid = h.grid;
      rng = new Rng(seedOf('people', grid.code));
    }
    if (h.room.kind !== 'residence') continue;
    const cm = h.grid.community;
    for (const p of population.household(rng, cm.county.def)) {
      id++;
      ledger.residentsOfCommunity[cm.index]++;
      const membership = partyMembership(rng, p);
      const who = { residentId: id, name: p.name, unitId: h.unitId, unitPath: h.unitPath, countyCode: h.grid.countyCode };
      if (membership) {
        const m: MemberRecord = {
          residentId: id, householdId: h.id, grid: h.grid.index, buildingIndex: h.buildingIndex, unitId: h.unitId,
          unitPath: h.unitPath, countyCode: h.grid.countyCode, kind: membership.kind, joinedOn: isoDate(membership.joinedDay),
          age: p.age, name: p.name, phone: p.phone, buildingName: h.building.name,
        };
        ledger.members.push(m);
        if (!ledger.secretaryMemberOf.has(cm.index) && m.kind === 'in_service' && p.age >= 30 && p.age <= 55) {
          ledger.secretaryMemberOf.set(cm.index, ledger.members.length - 1);
        }
        if (h.grid === ledger.demoGrid && !ledger.memberDemo) ledger.memberDemo = who;
      } else if (h.grid === ledger.demoGrid && !ledger.residentDemo && p.relation === 'head' && p.age >= 18) {
        ledger.residentDemo = who;
      }
      yield [
        id, h.id, h.unitPath, h.grid.countyCode, p.name, p.gender, isoDate(p.birthDay), p.relation,
        cipher.encrypt(p.idNumber), cipher.hash(p.idNumber), maskIdNumber(p.idNumber), ...pii(cipher, p.phone),
      ];
    }
  }
}

interface StaffRecord {
  org: { id: number; path: string; countyCode: string; name: string };
  residentId: number | null;
  name: string;
  post: 'grid_worker' | 'community_worker' | 'graduate_assistant' | 'community_secretary';
  postType: 'leader' | 'deputy' | 'worker' | null;
  grade: number | null;
  phone: string | null;
}

/**
 * Community staff: the party secretary (a member living in the community, when there is one),
 * community workers at 17.11 per 10,000 residents on the 三岗十八级 scale (at least one besides
 * the secretary), graduate assistants, and one full-time worker per grid.
 */
function buildStaff(plan: CityPlan, people: PeopleLedger): StaffRecord[] {
  const out: StaffRecord[] = [];
  const rng = new Rng(seedOf('staff', plan.scale));
  const person = () => {
    const age = rng.int(24, 55);
    return { name: personName(rng, rng.chance(0.62) ? 'female' : 'male', 2026 - age), phone: mobileNumber(rng) };
  };
  // 336 assistants at city scale: one per community and a second in the largest; demo: one each.
  const extraAssistants = new Set(
    plan.scale === 'city'
      ? [...plan.communities].sort((a, b) => people.residentsOfCommunity[b.index] - people.residentsOfCommunity[a.index] || a.index - b.index)
        .slice(0, CITY_GRADUATE_ASSISTANTS - plan.communities.length).map((c) => c.index)
      : [],
  );
  for (const cm of plan.communities) {
    const sec = people.secretaryMemberOf.get(cm.index);
    const m = sec === undefined ? undefined : people.members[sec];
    const p = m ? { name: m.name, phone: m.phone ?? mobileNumber(rng) } : person();
    out.push({ org: cm, residentId: m?.residentId ?? null, ...p, post: 'community_secretary', postType: 'leader', grade: rng.int(10, 18) });
    const workers = Math.max(1, Math.round(people.residentsOfCommunity[cm.index] * WORKERS_PER_RESIDENT) - 1);
    for (let i = 0; i < workers; i++) {
      const deputy = i < Math.min(2, workers - 1);
      out.push({
        org: cm, residentId: null, ...person(), post: 'community_worker', postType: deputy ? 'deputy' : 'worker',
        grade: deputy ? rng.int(6, 15) : rng.int(1, 12),
      });
    }
    const assistants = 1 + (extraAssistants.has(cm.index) ? 1 : 0);
    for (let i = 0; i < assistants; i++) {
      out.push({ org: cm, residentId: null, ...person(), post: 'graduate_assistant', postType: null, grade: null });
    }
    for (const g of cm.grids) {
      out.push({ org: g, residentId: null, ...person(), post: 'grid_worker', postType: 'worker', grade: rng.int(1, 8) });
    }
  }
  return out;
}

/** Each shop unit of a business grid holds one merchant. */
function* merchantRows(plan: CityPlan, cipher: PiiCipher): Generator<unknown[]> {
  let id = 0;
  let grid: GridNode | undefined;
  let rng = new Rng(0);
  for (const h of walkHouseholds(plan, (g) => g.merchantCount > 0)) {
    if (h.room.kind !== 'merchant') continue;
    if (h.grid !== grid) {
      grid = h.grid;
      rng = new Rng(seedOf('merchants', grid.code));
    }
    const b = rng.pick(BUSINESSES);
    const contact = personName(rng, rng.chance(0.5) ? 'male' : 'female', 1960 + rng.int(0, 40));
    yield [++id, h.grid.id, h.grid.path, h.grid.countyCode, shopName(rng, b.words), b.kind, h.address, contact, ...pii(cipher, mobileNumber(rng))];
  }
}

const LISHI_DEPARTMENTS = ['离石区住建局', '离石区城市管理局', '离石区市场监督管理局', '离石区民政局', '公安离石分局', '离石区水务局'];

/** The n-th community of 滨河街道 (离石区). */
function binhe(plan: CityPlan, n: number): CommunityNode {
  const street = plan.streets.find((s) => s.def.code9 === '141102001');
  const cm = street?.communities[n];
  if (!cm) throw new Error('种子数据缺少滨河街道的社区');
  return cm;
}

/** The shop merchant_demo stands for: the first of 龙凤社区, else of 滨河街道, else of 离石区. */
async function demoShop(database: Database, plan: CityPlan) {
  const places = [binhe(plan, 0), plan.streets.find((s) => s.def.code9 === '141102001')!, plan.counties.find((c) => c.code === '141102')!];
  for (const place of places) {
    const shop = await database.db.selectFrom('merchant').select(['id', 'name', 'org_id', 'org_path', 'county_code'])
      .where('org_path', 'like', `${place.path}%`).orderBy('id').executeTakeFirst();
    if (shop) return shop;
  }
  throw new Error('种子数据中找不到可用作商户演示账号的商户');
}

function demoAccountRows(
  plan: CityPlan, people: PeopleLedger, staff: StaffRecord[], shop: { name: string; org_id: number; org_path: string; county_code: string },
  passwordHash: string,
) {
  const lishi = plan.counties.find((c) => c.code === '141102')!;
  const binheStreet = plan.streets.find((s) => s.def.code9 === '141102001')!;
  const [c1, c2] = [binhe(plan, 0), binhe(plan, 1)];
  const grid1 = c1.grids[0];
  const compound = plan.grids.find((g) => g.gridType === 'enclosed' && g.community === c1) ?? plan.grids.find((g) => g.gridType === 'enclosed')!;
  const staffName = (org: { id: number }, post: StaffRecord['post']) => staff.find((s) => s.org.id === org.id && s.post === post)?.name ?? post;
  const scope = (u: { id: number; path: string; countyCode: string }) => ({ scope_org_id: u.id, scope_path: u.path, county_code: u.countyCode });
  const person = (p: PeopleLedger['memberDemo'], what: string) => {
    if (!p) throw new Error(`种子数据中找不到可用作${what}演示账号的居民`);
    return { display_name: p.name, scope_org_id: p.unitId, scope_path: p.unitPath, county_code: p.countyCode };
  };
  const rows: Record<string, { display_name: string; scope_org_id: number; scope_path: string; county_code: string }> = {
    city_admin: { display_name: '吕梁市委社会工作部', ...scope(plan.city) },
    county_lishi: { display_name: '离石区委社会工作部', ...scope(lishi) },
    street_binhe: { display_name: '滨河街道党工委', ...scope(binheStreet) },
    secretary_binhe1: { display_name: staffName(c1, 'community_secretary'), ...scope(c1) },
    worker_binhe1: { display_name: staffName(c1, 'community_worker'), ...scope(c1) },
    worker_binhe2: { display_name: staffName(c2, 'community_worker'), ...scope(c2) },
    grid_binhe1: { display_name: staffName(grid1, 'grid_worker'), ...scope(grid1) },
    dept_housing: { display_name: '离石区住建局', ...scope(lishi) },
    property_demo: { display_name: `${compound.place}物业服务有限公司`, ...scope(compound) },
    member_demo: person(people.memberDemo, '党员'),
    resident_demo: person(people.residentDemo, '居民'),
    merchant_demo: { display_name: shop.name, scope_org_id: shop.org_id, scope_path: shop.org_path, county_code: shop.county_code },
    volorg_demo: { display_name: '龙凤社区志愿服务队', ...scope(c1) },
    rider_demo: { display_name: '骑手', ...scope(binheStreet) }, // linked to its worker once stations exist (newgroups-demo.ts)
    unit_demo: { display_name: '共建单位管理员', ...scope(lishi) }, // linked to its unit once units exist (dual-report-demo.ts)
    // linked to their residents and homes once the compounds exist (selfrun-flow-demo.ts)
    owner_cuiyuan1: { display_name: '翠苑小区业主', ...scope(c1) },
    owner_cuiyuan2: { display_name: '翠苑小区业主', ...scope(c1) },
    committee_kangning: { display_name: '康宁小区业委会主任', ...scope(c1) },
  };
  return DEMO_ACCOUNTS.map((a) => ({ username: a.username, role: a.role, password_hash: passwordHash, ...rows[a.username] }));
}
