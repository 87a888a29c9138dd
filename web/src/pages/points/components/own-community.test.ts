import { describe, expect, it } from 'vitest';
import { ownCommunityId } from './own-community.js';

const scope = (path: string) => ({ scope: { orgId: 0, name: '', kind: '', path } });

describe('the community of an account', () => {
  it('should be the fourth id of the scope path for a community and anything below it', () => {
    expect(ownCommunityId(scope('1.2.15.38.'))).toBe(38);
    expect(ownCommunityId(scope('1.2.15.38.79.'))).toBe(38);
    expect(ownCommunityId(scope('1.2.15.38.79.195.197.'))).toBe(38);
  });

  it('should be none above a community: those accounts pick one', () => {
    expect(ownCommunityId(scope('1.'))).toBeUndefined();
    expect(ownCommunityId(scope('1.2.'))).toBeUndefined();
    expect(ownCommunityId(scope('1.2.15.'))).toBeUndefined();
  });
});
