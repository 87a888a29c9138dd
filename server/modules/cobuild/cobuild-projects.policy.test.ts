import { describe, expect, it } from 'vitest';
import { actsForUnit, mayAssign, mayTakeStep } from './cobuild-projects.policy.js';

describe('co-building project policy', () => {
  it('only a work unit admin takes up, plans and submits', () => {
    expect(mayTakeStep('work_unit', 'take_up')).toBe(true);
    expect(mayTakeStep('work_unit', 'submit')).toBe(true);
    expect(mayTakeStep('community_secretary', 'take_up')).toBe(false);
    expect(mayTakeStep('street_admin', 'plan')).toBe(false);
    expect(actsForUnit('volunteer_org')).toBe(false);
  });

  it('the community accepts and sends back; the street assigns', () => {
    expect(mayTakeStep('community_worker', 'accept')).toBe(true);
    expect(mayTakeStep('community_secretary', 'send_back')).toBe(true);
    expect(mayTakeStep('street_admin', 'accept')).toBe(false);
    expect(mayTakeStep('work_unit', 'accept')).toBe(false);
    expect(mayAssign('street_admin')).toBe(true);
    expect(mayAssign('county_admin')).toBe(true);
    expect(mayAssign('community_secretary')).toBe(false);
  });

  it('staff who keep the lists withdraw a published project; grid workers do not', () => {
    expect(mayTakeStep('community_worker', 'withdraw')).toBe(true);
    expect(mayTakeStep('grid_worker', 'withdraw')).toBe(false);
  });
});
