import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import type { Scope } from '../../platform/scope.js';
import * as repo from './demand.repository.js';

/** States in which a demand is finished for an outside system (Open311's "closed"). */
export const FINISHED_STATES: readonly string[] = ['resolved', 'closed', 'merged'];

export interface FeedQuery {
  ids?: number[];
  categories?: string[];
  /** true: finished only; false: open only; omitted: both. */
  closed?: boolean;
  start?: Date;
  end?: Date;
}

/** Demands in scope for an outside feed; without ids, the last 90 days unless a period is given. */
export async function demandFeed(db: Kysely<DB>, scope: Scope, q: FeedQuery, now: Date) {
  const end = q.end ?? now;
  const start = q.start ?? new Date(end.getTime() - 90 * 86400_000);
  const rows = await repo.feedRows(db, scope, { ids: q.ids, categories: q.categories, closed: q.closed, start, end }, FINISHED_STATES);
  return rows.map((d) => ({ ...d, finished: FINISHED_STATES.includes(d.state), updated_at: d.updated_at ? new Date(d.updated_at) : d.created_at }));
}

export const demandIdByClientId = (db: Kysely<DB>, scope: Scope, clientId: string) => repo.idByClientId(db, scope, clientId);
