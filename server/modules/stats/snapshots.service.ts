import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { addMonths, chinaMonth, chinaMonthStart } from '../../platform/clock.js';
import { DEEPEST_DEPTH, type Indicator } from '../../platform/indicators.js';
import { scheduleJob, type JobHandler } from '../../platform/jobs.js';
import { INDICATORS } from '../indicator-registry.js';
import * as repo from './cockpit.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

export const SNAPSHOT_JOB = 'stats.snapshot';
const SNAPSHOT_KEY = 'stats:snapshot';
export const REFRESH_JOB = 'stats.refresh';
const REFRESH_KEY = 'stats:refresh';
/** The city's code: the counts cover every county at once (one timer, filed under the city). */
const CITY_CODE = '141100';
/** Counted half an hour into the new month, when the last month's late writes have settled. */
const AFTER_MONTH_MS = 30 * 60_000;
/**
 * How often the month under way is counted again for every unit. The city's count takes tens
 * of seconds at Lüliang's size (bench/cockpit.ts), so every few minutes costs a small share of
 * one core, and a leader's page is never more than this old (it says when it was counted).
 */
export const REFRESH_EVERY_MS = 10 * 60_000;

export type UnitFigure = repo.FigureRow;

/**
 * Counts every indicator for every unit from the city down to the grids in [from, to): one
 * query per indicator, each row grouped under the deepest unit it lies under, then added to
 * that unit and each unit above it. A unit's own part (rows kept at it, not at a child) is
 * filed beside its figure so a past month can be rolled up under a later tree.
 * Rows are kept for units standing at `to`; a row under a unit gone by then still counts for
 * the units above it.
 */
export async function countEveryUnit(db: Q, month: string, from: Date, to: Date, only: (i: Indicator) => boolean = () => true): Promise<UnitFigure[]> {
  const units = await repo.unitsUpToGrid(db);
  const byId = new Map(units.map((u) => [u.id, u]));
  const standing = new Set(units.filter((u) => u.standing(to)).map((u) => u.id));
  const out: UnitFigure[] = [];
  for (const i of INDICATORS.filter(only)) {
    const counted = await i.count(db as Kysely<DB>, { under: '', depth: 'deepest', month, from, to });
    const total = new Map<number, { num: number; den: number | null; ownNum: number; ownDen: number | null }>();
    const add = (id: number, num: number, den: number | undefined, own: boolean) => {
      const t = total.get(id) ?? { num: 0, den: null, ownNum: 0, ownDen: null };
      t.num += num;
      if (den !== undefined) t.den = (t.den ?? 0) + den;
      if (own) {
        t.ownNum += num;
        if (den !== undefined) t.ownDen = (t.ownDen ?? 0) + den;
      }
      total.set(id, t);
    };
    for (const r of counted) {
      const u = r.child_id === null ? undefined : byId.get(r.child_id);
      if (!u) continue; // a row placed nowhere in the tree
      for (const a of u.ancestry) if (byId.has(a)) add(a, r.num, r.den, a === u.id);
    }
    for (const [id, t] of total) {
      if (!standing.has(id)) continue;
      const u = byId.get(id)!;
      out.push({
        month, indicator: i.key, org_id: id, org_path: u.path, county_code: u.county_code, depth: u.depth,
        num: t.num, den: t.den, own_num: t.ownNum, own_den: t.den === null ? null : (t.ownDen ?? 0),
      });
    }
  }
  return out;
}

/** Counts the month named as of its end and files it, once: a month already filed is left as it was. */
export async function snapshotMonth(db: Q, month: string): Promise<number> {
  if ((await repo.monthsTaken(db, [month])).size) return 0;
  const rows = await countEveryUnit(db, month, chinaMonthStart(month), chinaMonthStart(addMonths(month, 1)));
  await repo.insertSnapshots(db, rows);
  return rows.length;
}

/**
 * Counts the month under way as of `now` for every unit, and the period figures of the same span
 * of the month before (what the month under way is compared with), and replaces the last count.
 */
