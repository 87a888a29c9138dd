import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * 收支公开's condition, in one place: the compound has at least one published monthly statement
 * (月度收支报表) of its public account — the ledger's `selfrun_statement`, whose rows are written
 * only when a month is closed and published.
 */
export async function hasPublishedStatement(db: Q, compoundId: number): Promise<boolean> {
  const row = await db.selectFrom('selfrun_statement').select('id').where('compound_id', '=', compoundId).where('status', '=', 'published')
    .limit(1).executeTakeFirst();
  return !!row;
}
