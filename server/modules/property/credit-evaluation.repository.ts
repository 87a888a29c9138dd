import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { CompoundFigures } from './credit-formulas.js';

type Q = Kysely<DB> | Transaction<DB>;

export async function schemesOf(db: Q, countyCode: string) {
  const schemes = await db.selectFrom('property_credit_scheme').selectAll().where('county_code', '=', countyCode).orderBy('version', 'desc').execute();
  const indicators = schemes.length
    ? await db.selectFrom('property_credit_indicator').selectAll().where('scheme_id', 'in', schemes.map((s) => s.id)).orderBy('position').execute()
    : [];
  return schemes.map((s) => ({ ...s, indicators: indicators.filter((i) => i.scheme_id === s.id) }));
}

export async function schemeById(db: Q, id: number) {
  const s = await db.selectFrom('property_credit_scheme').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const indicators = await db.selectFrom('property_credit_indicator').selectAll().where('scheme_id', '=', id).orderBy('position').execute();
  return { ...s, indicators };
}

export const quarterRow = (db: Q, countyCode: string, quarter: string) =>
  db.selectFrom('property_credit_quarter').selectAll().where('county_code', '=', countyCode).where('quarter', '=', quarter).executeTakeFirst();

/**
 * The raw figures of every compound with a live contract in the county for a quarter, in one
 * set-based statement: households and demands are grouped by the compound prefix of their path
 * (`prefix`: a regular expression taking a compound's depth of path segments) and joined to the
 * contracts by hash, not looked up compound by compound.
 */
export async function compoundFigures(db: Q, p: { countyPath: string; countyCode: string; quarter: string; from: Date; to: Date; months: string[]; prefix: string }) {
  const like = `${p.countyPath}%`;
  const { rows } = await sql<{
    compound_id: number; company_id: number; org_path: string; households: number; demands: number; resolved: number; rated: number;
    rated_satisfied: number; overdue: number; street: number | null; community: number | null; compound: number | null; votes: number;
    star_sum: number; attended: number;
  }>`
    WITH c AS (
      SELECT k.compound_id, k.company_id, k.org_path FROM property_contract k
      WHERE k.status = 'active' AND k.county_code = ${p.countyCode} AND k.org_path LIKE ${like}
    ), hh AS (
      SELECT substring(h.org_path from ${p.prefix}) AS p, count(*)::int AS n FROM household h
      WHERE h.org_path LIKE ${like} AND h.kind <> 'merchant' GROUP BY 1
    ), dm AS (
      SELECT substring(d.org_path from ${p.prefix}) AS p, count(*)::int AS demands,
        count(*) FILTER (WHERE d.resolved_at IS NOT NULL OR d.state IN ('resolved', 'closed'))::int AS resolved,
        count(*) FILTER (WHERE d.rating IS NOT NULL)::int AS rated,
        count(*) FILTER (WHERE d.rating IN ('satisfied', 'basic'))::int AS rated_satisfied,
        count(*) FILTER (WHERE d.overdue_at IS NOT NULL)::int AS overdue
      FROM demand d
      WHERE d.org_path LIKE ${like} AND d.created_at >= ${p.from} AND d.created_at < ${p.to}
        AND d.category_code = 'property' AND d.merged_into_id IS NULL
      GROUP BY 1
    ), rt AS (
      -- Ratings and votes count for the company they were given to: a compound that changed hands mid-quarter rates the new one afresh.
      SELECT compound_id, company_id, max(score) FILTER (WHERE rater_kind = 'street') AS street, max(score) FILTER (WHERE rater_kind = 'community') AS community,
        max(score) FILTER (WHERE rater_kind = 'compound') AS compound
      FROM property_rating WHERE county_code = ${p.countyCode} AND quarter = ${p.quarter} AND superseded_at IS NULL GROUP BY compound_id, company_id
    ), sv AS (
      SELECT compound_id, company_id, count(*)::int AS votes, sum(stars)::int AS star_sum FROM property_survey_vote
      WHERE county_code = ${p.countyCode} AND quarter = ${p.quarter} GROUP BY compound_id, company_id
    ), mt AS (
      SELECT compound_id, company_id, count(DISTINCT month)::int AS attended FROM property_meeting
      WHERE county_code = ${p.countyCode} AND month IN (${sql.join(p.months)}) AND status = 'held' AND company_present GROUP BY compound_id, company_id
    )
    SELECT c.compound_id, c.company_id, c.org_path, coalesce(hh.n, 0) AS households,
      coalesce(dm.demands, 0) AS demands, coalesce(dm.resolved, 0) AS resolved, coalesce(dm.rated, 0) AS rated,
      coalesce(dm.rated_satisfied, 0) AS rated_satisfied, coalesce(dm.overdue, 0) AS overdue,
      rt.street, rt.community, rt.compound, coalesce(sv.votes, 0) AS votes, coalesce(sv.star_sum, 0) AS star_sum, coalesce(mt.attended, 0) AS attended
    FROM c LEFT JOIN hh ON hh.p = c.org_path LEFT JOIN dm ON dm.p = c.org_path LEFT JOIN rt ON rt.compound_id = c.compound_id AND rt.company_id = c.company_id
      LEFT JOIN sv ON sv.compound_id = c.compound_id AND sv.company_id = c.company_id LEFT JOIN mt ON mt.compound_id = c.compound_id AND mt.company_id = c.company_id`.execute(db);
  return rows.map((r) => ({
    compoundId: r.compound_id, companyId: r.company_id, orgPath: r.org_path,
    figures: {
      households: Number(r.households), demands: Number(r.demands), resolved: Number(r.resolved), rated: Number(r.rated),
      ratedSatisfied: Number(r.rated_satisfied), overdue: Number(r.overdue), votes: Number(r.votes), starSum: Number(r.star_sum),
      meetingsAttended: Number(r.attended),
      ratings: {
        ...(r.street != null ? { street: Number(r.street) } : {}), ...(r.community != null ? { community: Number(r.community) } : {}),
        ...(r.compound != null ? { compound: Number(r.compound) } : {}),
      },
    } satisfies CompoundFigures,
  }));
}

/** Compounds with a live contract in the caller's scope, with their live ratings for a quarter. */
export async function ratingRows(db: Q, scope: Scope, within: string, quarter: string, page: { page: number; pageSize: number }) {
  const base = db.selectFrom('property_contract as k').where('k.status', '=', 'active').where(inScope(scope, 'k.org_path')).where('k.org_path', 'like', `${within}%`);
  const total = Number((await base.select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.innerJoin('org_unit as g', 'g.id', 'k.compound_id').innerJoin('org_unit as cm', 'cm.id', 'g.parent_id')
    .innerJoin('property_company as co', 'co.id', 'k.company_id')
    .select(['k.compound_id', 'k.company_id', 'g.name as compound_name', 'cm.name as community_name', 'co.name as company_name'])
    .orderBy('k.org_path').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  const ratings = rows.length
    ? await db.selectFrom('property_rating').selectAll().where('quarter', '=', quarter).where('compound_id', 'in', rows.map((r) => r.compound_id))
      .where(inScope(scope, 'org_path')).orderBy('id').execute()
    : [];
  return { total, rows, ratings };
}
