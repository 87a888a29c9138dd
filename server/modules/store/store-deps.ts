import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { systemClock, type Clock } from '../../platform/clock.js';

/** What the store services use: the database and the clock, nothing else. */
export interface StoreDeps {
  db: Kysely<DB>;
  clock: Clock;
}

export function storeDeps(ctx: AppContext): StoreDeps {
  return { db: ctx.database.db, clock: ctx.clock ?? systemClock };
}
