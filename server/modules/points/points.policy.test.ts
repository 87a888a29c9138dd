import { describe, expect, it } from 'vitest';
import { DEFAULT_RECORDER_ROLES, mayRecordItem, readsRecordsByScope } from './points.policy.js';
import { CreateItemBody } from './points.schemas.js';

describe('points policy', () => {
  it('should let only the roles an item names record it', () => {
    const item = { recorder_roles: ['grid_worker' as const] };
    expect(mayRecordItem(item, 'grid_worker')).toBe(true);
    expect(mayRecordItem(item, 'community_secretary')).toBe(false);
    expect(mayRecordItem({ recorder_roles: [] }, 'county_admin')).toBe(false);
  });

  it('should default a new item to the community staff', () => {
    expect(DEFAULT_RECORDER_ROLES).toEqual(['community_secretary', 'community_worker', 'grid_worker']);
    const body = CreateItemBody.parse({ communityId: 1, name: '志愿服务', direction: 'positive', category: '志愿', points: 2, unit: 'times' });
    expect(body.recorderRoles).toEqual(DEFAULT_RECORDER_ROLES);
  });

  it('should read records by scope for staff and never for holders', () => {
    expect(readsRecordsByScope('community_secretary')).toBe(true);
    expect(readsRecordsByScope('resident')).toBe(false);
    expect(readsRecordsByScope('merchant')).toBe(false);
  });
});
