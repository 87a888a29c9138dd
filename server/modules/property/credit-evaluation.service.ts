import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { addDays, chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { orgPlace, placeAbove } from '../../platform/org-units.js';
import { inScope, unitInScope, type Scope } from '../../platform/scope.js';
import { OBJECTION_WINDOW_DAYS, objectionOpen, raterKindsOf, ratingQuarterOpen } from './credit-evaluation.policy.js';
import * as repo from './credit-evaluation.repository.js';
import type * as s from './credit-evaluation.schemas.js';
import type { ListKind, RaterKind } from './credit-evaluation.tables.js';
import {
  companyScore, compoundScore, listOf, PARTY_SOURCES, previousQuarter, quarterOfDay, quarterSpan, round2, schemeProblem, type IndicatorScore,
} from './credit-formulas.js';

/** What credit evaluation uses: the database and the clock. */
export interface CreditDeps {
  db: Kysely<DB>;
  clock: Clock;
}
export const creditDeps = (ctx: AppContext): CreditDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock });

const num = (x: string | number | null) => (x == null ? null : Number(x));
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The county a caller works in: the one asked for (in scope), the caller's own, or the county above the caller's place. */
async function countyOf(db: Kysely<DB>, scope: Scope, countyId?: number, mustBeInScope = false) {
  if (countyId) {
    const u = await unitInScope(db, scope, countyId, '区县');
    if (u.kind !== 'county') throw notFound('区县');
    return { id: u.id, name: u.name, path: u.path, county_code: u.county_code };
  }
  const own = await orgPlace(db, scope.orgId);
  if (own?.kind === 'county') return { id: own.id, name: own.name, path: own.path, county_code: own.county_code };
  if (!mustBeInScope) {
    const above = await placeAbove(db, scope.path, 'county');
    if (above) return { id: above.id, name: above.name, path: above.path, county_code: above.county_code };
  }
  throw new AppError('VALIDATION_FAILED', '请先选择区县：信用评价按区县进行', { fields: [{ field: 'countyId', problem: 'required' }] });
}

type SchemeRow = Awaited<ReturnType<typeof repo.schemesOf>>[number];
function schemeOut(x: SchemeRow): s.Scheme {
  const indicators = x.indicators.map((i) => ({ name: i.name, source: i.source, weight: Number(i.weight) }));
  return {
    id: x.id, version: x.version, name: x.name, status: x.status, redTopN: x.red_top_n, redThreshold: num(x.red_threshold),
    blackThreshold: Number(x.black_threshold), createdAt: x.created_at.toISOString(), supersededAt: iso(x.superseded_at),
    partyShare: round2(indicators.filter((i) => PARTY_SOURCES.includes(i.source)).reduce((t, i) => t + i.weight, 0)), indicators,
  };
}

// ---- schemes ----

export async function listSchemes(deps: CreditDeps, scope: Scope, countyId?: number) {
  const county = await countyOf(deps.db, scope, countyId);
  return (await repo.schemesOf(deps.db, county.county_code)).map(schemeOut);
}

/** A new version of the county's scheme; the live one is superseded, quarters already scored keep theirs. */
export async function createScheme(deps: CreditDeps, actor: Actor, scope: Scope, body: s.CreateSchemeBody) {
  const county = await countyOf(deps.db, scope, undefined, true);
  const problem = schemeProblem(body.indicators, { redTopN: body.redTopN ?? null, redThreshold: body.redThreshold ?? null, blackThreshold: body.blackThreshold });
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { fields: [{ field: 'body.indicators', problem: 'scheme' }] });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // Lock the county's schemes so two new versions cannot take the same number.
    await sql`SELECT id FROM property_credit_scheme WHERE county_code = ${county.county_code} FOR UPDATE`.execute(trx);
    const last = await trx.selectFrom('property_credit_scheme').select((e) => e.fn.max('version').as('v')).where('county_code', '=', county.county_code).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx.updateTable('property_credit_scheme').set({ status: 'superseded', superseded_at: now })
      .where('county_code', '=', county.county_code).where('status', '=', 'active').execute();
    const { id } = await trx.insertInto('property_credit_scheme').values({
      org_id: county.id, org_path: county.path, county_code: county.county_code, version, name: body.name,
      red_top_n: body.redTopN ?? null, red_threshold: body.redThreshold ?? null, black_threshold: body.blackThreshold, created_by: actor.accountId, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('property_credit_indicator').values(body.indicators.map((i, k) => ({ scheme_id: id, position: k + 1, name: i.name, source: i.source, weight: i.weight }))).execute();
    await writeAudit(trx, actor, { action: 'property.scheme_create', entity: 'property_credit_scheme', entityId: id, orgPath: county.path, countyCode: county.county_code, after: { version, ...body } });
    return { id };
  });
}

