import { describe, expect, it } from 'vitest';
import { dayRefusal } from './ledger.policy.js';
import { isFlagged } from './service-review.service.js';

describe('ledger dates', () => {
  it('accepts a past day of an open month and today', () => {
    expect(dayRefusal('2026-11-01', '2026-11-02', '2026-10')).toBeNull();
    expect(dayRefusal('2026-11-02', '2026-11-02', null)).toBeNull();
  });
  it('refuses a day that does not exist, a future day, and a day in or before the closed month', () => {
    expect(dayRefusal('2026-02-30', '2026-11-02', null)).toMatch(/不存在/);
    expect(dayRefusal('2026-11-03', '2026-11-02', null)).toMatch(/未来/);
    expect(dayRefusal('2026-10-31', '2026-11-02', '2026-10')).toMatch(/已结账/);
    expect(dayRefusal('2025-12-31', '2026-11-02', '2026-10')).toMatch(/已结账/);
  });
});

describe('service review flag', () => {
  it('flags an average below 3 or a drop of 1 or more from last year', () => {
    expect(isFlagged(2.9, null)).toBe(true);
    expect(isFlagged(3, null)).toBe(false);
    expect(isFlagged(3.5, 4.5)).toBe(true);
    expect(isFlagged(3.6, 4.5)).toBe(false);
    expect(isFlagged(null, 4)).toBe(false);
  });
});
