import { describe, expect, it } from 'vitest';
import { addMonths, chinaMonth, monthsEnding, monthStart } from './meetings-months.js';

describe('meeting months', () => {
  it('should count months in China time across year ends', () => {
    expect(chinaMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(monthsEnding('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(monthStart('2026-12').toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });
});