export async function refreshCurrent(db: Q, now: Date): Promise<number> {
  const month = chinaMonth(now);
  const rows = await countEveryUnit(db, month, chinaMonthStart(month), now);
  const before = sameSpanBefore(month, now);
  const earlier = await countEveryUnit(db, before.month, before.from, before.to, (i) => i.kind === 'flow');
  await repo.replaceCurrent(db, [...rows, ...earlier], now);
  return rows.length;
}

/**
 * The span of the month before that the month under way, counted to `to`, is compared with: from
 * its first day to the same day and hour (the same time since the month began), never past its
 * end — on the 31st, the whole of a shorter month.
 */
export function sameSpanBefore(month: string, to: Date): { month: string; from: Date; to: Date } {
  const before = addMonths(month, -1);
  const from = chinaMonthStart(before);
  const end = chinaMonthStart(month);
  const same = new Date(from.getTime() + (to.getTime() - end.getTime()));
  return { month: before, from, to: same < end ? same : end };
}

/** The next month's timer: due just after the month of `now` ends. */
export async function scheduleNextSnapshot(db: Q, now: Date) {
  const month = chinaMonth(now);
  await scheduleJob(db, {
    kind: SNAPSHOT_JOB, runAt: new Date(chinaMonthStart(addMonths(month, 1)).getTime() + AFTER_MONTH_MS),
    payload: { month }, countyCode: CITY_CODE, dedupeKey: SNAPSHOT_KEY,
  });
}

/**
 * Keeps one pending snapshot timer (run at start-up). A database with no snapshot yet (a fresh
 * install, or records just imported) first files the months before this one its tree stood in
 * (at most a trend's worth), counted from the records' own dates, so "this month against last"
 * and the trends read snapshots from the first day instead of counting again on every page.
 */
export async function ensureSnapshotTimer(db: Kysely<DB>, now: Date) {
  const pending = await db.selectFrom('job').select('id').where('dedupe_key', '=', SNAPSHOT_KEY).where('status', '=', 'pending').executeTakeFirst();
  if (pending) return;
  const any = await db.selectFrom('indicator_snapshot').select('month').limit(1).executeTakeFirst();
  if (any) return scheduleNextSnapshot(db, now);
  await scheduleJob(db, { kind: SNAPSHOT_JOB, runAt: now, payload: { month: await firstMonthToFile(db, now) }, countyCode: CITY_CODE, dedupeKey: SNAPSHOT_KEY });
}

/** The months a trend shows before the month under way: how far back a database with no snapshot yet files. */
const CATCH_UP_MONTHS = 11;

/**
 * Where a database with no snapshot starts filing: last month, or, when its tree stood earlier
 * (registers taken over with their own dates), up to CATCH_UP_MONTHS back but never before the
 * month its first unit stood. The timer then files one month per run up to the month under way.
 */
async function firstMonthToFile(db: Q, now: Date): Promise<string> {
  const current = chinaMonth(now);
  const last = addMonths(current, -1);
  const first = await repo.firstUnitAt(db);
  if (!first) return last;
  const stood = chinaMonth(first);
  const earliest = addMonths(current, -CATCH_UP_MONTHS);
  return stood < earliest ? earliest : stood < last ? stood : last;
}

/** Keeps one pending count of the month under way; a fresh start counts at once. */
export async function ensureRefreshTimer(db: Kysely<DB>, now: Date) {
  const pending = await db.selectFrom('job').select('id').where('dedupe_key', '=', REFRESH_KEY).where('status', '=', 'pending').executeTakeFirst();
  if (!pending) await scheduleJob(db, { kind: REFRESH_JOB, runAt: now, payload: {}, countyCode: CITY_CODE, dedupeKey: REFRESH_KEY });
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
    // The month under way for every unit, then the next count a few minutes on.
    [REFRESH_JOB]: async (trx, _job, now) => {
      await refreshCurrent(trx, now);
      await scheduleJob(trx, { kind: REFRESH_JOB, runAt: new Date(now.getTime() + REFRESH_EVERY_MS), payload: {}, countyCode: CITY_CODE, dedupeKey: REFRESH_KEY });
    },
  };
}
