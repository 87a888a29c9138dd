import { can } from '../../platform/auth/permissions.js';
import type { Role } from '../../database.js';

/**
 * Who does what in 业主表决, by role; the service adds the facts a role cannot tell: the caller's
 * scope, a live committee seat (业委会/物管会), a live unit_owner row or a proxy.
 */
export const VOTE_POLICY = {
  /** Create, announce, cancel and publish: community staff, or a committee member with a live seat. */
  run: (role: Role) => can(role, 'selfrun.manage') || can(role, 'selfrun.committee'),
  /** Paper ballots (both pairs of eyes) and proxies: community staff only, never the committee. */
  enterPaper: (role: Role) => can(role, 'selfrun.manage'),
  /** A phone ballot: residents and party members who own a unit or hold a proxy. */
  vote: (role: Role) => can(role, 'selfrun.owner'),
  /** The votes list and detail: staff and departments in scope. */
  read: (role: Role) => can(role, 'selfrun.read'),
} as const;
