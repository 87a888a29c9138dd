import { sql } from 'kysely';
import type { PointsHolderKind } from '../../database.js';
import type { Q } from './points-common.js';

/**
 * What a holder may spend in the points supermarket. When the community's rules say base points
 * do not buy goods (the default, migration 0058):
 *
 *   spendable = max(0, balance − base points granted)
 *
 * where "base points granted" is every base entry of the holder less its reversals. Earned points
 * are spent first and penalties eat earned points first: the base stays on the balance (and in
 * the score) and is never spent. When the rule allows it, spendable = max(0, balance).
 */
export interface Spendable {
  balance: number;
  /** Points on the balance that may not buy goods (0 when base points count). */
  baseLocked: number;
  spendable: number;
}

/** Base points granted to a holder, net of reversals, across every chain it was recorded in. */
export async function baseGranted(db: Q, holder: { kind: PointsHolderKind; id: number }): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT coalesce(sum(e.amount), 0)::int AS n
    FROM points_entry e LEFT JOIN points_entry o ON o.id = e.reverses_id
    WHERE e.holder_kind = ${holder.kind} AND e.holder_id = ${holder.id}
      AND (e.kind = 'base' OR (e.kind = 'reversal' AND o.kind = 'base'))`.execute(db);
  return Math.max(0, Number(r.rows[0]?.n ?? 0));
}

/** The base points that must stay on the balance when this holder redeems (0 if the rules let base points buy goods). */
export async function lockedBase(db: Q, holder: { kind: PointsHolderKind; id: number; communityId: number }): Promise<number> {
  // Read here, not through points-rules.ts: the store imports this file, and points-rules.ts sits
  // in an import cycle (objections → months → rules) that must be entered from the points module.
  const r = await db.selectFrom('points_rule_set').select('base_redeemable').where('community_id', '=', holder.communityId).executeTakeFirst();
  return r?.base_redeemable ? 0 : baseGranted(db, holder);
}

export async function spendableOf(db: Q, holder: { kind: PointsHolderKind; id: number; communityId: number }): Promise<Spendable> {
  const [bal, baseLocked] = await Promise.all([
    db.selectFrom('points_balance').select('balance').where('holder_kind', '=', holder.kind).where('holder_id', '=', holder.id).executeTakeFirst(),
    lockedBase(db, holder),
  ]);
  const balance = bal?.balance ?? 0;
  return { balance, baseLocked, spendable: Math.max(0, balance - baseLocked) };
}
