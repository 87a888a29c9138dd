import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { computeAward, tiersProblem, type AwardResult } from './funding-rule.js';
import type { RuleBody } from './funding.schemas.js';
import { missingItems } from './venue-standard.js';
import { mayVenue } from './venues.policy.js';
import type { VenueDeps } from './venues.service.js';
import type { FundingTier } from './venues.tables.js';

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** The county whose rule the caller keeps: a county admin's own county. */
function countyOf(actor: Actor, scope: Scope) {
  if (!mayVenue(actor.role, 'fund')) throw new AppError('FORBIDDEN', '以奖代补规则和拨付由区县维护');
  return { countyCode: scope.countyCode, path: scope.path };
}

export async function listRules(deps: VenueDeps, actor: Actor, scope: Scope) {
  if (!mayVenue(actor.role, 'read')) throw new AppError('FORBIDDEN', '您没有查看以奖代补规则的权限');
  // The rules of the counties in the caller's scope, and of the caller's own county when the scope is below it.
  const rows = await deps.db.selectFrom('venue_funding_rule').selectAll()
    .where((eb) => eb.or([eb('org_path', 'like', `${scope.path}%`), eb('county_code', '=', scope.countyCode)]))
    .orderBy('county_code').orderBy('version', 'desc').limit(50).execute();
  return rows.filter((r) => r.org_path.startsWith(scope.path) || scope.path.startsWith(r.org_path))
    .map((r) => ({ id: r.id, version: r.version, tiers: json<FundingTier[]>(r.tiers), note: r.note, createdAt: r.created_at.toISOString(), countyCode: r.county_code }));
}

export async function createRule(deps: VenueDeps, actor: Actor, scope: Scope, body: RuleBody) {
  const c = countyOf(actor, scope);
  const problem = tiersProblem(body.tiers);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { fields: [{ field: 'body.tiers', problem }] });
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('venue_funding_rule').select((eb) => eb.fn.max('version').as('v')).where('county_code', '=', c.countyCode).executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      const { id } = await trx.insertInto('venue_funding_rule').values({
        county_code: c.countyCode, org_path: c.path, version, tiers: JSON.stringify(body.tiers), note: body.note, created_by: actor.accountId, created_at: deps.clock.now(),
      }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: 'venue.rule_create', entity: 'venue_funding_rule', entityId: id, orgPath: c.path, countyCode: c.countyCode, after: { version, tiers: body.tiers } });
      return { id };
    });
  } catch (e) {
    // Two versions saved at once: the unique (county, version) lets one win.
    if ((e as { code?: string }).code === '23505') throw new AppError('CONFLICT', '规则刚被他人更新，请刷新后再试');
    throw e;
  }
}

/**
 * Computes every venue's award of the county for a year from counted use (check-ins of that
 * China year) and the 三要六有 standard as recorded now, under the county's latest rule; the
 * breakdown is kept. Recomputing replaces the year's awards; payments stay as recorded.
 */
