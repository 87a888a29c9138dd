import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../database.js';
import type { Clock } from './clock.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface JobRow {
  id: number;
  kind: string;
  run_at: Date;
  payload: unknown;
  county_code: string;
  attempts: number;
}

/** A job handler runs inside the transaction that marks its job done: both commit or neither. */
export type JobHandler = (trx: Transaction<DB>, job: JobRow, now: Date) => Promise<void>;

/**
 * Schedules (or reschedules) a job. With a dedupe key, a pending job with the same key is
 * cancelled first, so a demand has one deadline timer however often its deadline moves.
 */
export async function scheduleJob(
  db: Q,
  j: { kind: string; runAt: Date; payload: unknown; countyCode: string; dedupeKey?: string },
) {
  if (j.dedupeKey) await cancelJobs(db, j.dedupeKey);
  await db
    .insertInto('job')
    .values({
      kind: j.kind, run_at: j.runAt, payload: JSON.stringify(j.payload), county_code: j.countyCode,
      dedupe_key: j.dedupeKey ?? null,
    })
    .execute();
}

export async function cancelJobs(db: Q, dedupeKey: string) {
  await db.updateTable('job').set({ status: 'cancelled', done_at: new Date() })
    .where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').execute();
}

const MAX_ATTEMPTS = 5;

/**
 * Runs every job due at `now`, one transaction per job. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so two instances polling together never run the same job.
 * Returns how many ran.
 */
export async function runDueJobs(db: Kysely<DB>, handlers: Record<string, JobHandler>, clock: Clock, limit = 100): Promise<number> {
  let ran = 0;
  while (ran < limit) {
    const now = clock.now();
    let claimed: { id: number; attempts: number } | null = null;
    let outcome: 'none' | 'done' | Error;
    try {
      outcome = await db.transaction().execute(async (trx) => {
        const job = await trx
          .selectFrom('job')
          .select(['id', 'kind', 'run_at', 'payload', 'county_code', 'attempts'])
          .where('status', '=', 'pending')
          .where('run_at', '<=', now)
          .orderBy('run_at')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!job) return 'none' as const;
        claimed = { id: job.id, attempts: job.attempts };
        const handler = handlers[job.kind];
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler(trx, job, now);
        await trx.updateTable('job').set({ status: 'done', done_at: now, attempts: job.attempts + 1 }).where('id', '=', job.id).execute();
        return 'done' as const;
      });
    } catch (e) {
      outcome = e as Error;
    }
    if (outcome === 'none') break;
    ran++;
    if (outcome instanceof Error && claimed) {
      // The job's own transaction rolled back; count the attempt and retry it a little later.
      const { id, attempts } = claimed as { id: number; attempts: number };
      await db.updateTable('job')
        .set({
          attempts: attempts + 1,
          last_error: outcome.message.slice(0, 500),
          status: attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending',
          run_at: new Date(now.getTime() + (attempts + 1) * 60_000),
        })
        .where('id', '=', id)
        .execute();
    } else if (outcome instanceof Error) {
      throw outcome;
    }
  }
  return ran;
}

/** Polls for due jobs until stopped; the timers themselves are rows, so a restart loses nothing. */
export function startJobWorker(db: Kysely<DB>, handlers: Record<string, JobHandler>, clock: Clock, intervalMs = 5000, log?: (e: unknown) => void) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = runDueJobs(db, handlers, clock).catch((e) => log?.(e)).finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  let timer = setTimeout(tick, intervalMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
