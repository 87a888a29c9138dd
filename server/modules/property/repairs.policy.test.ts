import { describe, expect, it } from 'vitest';
import { mayApply, mayTakeStep } from './repairs.policy.js';

describe('repairs policy', () => {
  it('the community and the serving company apply; the street does not', () => {
    expect(mayApply('community_worker')).toBe(true);
    expect(mayApply('property_company')).toBe(true);
    expect(mayApply('street_admin')).toBe(false);
  });
  it('a company carries out only repairs of compounds it serves', () => {
    expect(mayTakeStep('property_company', 'applicant', true)).toBe(true);
    expect(mayTakeStep('property_company', 'applicant', false)).toBe(false);
    expect(mayTakeStep('property_company', 'community', true)).toBe(false);
  });
  it('the street approves emergencies, the community accepts', () => {
    expect(mayTakeStep('street_admin', 'street', false)).toBe(true);
    expect(mayTakeStep('community_secretary', 'street', false)).toBe(false);
    expect(mayTakeStep('community_worker', 'community', false)).toBe(true);
    expect(mayTakeStep('street_admin', 'community', false)).toBe(false);
  });
});