export async function computeAwards(deps: VenueDeps, actor: Actor, scope: Scope, year: number) {
  const c = countyOf(actor, scope);
  const rule = await deps.db.selectFrom('venue_funding_rule').selectAll().where('county_code', '=', c.countyCode).orderBy('version', 'desc').executeTakeFirst();
  if (!rule) throw new AppError('VALIDATION_FAILED', '请先制定本区县的以奖代补规则');
  const tiers = json<FundingTier[]>(rule.tiers);
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const venues = await trx.selectFrom('venue as v').select([
      'v.id', 'v.org_path', 'v.county_code',
      sql<string>`(SELECT coalesce(string_agg(i.item, ','), '') FROM venue_standard_item i WHERE i.venue_id = v.id)`.as('items'),
      sql<number>`(SELECT count(*)::int FROM venue_booking b WHERE b.venue_id = v.id AND b.checked_in_at IS NOT NULL AND b.starts_at >= ${from} AND b.starts_at < ${to})`.as('uses'),
      sql<number>`(SELECT coalesce(sum(b.attendees), 0)::int FROM venue_booking b WHERE b.venue_id = v.id AND b.checked_in_at IS NOT NULL AND b.starts_at >= ${from} AND b.starts_at < ${to})`.as('visitors'),
    ]).where('v.org_path', 'like', `${c.path}%`).where('v.county_code', '=', c.countyCode).orderBy('v.id').execute();
    let awarded = 0;
    let amount = 0;
    for (const v of venues) {
      const standardMet = missingItems(v.items ? v.items.split(',') : []).length === 0;
      const r: AwardResult = computeAward(tiers, { uses: v.uses, standardMet });
      if (r.tier) awarded++;
      amount += r.amount;
      await trx.insertInto('venue_award').values({
        venue_id: v.id, year, rule_id: rule.id, org_path: v.org_path, county_code: v.county_code, uses: v.uses, visitors: v.visitors, standard_met: standardMet,
        tier: r.tier, amount: r.amount, breakdown: JSON.stringify(r.steps), computed_by: actor.accountId, computed_at: now,
      }).onConflict((oc) => oc.columns(['venue_id', 'year']).doUpdateSet((eb) => ({
        rule_id: eb.ref('excluded.rule_id'), uses: eb.ref('excluded.uses'), visitors: eb.ref('excluded.visitors'), standard_met: eb.ref('excluded.standard_met'),
        tier: eb.ref('excluded.tier'), amount: eb.ref('excluded.amount'), breakdown: eb.ref('excluded.breakdown'), computed_by: eb.ref('excluded.computed_by'),
        computed_at: eb.ref('excluded.computed_at'), org_path: eb.ref('excluded.org_path'),
      }))).execute();
    }
    await writeAudit(trx, actor, {
      action: 'venue.awards_compute', entity: 'venue_funding_rule', entityId: rule.id, orgPath: c.path, countyCode: c.countyCode,
      after: { year, ruleVersion: rule.version, venues: venues.length, awarded, amount },
    });
    return { year, ruleVersion: rule.version, venues: venues.length, awarded, amount };
  });
}

function awardsUnder(deps: VenueDeps, within: string, year: number) {
  return deps.db.selectFrom('venue_award as w').innerJoin('venue as v', 'v.id', 'w.venue_id').innerJoin('venue_funding_rule as f', 'f.id', 'w.rule_id')
    .innerJoin('org_unit as o', 'o.id', 'v.org_id')
    .innerJoin('org_unit as c', (j) => j.on(sql<boolean>`c.id = CASE WHEN v.kind = 'centre' THEN o.id ELSE o.parent_id END`))
    .innerJoin('org_unit as s', 's.id', 'c.parent_id')
    .where('w.org_path', 'like', `${within}%`).where('w.year', '=', year);
}
const paidSql = sql<number>`(SELECT coalesce(sum(p.amount), 0)::int FROM venue_payment p WHERE p.venue_id = w.venue_id AND p.year = w.year)`;

