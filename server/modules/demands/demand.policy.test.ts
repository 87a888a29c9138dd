import { describe, expect, it } from 'vitest';
import type { Role } from '../../database.js';
import type { Actor } from '../../platform/http/request-context.js';
import { HANDLER_ROLES, awaitingDecisionBy, isSelfReporter, lifecycleActor, masksReporter, mayRevealReporterPhone, mayRewhistle, readsDemandsAs, recordsVisits } from './demand.policy.js';

const actor = (role: Role, accountId = 7): Actor => ({ accountId, username: 'u', displayName: '张三', role, ip: '127.0.0.1' });

describe('demand policy', () => {
  it('should let staff read by place, departments by whistle and everyone else only their own reports', () => {
    for (const r of ['county_admin', 'street_admin', 'community_worker', 'grid_worker', 'property_company'] as Role[]) expect(readsDemandsAs(r)).toBe('place');
    expect(readsDemandsAs('department')).toBe('department');
    for (const r of ['resident', 'party_member'] as Role[]) expect(readsDemandsAs(r)).toBe('reporter');
  });

  it('should put the communities\' requests to whistle in the street\'s to-do list only', () => {
    expect(awaitingDecisionBy('street_admin')).toEqual(['escalation_requested']);
    for (const r of ['community_worker', 'grid_worker', 'county_admin', 'department', 'resident'] as Role[]) expect(awaitingDecisionBy(r)).toEqual([]);
  });

  it('should act as the reporter only for a resident on their own report', () => {
    expect(lifecycleActor(actor('resident', 7), 7)).toBe('reporter');
    expect(lifecycleActor(actor('resident', 7), 8)).toBe('resident');
    expect(lifecycleActor(actor('community_worker', 7), 7)).toBe('community_worker');
    expect(lifecycleActor(null, 7)).toBe('system');
    expect(isSelfReporter('party_member')).toBe(true);
    expect(isSelfReporter('grid_worker')).toBe(false);
  });

  it('should mask the reporter for departments only, and let them and revealing staff see the phone', () => {
    expect(masksReporter('department')).toBe(true);
    expect(masksReporter('community_worker')).toBe(false);
    expect(mayRevealReporterPhone('department')).toBe(true);
    expect(mayRevealReporterPhone('grid_worker')).toBe(true);
    expect(mayRevealReporterPhone('city_admin')).toBe(false);
    expect(mayRevealReporterPhone('resident')).toBe(false);
  });

  it('should leave re-routing to the street, and assignment to the people who handle demands', () => {
    expect(mayRewhistle('street_admin')).toBe(true);
    expect(mayRewhistle('community_secretary')).toBe(false);
    expect([...HANDLER_ROLES].sort()).toEqual(['community_secretary', 'community_worker', 'grid_worker', 'property_company']);
  });

  it('should let only the community\'s own staff record door-to-door visits', () => {
    for (const r of ['grid_worker', 'community_worker', 'community_secretary'] as Role[]) expect(recordsVisits(r)).toBe(true);
    for (const r of ['resident', 'party_member', 'property_company', 'street_admin', 'county_admin', 'department', 'merchant'] as Role[]) expect(recordsVisits(r)).toBe(false);
  });
});
