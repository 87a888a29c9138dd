import { describe, expect, it } from 'vitest';
import type { Role } from '../../database.js';
import { Scope } from '../../platform/scope.js';
import { editsAdmissionList, mayFinishTasks, mayPushTasks, reachOf, reaches } from './gridtasks.policy.js';

const actor = (role: Role) => ({ accountId: 7, username: 'u', displayName: 'U', role, ip: '127.0.0.1' });

describe('grid tasks policy', () => {
  it('should let only the county admin edit the admission list', () => {
    expect(editsAdmissionList('county_admin')).toBe(true);
    expect(editsAdmissionList('city_admin')).toBe(false);
    expect(editsAdmissionList('street_admin')).toBe(false);
  });

  it('should let staff above the grid and departments push, and grid staff finish', () => {
    for (const r of ['county_admin', 'street_admin', 'community_secretary', 'community_worker', 'department'] as const) expect(mayPushTasks(r)).toBe(true);
    expect(mayPushTasks('grid_worker')).toBe(false);
    expect(mayPushTasks('resident')).toBe(false);
    for (const r of ['grid_worker', 'community_worker', 'community_secretary'] as const) expect(mayFinishTasks(r)).toBe(true);
    expect(mayFinishTasks('department')).toBe(false);
    expect(mayFinishTasks('street_admin')).toBe(false);
  });

  it('should let a department reach its whole county and its own tasks, others their subtree', () => {
    const scope = new Scope(3, '1.2.3.', '141102');
    expect(reachOf(actor('department'), scope)).toEqual({ countyCode: '141102', accountId: 7 });
    expect(reachOf(actor('street_admin'), scope)).toEqual({ path: '1.2.3.' });
    const elsewhereInCounty = { path: '1.2.9.40.', county_code: '141102' };
    expect(reaches(actor('department'), scope, elsewhereInCounty)).toBe(true);
    expect(reaches(actor('street_admin'), scope, elsewhereInCounty)).toBe(false);
    expect(reaches(actor('street_admin'), scope, { path: '1.2.3.40.', county_code: '141102' })).toBe(true);
    expect(reaches(actor('department'), scope, { path: '1.5.6.', county_code: '141103' })).toBe(false);
  });
});
