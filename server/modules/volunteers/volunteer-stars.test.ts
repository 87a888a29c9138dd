import { describe, expect, it } from 'vitest';
import { starStanding, starsCaseSql, starsOf } from './volunteer-stars.js';

describe('volunteer stars (brief §10: 100 / 300 / 600 / 1,000 / 1,500 hours)', () => {
  it('should give no star below 100 hours and one at exactly 100', () => {
    expect(starsOf(0)).toBe(0);
    expect(starsOf(99.5)).toBe(0);
    expect(starsOf(100)).toBe(1);
  });

  it('should step at each threshold and stop at five', () => {
    expect([299.5, 300, 599.5, 600, 999.5, 1000, 1499.5, 1500, 9000].map(starsOf)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('should say how many hours are left to the next star', () => {
    expect(starStanding(0)).toEqual({ stars: 0, nextAt: 100, toNext: 100 });
    expect(starStanding(250.5)).toEqual({ stars: 1, nextAt: 300, toNext: 49.5 });
    expect(starStanding(1500)).toEqual({ stars: 5, nextAt: null, toNext: 0 });
  });

  it('should write the same thresholds into SQL', () => {
    expect(starsCaseSql('h')).toBe('CASE WHEN h >= 1500 THEN 5 WHEN h >= 1000 THEN 4 WHEN h >= 600 THEN 3 WHEN h >= 300 THEN 2 WHEN h >= 100 THEN 1 ELSE 0 END');
  });
});
