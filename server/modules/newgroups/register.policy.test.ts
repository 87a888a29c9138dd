import { describe, expect, it } from 'vitest';
import { mayKeepPlatforms } from './register.policy.js';

describe('register policy', () => {
  it('should let only the county keep the platform register', () => {
    expect(mayKeepPlatforms('county_admin')).toBe(true);
    for (const r of ['street_admin', 'community_secretary', 'community_worker', 'city_admin'] as const) expect(mayKeepPlatforms(r)).toBe(false);
  });
});
