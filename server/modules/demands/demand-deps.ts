import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { systemClock, type Clock } from '../../platform/clock.js';

export type Trx = Transaction<DB>;

/** What the demand services need: the database, the clock (tests move it) and the app's cipher and channels. */
export interface DemandDeps {
  db: Kysely<DB>;
  clock: Clock;
  ctx: AppContext;
}

export function demandDeps(ctx: AppContext): DemandDeps {
  return { db: ctx.database.db, clock: ctx.clock ?? systemClock, ctx };
}
