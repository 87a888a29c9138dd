import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import type { ServiceLevel } from '../modules/property/property.tables.js';
import type { PiiCipher } from '../platform/pii/cipher.js';
import { chinaDay } from '../platform/clock.js';
import { maskPhone } from '../platform/pii/id-number.js';
import { Rng } from './prng.js';

/**
 * 物业服务企业 for the demo: 离石区's register of property companies and their contracts with the
 * county's enclosed compounds (about four compounds a company, as the city's 577 for 2,427), a
 * few compounds left without a company (the self-run candidates of issue 15). property_demo
 * stands for the company serving 龙凤社区's first compound, where resident_demo lives.
 * Later property demos (credit, meetings, repairs) build on these rows.
 */
const BRANDS = ['龙凤', '凤山', '滨河', '永宁', '吕梁', '离石', '华安', '恒信', '鑫源', '锦绣', '安居', '祥和', '金辉', '康泰', '宏达', '瑞丰', '嘉禾', '润泽'];
const SUFFIXES = ['物业服务有限公司', '物业管理有限公司', '物业服务有限责任公司'];
const CONTACTS = ['王建平', '李秀梅', '张国庆', '刘海英', '郭志刚', '高红霞', '任晓峰', '薛丽君', '白文军', '马俊英'];
const QUALIFICATIONS = ['一级', '二级', '三级', null] as const;
/** A compound in this many keeps no company: 762 of 2,427 run their own services. */
const SELF_RUN_SHARE = 0.3;
const COMPOUNDS_PER_COMPANY = 4.2;

export async function seedPropertyDemo(db: Kysely<DB>, cipher: PiiCipher, now = new Date()) {
  const demo = await db.selectFrom('account').select(['id', 'scope_org_id', 'county_code']).where('username', '=', 'property_demo').executeTakeFirst();
  if (!demo) return { companies: 0, contracts: 0 };
  const county = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('kind', '=', 'county').where('county_code', '=', demo.county_code).executeTakeFirstOrThrow();
  const admin = await db.selectFrom('account').select('id').where('username', '=', 'county_lishi').executeTakeFirst();
  const compounds = await db.selectFrom('org_unit').select(['id', 'path', 'county_code'])
    .where('kind', '=', 'grid').where('grid_type', '=', 'enclosed').where('county_code', '=', county.county_code)
    .where('dissolved_at', 'is', null).orderBy('path').execute();
  const rng = new Rng(20261201);
  // The demo account's compound always has a company; its community's next compound never does (it
  // runs itself: the self-run demo); the others have one with the city's share.
  const home = compounds.find((c) => c.id === demo.scope_org_id);
  const selfRun = home ? compounds.find((c) => c.id !== home.id && c.path.startsWith(home.path.split('.').slice(0, -2).join('.') + '.')) : undefined;
  const served = compounds.filter((c) => c.id === demo.scope_org_id || (c.id !== selfRun?.id && !rng.chance(SELF_RUN_SHARE)));
  const n = Math.max(1, Math.ceil(served.length / COMPOUNDS_PER_COMPANY));
  const used = new Set<string>();
  const companies = await db.insertInto('property_company').values(Array.from({ length: n }, (_, i) => {
    let name = `${BRANDS[i % BRANDS.length]}${SUFFIXES[Math.floor(i / BRANDS.length) % SUFFIXES.length]}`;
    for (let k = 2; used.has(name); k++) name = `${BRANDS[i % BRANDS.length]}${k === 2 ? '第二' : k}${SUFFIXES[0]}`;
    used.add(name);
    const phone = `1393581${String(2000 + i * 41).padStart(4, '0')}`;
    return {
      org_id: county.id, org_path: county.path, county_code: county.county_code, name,
      credit_code: `91141102MA${String(1000301 + i * 379).padStart(7, '0')}${'0123456789ABCDEFGHJKLMNPQRTUWXY'[i % 31]}`,
      qualification: QUALIFICATIONS[i % QUALIFICATIONS.length] ?? null, contact_name: CONTACTS[i % CONTACTS.length]!,
      phone_enc: cipher.encrypt(phone), phone_hash: cipher.hash(phone), phone_mask: maskPhone(phone), created_by: admin?.id ?? null,
      created_at: new Date(now.getTime() - (400 + i * 3) * 86_400_000),
    };
  })).returning(['id', 'name']).execute();

  // The demo compound goes to the first company; the rest in turn, a company's compounds side by side.
  const ordered = [...served.filter((c) => c.id === demo.scope_org_id), ...served.filter((c) => c.id !== demo.scope_org_id)];
  const today = chinaDay(now);
  const year = Number(today.slice(0, 4));
  const contracts = ordered.map((c, k) => {
    const company = companies[Math.min(companies.length - 1, Math.floor(k / COMPOUNDS_PER_COMPANY))]!;
    const startYear = year - rng.int(0, 2);
    const level = String(rng.int(1, 4)) as ServiceLevel;
    return {
      company_id: company.id, compound_id: c.id, org_path: c.path, county_code: c.county_code,
      starts_on: `${startYear}-01-01`, ends_on: `${startYear + 3}-12-31`,
      fee_per_m2: (1.6 - Number(level) * 0.25 + rng.int(0, 4) * 0.05).toFixed(2), service_level: level,
      service_standard: `《山西省住宅物业服务等级标准》${'一二三四五'[Number(level) - 1]}级`, created_by: admin?.id ?? null,
      created_at: new Date(`${startYear - 1}-12-15T10:00:00+08:00`),
    };
  });
  if (contracts.length) await db.insertInto('property_contract').values(contracts).execute();
  await db.updateTable('account').set({ property_company_id: companies[0]!.id, display_name: `${companies[0]!.name}（项目经理）` })
    .where('id', '=', demo.id).execute();
  return { companies: companies.length, contracts: contracts.length };
}

