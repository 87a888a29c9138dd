import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { GRADES, POST_TYPES } from '../modules/workforce/workforce.schemas.js';
import type { PostType } from '../modules/workforce/workforce.tables.js';

/** Monthly pay (yuan) of grade 1 and the step per grade, 2026; 2025 was 100 less per cell. */
const PAY_2026: Record<PostType, { base: number; step: number }> = {
  leader: { base: 4200, step: 150 },
  deputy: { base: 3800, step: 130 },
  worker: { base: 3200, step: 110 },
};
/** 以星奖补: yearly subsidy per star level. */
const STARS = [
  { stars: 1, min_score: 60, subsidy_yuan: 2000 },
  { stars: 2, min_score: 70, subsidy_yuan: 4000 },
  { stars: 3, min_score: 80, subsidy_yuan: 6000 },
  { stars: 4, min_score: 90, subsidy_yuan: 8000 },
  { stars: 5, min_score: 95, subsidy_yuan: 10000 },
];

/**
 * 离石区's 三岗十八级 pay tables for 2025 and 2026 with their star rules, so the pay table page
 * shows a year and its history (staff across the three post types and grades come with the
 * city's staff). Same rows at every scale: a few dozen inserts.
 */
export async function seedWorkforceDemo(db: Kysely<DB>) {
  const lishi = await db.selectFrom('org_unit').select(['id', 'path', 'county_code'])
    .where('kind', '=', 'county').where('county_code', '=', '141102').executeTakeFirst();
  if (!lishi) return;
  const place = { county_id: lishi.id, org_path: lishi.path, county_code: lishi.county_code };
  for (const year of [2025, 2026]) {
    await db.insertInto('workforce_pay_rate').values(POST_TYPES.flatMap((postType) => Array.from({ length: GRADES }, (_, i) => ({
      ...place, year, post_type: postType, grade: i + 1,
      monthly_yuan: PAY_2026[postType].base + PAY_2026[postType].step * i - (year === 2025 ? 100 : 0),
    })))).execute();
    await db.insertInto('workforce_star_rule').values(STARS.map((s) => ({ ...place, year, ...s }))).execute();
  }
}