// ---- ratings by the party organisations ----

export async function ratingsPage(deps: CreditDeps, scope: Scope, q: { quarter: string; orgId?: number; page: number; pageSize: number }) {
  const within = q.orgId ? (await unitInScope(deps.db, scope, q.orgId)).path : scope.path;
  const { total, rows, ratings } = await repo.ratingRows(deps.db, scope, within, q.quarter, q);
  const cell = (compoundId: number, kind: RaterKind) => {
    const all = ratings.filter((r) => r.compound_id === compoundId && r.rater_kind === kind);
    const live = all.find((r) => r.superseded_at == null);
    return live ? { score: live.score, comment: live.comment, branchSecretary: live.branch_secretary, ratedAt: live.rated_at.toISOString(), corrections: all.length - 1 } : null;
  };
  return {
    total,
    items: rows.map((r) => ({
      compoundId: r.compound_id, compoundName: r.compound_name, communityName: r.community_name, companyId: r.company_id, companyName: r.company_name,
      street: cell(r.compound_id, 'street'), community: cell(r.compound_id, 'community'), compound: cell(r.compound_id, 'compound'),
    })),
  };
}

/** Enters (or corrects, keeping the old row as history) a party organisation's rating of a compound's company. */
export async function rate(deps: CreditDeps, actor: Actor, scope: Scope, body: s.RateBody) {
  if (!raterKindsOf(actor.role).includes(body.raterKind)) {
    throw new AppError('FORBIDDEN', body.raterKind === 'street' ? '街道评价由街道录入' : '社区和小区党支部的评价由社区录入');
  }
  if (body.raterKind === 'compound' && !body.branchSecretary) {
    throw new AppError('VALIDATION_FAILED', '代小区党支部录入评价时须写明支部书记姓名', { fields: [{ field: 'body.branchSecretary', problem: 'required' }] });
  }
  const compound = await unitInScope(deps.db, scope, body.compoundId, '小区');
  const now = deps.clock.now();
  const current = quarterOfDay(chinaDay(now));
  const published = await deps.db.selectFrom('property_credit_quarter').select('id').where('county_code', '=', compound.county_code)
    .where('quarter', '=', body.quarter).where('status', '=', 'published').executeTakeFirst();
  if (!ratingQuarterOpen(body.quarter, current, previousQuarter(current), !!published)) {
    throw new AppError('CONFLICT', published ? '该季度红黑榜已发布，评价不能再修改' : '只能评价本季度或上一季度');
  }
  const contract = await deps.db.selectFrom('property_contract').select(['company_id']).where('compound_id', '=', compound.id).where('status', '=', 'active').executeTakeFirst();
  if (!contract) throw new AppError('CONFLICT', '该小区没有在约的物业服务企业，无需评价');
  return deps.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('property_rating').selectAll().where('compound_id', '=', compound.id).where('quarter', '=', body.quarter)
      .where('rater_kind', '=', body.raterKind).where('superseded_at', 'is', null).forUpdate().executeTakeFirst();
    if (old) await trx.updateTable('property_rating').set({ superseded_at: now }).where('id', '=', old.id).execute();
    const { id } = await trx.insertInto('property_rating').values({
      compound_id: compound.id, org_path: compound.path, county_code: compound.county_code, quarter: body.quarter, rater_kind: body.raterKind,
      company_id: contract.company_id, score: body.score, comment: body.comment, branch_secretary: body.raterKind === 'compound' ? body.branchSecretary! : null,
      rated_by: actor.accountId, rated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    if (old) await trx.updateTable('property_rating').set({ superseded_by: id }).where('id', '=', old.id).execute();
    await writeAudit(trx, actor, {
      action: 'property.rating_enter', entity: 'property_rating', entityId: id, orgPath: compound.path, countyCode: compound.county_code,
      before: old ? { score: old.score, comment: old.comment } : undefined, after: { quarter: body.quarter, raterKind: body.raterKind, score: body.score },
    });
    return { id };
  });
}

// ---- residents' survey ----

/** The household an account belongs to and the live contract of the compound it lies in. */
async function householdCompound(db: Kysely<DB>, accountId: number) {
  const row = await db.selectFrom('account as a').innerJoin('resident as r', 'r.id', 'a.resident_id').innerJoin('household as h', 'h.id', 'r.household_id')
    .select(['h.id as household_id', 'h.org_path']).where('a.id', '=', accountId).where('r.moved_out_at', 'is', null).executeTakeFirst();
  if (!row) return null;
  const contract = await db.selectFrom('property_contract as k').innerJoin('org_unit as g', 'g.id', 'k.compound_id').innerJoin('property_company as co', 'co.id', 'k.company_id')
    .select(['k.compound_id', 'k.company_id', 'k.org_path', 'k.county_code', 'g.name as compound_name', 'co.name as company_name'])
    .where('k.status', '=', 'active').where(sql<boolean>`${row.org_path} LIKE k.org_path || '%'`).executeTakeFirst();
  return { householdId: row.household_id, contract };
}

