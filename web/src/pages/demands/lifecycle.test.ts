import { describe, expect, it } from 'vitest';
import { TRANSITIONS as SERVER } from '../../../../server/modules/demands/demand-lifecycle.js';
import { TRANSITIONS, allowedActions } from './lifecycle.js';

describe('the console copy of the demand state table', () => {
  it('should match the server’s table exactly', () => {
    expect(TRANSITIONS).toEqual(SERVER);
  });

  it('should offer a street admin the whistle but not the community’s steps', () => {
    expect(allowedActions('escalation_requested', 'street_admin')).toEqual(['decline_escalation', 'escalate']);
    expect(allowedActions('submitted', 'grid_worker')).toEqual(['accept', 'solve_on_spot']);
    expect(allowedActions('closed', 'community_secretary')).toEqual([]);
  });
});
