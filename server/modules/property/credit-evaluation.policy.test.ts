import { describe, expect, it } from 'vitest';
import { objectionOpen, raterKindsOf, ratingQuarterOpen } from './credit-evaluation.policy.js';

describe('credit evaluation policy', () => {
  it('should let the street rate as the street and community staff as the community or the compound branch', () => {
    expect(raterKindsOf('street_admin')).toEqual(['street']);
    expect(raterKindsOf('community_worker')).toEqual(['community', 'compound']);
    expect(raterKindsOf('grid_worker')).toEqual([]);
  });
  it('should keep the objection window open through its last China day', () => {
    expect(objectionOpen('2026-11-10', '2026-11-10')).toBe(true);
    expect(objectionOpen('2026-11-11', '2026-11-10')).toBe(false);
    expect(objectionOpen('2026-11-01', null)).toBe(false);
  });
  it('should take ratings for the running and the last quarter until published', () => {
    expect(ratingQuarterOpen('2026-Q3', '2026-Q4', '2026-Q3', false)).toBe(true);
    expect(ratingQuarterOpen('2026-Q3', '2026-Q4', '2026-Q3', true)).toBe(false);
    expect(ratingQuarterOpen('2026-Q2', '2026-Q4', '2026-Q3', false)).toBe(false);
  });
});