export async function mySurvey(deps: CreditDeps, actor: Actor) {
  const quarter = quarterOfDay(chinaDay(deps.clock.now()));
  const hc = await householdCompound(deps.db, actor.accountId);
  const vote = hc ? await deps.db.selectFrom('property_survey_vote').selectAll().where('household_id', '=', hc.householdId).where('quarter', '=', quarter).executeTakeFirst() : undefined;
  return {
    quarter, compoundName: hc?.contract?.compound_name ?? null, companyName: hc?.contract?.company_name ?? null,
    vote: vote ? { stars: vote.stars, comment: vote.comment, mine: vote.account_id === actor.accountId, votedAt: vote.created_at.toISOString() } : null,
  };
}

/** One vote per household per quarter, for the company serving the household's own compound. */
export async function vote(deps: CreditDeps, actor: Actor, body: { stars: number; comment: string }) {
  const now = deps.clock.now();
  const quarter = quarterOfDay(chinaDay(now));
  const hc = await householdCompound(deps.db, actor.accountId);
  if (!hc) throw new AppError('CONFLICT', '您的账号还没有关联住户，请先到社区登记');
  if (!hc.contract) throw new AppError('CONFLICT', '您所在小区没有在约的物业服务企业');
  const k = hc.contract;
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('property_survey_vote').values({
      household_id: hc.householdId, compound_id: k.compound_id, org_path: k.org_path, county_code: k.county_code, quarter, company_id: k.company_id,
      stars: body.stars, comment: body.comment, account_id: actor.accountId, created_at: now,
    }).onConflict((oc) => oc.constraint('property_survey_vote_household_key').doNothing()).returning('id').executeTakeFirst();
    if (!row) throw new AppError('ALREADY_EXISTS', '本户本季度已经评价过了，每户每季度一票');
    await writeAudit(trx, actor, { action: 'property.survey_vote', entity: 'property_survey_vote', entityId: row.id, orgPath: k.org_path, countyCode: k.county_code, after: { quarter, stars: body.stars } });
    return { id: row.id };
  });
}

// ---- scoring a quarter ----

/** Standard competition ranking by score, highest first: equal scores share a rank, the next rank skips (1, 1, 3). */
function ranked<T extends { score: number }>(xs: T[]): (T & { rank: number })[] {
  const sorted = [...xs].sort((a, b) => b.score - a.score);
  const out: (T & { rank: number })[] = [];
  sorted.forEach((x, i) => out.push({ ...x, rank: i > 0 && sorted[i - 1]!.score === x.score ? out[i - 1]!.rank : i + 1 }));
  return out;
}

/**
 * Scores a quarter for the county with its live scheme: the raw figures come from one set-based
 * query, the formulas (credit-formulas.ts) turn them into scores, and everything is written in
 * one transaction. An unpublished quarter is replaced; a published one is frozen.
 */
