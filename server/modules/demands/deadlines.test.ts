import { describe, expect, it } from 'vitest';
import { addWorkingDays, cstDay, dueAt, isWorkday } from './deadlines.js';

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
  it('should use the CST day, not the UTC day', () => {
    expect(cstDay(new Date('2026-11-06T17:00:00Z'))).toBe('2026-11-07');
  });
});
