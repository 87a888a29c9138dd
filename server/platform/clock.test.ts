import { describe, expect, it } from 'vitest';
import { chinaDay } from './clock.js';

describe('chinaDay', () => {
  it('should give the China Standard Time calendar day of an instant', () => {
    expect(chinaDay(new Date('2026-11-06T15:59:59Z'))).toBe('2026-11-06');
    expect(chinaDay(new Date('2026-11-06T16:00:00Z'))).toBe('2026-11-07');
    expect(chinaDay(new Date('2026-01-01T00:00:00+08:00'))).toBe('2026-01-01');
  });
});