export async function scoreQuarter(deps: CreditDeps, actor: Actor, scope: Scope, quarter: string) {
  const county = await countyOf(deps.db, scope, undefined, true);
  const started = performance.now();
  const now = deps.clock.now();
  const span = quarterSpan(quarter);
  if (span.from > now) throw new AppError('VALIDATION_FAILED', '季度还没有开始，不能计分', { fields: [{ field: 'quarter', problem: 'future' }] });
  const scheme = (await repo.schemesOf(deps.db, county.county_code)).find((x) => x.status === 'active');
  if (!scheme) throw new AppError('CONFLICT', '请先发布本区县的信用评价方案');
  const existing = await repo.quarterRow(deps.db, county.county_code, quarter);
  if (existing?.status === 'published') throw new AppError('INVALID_TRANSITION', '该季度红黑榜已发布，得分已冻结，不能重新计分');
  // Compounds are grids: their depth fixes how many path segments name one.
  const depths = await deps.db.selectFrom('property_contract').select(sql<number>`array_length(string_to_array(org_path, '.'), 1) - 1`.as('n'))
    .where('status', '=', 'active').where('county_code', '=', county.county_code).groupBy(sql`1`).execute();
  const indicators = scheme.indicators.map((i) => ({ source: i.source, weight: Number(i.weight) }));
  const compounds: { compoundId: number; companyId: number; orgPath: string; households: number; score: number; parts: IndicatorScore[] }[] = [];
  for (const { n } of depths) {
    const rows = await repo.compoundFigures(deps.db, {
      countyPath: county.path, countyCode: county.county_code, quarter, from: span.from, to: span.to, months: span.months, prefix: `^((?:[0-9]+\\.){${Number(n)}})`,
    });
    for (const r of rows.filter((x) => x.orgPath.split('.').length - 1 === Number(n))) {
      compounds.push({ compoundId: r.compoundId, companyId: r.companyId, orgPath: r.orgPath, households: r.figures.households, ...compoundScore(indicators, r.figures) });
    }
  }
  const incidents = new Set((await deps.db.selectFrom('property_incident').select('company_id').where('county_code', '=', county.county_code).where('quarter', '=', quarter).execute()).map((r) => r.company_id));
  const byCompany = new Map<number, typeof compounds>();
  for (const c of compounds) byCompany.set(c.companyId, [...(byCompany.get(c.companyId) ?? []), c]);
  const rule = { redTopN: scheme.red_top_n, redThreshold: num(scheme.red_threshold), blackThreshold: Number(scheme.black_threshold) };
  const companies = ranked([...byCompany].map(([companyId, cs]) => ({
    companyId, compounds: cs.length, households: cs.reduce((t, c) => t + c.households, 0), score: companyScore(cs),
  }))).map((c) => {
    const list = listOf(c.rank, c.score, incidents.has(c.companyId), rule);
    const reason = list === 'black' ? (incidents.has(c.companyId) ? '本季度有严重事件' : `得分低于黑榜分数线${rule.blackThreshold}`)
      : list === 'red' ? (rule.redTopN != null && c.rank <= rule.redTopN ? `排名前${rule.redTopN}` : `得分不低于红榜分数线${rule.redThreshold}`) : null;
    return { ...c, list, reason };
  });

  return deps.db.transaction().execute(async (trx) => {
    // The quarter row is the lock: a concurrent rescoring waits, and a published quarter is never touched.
    const q = await trx.insertInto('property_credit_quarter').values({
      org_id: county.id, org_path: county.path, county_code: county.county_code, quarter, scheme_id: scheme.id, compounds: compounds.length,
      companies: companies.length, scored_at: now, scored_by: actor.accountId,
    }).onConflict((oc) => oc.columns(['county_code', 'quarter']).doUpdateSet({
      scheme_id: scheme.id, compounds: compounds.length, companies: companies.length, scored_at: now, scored_by: actor.accountId,
    }).where('property_credit_quarter.status', '=', 'scored')).returning('id').executeTakeFirst();
    if (!q) throw new AppError('INVALID_TRANSITION', '该季度红黑榜已发布，得分已冻结，不能重新计分');
    await trx.deleteFrom('property_company_score').where('quarter_id', '=', q.id).execute();
    await trx.deleteFrom('property_compound_score').where('quarter_id', '=', q.id).execute();
    for (let i = 0; i < compounds.length; i += 1000) {
      await trx.insertInto('property_compound_score').values(compounds.slice(i, i + 1000).map((c) => ({
        quarter_id: q.id, compound_id: c.compoundId, company_id: c.companyId, org_path: c.orgPath, households: c.households, score: c.score, breakdown: JSON.stringify(c.parts),
      }))).execute();
    }
    for (let i = 0; i < companies.length; i += 1000) {
      await trx.insertInto('property_company_score').values(companies.slice(i, i + 1000).map((c) => ({
        quarter_id: q.id, company_id: c.companyId, compounds: c.compounds, households: c.households, score: c.score, rank: c.rank, list: c.list, list_reason: c.reason,
      }))).execute();
    }
    const ms = Math.round(performance.now() - started);
    await trx.updateTable('property_credit_quarter').set({ scoring_ms: ms }).where('id', '=', q.id).execute();
    await writeAudit(trx, actor, {
      action: 'property.quarter_score', entity: 'property_credit_quarter', entityId: q.id, orgPath: county.path, countyCode: county.county_code,
      after: { quarter, schemeVersion: scheme.version, compounds: compounds.length, companies: companies.length },
    });
    return { id: q.id, compounds: compounds.length, companies: companies.length, ms };
  });
}

/** Publishes the quarter's 红黑榜: scores freeze and the objection window opens. */
export async function publishQuarter(deps: CreditDeps, actor: Actor, scope: Scope, quarter: string) {
  const county = await countyOf(deps.db, scope, undefined, true);
  const now = deps.clock.now();
  const until = addDays(chinaDay(now), OBJECTION_WINDOW_DAYS - 1);
  return deps.db.transaction().execute(async (trx) => {
    const q = await trx.updateTable('property_credit_quarter').set({ status: 'published', published_at: now, published_by: actor.accountId, objection_until: until })
      .where('county_code', '=', county.county_code).where('quarter', '=', quarter).where('status', '=', 'scored').returning('id').executeTakeFirst();
    if (!q) {
      const row = await repo.quarterRow(trx, county.county_code, quarter);
      throw new AppError('INVALID_TRANSITION', row ? '该季度红黑榜已经发布' : '该季度还没有计分，请先计分再发布');
    }
    await writeAudit(trx, actor, { action: 'property.quarter_publish', entity: 'property_credit_quarter', entityId: q.id, orgPath: county.path, countyCode: county.county_code, after: { quarter, objectionUntil: until } });
    return { ok: true as const };
  });
}

