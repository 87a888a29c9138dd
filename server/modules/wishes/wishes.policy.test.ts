import { describe, expect, it } from 'vitest';
import { isWishStaff, mayClaim } from './wishes.policy.js';

describe('wishes policy', () => {
  it('should let party members and registered volunteers claim, and nobody else', () => {
    expect(mayClaim('party_member', false)).toEqual({ ok: true, kind: 'party_member' });
    expect(mayClaim('resident', true)).toEqual({ ok: true, kind: 'volunteer' });
    expect(mayClaim('resident', false)).toMatchObject({ ok: false, reason: expect.stringContaining('志愿者') });
    expect(mayClaim('merchant', true)).toMatchObject({ ok: false });
  });

  it('should count only the community people as wish staff', () => {
    expect(isWishStaff('grid_worker')).toBe(true);
    expect(isWishStaff('street_admin')).toBe(false);
  });
});