/**
 * The register's party organisation and sanctions for the demo, on top of seedPropertyDemo: a
 * few companies with a branch of their own or a joint one (the city's 104 of 577), instructors
 * (177), and sanctions in each state — an interview, rectifications open, overdue, reported and
 * verified (one open for property_demo's company, so its phone page has a task), a downgrade, one
 * company exited and one compound re-selected for self-run. 龙凤社区's first compound keeps its
 * company: no contract of the demo company is touched.
 */
export async function seedPropertyRegisterDemo(db: Kysely<DB>, cipher: PiiCipher, now = new Date()) {
  const demo = await db.selectFrom('account').select(['id', 'property_company_id', 'county_code']).where('username', '=', 'property_demo').executeTakeFirst();
  if (!demo?.property_company_id) return { branches: 0, instructors: 0, sanctions: 0 };
  const county = await db.selectFrom('account').select(['id', 'display_name']).where('username', '=', 'county_lishi').executeTakeFirstOrThrow();
  const street = await db.selectFrom('account').select(['id', 'display_name', 'scope_path']).where('username', '=', 'street_binhe').executeTakeFirst();
  const companies = await db.selectFrom('property_company').select(['id', 'name', 'org_id', 'org_path', 'county_code'])
    .where('county_code', '=', demo.county_code).orderBy('id').execute();
  if (companies.length < 8) return { branches: 0, instructors: 0, sanctions: 0 };
  const contracts = await db.selectFrom('property_contract').select(['id', 'company_id', 'compound_id', 'org_path', 'service_level', 'fee_per_m2'])
    .where('county_code', '=', demo.county_code).where('status', '=', 'active').orderBy('org_path').execute();
  const ofCompany = (id: number) => contracts.filter((k) => k.company_id === id);
  const [c0, c1, c2, c3, c4, c5] = companies;
  const last = companies[companies.length - 1]!;
  const day = (offset: number) => chinaDay(new Date(now.getTime() + offset * 86_400_000));
  const at = (offset: number) => new Date(now.getTime() + offset * 86_400_000);

  // Party organisation: the demo company has its own branch; two small companies share a joint one.
  const place = { org_id: c0!.org_id, org_path: c0!.org_path, county_code: c0!.county_code, created_by: county.id };
  const own = await db.insertInto('property_branch').values({ ...place, kind: 'independent', name: `${c0!.name}党支部`, secretary_name: '韩志强', member_count: 7, founded_on: `${day(-900).slice(0, 4)}-07-01`, created_at: at(-900) })
    .returning('id').executeTakeFirstOrThrow();
  const joint = await db.insertInto('property_branch').values({ ...place, kind: 'joint', name: '离石区物业行业第一联合党支部', secretary_name: '冯丽华', member_count: 11, founded_on: `${day(-700).slice(0, 4)}-06-18`, created_at: at(-700) })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('property_branch_company').values([
    { branch_id: own.id, company_id: c0!.id }, { branch_id: joint.id, company_id: c2!.id }, { branch_id: joint.id, company_id: c3!.id },
  ]).execute();

  const instructors = [
    { company: c0!, name: '杨建华', unit: '离石区住房和城乡建设局', post: '物业科科长', phone: '13835810021', from: -400, to: null },
    { company: c2!, name: '贺晓燕', unit: '滨河街道党工委', post: '组织委员', phone: '13835810022', from: -300, to: null },
    { company: c3!, name: '贺晓燕', unit: '滨河街道党工委', post: '组织委员', phone: '13835810022', from: -300, to: null },
    { company: c5!, name: '武国栋', unit: '离石区委组织部', post: '干部', phone: '13835810023', from: -800, to: -200 },
  ];
  await db.insertInto('property_instructor').values(instructors.map((i) => ({
    company_id: i.company.id, org_path: i.company.org_path, county_code: i.company.county_code, name: i.name, unit: i.unit, post: i.post,
    phone_enc: cipher.encrypt(i.phone), phone_hash: cipher.hash(i.phone), phone_mask: maskPhone(i.phone), from_on: day(i.from), to_on: i.to == null ? null : day(i.to),
    created_by: county.id, created_at: at(i.from),
  }))).execute();

  // Sanctions. Steps are written beside each so the history reads as it happened.
  let n = 0;
  const sanction = async (v: {
    company: typeof c0; contract?: (typeof contracts)[number]; kind: 'interview' | 'rectify' | 'downgrade' | 'exit' | 'reselect';
    status: 'recorded' | 'open' | 'reported' | 'verified' | 'done'; reason: string; basis?: string; by: { id: number; display_name: string }; days: number;
    extra?: Record<string, unknown>; steps?: { action: string; from: string; to: string; note: string; by: { id: number | null; display_name: string }; days: number }[];
  }) => {
    const decidedAt = at(v.days);
    const first = v.kind === 'rectify' ? 'open' : v.status === 'recorded' ? 'recorded' : 'done';
    const { id } = await db.insertInto('property_sanction').values({
      company_id: v.company!.id, contract_id: v.contract?.id ?? null, compound_id: v.contract?.compound_id ?? null,
      org_path: v.contract?.org_path ?? v.company!.org_path, county_code: v.company!.county_code, kind: v.kind, status: v.status, reason: v.reason,
      basis: v.basis ?? null, decided_by: v.by.id, decided_at: decidedAt, closed_at: v.status === 'open' || v.status === 'reported' ? null : at((v.steps?.at(-1)?.days ?? v.days)),
      ...v.extra,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('property_sanction_step').values([
      { sanction_id: id, action: 'decide', from_status: null, to_status: first, note: v.reason, account_id: v.by.id, actor_name: v.by.display_name, at: decidedAt },
      ...(v.steps ?? []).map((s) => ({ sanction_id: id, action: s.action, from_status: s.from, to_status: s.to, note: s.note, account_id: s.by.id, actor_name: s.by.display_name, at: at(s.days) })),
    ]).execute();
    n++;
  };
  const office = street ?? county;
  const demoContract = ofCompany(c0!.id)[0];
  await sanction({
    company: c0, contract: demoContract, kind: 'rectify', status: 'open', reason: '居民反映楼道照明损坏多日未修', by: office, days: -3,
    extra: { task: '更换小区全部楼道损坏灯具并建立巡查台账', deadline: day(12) },
  });
  await sanction({
    company: c1, kind: 'interview', status: 'recorded', reason: '季度物业服务诉求满意率偏低', basis: '季度信用评价', by: county, days: -40,
    extra: { interview_on: day(-40), interview_people: '区住建局物业科、滨河街道、企业负责人', minutes: '企业承诺一个月内完成保洁和秩序维护人员补充。' },
  });
  await sanction({
    company: c1, contract: ofCompany(c1!.id)[0], kind: 'rectify', status: 'open', reason: '电梯年检逾期', by: county, days: -30,
    extra: { task: '完成2部电梯年检并张贴合格标志', deadline: day(-5) },
  });
  await sanction({
    company: c2, contract: ofCompany(c2!.id)[0], kind: 'rectify', status: 'verified', reason: '垃圾清运不及时', by: office, days: -60,
    extra: { task: '垃圾日产日清，增设分类投放点', deadline: day(-30), report_note: '已增设4处分类投放点，清运改为每日两次', reported_at: at(-35) },
    steps: [
      { action: 'report', from: 'open', to: 'reported', note: '已增设4处分类投放点，清运改为每日两次', by: { id: null, display_name: c2!.name }, days: -35 },
      { action: 'verify', from: 'reported', to: 'verified', note: '现场核查属实', by: office, days: -33 },
    ],
  });
  await sanction({
    company: c3, contract: ofCompany(c3!.id)[0], kind: 'rectify', status: 'reported', reason: '消防通道被占用', by: office, days: -10,
    extra: { task: '清理消防通道并设置禁停标识', deadline: day(5), report_note: '已清理并设置标识', reported_at: at(-1) },
    steps: [{ action: 'report', from: 'open', to: 'reported', note: '已清理并设置标识', by: { id: null, display_name: c3!.name }, days: -1 }],
  });
  const down = ofCompany(c4!.id)[0];
  if (down) {
    const levelAfter = String(Math.min(5, Number(down.service_level) + 1)) as ServiceLevel;
    const feeAfter = (Number(down.fee_per_m2) - 0.2).toFixed(2);
    await db.updateTable('property_contract').set({ service_level: levelAfter, fee_per_m2: feeAfter }).where('id', '=', down.id).execute();
    await sanction({
      company: c4, contract: down, kind: 'downgrade', status: 'done', reason: '连续两个季度信用评价低于60分', basis: `${day(-20).slice(0, 4)}年第3季度黑榜`, by: county, days: -20,
      extra: { level_before: down.service_level, level_after: levelAfter, fee_before: down.fee_per_m2, fee_after: feeAfter },
    });
  }
  const reselect = ofCompany(c5!.id).find((k) => k.id !== demoContract?.id);
  if (reselect) {
    await db.updateTable('property_contract').set({ status: 'terminated', ended_on: day(-15), end_reason: '重新选聘：业主大会决定解聘' }).where('id', '=', reselect.id).execute();
    await sanction({ company: c5, contract: reselect, kind: 'reselect', status: 'done', reason: '业主大会决定解聘', by: county, days: -15, extra: { reselect_to: 'self_run' } });
  }
  if (last.id !== c0!.id) {
    await db.updateTable('property_contract').set({ status: 'terminated', ended_on: day(-50), end_reason: '清退：弃管小区、拖欠员工工资' })
      .where('company_id', '=', last.id).where('status', '=', 'active').execute();
    await db.updateTable('property_company').set({ status: 'exited', exited_at: at(-50) }).where('id', '=', last.id).execute();
    await sanction({ company: last, kind: 'exit', status: 'done', reason: '弃管小区、拖欠员工工资', basis: '黑榜并发生严重事件', by: county, days: -50 });
  }
  return { branches: 2, instructors: instructors.length, sanctions: n };
}
