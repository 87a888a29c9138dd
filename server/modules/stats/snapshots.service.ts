import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { addMonths, chinaMonth, chinaMonthStart } from '../../platform/clock.js';
import type { IndicatorRow } from '../../platform/indicators.js';
import { scheduleJob, type JobHandler } from '../../platform/jobs.js';
import { INDICATORS } from '../indicator-registry.js';
import * as repo from './cockpit.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

export const SNAPSHOT_JOB = 'stats.snapshot';
const SNAPSHOT_KEY = 'stats:snapshot';
/** The city's code: the snapshot covers every county at once (one timer, filed under the city). */
const CITY_CODE = '141100';
/** Counted half an hour into the new month, when the last month's late writes have settled. */
const AFTER_MONTH_MS = 30 * 60_000;

/**
 * Counts every indicator for every unit from the city down to the grids as of the end of
 * `month`, level by level (one query per indicator and level, grouped by the unit each row lies
 * under), and files the figures. A month already filed is left as it was.
 */
export async function snapshotMonth(db: Q, month: string): Promise<number> {
  if (await repo.monthTaken(db, month)) return 0;
  const from = chinaMonthStart(month);
  const to = chinaMonthStart(addMonths(month, 1));
  const units = await repo.unitsAt(db, to);
  const byId = new Map(units.map((u) => [u.id, u]));
  const maxDepth = Math.max(0, ...units.map((u) => u.depth));
  const rows: Parameters<typeof repo.insertSnapshots>[1] = [];
  for (const i of INDICATORS) {
    for (let depth = 0; depth <= Math.min(maxDepth, 4); depth++) {
      const counted: IndicatorRow[] = await i.count(db as Kysely<DB>, { under: '', depth, month, from, to });
      for (const r of counted) {
        const u = r.child_id === null ? undefined : byId.get(r.child_id);
        if (!u || u.depth !== depth) continue; // rows kept above this level, or under a unit gone by the month's end
        rows.push({ month, indicator: i.key, org_id: u.id, org_path: u.path, county_code: u.county_code, depth, num: r.num, den: r.den ?? null });
      }
    }
  }
  await repo.insertSnapshots(db, rows);
  return rows.length;
}

/** The next month's timer: due just after the month of `now` ends. */
export async function scheduleNextSnapshot(db: Q, now: Date) {
  const month = chinaMonth(now);
  await scheduleJob(db, {
    kind: SNAPSHOT_JOB, runAt: new Date(chinaMonthStart(addMonths(month, 1)).getTime() + AFTER_MONTH_MS),
    payload: { month }, countyCode: CITY_CODE, dedupeKey: SNAPSHOT_KEY,
  });
}

/** Keeps one pending snapshot timer (run at start-up: a fresh database gets its first). */
export async function ensureSnapshotTimer(db: Kysely<DB>, now: Date) {
  const pending = await db.selectFrom('job').select('id').where('dedupe_key', '=', SNAPSHOT_KEY).where('status', '=', 'pending').executeTakeFirst();
  if (!pending) await scheduleNextSnapshot(db, now);
}

export function statsJobHandlers(): Record<string, JobHandler> {
  return {
    // Counts the month named, then sets the timer for the month under way; a server down for
    // months catches up one month per run, each counted as of its own end.
    [SNAPSHOT_JOB]: async (trx, job, now) => {
      const month = (job.payload as { month?: string }).month ?? addMonths(chinaMonth(now), -1);
      await snapshotMonth(trx, month);
      const next = addMonths(month, 1);
      if (next < chinaMonth(now)) {
        await scheduleJob(trx, { kind: SNAPSHOT_JOB, runAt: now, payload: { month: next }, countyCode: CITY_CODE, dedupeKey: SNAPSHOT_KEY });
      } else {
        await scheduleNextSnapshot(trx, now);
      }
    },
  };
}

