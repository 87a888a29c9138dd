import { describe, expect, it } from 'vitest';
import type { Role } from '../../database.js';
import { decidesReports, evaluates, isUnitAdmin, registersUnits } from './dual-report.policy.js';

describe('dual report policy', () => {
  it('should let only counties and streets register units', () => {
    expect((['county_admin', 'street_admin'] as Role[]).every(registersUnits)).toBe(true);
    for (const r of ['city_admin', 'community_secretary', 'community_worker', 'grid_worker', 'work_unit', 'party_member'] as Role[]) expect(registersUnits(r)).toBe(false);
  });

  it('should let the community and its street decide reports, and only the community evaluate', () => {
    expect((['community_secretary', 'community_worker', 'street_admin'] as Role[]).every(decidesReports)).toBe(true);
    for (const r of ['grid_worker', 'work_unit', 'party_member', 'county_admin'] as Role[]) expect(decidesReports(r)).toBe(false);
    expect((['community_secretary', 'community_worker'] as Role[]).every(evaluates)).toBe(true);
    for (const r of ['street_admin', 'county_admin', 'work_unit', 'grid_worker'] as Role[]) expect(evaluates(r)).toBe(false);
  });

  it('should treat only the work unit role as a single unit\'s viewer', () => {
    expect(isUnitAdmin('work_unit')).toBe(true);
    expect(isUnitAdmin('street_admin')).toBe(false);
  });
});
