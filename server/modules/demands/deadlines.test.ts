import { describe, expect, it } from 'vitest';
import { addWorkingDays, clockStart, cstDay, dueAt, isWorkday } from './deadlines.js';

const none = new Map<string, boolean>();

describe('working-day deadlines', () => {
  it('should skip the weekend', () => {
    // Friday 2026-11-06 10:00 CST + 1 working day = Monday 10:00.
    const due = addWorkingDays(new Date('2026-11-06T10:00:00+08:00'), 1, none);
    expect(due.toISOString()).toBe(new Date('2026-11-09T10:00:00+08:00').toISOString());
  });
  it('should honour holidays and make-up working days', () => {
    const overrides = new Map([['2026-11-09', false], ['2026-11-08', true]]);
    expect(isWorkday('2026-11-08', overrides)).toBe(true);
    const due = addWorkingDays(new Date('2026-11-06T10:00:00+08:00'), 2, overrides);
    // Sunday 8th is a make-up day, Monday 9th a holiday: 8th, then 10th.
    expect(cstDay(due)).toBe('2026-11-10');
  });
  it('should count hours on the wall clock for emergencies', () => {
    const start = new Date('2026-11-07T23:00:00+08:00');
    expect(dueAt(start, { limit_kind: 'hours', limit_value: 2, warn_before_hours: 1 }, none).toISOString())
      .toBe(new Date('2026-11-08T01:00:00+08:00').toISOString());
  });
  it('should know every weekday of a week, late in the CST evening too', () => {
    const week = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];
    expect(week.map((d) => isWorkday(d, none))).toEqual([true, true, true, true, true, false, false]);
    // Friday 23:30 CST is 15:30 UTC, still Friday either way; Saturday 00:30 CST would be Friday in UTC.
    const due = addWorkingDays(new Date('2026-11-27T23:30:00+08:00'), 1, none);
    expect(due.toISOString()).toBe(new Date('2026-11-30T23:30:00+08:00').toISOString());
    // Received Saturday 00:30 CST (Friday 16:30 UTC), a day off: the clock starts Monday 00:00,
    // + 1 working day = Tuesday 00:00 (all of Monday).
    expect(addWorkingDays(new Date('2026-11-28T00:30:00+08:00'), 1, none).toISOString())
      .toBe(new Date('2026-12-01T00:00:00+08:00').toISOString());
  });
  it('should start the clock of a demand received on a day off at the next working day\'s start', () => {
    const friday = addWorkingDays(new Date('2026-11-06T10:00:00+08:00'), 5, none);
    const saturday = addWorkingDays(new Date('2026-11-07T10:00:00+08:00'), 5, none);
    expect(friday.toISOString()).toBe(new Date('2026-11-13T10:00:00+08:00').toISOString());
    // Monday 00:00 + 5 working days: all of Monday to Friday.
    expect(saturday.toISOString()).toBe(new Date('2026-11-16T00:00:00+08:00').toISOString());
    expect(saturday.getTime()).toBeGreaterThan(friday.getTime());
    // A holiday Monday after the weekend: the clock starts Tuesday.
    const holiday = new Map([['2026-11-09', false]]);
    expect(clockStart(new Date('2026-11-08T15:00:00+08:00'), holiday).toISOString()).toBe(new Date('2026-11-10T00:00:00+08:00').toISOString());
    // A make-up Sunday is a working day: the clock starts at once.
    const makeUp = new Map([['2026-11-08', true]]);
    expect(clockStart(new Date('2026-11-08T15:00:00+08:00'), makeUp).toISOString()).toBe(new Date('2026-11-08T15:00:00+08:00').toISOString());
  });
  it('should use the CST day, not the UTC day', () => {
    expect(cstDay(new Date('2026-11-06T17:00:00Z'))).toBe('2026-11-07');
  });
});
