import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { notify } from '../../platform/notifications.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { AccountDeps } from './ledger.service.js';
import * as repo from './ledger.repository.js';
import type * as s from './ledger.schemas.js';
import { statementView } from './statements.service.js';

/**
 * 服务评定: once a year each household owning a unit rates the compound's service 1–5. The year's
 * count and sum are kept atomically in SQL; the community is told once when the average falls
 * below 3 or drops by 1 or more from last year.
 */
type Q = Kysely<DB> | Transaction<DB>;
const FLAG_BELOW = 3;
const FLAG_DROP = 1;

const avg = (r: { ratings: number; score_sum: number } | undefined) => (r && r.ratings > 0 ? Math.round((r.score_sum / r.ratings) * 100) / 100 : null);
export const isFlagged = (average: number | null, last: number | null) =>
  average != null && (average < FLAG_BELOW || (last != null && last - average >= FLAG_DROP));

export async function reviewOf(db: Q, compoundId: number, year: number): Promise<z.infer<typeof s.Review>> {
  const rows = await db.selectFrom('selfrun_service_review').select(['year', 'ratings', 'score_sum'])
    .where('compound_id', '=', compoundId).where('year', 'in', [year, year - 1]).execute();
  const average = avg(rows.find((r) => r.year === year));
  const lastYearAverage = avg(rows.find((r) => r.year === year - 1));
  return { year, ratings: rows.find((r) => r.year === year)?.ratings ?? 0, average, lastYearAverage, flagged: isFlagged(average, lastYearAverage) };
}

export async function rate(deps: AccountDeps, actor: Actor, compoundId: number, body: z.infer<typeof s.RateBody>) {
  const c = await repo.compoundById(deps.db, compoundId);
  if (!c) throw notFound('居民自办小区');
  const units = await repo.ownedUnitsOf(deps.db, actor.accountId, compoundId);
  if (!units.length) throw new AppError('FORBIDDEN', '您不是该小区的业主，不能参加服务评定');
  const year = Number(chinaDay(deps.clock.now()).slice(0, 4));
  // One household, one rating: the first of the owner's units in the compound decides the key.
  const key = units[0].household_key;
  return deps.db.transaction().execute(async (trx) => {
    const ins = await trx.insertInto('selfrun_service_rating').values({
      compound_id: compoundId, org_path: c.path, county_code: c.county_code, year, household_key: key, score: body.score, account_id: actor.accountId,
    }).onConflict((oc) => oc.columns(['compound_id', 'year', 'household_key']).doNothing()).returning('id').executeTakeFirst();
    if (!ins) throw new AppError('ALREADY_EXISTS', `您家今年（${year}年）已参加过服务评定，每户每年一次`);
    await trx.insertInto('selfrun_service_review').values({ compound_id: compoundId, year, org_path: c.path, county_code: c.county_code, ratings: 1, score_sum: body.score })
      .onConflict((oc) => oc.columns(['compound_id', 'year']).doUpdateSet({
        ratings: sql`selfrun_service_review.ratings + 1`, score_sum: sql`selfrun_service_review.score_sum + ${body.score}`,
      })).execute();
    await writeAudit(trx, actor, {
      action: 'selfrun.service_rate', entity: 'selfrun_service_review', entityId: compoundId, orgPath: c.path, countyCode: c.county_code, after: { year },
    });
    const review = await reviewOf(trx, compoundId, year);
    if (review.flagged) {
      // Tell the community once a year: the row's flagged_at is set only by the first to see the flag.
      const first = await trx.updateTable('selfrun_service_review').set({ flagged_at: deps.clock.now() })
        .where('compound_id', '=', compoundId).where('year', '=', year).where('flagged_at', 'is', null).returning('year').executeTakeFirst();
      if (first) {
        await notify(trx, deps.ctx, await repo.communityStaff(trx, c.community_id), {
          title: `${c.name} 服务评定偏低`,
          body: `${year}年服务评定平均 ${review.average} 分（${review.ratings} 户）${review.lastYearAverage != null ? `，去年 ${review.lastYearAverage} 分` : ''}，请关注该小区的自办物业服务。`,
          link: `/selfrun/compounds/${compoundId}`, orgPath: c.path, countyCode: c.county_code,
        });
      }
    }
    return { ok: true as const, id: ins.id };
  });
}

