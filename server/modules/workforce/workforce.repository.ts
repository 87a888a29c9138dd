import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, StaffTable } from '../../database.js';
import type { PostType, SecretaryRatingTable } from './workforce.tables.js';

/** Plain SQL of the workforce module: no rules here, the service decides. */
type Q = Kysely<DB> | Transaction<DB>;


export function findResident(db: Q, id: number) {
  return db.selectFrom('resident').select(['id', 'org_path', 'moved_out_at']).where('id', '=', id).executeTakeFirst();
}

const staffColumns = [
  's.id', 's.name', 's.post', 's.post_type', 's.grade', 's.org_id', 'o.name as org_name', 's.resident_id', 's.phone_mask',
  sql<string | null>`s.left_on::text`.as('left_on'), 's.org_path', 's.county_code',
] as const;

export async function listStaff(
  db: Q, area: string, year: number,
  f: { post?: StaffTable['post']; q?: string; includeLeft: boolean; page: number; pageSize: number },
) {
  const base = db.selectFrom('staff as s')
    .where(sql<boolean>`s.org_path LIKE ${area + '%'}`)
    .$if(!f.includeLeft, (qb) => qb.where('s.left_on', 'is', null))
    .$if(!!f.post, (qb) => qb.where('s.post', '=', f.post!))
    .$if(!!f.q, (qb) => qb.where(sql<boolean>`s.name LIKE ${f.q + '%'}`));
  const [items, total] = await Promise.all([
    base.innerJoin('org_unit as o', 'o.id', 's.org_id')
      .leftJoin('workforce_pay_rate as p', (j) => j.onRef('p.county_code', '=', 's.county_code').on('p.year', '=', year)
        .onRef('p.post_type', '=', 's.post_type').onRef('p.grade', '=', 's.grade'))
      .select([...staffColumns, 'p.monthly_yuan'])
      .orderBy('s.org_path').orderBy('s.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function getStaff(db: Q, id: number, year: number) {
  return db.selectFrom('staff as s').innerJoin('org_unit as o', 'o.id', 's.org_id')
    .leftJoin('workforce_pay_rate as p', (j) => j.onRef('p.county_code', '=', 's.county_code').on('p.year', '=', year)
      .onRef('p.post_type', '=', 's.post_type').onRef('p.grade', '=', 's.grade'))
    .select([...staffColumns, 'p.monthly_yuan'])
    .where('s.id', '=', id).executeTakeFirst();
}
export type StaffRow = NonNullable<Awaited<ReturnType<typeof getStaff>>>;

export function insertStaff(db: Q, v: Insertable<StaffTable>) {
  return db.insertInto('staff').values(v).returning('id').executeTakeFirstOrThrow();
}

export function updateStaff(db: Q, id: number, v: Updateable<StaffTable>) {
  return db.updateTable('staff').set(v).where('id', '=', id).executeTakeFirst();
}

/** Sets the leaving day once: a second leave finds nothing to update. */
export async function markLeft(db: Q, id: number, leftOn: string, at: Date) {
  const r = await db.updateTable('staff').set({ left_on: leftOn, updated_at: at }).where('id', '=', id).where('left_on', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- pay tables and star rules --------------------------------------------------------------

export function payRates(db: Q, countyId: number, year: number) {
  return db.selectFrom('workforce_pay_rate').select(['post_type', 'grade', 'monthly_yuan', 'updated_at'])
    .where('county_id', '=', countyId).where('year', '=', year).orderBy('post_type').orderBy('grade').execute();
}

export function starRules(db: Q, countyId: number, year: number) {
  return db.selectFrom('workforce_star_rule').select(['stars', 'min_score', 'subsidy_yuan'])
    .where('county_id', '=', countyId).where('year', '=', year).orderBy('stars').execute();
}

export async function savedYears(db: Q, countyId: number) {
  const rows = await db.selectFrom('workforce_pay_rate').select('year').distinct()
    .where('county_id', '=', countyId).orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

/** Replaces a county's table of one year (rates and star rules) inside the caller's transaction. */
export async function replacePayTable(
  trx: Transaction<DB>, county: { id: number; path: string; county_code: string }, year: number, by: number,
  rates: readonly { postType: PostType; grade: number; monthlyYuan: number }[],
  stars: readonly { stars: number; minScore: number; subsidyYuan: number }[],
) {
  const place = { county_id: county.id, org_path: county.path, county_code: county.county_code, year };
  await trx.deleteFrom('workforce_pay_rate').where('county_id', '=', county.id).where('year', '=', year).execute();
  await trx.deleteFrom('workforce_star_rule').where('county_id', '=', county.id).where('year', '=', year).execute();
  await trx.insertInto('workforce_pay_rate')
    .values(rates.map((r) => ({ ...place, post_type: r.postType, grade: r.grade, monthly_yuan: r.monthlyYuan, updated_by: by })))
    .execute();
  await trx.insertInto('workforce_star_rule')
    .values(stars.map((s) => ({ ...place, stars: s.stars, min_score: s.minScore, subsidy_yuan: s.subsidyYuan })))
    .execute();
}

// ---- counting ------------------------------------------------------------------------------

/**
 * Residents on the register and current staff by post under `path`, grouped by the child of
 * the unit at `path` they live or work in (child_id null: on the unit itself).
 */
export async function headcounts(db: Q, path: string) {
  const child = sql<number | null>`NULLIF(split_part(substr(org_path, ${path.length + 1}), '.', 1), '')::int`;
  const [residents, staff] = await Promise.all([
    sql<{ child_id: number | null; n: number }>`
      SELECT ${child} AS child_id, count(*)::int AS n FROM resident
      WHERE org_path LIKE ${path + '%'} AND moved_out_at IS NULL GROUP BY 1`.execute(db),
    sql<{ child_id: number | null; post: StaffTable['post']; n: number }>`
      SELECT ${child} AS child_id, post, count(*)::int AS n FROM staff
      WHERE org_path LIKE ${path + '%'} AND left_on IS NULL GROUP BY 1, 2`.execute(db),
  ]);
  return { residents: residents.rows, staff: staff.rows };
}

/** Households (lived in) of a community: the denominator of points participation. */
export async function householdCount(db: Q, path: string) {
  const r = await db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_path', 'like', `${path}%`).where('kind', '=', 'residence').executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- secretary ratings ---------------------------------------------------------------------

/** Communities under `path` (or the community at it) with their current secretary, if any. */
export function communitiesWithSecretary(db: Q, path: string) {
  return db.selectFrom('org_unit as c')
    .leftJoinLateral(
      (eb) => eb.selectFrom('staff as s').select(['s.id', 's.name'])
        .whereRef('s.org_id', '=', 'c.id').where('s.post', '=', 'community_secretary').where('s.left_on', 'is', null)
        .orderBy('s.id').limit(1).as('s'),
      (j) => j.onTrue(),
    )
    .select(['c.id', 'c.name', 'c.path', 'c.county_code', 's.id as staff_id', 's.name as staff_name'])
    .where('c.kind', '=', 'community').where('c.dissolved_at', 'is', null)
    .where(sql<boolean>`c.path LIKE ${path + '%'}`)
    .orderBy('c.path').execute();
}

export function findRating(db: Q, staffId: number, year: number) {
  return db.selectFrom('secretary_rating').select(['id', 'assessment_score']).where('staff_id', '=', staffId).where('year', '=', year).executeTakeFirst();
}

export async function upsertRating(db: Q, v: Insertable<SecretaryRatingTable>) {
  return db.insertInto('secretary_rating').values(v)
    .onConflict((oc) => oc.columns(['staff_id', 'year']).doUpdateSet({
      community_id: v.community_id, org_path: v.org_path, county_code: v.county_code, figures: v.figures,
      counted_score: v.counted_score, total_score: v.total_score, stars: v.stars, subsidy_yuan: v.subsidy_yuan,
      computed_at: v.computed_at, computed_by: v.computed_by,
    }))
    .returning('id').executeTakeFirstOrThrow();
}

export function updateRating(db: Q, id: number, v: Updateable<SecretaryRatingTable>) {
  return db.updateTable('secretary_rating').set(v).where('id', '=', id).execute();
}

function ratingQuery(db: Q) {
  return db.selectFrom('secretary_rating as r')
    .innerJoin('staff as s', 's.id', 'r.staff_id')
    .innerJoin('org_unit as c', 'c.id', 'r.community_id')
    .leftJoin('secretary_rating as p', (j) => j.onRef('p.staff_id', '=', 'r.staff_id').on(sql<boolean>`p.year = r.year - 1`))
    .select([
      'r.id', 'r.staff_id', 's.name', 'r.community_id', 'c.name as community_name', 'r.year', 'r.figures', 'r.counted_score',
      'r.assessment_score', 'r.total_score', 'r.stars', 'r.subsidy_yuan', 'r.computed_at', 'r.org_path', 'r.county_code',
      'p.stars as previous_stars',
    ]);
}
export type RatingRow = Awaited<ReturnType<ReturnType<typeof ratingQuery>['execute']>>[number];

export function getRating(db: Q, id: number) {
  return ratingQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export async function listRatings(db: Q, area: string, year: number, page: number, pageSize: number) {
  const base = db.selectFrom('secretary_rating as r').where(sql<boolean>`r.org_path LIKE ${area + '%'}`).where('r.year', '=', year);
  const [items, total] = await Promise.all([
    ratingQuery(db).where(sql<boolean>`r.org_path LIKE ${area + '%'}`).where('r.year', '=', year)
      .orderBy('r.total_score', 'desc').orderBy('r.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** One secretary's ratings of every year, newest first, limited to the caller's area. */
export function ratingsOf(db: Q, staffId: number, area: string) {
  return ratingQuery(db).where('r.staff_id', '=', staffId).where(sql<boolean>`r.org_path LIKE ${area + '%'}`)
    .orderBy('r.year', 'desc').execute();
}

export async function starCounts(db: Q, area: string, year: number) {
  const rows = await db.selectFrom('secretary_rating')
    .select(['stars', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('subsidy_yuan').as('subsidy')])
    .where(sql<boolean>`org_path LIKE ${area + '%'}`).where('year', '=', year).groupBy('stars').execute();
  return rows.map((r) => ({ stars: r.stars, n: Number(r.n), subsidy: Number(r.subsidy ?? 0) }));
}