export async function recordIncident(deps: CreditDeps, actor: Actor, scope: Scope, body: { companyId: number; quarter: string; reason: string }) {
  const county = await countyOf(deps.db, scope, undefined, true);
  const company = await deps.db.selectFrom('property_company').select(['id', 'org_path']).where('id', '=', body.companyId).where(inScope(scope, 'org_path')).executeTakeFirst();
  if (!company) throw notFound('物业服务企业');
  const q = await repo.quarterRow(deps.db, county.county_code, body.quarter);
  if (q?.status === 'published') throw new AppError('INVALID_TRANSITION', '该季度红黑榜已发布，严重事件请记入本季度');
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('property_incident').values({
      company_id: company.id, org_path: county.path, county_code: county.county_code, quarter: body.quarter, reason: body.reason, recorded_by: actor.accountId, recorded_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'property.incident_record', entity: 'property_incident', entityId: id, orgPath: county.path, countyCode: county.county_code, reason: body.reason, after: { companyId: company.id, quarter: body.quarter } });
    return { id };
  });
}

// ---- reading scores ----

async function summaries(db: Kysely<DB>, countyCode: string, quarter?: string) {
  const rows = await db.selectFrom('property_credit_quarter as q').innerJoin('property_credit_scheme as s', 's.id', 'q.scheme_id')
    .select(['q.id', 'q.quarter', 'q.status', 'q.compounds', 'q.companies', 'q.scored_at', 'q.scoring_ms', 'q.published_at', 'q.objection_until', 'q.scheme_id', 's.version', 's.name'])
    .select((e) => [
      e.selectFrom('property_company_score as c').whereRef('c.quarter_id', '=', 'q.id').where('c.list', '=', 'red').select((x) => x.fn.countAll<number>().as('n')).as('red'),
      e.selectFrom('property_company_score as c').whereRef('c.quarter_id', '=', 'q.id').where('c.list', '=', 'black').select((x) => x.fn.countAll<number>().as('n')).as('black'),
      e.selectFrom('property_list_objection as o').whereRef('o.quarter_id', '=', 'q.id').where('o.status', '=', 'pending').select((x) => x.fn.countAll<number>().as('n')).as('pending'),
    ])
    .where('q.county_code', '=', countyCode).$if(!!quarter, (qb) => qb.where('q.quarter', '=', quarter!)).orderBy('q.quarter', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, quarter: r.quarter, status: r.status, schemeVersion: r.version, schemeName: r.name, schemeId: r.scheme_id, compounds: r.compounds, companies: r.companies,
    scoredAt: r.scored_at.toISOString(), scoringMs: r.scoring_ms, publishedAt: iso(r.published_at), objectionUntil: r.objection_until,
    red: Number(r.red ?? 0), black: Number(r.black ?? 0), pendingObjections: Number(r.pending ?? 0),
  }));
}

export async function listQuarters(deps: CreditDeps, scope: Scope, countyId?: number) {
  const county = await countyOf(deps.db, scope, countyId);
  const items = (await summaries(deps.db, county.county_code)).map(({ schemeId: _, ...x }) => x);
  return { countyName: county.name, current: quarterOfDay(chinaDay(deps.clock.now())), items };
}

async function quarterOf(deps: CreditDeps, scope: Scope, quarter: string, countyId?: number) {
  const county = await countyOf(deps.db, scope, countyId);
  const [q] = await summaries(deps.db, county.county_code, quarter);
  if (!q) throw notFound('季度得分');
  return { county, q };
}

