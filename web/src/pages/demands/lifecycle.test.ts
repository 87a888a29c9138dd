import { describe, expect, it } from 'vitest';
import { allowedActions } from './lifecycle.js';

describe('the console’s buttons from the server’s demand state table', () => {
  it('should offer a street admin the whistle but not the community’s steps', () => {
    expect(allowedActions('escalation_requested', 'street_admin')).toEqual(['decline_escalation', 'escalate']);
    expect(allowedActions('submitted', 'grid_worker')).toEqual(['accept', 'solve_on_spot']);
    expect(allowedActions('closed', 'community_secretary')).toEqual([]);
  });
});
