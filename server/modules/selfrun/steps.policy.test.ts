import { describe, expect, it } from 'vitest';
import { mayReadSteps, memberMayComplete, staffMayComplete } from './steps.policy.js';

describe('ten steps policy', () => {
  it('lets community staff and the street complete steps, not the county or departments', () => {
    expect(staffMayComplete('community_secretary')).toBe(true);
    expect(staffMayComplete('community_worker')).toBe(true);
    expect(staffMayComplete('street_admin')).toBe(true);
    expect(staffMayComplete('county_admin')).toBe(false);
    expect(staffMayComplete('department')).toBe(false);
    expect(staffMayComplete('resident')).toBe(false);
  });
  it('lets a seated committee member complete only the committee\'s steps', () => {
    expect(memberMayComplete('resident', true, 'consultation')).toBe(true);
    expect(memberMayComplete('party_member', true, 'disclosure')).toBe(true);
    expect(memberMayComplete('resident', false, 'consultation')).toBe(false);
    expect(memberMayComplete('resident', true, 'vote')).toBe(false);
    expect(memberMayComplete('community_worker', true, 'consultation')).toBe(false);
  });
  it('lets staff read, and a resident only with a seat', () => {
    expect(mayReadSteps('county_admin', false)).toBe(true);
    expect(mayReadSteps('resident', false)).toBe(false);
    expect(mayReadSteps('resident', true)).toBe(true);
  });
});