export async function quarterDetail(deps: CreditDeps, scope: Scope, quarter: string, countyId?: number) {
  const { county, q } = await quarterOf(deps, scope, quarter, countyId);
  const scheme = schemeOut(await repo.schemeById(deps.db, q.schemeId));
  // Ten-point bins; 100 falls in the last one. Compounds within the caller's scope only.
  const bins = (col: 'cs' | 'ks') => sql<{ b: number; n: number }>`SELECT least(floor(score / 10), 9)::int AS b, count(*)::int AS n FROM ${sql.raw(col === 'cs' ? 'property_compound_score' : 'property_company_score')}
    WHERE quarter_id = ${q.id} ${col === 'cs' ? sql`AND org_path LIKE ${`${scope.path}%`}` : sql``} GROUP BY 1`.execute(deps.db);
  const [cs, ks] = await Promise.all([bins('cs'), bins('ks')]);
  const histogram = Array.from({ length: 10 }, (_, b) => ({ from: b * 10, compounds: cs.rows.find((r) => r.b === b)?.n ?? 0, companies: ks.rows.find((r) => r.b === b)?.n ?? 0 }));
  const incidents = await deps.db.selectFrom('property_incident as i').innerJoin('property_company as c', 'c.id', 'i.company_id')
    .select(['i.id', 'i.company_id', 'c.name', 'i.reason', 'i.recorded_at']).where('i.county_code', '=', county.county_code)
    .where('i.quarter', '=', quarter).orderBy('i.id').execute();
  const { schemeId: _, ...rest } = q;
  return { ...rest, scheme, histogram, incidents: incidents.map((i) => ({ id: i.id, companyId: i.company_id, companyName: i.name, reason: i.reason, recordedAt: i.recorded_at.toISOString() })) };
}

/** The latest correction of each company's entry in a quarter. */
async function corrections(db: Kysely<DB>, quarterId: number, companyIds: number[]) {
  if (!companyIds.length) return new Map<number, { listAfter: ListKind | null; reason: string; correctedAt: string }>();
  const rows = await db.selectFrom('property_list_correction').selectAll().where('quarter_id', '=', quarterId).where('company_id', 'in', companyIds).orderBy('id').execute();
  return new Map(rows.map((r) => [r.company_id, { listAfter: r.list_after, reason: r.reason, correctedAt: r.corrected_at.toISOString() }]));
}

