import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import type { z } from 'zod';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { notify } from '../../platform/notifications.js';
import type { Scope } from '../../platform/scope.js';
import { compoundFor, type AccountDeps, type As } from './ledger.service.js';
import * as repo from './ledger.repository.js';
import type * as s from './ledger.schemas.js';

/**
 * 收支公开: closing a month fixes its figures in a statement and publishes it to the owners and the
 * public page. The 物业费收缴率 is defined as: households (of units with a household of the
 * register, developer's unsold units excepted) with a net positive 物业费 payment dated in the
 * month, divided by all such households of the compound at closing.
 */
const NOTIFY_BATCH = 500;

type Row = Awaited<ReturnType<typeof repo.statementsOf>>[number];
export function statementView(r: Row): z.infer<typeof s.Statement> {
  return {
    id: r.id, month: r.month, openingFen: Number(r.opening_fen), incomeFen: Number(r.income_fen), expenseFen: Number(r.expense_fen),
    closingFen: Number(r.closing_fen), byCategory: r.by_category as z.infer<typeof s.CategoryAmount>[], entries: r.entries,
    feeHouseholds: r.fee_households, households: r.households,
    collectionRate: r.households > 0 ? Math.round((r.fee_households / r.households) * 10000) / 10000 : null,
    publishedAt: new Date(r.published_at).toISOString(),
  };
}

const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

export async function statements(deps: AccountDeps, actor: Actor, scope: Scope, id: number, as: As): Promise<z.infer<typeof s.Statements>> {
  const c = await compoundFor(deps, actor, scope, id, as);
  return { compoundId: c.id, compound: c.name, community: c.community, items: (await repo.statementsOf(deps.db, id)).map(statementView) };
}

/** The public page: published statements only, figures by category, no counterparties or names. */
export async function publicStatements(deps: AccountDeps, id: number): Promise<z.infer<typeof s.Statements>> {
  const c = await repo.compoundById(deps.db, id);
  if (!c) throw notFound('居民自办小区');
  return { compoundId: c.id, compound: c.name, community: c.community, items: (await repo.statementsOf(deps.db, id)).map(statementView) };
}

/** A month's figures, all counted in SQL from the ledger (closing and the demo use the same). */
export async function figuresOf(db: Kysely<DB> | Transaction<DB>, id: number, month: string) {
  const from = `${month}-01`;
  const to = `${nextMonth(month)}-01`;
  const opening = await repo.balance(db, id, from);
  const cats = await db.selectFrom('selfrun_ledger_entry as e').select(['e.kind', 'e.category', sql<string>`sum(e.amount_fen)`.as('amount'), sql<string>`count(*)`.as('n')])
    .where('e.compound_id', '=', id).where('e.day', '>=', from).where('e.day', '<', to).groupBy(['e.kind', 'e.category']).orderBy('e.kind', 'desc').orderBy('e.category').execute();
  const byCategory = cats.map((r) => ({ category: r.category, kind: r.kind, amountFen: Number(r.amount) })).filter((r) => r.amountFen !== 0);
  const income = byCategory.filter((r) => r.kind === 'income').reduce((a, r) => a + r.amountFen, 0);
  const expense = byCategory.filter((r) => r.kind === 'expense').reduce((a, r) => a + r.amountFen, 0);
  const entries = cats.reduce((a, r) => a + Number(r.n), 0);
  // Households that paid: net of reversals, so a reversed payment does not count.
  const paid = await db.selectFrom(
    db.selectFrom('selfrun_ledger_entry as e').select('e.household_id').where('e.compound_id', '=', id).where('e.category', '=', 'property_fee')
      .where('e.day', '>=', from).where('e.day', '<', to).where('e.household_id', 'is not', null)
      .groupBy('e.household_id').having(sql<boolean>`sum(e.amount_fen) > 0`).as('p'),
  ).innerJoin('owned_unit as u', 'u.household_id', 'p.household_id').where('u.compound_id', '=', id).where('u.removed_at', 'is', null)
    .select(sql<string>`count(DISTINCT p.household_id)`.as('n')).executeTakeFirstOrThrow();
  const households = (await repo.households(db, id)).length;
  return {
    opening_fen: opening, income_fen: income, expense_fen: expense, closing_fen: opening + income - expense,
    by_category: JSON.stringify(byCategory), entries, fee_households: Number(paid.n), households,
  };
}

export async function closeMonth(deps: AccountDeps, actor: Actor, scope: Scope, id: number, as: As, body: z.infer<typeof s.CloseBody>) {
  const c = await compoundFor(deps, actor, scope, id, as);
  const { month } = body;
  if (month >= chinaDay(deps.clock.now()).slice(0, 7)) {
    throw new AppError('INVALID_TRANSITION', '该月尚未结束（按北京时间），月末之后才能结账公开', { reason: 'not_ended' });
  }
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockAccount(trx, id);
    const closed = await repo.closedThrough(trx, id);
    if (closed && month <= closed) throw new AppError('INVALID_TRANSITION', `${month} 已结账或早于已结账的 ${closed}，每月只能结账一次`, { reason: 'closed' });
    const f = await figuresOf(trx, id, month);
    const row = await trx.insertInto('selfrun_statement').values({
      compound_id: id, org_path: c.path, county_code: c.county_code, month, ...f, closed_by: actor.accountId, closed_by_name: actor.displayName,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'selfrun.month_close', entity: 'selfrun_statement', entityId: row.id, orgPath: c.path, countyCode: c.county_code,
      after: { month, openingFen: f.opening_fen, incomeFen: f.income_fen, expenseFen: f.expense_fen },
    });
    // Push to the owners with accounts, in batches so a large compound is one bounded insert each.
    const owners = await repo.ownerAccounts(trx, id);
    const msg = {
      title: `${c.name} ${month} 收支公开`,
      body: `本月收入 ${(f.income_fen / 100).toFixed(2)} 元，支出 ${(f.expense_fen / 100).toFixed(2)} 元，月末结余 ${(f.closing_fen / 100).toFixed(2)} 元。`,
      link: `/public/compounds/${id}/statements`, orgPath: c.path, countyCode: c.county_code,
    };
    for (let i = 0; i < owners.length; i += NOTIFY_BATCH) await notify(trx, deps.ctx, owners.slice(i, i + NOTIFY_BATCH), msg);
    return { ok: true as const, id: row.id };
  });
}