export async function listAwards(deps: VenueDeps, actor: Actor, scope: Scope, q: { page: number; pageSize: number; year: number }) {
  if (!mayVenue(actor.role, 'read')) throw new AppError('FORBIDDEN', '您没有查看以奖代补的权限');
  const base = awardsUnder(deps, scope.path, q.year);
  const [rows, total] = await Promise.all([
    base.select([
      'w.venue_id', 'v.name as venue_name', 'v.kind', 's.name as street_name', 'c.name as community_name', 'w.year', 'f.version', 'w.uses', 'w.visitors',
      'w.standard_met', 'w.tier', 'w.amount', 'w.breakdown', 'w.computed_at', paidSql.as('paid'),
    ]).orderBy('w.amount', 'desc').orderBy('w.venue_id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.venue_id);
  const payments = ids.length
    ? await deps.db.selectFrom('venue_payment').selectAll().where('venue_id', 'in', ids).where('year', '=', q.year).orderBy('id').execute()
    : [];
  const reversed = new Set(payments.map((p) => p.reverses_id).filter((x): x is number => x != null));
  return {
    items: rows.map((r) => ({
      venueId: r.venue_id, venueName: r.venue_name, kind: r.kind, streetName: r.street_name, communityName: r.community_name, year: r.year,
      ruleVersion: r.version, uses: r.uses, visitors: r.visitors, standardMet: r.standard_met, tier: r.tier, amount: r.amount, paid: Number(r.paid),
      computedAt: r.computed_at.toISOString(), breakdown: json<AwardResult['steps']>(r.breakdown),
      payments: payments.filter((p) => p.venue_id === r.venue_id).map((p) => ({
        id: p.id, amount: p.amount, note: p.note, recordedAt: p.recorded_at.toISOString(), reversesId: p.reverses_id, reversed: reversed.has(p.id),
      })),
    })),
    total: Number(total.n),
  };
}

/** Awards and payments per street for a year (the chart), counted in SQL. */
export async function fundingFigures(deps: VenueDeps, actor: Actor, scope: Scope, year: number) {
  if (!mayVenue(actor.role, 'read')) throw new AppError('FORBIDDEN', '您没有查看以奖代补的权限');
  const rows = await awardsUnder(deps, scope.path, year).select([
    's.id as street_id', 's.name as street_name',
    sql<number>`count(*)::int`.as('venues'),
    sql<number>`count(w.tier)::int`.as('awarded'),
    sql<number>`coalesce(sum(w.amount), 0)::int`.as('amount'),
    sql<number>`coalesce(sum(${paidSql}), 0)::int`.as('paid'),
  ]).groupBy(['s.id', 's.name']).orderBy('s.name').execute();
  const sum = (k: 'venues' | 'awarded' | 'amount' | 'paid') => rows.reduce((a, r) => a + Number(r[k]), 0);
  return {
    year, venues: sum('venues'), awarded: sum('awarded'), amount: sum('amount'), paid: sum('paid'),
    byStreet: rows.map((r) => ({ streetId: r.street_id, streetName: r.street_name, venues: r.venues, awarded: r.awarded, amount: Number(r.amount), paid: Number(r.paid) })),
  };
}

/** Records an amount paid toward a venue's computed award; never more than the award. */
export async function recordPayment(deps: VenueDeps, actor: Actor, scope: Scope, body: { venueId: number; year: number; amount: number; note: string }) {
  const c = countyOf(actor, scope);
  return deps.db.transaction().execute(async (trx) => {
    // The award row is locked so two payments at once cannot both pass the limit.
    const award = await trx.selectFrom('venue_award').select(['id', 'amount', 'org_path', 'county_code']).where('venue_id', '=', body.venueId).where('year', '=', body.year)
      .where('org_path', 'like', `${c.path}%`).forUpdate().executeTakeFirst();
    if (!award) throw notFound(`${body.year}年该阵地的奖补核算`);
    const paid = await trx.selectFrom('venue_payment').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('s'))
      .where('venue_id', '=', body.venueId).where('year', '=', body.year).executeTakeFirstOrThrow();
    if (Number(paid.s) + body.amount > award.amount) {
      throw new AppError('VALIDATION_FAILED', `拨付合计不能超过核定奖补 ${award.amount} 元（已拨付 ${Number(paid.s)} 元）`, { fields: [{ field: 'body.amount', problem: 'over award' }] });
    }
    const { id } = await trx.insertInto('venue_payment').values({
      venue_id: body.venueId, year: body.year, amount: body.amount, note: body.note, org_path: award.org_path, county_code: award.county_code,
      recorded_by: actor.accountId, recorded_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'venue.payment_record', entity: 'venue_payment', entityId: id, orgPath: award.org_path, countyCode: award.county_code, after: body });
    return { id };
  });
}

/** Undoes a payment by a reversing entry (the ledger is append-only); each payment once. */
export async function reversePayment(deps: VenueDeps, actor: Actor, scope: Scope, id: number, note: string) {
  const c = countyOf(actor, scope);
  const p = await deps.db.selectFrom('venue_payment').selectAll().where('id', '=', id).where('org_path', 'like', `${c.path}%`).executeTakeFirst();
  if (!p) throw notFound('拨付记录');
  if (p.reverses_id != null) throw new AppError('INVALID_TRANSITION', '冲正记录不能再冲正');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const r = await trx.insertInto('venue_payment').values({
        venue_id: p.venue_id, year: p.year, amount: -p.amount, reverses_id: p.id, note, org_path: p.org_path, county_code: p.county_code,
        recorded_by: actor.accountId, recorded_at: deps.clock.now(),
      }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: 'venue.payment_reverse', entity: 'venue_payment', entityId: p.id, orgPath: p.org_path, countyCode: p.county_code, reason: note, after: { reversal: r.id } });
      return { id: r.id };
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw new AppError('INVALID_TRANSITION', '该笔拨付已冲正');
    throw e;
  }
}