export async function companyScores(deps: CreditDeps, scope: Scope, quarter: string, query: { list?: 'red' | 'black' | 'none'; companyId?: number; page: number; pageSize: number; countyId?: number }) {
  const { q } = await quarterOf(deps, scope, quarter, query.countyId);
  const base = deps.db.selectFrom('property_company_score as s').where('s.quarter_id', '=', q.id)
    .$if(query.companyId != null, (qb) => qb.where('s.company_id', '=', query.companyId!))
    .$if(query.list === 'none', (qb) => qb.where('s.list', 'is', null)).$if(query.list === 'red' || query.list === 'black', (qb) => qb.where('s.list', '=', query.list as ListKind));
  const total = Number((await base.select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.innerJoin('property_company as c', 'c.id', 's.company_id').select(['s.company_id', 'c.name', 's.rank', 's.score', 's.compounds', 's.households', 's.list', 's.list_reason'])
    .orderBy('s.rank').orderBy('s.company_id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const fixes = await corrections(deps.db, q.id, rows.map((r) => r.company_id));
  return {
    total,
    items: rows.map((r) => ({
      companyId: r.company_id, companyName: r.name, rank: r.rank, score: Number(r.score), compounds: r.compounds, households: r.households,
      list: r.list, listReason: r.list_reason, correction: fixes.get(r.company_id) ?? null,
    })),
  };
}

export async function compoundScores(deps: CreditDeps, scope: Scope, quarter: string, query: { companyId?: number; page: number; pageSize: number; countyId?: number }) {
  const { q } = await quarterOf(deps, scope, quarter, query.countyId);
  const base = deps.db.selectFrom('property_compound_score as s').where('s.quarter_id', '=', q.id).where(inScope(scope, 's.org_path'))
    .$if(!!query.companyId, (qb) => qb.where('s.company_id', '=', query.companyId!));
  const total = Number((await base.select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.innerJoin('org_unit as g', 'g.id', 's.compound_id').innerJoin('property_company as c', 'c.id', 's.company_id')
    .select(['s.compound_id', 'g.name as compound_name', 's.company_id', 'c.name as company_name', 's.households', 's.score', 's.breakdown'])
    .orderBy('s.score', 'desc').orderBy('s.compound_id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return {
    total,
    items: rows.map((r) => ({
      compoundId: r.compound_id, compoundName: r.compound_name, companyId: r.company_id, companyName: r.company_name, households: r.households,
      score: Number(r.score), parts: r.breakdown as IndicatorScore[],
    })),
  };
}

// ---- objections ----

type ObjRow = { id: number; quarter: string; quarter_id: number; company_id: number; name: string; reason: string; filed_at: Date; status: 'pending' | 'upheld' | 'rejected'; decided_at: Date | null; decision_reason: string | null; list: ListKind | null; rank: number | null; score: string | null };
const objectionsQuery = (db: Kysely<DB>) => db.selectFrom('property_list_objection as o').innerJoin('property_credit_quarter as q', 'q.id', 'o.quarter_id')
  .innerJoin('property_company as c', 'c.id', 'o.company_id')
  .leftJoin('property_company_score as s', (j) => j.onRef('s.quarter_id', '=', 'o.quarter_id').onRef('s.company_id', '=', 'o.company_id'))
  .select(['o.id', 'q.quarter', 'o.quarter_id', 'o.company_id', 'c.name', 'o.reason', 'o.filed_at', 'o.status', 'o.decided_at', 'o.decision_reason', 's.list', 's.rank', 's.score']);

async function objectionsOut(db: Kysely<DB>, rows: ObjRow[]) {
  const fixes = rows.length ? await db.selectFrom('property_list_correction').selectAll().where('objection_id', 'in', rows.map((r) => r.id)).execute() : [];
  return rows.map((r) => {
    const f = fixes.find((x) => x.objection_id === r.id);
    return {
      id: r.id, quarter: r.quarter, companyId: r.company_id, companyName: r.name, reason: r.reason, filedAt: r.filed_at.toISOString(), status: r.status,
      decidedAt: iso(r.decided_at), decisionReason: r.decision_reason, list: r.list, rank: r.rank, score: num(r.score),
      correction: f ? { listAfter: f.list_after, reason: f.reason, correctedAt: f.corrected_at.toISOString() } : null,
    };
  });
}

export async function listObjections(deps: CreditDeps, scope: Scope, query: { status?: 'pending' | 'upheld' | 'rejected'; page: number; pageSize: number }) {
  const base = objectionsQuery(deps.db).where(inScope(scope, 'o.org_path')).$if(!!query.status, (qb) => qb.where('o.status', '=', query.status!));
  const total = Number((await deps.db.selectFrom('property_list_objection as o').where(inScope(scope, 'o.org_path'))
    .$if(!!query.status, (qb) => qb.where('o.status', '=', query.status!)).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.orderBy('o.id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { total, items: await objectionsOut(deps.db, rows) };
}

async function companyOfAccount(db: Kysely<DB>, accountId: number) {
  const row = await db.selectFrom('account as a').innerJoin('property_company as c', 'c.id', 'a.property_company_id')
    .select(['c.id', 'c.name', 'c.county_code', 'c.org_path']).where('a.id', '=', accountId).executeTakeFirst();
  if (!row) throw new AppError('FORBIDDEN', '您的账号还没有关联物业服务企业，请联系区县关联');
  return row;
}

/** A company's own scores by quarter, its objections and their decisions. */
export async function myCredit(deps: CreditDeps, actor: Actor) {
  const company = await companyOfAccount(deps.db, actor.accountId);
  const today = chinaDay(deps.clock.now());
  const rows = await deps.db.selectFrom('property_company_score as s').innerJoin('property_credit_quarter as q', 'q.id', 's.quarter_id')
    .select(['q.id', 'q.quarter', 'q.objection_until', 's.rank', 's.score', 's.list', 's.list_reason'])
    .where('s.company_id', '=', company.id).where('q.status', '=', 'published').orderBy('q.quarter', 'desc').limit(12).execute();
  const fixes = new Map<number, { listAfter: ListKind | null; reason: string; correctedAt: string }>();
  for (const r of rows) { const f = (await corrections(deps.db, r.id, [company.id])).get(company.id); if (f) fixes.set(r.id, f); }
  const objections = await objectionsOut(deps.db, await objectionsQuery(deps.db).where('o.company_id', '=', company.id).orderBy('o.id', 'desc').limit(50).execute());
  return {
    companyName: company.name,
    quarters: rows.map((r) => ({
      quarter: r.quarter, rank: r.rank, score: Number(r.score), list: r.list, listReason: r.list_reason, correction: fixes.get(r.id) ?? null,
      objectionUntil: r.objection_until, mayObject: objectionOpen(today, r.objection_until) && !objections.some((o) => o.quarter === r.quarter && o.status === 'pending'),
    })),
    objections,
  };
}

export async function fileObjection(deps: CreditDeps, actor: Actor, body: { quarter: string; reason: string }) {
  const company = await companyOfAccount(deps.db, actor.accountId);
  const now = deps.clock.now();
  const q = await repo.quarterRow(deps.db, company.county_code, body.quarter);
  if (!q || q.status !== 'published') throw new AppError('CONFLICT', '该季度红黑榜尚未发布');
  if (!objectionOpen(chinaDay(now), q.objection_until)) throw new AppError('CONFLICT', `异议期已过（截至${q.objection_until}）`);
  const entry = await deps.db.selectFrom('property_company_score').select('company_id').where('quarter_id', '=', q.id).where('company_id', '=', company.id).executeTakeFirst();
  if (!entry) throw new AppError('CONFLICT', '本企业该季度没有参评记录');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('property_list_objection').values({
      quarter_id: q.id, company_id: company.id, org_path: q.org_path, county_code: q.county_code, reason: body.reason, filed_by: actor.accountId, filed_at: now,
    }).onConflict((oc) => oc.columns(['quarter_id', 'company_id']).where('status', '=', 'pending').doNothing()).returning('id').executeTakeFirst();
    if (!row) throw new AppError('ALREADY_EXISTS', '该季度已有一条待处理的异议');
    await writeAudit(trx, actor, { action: 'property.objection_file', entity: 'property_list_objection', entityId: row.id, orgPath: q.org_path, countyCode: q.county_code, reason: body.reason, after: { quarter: body.quarter } });
    return { id: row.id };
  });
}

/** The county decides: upheld corrects the entry by a correction row (the published row stays), rejected records why. */
export async function decideObjection(deps: CreditDeps, actor: Actor, scope: Scope, id: number, body: { decision: 'upheld' | 'rejected'; reason: string; listAfter?: 'red' | 'black' | 'none' }) {
  if (body.decision === 'upheld' && !body.listAfter) {
    throw new AppError('VALIDATION_FAILED', '支持异议时须选择更正后的榜单（红榜、黑榜或不上榜）', { fields: [{ field: 'body.listAfter', problem: 'required' }] });
  }
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const o = await trx.updateTable('property_list_objection').set({ status: body.decision, decided_by: actor.accountId, decided_at: now, decision_reason: body.reason })
      .where('id', '=', id).where(inScope(scope, 'org_path')).where('status', '=', 'pending').returning(['id', 'quarter_id', 'company_id', 'org_path', 'county_code']).executeTakeFirst();
    if (!o) {
      const exists = await trx.selectFrom('property_list_objection').select('status').where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
      if (!exists) throw notFound('异议');
      throw new AppError('INVALID_TRANSITION', '该异议已经处理过了');
    }
    if (body.decision === 'upheld') {
      const entry = await trx.selectFrom('property_company_score').select('list').where('quarter_id', '=', o.quarter_id).where('company_id', '=', o.company_id).executeTakeFirstOrThrow();
      const last = await trx.selectFrom('property_list_correction').select('list_after').where('quarter_id', '=', o.quarter_id).where('company_id', '=', o.company_id)
        .orderBy('id', 'desc').executeTakeFirst();
      await trx.insertInto('property_list_correction').values({
        quarter_id: o.quarter_id, company_id: o.company_id, objection_id: o.id, list_before: last ? last.list_after : entry.list,
        list_after: body.listAfter === 'none' ? null : (body.listAfter as ListKind), reason: body.reason, corrected_by: actor.accountId, corrected_at: now,
      }).execute();
    }
    await writeAudit(trx, actor, { action: 'property.objection_decide', entity: 'property_list_objection', entityId: o.id, orgPath: o.org_path, countyCode: o.county_code, reason: body.reason, after: { decision: body.decision, listAfter: body.listAfter ?? null } });
    return { ok: true as const };
  });
}

// ---- the public list ----

export async function publicLists(db: Kysely<DB>) {
  const rows = await db.selectFrom('property_credit_quarter as q').innerJoin('org_unit as u', 'u.id', 'q.org_id')
    .select(['q.id', 'u.name', 'q.quarter', 'q.published_at']).where('q.status', '=', 'published').orderBy('q.published_at', 'desc').limit(50).execute();
  return rows.map((r) => ({ id: r.id, countyName: r.name, quarter: r.quarter, publishedAt: r.published_at!.toISOString() }));
}

/** A published 红黑榜: the companies on either list as corrected, with name, rank and score only. */
export async function publicList(db: Kysely<DB>, id: number) {
  const q = await db.selectFrom('property_credit_quarter as q').innerJoin('org_unit as u', 'u.id', 'q.org_id').select(['q.id', 'u.name', 'q.quarter', 'q.published_at'])
    .where('q.id', '=', id).where('q.status', '=', 'published').executeTakeFirst();
  if (!q) throw notFound('红黑榜');
  const rows = await db.selectFrom('property_company_score as s').innerJoin('property_company as c', 'c.id', 's.company_id')
    .select(['s.company_id', 'c.name', 's.rank', 's.score', 's.list']).where('s.quarter_id', '=', q.id).orderBy('s.rank').execute();
  const fixes = await corrections(db, q.id, rows.map((r) => r.company_id));
  // An entry corrected off the list stays visible with the note, so the public sees the correction.
  const entries = rows.flatMap((r) => {
    const f = fixes.get(r.company_id);
    const list = f?.listAfter ?? r.list;
    if (!list) return [];
    const note = f ? (f.listAfter ? `经异议更正：${f.reason}` : `经异议移出榜单：${f.reason}`) : null;
    return [{ rank: r.rank, companyName: r.name, score: Number(r.score), list, corrected: !!f, correctionNote: note }];
  });
  return { countyName: q.name, quarter: q.quarter, publishedAt: q.published_at!.toISOString(), entries };
}
