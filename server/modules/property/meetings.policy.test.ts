import { describe, expect, it } from 'vitest';
import { mayCloseTask, mayPlanMeeting, mayRecordMeeting, ownsTask } from './meetings.policy.js';

describe('three-party meeting policy', () => {
  it('should leave planning and closing tasks to the community, recording also to grid workers', () => {
    expect(mayPlanMeeting('community_secretary')).toBe(true);
    expect(mayPlanMeeting('grid_worker')).toBe(false);
    expect(mayRecordMeeting('grid_worker')).toBe(true);
    expect(mayRecordMeeting('street_admin')).toBe(false);
    expect(mayCloseTask('community_worker')).toBe(true);
    expect(mayCloseTask('grid_worker')).toBe(false);
  });

  it('should let a company act only on its own tasks', () => {
    expect(ownsTask(3, 3)).toBe(true);
    expect(ownsTask(3, 4)).toBe(false);
    expect(ownsTask(null, 4)).toBe(false);
    expect(ownsTask(3, null)).toBe(false);
  });
});
