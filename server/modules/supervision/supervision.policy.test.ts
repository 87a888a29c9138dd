import { describe, expect, it } from 'vitest';
import { mayTakeProblemStep } from './supervision.policy.js';

describe('supervision policy', () => {
  const none = { foundIt: false, plansIt: false, receivesIt: false };
  it('lets the inspector or the planning level verify, not the receiver', () => {
    expect(mayTakeProblemStep('department', 'inspector', { ...none, foundIt: true })).toBe(true);
    expect(mayTakeProblemStep('city_admin', 'inspector', { ...none, plansIt: true })).toBe(true);
    expect(mayTakeProblemStep('department', 'inspector', { ...none, plansIt: true, receivesIt: true })).toBe(false);
    expect(mayTakeProblemStep('county_admin', 'inspector', { ...none, receivesIt: true })).toBe(false);
  });
  it('lets only the receiver rectify', () => {
    expect(mayTakeProblemStep('county_admin', 'receiver', { ...none, receivesIt: true })).toBe(true);
    expect(mayTakeProblemStep('city_admin', 'receiver', { ...none, foundIt: true, plansIt: true })).toBe(false);
  });
});
