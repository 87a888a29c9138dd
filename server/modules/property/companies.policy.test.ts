import { describe, expect, it } from 'vitest';
import { boundToCompany, mayKeepContracts, mayKeepRegister, maySanction, reachesCompany } from './companies.policy.js';

describe('property companies policy', () => {
  it('lets the county and the housing department keep the register, not the street', () => {
    expect(mayKeepRegister('county_admin')).toBe(true);
    expect(mayKeepRegister('department')).toBe(true);
    expect(mayKeepRegister('street_admin')).toBe(false);
  });
  it('lets the street keep contracts and sanction, but only the county exits a company', () => {
    expect(mayKeepContracts('street_admin')).toBe(true);
    expect(mayKeepContracts('community_secretary')).toBe(false);
    expect(maySanction('street_admin', 'rectify')).toBe(true);
    expect(maySanction('street_admin', 'exit')).toBe(false);
    expect(maySanction('county_admin', 'exit')).toBe(true);
    expect(maySanction('community_secretary', 'interview')).toBe(false);
  });
  it('binds a company account to its own company', () => {
    expect(boundToCompany('property_company')).toBe(true);
    expect(boundToCompany('county_admin')).toBe(false);
    expect(reachesCompany(3, 3)).toBe(true);
    expect(reachesCompany(3, 4)).toBe(false);
    expect(reachesCompany(null, 4)).toBe(true);
  });
});