/** The phone page: the compounds the account owns a unit in or sits on the committee of. */
export async function myAccount(deps: AccountDeps, actor: Actor): Promise<z.infer<typeof s.MyAccount>> {
  const [units, seats] = await Promise.all([repo.ownedUnitsOf(deps.db, actor.accountId), repo.memberCompoundIds(deps.db, actor.accountId)]);
  const ids = [...new Set([...units.map((u) => u.compound_id), ...seats.map((m) => m.compound_id)])];
  const year = Number(chinaDay(deps.clock.now()).slice(0, 4));
  const items: z.infer<typeof s.MyAccount>['items'] = [];
  for (const id of ids.slice(0, 10)) {
    const c = await repo.compoundById(deps.db, id);
    if (!c) continue; // not (yet) a compound with an account
    const mine = units.find((u) => u.compound_id === id);
    const my = mine ? await deps.db.selectFrom('selfrun_service_rating').select('score')
      .where('compound_id', '=', id).where('year', '=', year).where('household_key', '=', mine.household_key).executeTakeFirst() : undefined;
    items.push({
      compoundId: id, compound: c.name, community: c.community, balanceFen: await repo.balance(deps.db, id),
      statements: (await repo.statementsOf(deps.db, id, 12)).map(statementView), review: await reviewOf(deps.db, id, year),
      myScore: my?.score ?? null, member: seats.some((m) => m.compound_id === id), owner: !!mine,
    });
  }
  return { items };
}

/** 街道/县区统计: money raised and spent by self-run compounds in scope this year, by street; and the reviews. */
export async function figures(deps: AccountDeps, scope: Scope, year?: number): Promise<z.infer<typeof s.Figures>> {
  const y = year ?? Number(chinaDay(deps.clock.now()).slice(0, 4));
  const from = `${y}-01-01`;
  const to = `${y + 1}-01-01`;
  const streets = await deps.db.selectFrom('selfrun_ledger_entry as e')
    .innerJoin('org_unit as st', (j) => j.on(sql<boolean>`e.org_path LIKE st.path || '%'`).on('st.kind', '=', 'street'))
    .where(inScope(scope, 'e.org_path')).where('e.day', '>=', from).where('e.day', '<', to)
    .select(['st.id', 'st.name', sql<string>`count(DISTINCT e.compound_id)`.as('compounds'),
      sql<string>`coalesce(sum(e.amount_fen) FILTER (WHERE e.kind = 'income'), 0)`.as('income'),
      sql<string>`coalesce(sum(e.amount_fen) FILTER (WHERE e.kind = 'expense'), 0)`.as('expense')])
    .groupBy(['st.id', 'st.name']).orderBy('st.name').execute();
  const reviews = await deps.db.selectFrom('selfrun_service_review as r').innerJoin('org_unit as g', 'g.id', 'r.compound_id')
    .innerJoin('org_unit as c', 'c.id', 'g.parent_id').leftJoin('selfrun_service_review as l', (j) => j.onRef('l.compound_id', '=', 'r.compound_id').on('l.year', '=', y - 1))
    .where(inScope(scope, 'r.org_path')).where('r.year', '=', y)
    .select(['r.compound_id', 'g.name', 'c.name as community', 'r.ratings', 'r.score_sum', 'l.ratings as l_ratings', 'l.score_sum as l_sum'])
    .orderBy(sql`r.score_sum::numeric / greatest(r.ratings, 1)`).limit(200).execute();
  return {
    byStreet: streets.map((r) => ({ streetId: r.id, street: r.name, compounds: Number(r.compounds), incomeFen: Number(r.income), expenseFen: Number(r.expense) })),
    reviews: reviews.map((r) => {
      const average = avg(r);
      const last = r.l_ratings != null ? avg({ ratings: r.l_ratings, score_sum: r.l_sum ?? 0 }) : null;
      return { compoundId: r.compound_id, compound: r.name, community: r.community, year: y, ratings: r.ratings, average, flagged: isFlagged(average, last) };
    }),
  };
}
