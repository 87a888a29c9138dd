import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { FIVE_HAVE_ITEMS } from '../modules/selfrun/compounds.schemas.js';
import { Rng } from './prng.js';

const NOTES: Record<(typeof FIVE_HAVE_ITEMS)[number], string> = {
  party_org: '小区党支部已成立，支部书记兼任物管会主任',
  venue: '利用1号楼架空层设党群服务站',
  member_ledger: '在册党员、流动党员台账已建立',
  contact: '网格员、楼栋长、物管会成员联系表已公示',
  emergency_plan: '防汛、消防、停水停电应急预案已制定',
};

/**
 * 五有 for the demo's self-run compounds: most have recorded all five items, some only a few, so
 * the list flags some and the street's figures count them. 龙凤社区's demo compound is left with
 * none recorded, for the community to record from the compound page.
 */
export async function seedSelfrunCompoundsDemo(db: Kysely<DB>, now = new Date()) {
  const demo = await db.selectFrom('account as a').innerJoin('org_unit as u', 'u.id', 'a.scope_org_id')
    .select('u.parent_id').where('a.username', '=', 'property_demo').executeTakeFirst();
  const by = await db.selectFrom('account').select('id').where('username', '=', 'secretary_binhe1').executeTakeFirst();
  const compounds = await db.selectFrom('compound_profile as p').innerJoin('org_unit as g', 'g.id', 'p.compound_id')
    .select(['g.id', 'g.path', 'g.county_code', 'g.parent_id']).where('p.mode', '=', 'self_run').orderBy('g.id').execute();
  const rng = new Rng(20261130);
  const rows = compounds.filter((c) => c.parent_id !== demo?.parent_id).flatMap((c) => {
    const n = rng.chance(0.7) ? FIVE_HAVE_ITEMS.length : rng.int(1, 4);
    return FIVE_HAVE_ITEMS.slice(0, n).map((item) => ({
      compound_id: c.id, org_path: c.path, county_code: c.county_code, item, note: NOTES[item], recorded_by: by?.id ?? null, recorded_at: now,
    }));
  });
  if (rows.length) await db.insertInto('compound_five_have').values(rows).execute();
  return { compounds: compounds.length, items: rows.length };
}
