import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { figuresOf } from '../modules/selfrun/statements.service.js';
import type { LedgerCategory } from '../modules/selfrun/ledger.tables.js';
import { INCOME_CATEGORIES } from '../modules/selfrun/ledger.tables.js';
import { chinaDay } from '../platform/clock.js';
import { Rng } from './prng.js';

/**
 * 公共账户 for the demo: six months of income and expenses in resident_demo's self-run compound
 * (龙凤社区's second) and four more of 离石区's self-run compounds; statements closed and published
 * for the months before last (last month waits for its committee to close it, this month is open);
 * and last year's service review from most households. Runs after seedSelfrunDemo.
 */
const MONTHS = 6;
const OTHERS = 4;

const monthsBack = (today: string, n: number) => {
  const [y, m] = today.split('-').map(Number);
  const t = y * 12 + (m - 1) - n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};
const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;

export async function seedSelfrunAccountDemo(db: Kysely<DB>, now = new Date()) {
  const demo = await db.selectFrom('account as a').innerJoin('unit_owner as o', 'o.resident_id', 'a.resident_id')
    .select('o.compound_id').where('a.username', '=', 'resident_demo').where('o.ended_at', 'is', null).executeTakeFirst();
  const others = await db.selectFrom('compound_profile').select('compound_id').where('mode', '=', 'self_run')
    .where('compound_id', '!=', demo?.compound_id ?? 0).orderBy('compound_id').limit(OTHERS).execute();
  const ids = [...(demo ? [demo.compound_id] : []), ...others.map((o) => o.compound_id)];
  if (!ids.length) return { entries: 0, statements: 0 };
  const secretary = await db.selectFrom('account').select(['id', 'display_name']).where('username', '=', 'secretary_binhe1').executeTakeFirstOrThrow();
  const today = chinaDay(now);
  const thisMonth = today.slice(0, 7);
  const rng = new Rng(20261215);
  let entries = 0;
  let statements = 0;
  for (const id of ids) {
    const g = await db.selectFrom('org_unit').select(['path', 'county_code', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
    const homes = await db.selectFrom('owned_unit').select('household_id').where('compound_id', '=', id).where('removed_at', 'is', null)
      .where('household_id', 'is not', null).where('developer_unsold', '=', false).orderBy('id').execute();
    const rows: { category: LedgerCategory; amount: number; day: string; summary: string; counterparty: string | null; household: number | null }[] = [];
    for (let k = MONTHS - 1; k >= 0; k--) {
      const m = monthsBack(today, k);
      const lastDay = m === thisMonth ? Number(today.slice(8, 10)) : 28;
      const d = (x: number) => day(m, Math.min(x, lastDay));
      const mm = Number(m.slice(5));
      rows.push({ category: 'parking', amount: rng.int(60, 120) * 1000, day: d(3), summary: `${mm}月临时停车费`, counterparty: null, household: null });
      if (rng.chance(0.7)) rows.push({ category: 'parcel_locker', amount: 30000, day: d(5), summary: `${mm}月快递柜场地费`, counterparty: '丰巢', household: null });
      if (k % 3 === 0) rows.push({ category: 'advert', amount: 60000, day: d(6), summary: '电梯广告季度费', counterparty: '吕梁传媒', household: null });
      // 物业费: most households pay 0.3 元/㎡ a month, in the first fortnight.
      for (const h of homes) {
        if (rng.chance(0.82)) rows.push({ category: 'property_fee', amount: rng.int(18, 30) * 100, day: d(rng.int(1, 15)), summary: `${mm}月物业费`, counterparty: null, household: h.household_id });
      }
      if (k === 3) rows.push({ category: 'crowdfunding', amount: 480000, day: d(10), summary: '楼道照明改造众筹', counterparty: null, household: null });
      rows.push({ category: 'wages', amount: 200000, day: d(10), summary: `${mm}月保洁工资（2人）`, counterparty: '保洁员', household: null });
      rows.push({ category: 'wages', amount: 180000, day: d(10), summary: `${mm}月门卫工资`, counterparty: '门卫', household: null });
      if (rng.chance(0.6)) rows.push({ category: 'repair', amount: rng.int(3, 15) * 10000, day: d(rng.int(11, 27)), summary: '公共设施维修', counterparty: '维修师傅', household: null });
      if (rng.chance(0.5)) rows.push({ category: 'material', amount: rng.int(2, 8) * 10000, day: d(rng.int(11, 27)), summary: '清洁用品、灯泡', counterparty: '五金店', household: null });
      if (k === 3) rows.push({ category: 'material', amount: 452000, day: d(20), summary: '楼道感应灯', counterparty: '五金店', household: null });
    }
    rows.sort((a, b) => a.day.localeCompare(b.day));
    const values = rows.map((r, i) => ({
      compound_id: id, org_path: g.path, county_code: g.county_code, seq: i + 1,
      kind: ((INCOME_CATEGORIES as readonly string[]).includes(r.category) ? 'income' : 'expense') as 'income' | 'expense',
      category: r.category, amount_fen: r.amount, day: r.day, summary: r.summary, counterparty: r.counterparty, household_id: r.household,
      created_by: secretary.id, created_by_name: secretary.display_name, created_as: 'staff' as const,
    }));
    for (let i = 0; i < values.length; i += 500) await db.insertInto('selfrun_ledger_entry').values(values.slice(i, i + 500)).execute();
    entries += values.length;
    // Closed and published: the months before last.
    for (let k = MONTHS - 1; k >= 2; k--) {
      const m = monthsBack(today, k);
      const f = await figuresOf(db, id, m);
      await db.insertInto('selfrun_statement').values({
        compound_id: id, org_path: g.path, county_code: g.county_code, month: m, ...f, closed_by: secretary.id, closed_by_name: secretary.display_name,
        published_at: new Date(`${monthsBack(today, k - 1)}-03T10:00:00+08:00`),
      }).execute();
      statements++;
    }
    // Last year's 服务评定: most households, mostly content; the last compound's service slipped.
    const lastYear = Number(today.slice(0, 4)) - 1;
    const low = id === ids[ids.length - 1];
    const ratings = homes.filter(() => rng.chance(0.7)).map((h) => ({
      compound_id: id, org_path: g.path, county_code: g.county_code, year: lastYear, household_key: `h${h.household_id}`,
      score: low ? rng.int(1, 4) : rng.int(3, 5),
    }));
    if (ratings.length) {
      await db.insertInto('selfrun_service_rating').values(ratings).execute();
      await db.insertInto('selfrun_service_review').values({
        compound_id: id, year: lastYear, org_path: g.path, county_code: g.county_code, ratings: ratings.length, score_sum: ratings.reduce((a, r) => a + r.score, 0),
      }).execute();
    }
  }
  return { entries, statements };
}
