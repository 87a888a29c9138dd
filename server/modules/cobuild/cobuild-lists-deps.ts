import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { systemClock, type Clock } from '../../platform/clock.js';

/** What the co-building lists' services use: the database, the clock and the app (for notifications). */
export interface ListsDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** For notifications (their SMS channel). */
  ctx: AppContext;
}

export function listsDeps(ctx: AppContext): ListsDeps {
  return { db: ctx.database.db, clock: ctx.clock ?? systemClock, ctx };
}
