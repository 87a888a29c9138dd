import { describe, expect, it } from 'vitest';
import type { Role } from '../../database.js';
import { LINK_FOR_ROLE, mayManageRole } from './account.policy.js';

describe('account policy', () => {
  it('should let residents and party members stand for a resident, staff roles for a staff record, and admins for nobody', () => {
    expect(LINK_FOR_ROLE.resident).toBe('resident');
    expect(LINK_FOR_ROLE.party_member).toBe('resident');
    expect((['community_secretary', 'community_worker', 'grid_worker'] as Role[]).map((r) => LINK_FOR_ROLE[r])).toEqual(['staff', 'staff', 'staff']);
    expect(LINK_FOR_ROLE.department).toBe('department');
    expect(LINK_FOR_ROLE.merchant).toBe('merchant');
    expect(LINK_FOR_ROLE.work_unit).toBe('work_unit');
    expect(LINK_FOR_ROLE.volunteer_org).toBe('volunteer_org');
    expect(LINK_FOR_ROLE.property_company).toBe('property_company');
    for (const admin of ['city_admin', 'county_admin', 'street_admin'] as Role[]) expect(LINK_FOR_ROLE[admin]).toBeUndefined();
  });

  it('should let an admin keep only roles below its own', () => {
    expect(mayManageRole('county_admin', 'street_admin')).toBe(true);
    expect(mayManageRole('street_admin', 'grid_worker')).toBe(true);
    expect(mayManageRole('street_admin', 'street_admin')).toBe(false);
    expect(mayManageRole('street_admin', 'county_admin')).toBe(false);
    expect(mayManageRole('community_worker', 'department')).toBe(false);
  });
});
