import { describe, expect, it } from 'vitest';
import type { MemberKind, SecretaryKind } from '../../database.js';
import { CHILD_KIND, PARENT_KIND, SECRETARY_MEMBER_KIND, canParty, secretaryKindFits } from './party.policy.js';

describe('party policy', () => {
  it('should pair each secretary kind with exactly one member kind, all five different', () => {
    expect(SECRETARY_MEMBER_KIND).toEqual({ retired: 'retired', resident: 'resident', dual_post: 'in_service', professional: 'community_worker', graduate: 'student' });
    expect(new Set(Object.values(SECRETARY_MEMBER_KIND)).size).toBe(5);
  });

  it('should accept a secretary kind only for its member kind', () => {
    const members: MemberKind[] = ['resident', 'retired', 'in_service', 'student', 'worker', 'community_worker'];
    for (const kind of Object.keys(SECRETARY_MEMBER_KIND) as SecretaryKind[]) {
      expect(members.filter((m) => secretaryKindFits(kind, m))).toEqual([SECRETARY_MEMBER_KIND[kind]]);
    }
    expect(secretaryKindFits('dual_post', 'retired')).toBe(false);
  });

  it('should keep parent and child levels each other\'s inverse', () => {
    for (const [kind, child] of Object.entries(CHILD_KIND)) if (child) expect(PARENT_KIND[child]).toBe(kind);
    expect(PARENT_KIND.committee).toBeNull();
    expect(CHILD_KIND.member_household).toBeNull();
  });

  it('should leave committees and appointments to the community secretary and above', () => {
    expect(canParty('community_secretary', 'create', 'committee')).toBe(true);
    expect(canParty('community_worker', 'create', 'committee')).toBe(false);
    expect(canParty('community_worker', 'dissolve', 'committee')).toBe(false);
    expect(canParty('community_worker', 'rename', 'group')).toBe(true);
    expect(canParty('community_worker', 'appoint')).toBe(false);
    expect(canParty('street_admin', 'appoint')).toBe(true);
  });

  it('should let community workers register and transfer members, grid workers nothing', () => {
    expect(canParty('community_worker', 'register')).toBe(true);
    expect(canParty('community_worker', 'transfer')).toBe(true);
    for (const verb of ['create', 'rename', 'move', 'dissolve', 'appoint', 'register', 'transfer'] as const) {
      expect(canParty('grid_worker', verb, 'group')).toBe(false);
      expect(canParty('resident', verb, 'group')).toBe(false);
    }
  });
});
