import { describe, expect, it } from 'vitest';
import { checkInNeedsCode, mayCancelBooking, mayVenue } from './venues.policy.js';

describe('venues policy', () => {
  it('should let community staff manage venues and the county fund them, not the other way round', () => {
    expect(mayVenue('community_worker', 'manage')).toBe(true);
    expect(mayVenue('county_admin', 'fund')).toBe(true);
    expect(mayVenue('community_worker', 'fund')).toBe(false);
    expect(mayVenue('resident', 'manage')).toBe(false);
    expect(mayVenue('resident', 'visit')).toBe(true);
    expect(mayVenue('department', 'read')).toBe(true);
  });
  it('should let only the booker or venue staff cancel, and ask the booker for the venue code at check-in', () => {
    expect(mayCancelBooking('resident', true)).toBe(true);
    expect(mayCancelBooking('resident', false)).toBe(false);
    expect(mayCancelBooking('community_worker', false)).toBe(true);
    expect(checkInNeedsCode('community_worker', false)).toBe(false);
    expect(checkInNeedsCode('resident', true)).toBe(true);
    expect(checkInNeedsCode('resident', false)).toBeNull();
  });
});
