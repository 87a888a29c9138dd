import { describe, expect, it } from 'vitest';
import { allowedActions } from './lifecycle.js';

describe('the console’s buttons from the server’s demand state table', () => {
  it('should offer a street admin the whistle but not the community’s steps', () => {
    expect(allowedActions('escalation_requested', 'street_admin')).toEqual(['decline_escalation', 'escalate']);
    expect(allowedActions('submitted', 'grid_worker')).toEqual(['accept', 'solve_on_spot']);
    expect(allowedActions('closed', 'community_secretary')).toEqual([]);
  });
  it('should offer extension steps only when they can succeed, and whistled ones to the street', () => {
    expect(allowedActions('accepted', 'grid_worker', undefined, { tier: 'community', extension: null })).toContain('request_extension');
    expect(allowedActions('accepted', 'grid_worker', undefined, { tier: 'community', extension: { state: 'approved' } })).not.toContain('request_extension');
    expect(allowedActions('accepted', 'community_worker', undefined, { tier: 'community', extension: null })).not.toContain('approve_extension');
    expect(allowedActions('accepted', 'community_worker', undefined, { tier: 'community', extension: { state: 'requested' } }))
      .toEqual(expect.arrayContaining(['approve_extension', 'reject_extension']));
    expect(allowedActions('escalated', 'community_worker', undefined, { tier: 'street', extension: { state: 'requested' } })).not.toContain('approve_extension');
    expect(allowedActions('escalated', 'street_admin', undefined, { tier: 'street', extension: { state: 'requested' } }))
      .toEqual(expect.arrayContaining(['approve_extension', 'reject_extension']));
  });
});
