import type { Role } from '../../database.js';

/** Staff who post wishes, confirm them and withdraw them: the community's own people. */
export const WISH_STAFF: readonly Role[] = ['community_secretary', 'community_worker', 'grid_worker'];

/** Roles that read wishes by scope (their subtree), and so their photos. */
export const WISH_READERS: readonly Role[] = ['city_admin', 'county_admin', 'street_admin', ...WISH_STAFF];

export const isWishStaff = (role: Role) => WISH_STAFF.includes(role);

/**
 * Who may claim on the wall: a party member (in-service members report to where they live) or a
 * resident who is a registered volunteer. Anyone else is told how to become one.
 */
export function mayClaim(role: Role, isVolunteer: boolean): { ok: true; kind: 'party_member' | 'volunteer' } | { ok: false; reason: string } {
  if (role === 'party_member') return { ok: true, kind: 'party_member' };
  if (role === 'resident' && isVolunteer) return { ok: true, kind: 'volunteer' };
  return { ok: false, reason: '只有在职党员和注册志愿者可以认领心愿，请先到社区登记为志愿者' };
}
