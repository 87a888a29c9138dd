import { describe, expect, it } from 'vitest';
import type { Role } from '../../database.js';
import { mayEnrol, mayKeepWhitelist, mayRewardReports } from './whitelist.policy.js';

const ROLES: Role[] = ['city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker',
  'department', 'property_company', 'party_member', 'resident', 'merchant', 'work_unit', 'volunteer_org', 'gig_worker'];

describe('newgroups white-list policy', () => {
  it('lets only the county and the street keep the white-list', () => {
    expect(ROLES.filter(mayKeepWhitelist)).toEqual(['county_admin', 'street_admin']);
  });
  it('lets only community staff enrol part-time workers and reward their reports', () => {
    expect(ROLES.filter(mayEnrol)).toEqual(['community_secretary', 'community_worker']);
    expect(ROLES.filter(mayRewardReports)).toEqual(['community_secretary', 'community_worker']);
  });
});
