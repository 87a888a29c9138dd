import { describe, expect, it } from 'vitest';
import { boundToOrganisation, mayBeVolunteer, mayRegisterOrganisation, reachesOrganisation } from './volunteers.policy.js';

describe('volunteers policy', () => {
  it('should bind an organisation admin to its own organisation only', () => {
    expect(boundToOrganisation('volunteer_org')).toBe(true);
    expect(boundToOrganisation('community_worker')).toBe(false);
    expect(reachesOrganisation(7, 7)).toBe(true);
    expect(reachesOrganisation(7, 8)).toBe(false);
    expect(reachesOrganisation(null, 8)).toBe(true);
  });

  it('should leave registering organisations to community, street and county staff', () => {
    expect(mayRegisterOrganisation('community_secretary')).toBe(true);
    expect(mayRegisterOrganisation('volunteer_org')).toBe(false);
    expect(mayRegisterOrganisation('grid_worker')).toBe(false);
  });

  it('should let residents and party members be volunteers themselves', () => {
    expect(mayBeVolunteer('resident')).toBe(true);
    expect(mayBeVolunteer('party_member')).toBe(true);
    expect(mayBeVolunteer('community_worker')).toBe(false);
  });
});
