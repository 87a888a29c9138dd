/**
 * Time limits on a working-day calendar. Days are China Standard Time calendar days; weekends
 * are days off unless the calendar says otherwise (调休 make-up days), holidays are days off.
 */
import { chinaDay } from '../../platform/clock.js';

const CST_MS = 8 * 3600_000;
const DAY_MS = 86400_000;

export type WorkdayOverrides = ReadonlyMap<string, boolean>;

/** The CST calendar day of an instant, as YYYY-MM-DD. */
export const cstDay = chinaDay;

export function isWorkday(day: string, overrides: WorkdayOverrides): boolean {
  return overrides.get(day) ?? isWeekday(Date.parse(`${day}T00:00:00+08:00`));
}

/** Whether the CST day containing epoch-ms `t` is a working day: every intake asks, so no date parsing. */
function workdayAt(t: number, overrides: WorkdayOverrides): boolean {
  return (overrides.size ? overrides.get(cstDay(new Date(t))) : undefined) ?? isWeekday(t);
}

/** Monday to Friday in CST (1970-01-01, day 0, was a Thursday). */
function isWeekday(t: number): boolean {
  const dow = (Math.floor((t + CST_MS) / DAY_MS) + 4) % 7;
  return dow !== 0 && dow !== 6;
}

/**
 * When a working-day clock starts: at `start` on a working day; on a day off, at 00:00 CST of
 * the next working day — so a demand received on Saturday gets the same full working days as
 * one received on Monday morning, never fewer than one received on Friday.
 */
export function clockStart(start: Date, overrides: WorkdayOverrides): Date {
  let t = start.getTime();
  if (workdayAt(t, overrides)) return start;
  t = Math.floor((t + CST_MS) / DAY_MS) * DAY_MS - CST_MS;
  do t += DAY_MS;
  while (!workdayAt(t, overrides));
  return new Date(t);
}

/**
 * `n` working days after `start`, at the same time of day; a start on a day off counts from
 * the next working day's start (clockStart).
 */
export function addWorkingDays(start: Date, n: number, overrides: WorkdayOverrides): Date {
  let t = clockStart(start, overrides).getTime();
  let counted = 0;
  while (counted < n) {
    t += DAY_MS;
    if (workdayAt(t, overrides)) counted++;
  }
  return new Date(t);
}

export interface CategoryLimit {
  limit_kind: 'hours' | 'working_days';
  limit_value: number;
  warn_before_hours: number;
}

export function dueAt(start: Date, c: CategoryLimit, overrides: WorkdayOverrides): Date {
  return c.limit_kind === 'hours'
    ? new Date(start.getTime() + c.limit_value * 3600_000)
    : addWorkingDays(start, c.limit_value, overrides);
}

export function warnAt(due: Date, c: CategoryLimit, start: Date): Date {
  const w = new Date(due.getTime() - c.warn_before_hours * 3600_000);
  return w > start ? w : new Date(start.getTime() + (due.getTime() - start.getTime()) / 2);
}

/** 吹哨报到: a department reports within 30 minutes of the whistle (Beijing practice). */
export const REPORT_WITHIN_MS = 30 * 60_000;
/** After a whistle the departments get at least this many working days to finish. */
export const STREET_TIER_MIN_WORKING_DAYS = 5;
/** 延期: one extension per demand, at most this many working days (12345 practice). */
export const MAX_EXTENSION_WORKING_DAYS = 10;
/** A department may send a whistle back as "not ours" only this many working days after it came. */
export const RETURN_WITHIN_WORKING_DAYS = 2;
