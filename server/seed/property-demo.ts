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
  // The demo account's compound always has a company; the others do with the city's share.
  const served = compounds.filter((c) => c.id === demo.scope_org_id || !rng.chance(SELF_RUN_SHARE));
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
