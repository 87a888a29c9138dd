import type { Role } from '../../database.js';
import { ROLE_RANK } from '../../platform/auth/permissions.js';
import type { LinkKind } from './account.schemas.js';

/**
 * Who may keep which accounts, and what an account may stand for. The console imports the same
 * table to offer a link only where the server accepts one.
 */

/** Which link each role may have; roles not listed stand for nobody but themselves. */
export const LINK_FOR_ROLE: Partial<Record<Role, LinkKind>> = {
  resident: 'resident',
  party_member: 'resident',
  department: 'department',
  community_secretary: 'staff',
  community_worker: 'staff',
  grid_worker: 'staff',
  merchant: 'merchant',
  work_unit: 'work_unit',
  volunteer_org: 'volunteer_org',
  property_company: 'property_company',
  gig_worker: 'gig_worker',
};

/** An admin keeps only accounts of a lower role than its own. */
export function mayManageRole(actorRole: Role, role: Role): boolean {
  return ROLE_RANK[role] > ROLE_RANK[actorRole];
}
