import { sql, type Kysely } from 'kysely';
import type { DB } from '../database.js';
import { publishQuarter, scoreQuarter, type CreditDeps } from '../modules/property/credit-evaluation.service.js';
import { previousQuarter, quarterOfDay, quarterSpan } from '../modules/property/credit-formulas.js';
import { chinaDay } from '../platform/clock.js';
import type { Actor } from '../platform/http/request-context.js';
import { Scope } from '../platform/scope.js';
import { Rng } from './prng.js';

/**
 * 物业信用评价 for the demo: 离石区's scheme (version 1, the party organisations at 55 %), last
 * quarter rated by the streets, communities and compound branches, surveyed by a share of the
 * households, scored and published with a red and a black list and one serious incident, and
 * property_demo's company objecting to its black-list entry (pending). This quarter is open:
 * nobody has voted yet, so resident_demo's household can vote in the browser test.
 */
export async function seedPropertyCreditDemo(db: Kysely<DB>, now = new Date()) {
  const admin = await db.selectFrom('account').select(['id', 'username', 'display_name', 'scope_org_id', 'scope_path', 'county_code'])
    .where('username', '=', 'county_lishi').executeTakeFirst();
  const demo = await db.selectFrom('account').select(['id', 'property_company_id']).where('username', '=', 'property_demo').executeTakeFirst();
  if (!admin || !demo?.property_company_id) return { compounds: 0 };
  const street = await db.selectFrom('account').select('id').where('username', '=', 'street_binhe').executeTakeFirst();
  const secretary = await db.selectFrom('account').select('id').where('username', '=', 'secretary_binhe1').executeTakeFirst();
  const actor: Actor = { accountId: admin.id, username: admin.username, displayName: admin.display_name, role: 'county_admin', ip: '127.0.0.1' };
  const scope = new Scope(admin.scope_org_id, admin.scope_path, admin.county_code);
  const quarter = previousQuarter(quarterOfDay(chinaDay(now)));
  const span = quarterSpan(quarter);
  // Ratings and votes were given during the last quarter's final weeks.
  const ratedAt = new Date(span.to.getTime() - 10 * 86_400_000);

  const { rows: [schemeRow] } = await sql<{ id: number }>`INSERT INTO property_credit_scheme
      (org_id, org_path, county_code, version, name, red_top_n, red_threshold, black_threshold, created_by, created_at)
    SELECT id, path, county_code, 1, '离石区物业服务企业信用评价办法（试行）', 3, 90, 60, ${admin.id}, ${new Date(span.from.getTime() - 20 * 86_400_000)}
    FROM org_unit WHERE id = ${admin.scope_org_id} RETURNING id`.execute(db);
  const indicators: [string, string, number][] = [
    ['街道党工委评价', 'street_rating', 25], ['社区党组织评价', 'community_rating', 20], ['小区党支部评价', 'compound_rating', 10],
    ['居民满意度测评', 'satisfaction_survey', 15], ['千户物业诉求量', 'property_demands_per_1000', 10], ['物业诉求办结率', 'resolution_rate', 10],
    ['三方协调会出席率', 'meeting_attendance', 10],
  ];
  await db.insertInto('property_credit_indicator').values(indicators.map(([name, source, weight], k) => ({
    scheme_id: schemeRow!.id, position: k + 1, name, source: source as 'street_rating', weight,
  }))).execute();

  // Each compound's three party ratings: a company's level plus a little noise; property_demo's company rates poorly.
  const contracts = await db.selectFrom('property_contract').select(['compound_id', 'company_id', 'org_path', 'county_code'])
    .where('status', '=', 'active').where('county_code', '=', admin.county_code).orderBy('compound_id').execute();
  const rng = new Rng(20261414);
  const level = new Map<number, number>();
  for (const c of contracts) if (!level.has(c.company_id)) level.set(c.company_id, c.company_id === demo.property_company_id ? 48 : rng.int(66, 94));
  const ratings = contracts.flatMap((c) => (['street', 'community', 'compound'] as const).map((kind) => ({
    compound_id: c.compound_id, org_path: c.org_path, county_code: c.county_code, quarter, rater_kind: kind, company_id: c.company_id,
    score: Math.max(0, Math.min(100, level.get(c.company_id)! + rng.int(-6, 6))),
    comment: kind === 'street' ? '日常巡查记录' : kind === 'community' ? '社区走访评议' : '支部党员评议',
    branch_secretary: kind === 'compound' ? '支部书记' : null,
    rated_by: (kind === 'street' ? street?.id : secretary?.id) ?? admin.id, rated_at: ratedAt,
  })));
  for (let i = 0; i < ratings.length; i += 500) await db.insertInto('property_rating').values(ratings.slice(i, i + 500)).execute();

  // The survey: about one household in six of each served compound voted last quarter.
  await sql`INSERT INTO property_survey_vote (household_id, compound_id, org_path, county_code, quarter, company_id, stars, comment, created_at)
    SELECT h.id, k.compound_id, k.org_path, k.county_code, ${quarter}, k.company_id,
      CASE WHEN k.company_id = ${demo.property_company_id} THEN 1 + (h.id % 3) ELSE 3 + (h.id % 3) END, '', ${ratedAt}
    FROM property_contract k JOIN household h ON h.org_path LIKE k.org_path || '%' AND h.kind <> 'merchant'
    WHERE k.status = 'active' AND k.county_code = ${admin.county_code} AND h.id % 6 = 0`.execute(db);

  // A serious incident against the best-rated company other than the demo's: it goes on the black list all the same.
  const best = [...level].filter(([id]) => id !== demo.property_company_id).sort((a, b) => b[1] - a[1])[0];
  if (best) {
    await db.insertInto('property_incident').values({
      company_id: best[0], org_path: admin.scope_path, county_code: admin.county_code, quarter,
      reason: '小区消防通道被占用且消防设施失修，经消防部门责令整改', recorded_by: admin.id, recorded_at: ratedAt,
    }).execute();
  }

  const deps: CreditDeps = { db, clock: { now: () => new Date(now.getTime() - 3 * 86_400_000) } };
  const scored = await scoreQuarter(deps, actor, scope, quarter);
  await publishQuarter(deps, actor, scope, quarter);

  // property_demo's company objects to its black-list entry; the county has not decided yet.
  const q = await db.selectFrom('property_credit_quarter').select(['id', 'org_path', 'county_code']).where('id', '=', scored.id).executeTakeFirstOrThrow();
  const onList = await db.selectFrom('property_company_score').select('list').where('quarter_id', '=', q.id).where('company_id', '=', demo.property_company_id).executeTakeFirst();
  if (onList) {
    await db.insertInto('property_list_objection').values({
      quarter_id: q.id, company_id: demo.property_company_id, org_path: q.org_path, county_code: q.county_code,
      reason: '本季度两起电梯故障系厂家配件延误所致，已于七日内修复，请求复核小区评分', filed_by: demo.id, filed_at: new Date(now.getTime() - 86_400_000),
    }).execute();
  }
  return { compounds: scored.compounds, companies: scored.companies };
}
