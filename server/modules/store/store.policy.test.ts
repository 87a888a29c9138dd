import { describe, expect, it } from 'vitest';
import { redeemsAsHolder, showsPickupCode } from './store.policy.js';

describe('store policy', () => {
  it('should treat residents, party members and merchants as holders, staff not', () => {
    expect(redeemsAsHolder('resident')).toBe(true);
    expect(redeemsAsHolder('party_member')).toBe(true);
    expect(redeemsAsHolder('merchant')).toBe(true);
    expect(redeemsAsHolder('community_worker')).toBe(false);
    expect(redeemsAsHolder('county_admin')).toBe(false);
  });

  it('should show an open pickup code to its holder only', () => {
    expect(showsPickupCode(true, 'reserved')).toBe(true);
    expect(showsPickupCode(false, 'reserved')).toBe(false);
    expect(showsPickupCode(false, 'cancelled')).toBe(false);
    expect(showsPickupCode(false, 'handed_over')).toBe(true);
  });
});
