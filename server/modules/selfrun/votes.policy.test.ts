import { describe, expect, it } from 'vitest';
import { VOTE_POLICY } from './votes.policy.js';

describe('owner vote policy', () => {
  it('lets community staff run votes and enter paper, the committee run but not enter paper, owners vote', () => {
    expect(VOTE_POLICY.run('community_worker')).toBe(true);
    expect(VOTE_POLICY.enterPaper('community_worker')).toBe(true);
    expect(VOTE_POLICY.run('resident')).toBe(true); // with a live seat, checked by the service
    expect(VOTE_POLICY.enterPaper('resident')).toBe(false);
    expect(VOTE_POLICY.vote('resident')).toBe(true);
    expect(VOTE_POLICY.vote('community_worker')).toBe(false);
    expect(VOTE_POLICY.enterPaper('department')).toBe(false);
    expect(VOTE_POLICY.read('department')).toBe(true);
    expect(VOTE_POLICY.run('property_company')).toBe(false);
  });
});
