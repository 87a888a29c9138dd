import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import type { PiiCipher } from '../../platform/pii/cipher.js';

/** What the 双报到 services use. */
export interface DualReportDeps {
  db: Kysely<DB>;
  clock: Clock;
  cipher: PiiCipher;
  ctx: AppContext;
}

export function dualReportDeps(ctx: AppContext): DualReportDeps {
  return { db: ctx.database.db, clock: ctx.clock ?? systemClock, cipher: ctx.cipher, ctx };
}

/** The China-time year of an instant: the year a report or record belongs to. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}
