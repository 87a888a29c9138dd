import type { Role } from '../../database.js';
import { can } from '../../platform/auth/permissions.js';
import type { Actor } from '../../platform/http/request-context.js';
import { TRANSITIONS, type DemandState } from './demand-lifecycle.js';

/**
 * Who may do what with demands, beyond the permission on each route: the lifecycle table
 * (demand-lifecycle.ts) decides each step on a demand, the dispatch table (dispatch-lifecycle.ts)
 * each step on a whistle, and this file who sees which demands and who acts as whom.
 */

/** Roles that see and act on the demands of their subtree (the scope decides which). */
const PLACE_ROLES: readonly Role[] = [
  'city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker', 'property_company',
];
/** Residents and party members report as themselves and see their own reports. */
const SELF_REPORTERS: readonly Role[] = ['resident', 'party_member'];
/** Whom `assign` accepts as the handler (指派), and whom the console offers. */
export const HANDLER_ROLES: readonly Role[] = ['grid_worker', 'community_worker', 'community_secretary', 'property_company'];

/** How a role reads demands: by place, as the departments whistled to, or its own reports. */
export function readsDemandsAs(role: Role): 'place' | 'department' | 'reporter' {
  if (PLACE_ROLES.includes(role)) return 'place';
  return role === 'department' ? 'department' : 'reporter';
}

export const isSelfReporter = (role: Role) => SELF_REPORTERS.includes(role);

/** Who the actor is in the lifecycle table: the reporting resident, a role, or the system. */
export function lifecycleActor(actor: Actor | null, reporterAccountId: number | null): Role | 'reporter' | 'system' {
  if (!actor) return 'system';
  return reporterAccountId === actor.accountId && isSelfReporter(actor.role) ? 'reporter' : actor.role;
}

/**
 * A department works on a whistled demand without knowing who the resident is: the reporter's
 * name is masked like the phone, in every answer it gets — list, detail, inbox.
 */
export const masksReporter = (role: Role) => role === 'department';

/** The full reporter phone: whoever may reveal residents' data, and the departments whistled to (they may call). */
export const mayRevealReporterPhone = (role: Role) => can(role, 'pii.reveal') || can(role, 'demands.dispatch');

/** Re-routing a whistle (追加派单) is the street's, as the whistle itself is. */
export const mayRewhistle = (role: Role) => TRANSITIONS.escalate.by.includes(role);

/**
 * What waits on a role whoever handles the demand, so it belongs in the role's 我的待办: the
 * communities' requests to whistle (提请吹哨) wait on the street.
 */
export const awaitingDecisionBy = (role: Role): readonly DemandState[] =>
  TRANSITIONS.decline_escalation.by.includes(role) ? TRANSITIONS.decline_escalation.from : [];

/**
 * 背包上门: the community's own staff record door-to-door visits; a demand one of them raises
 * on a visit is theirs to handle (assigned to them at once, or solved on the spot).
 */
const VISITORS: readonly Role[] = ['grid_worker', 'community_worker', 'community_secretary'];
export const recordsVisits = (role: Role) => VISITORS.includes(role);
