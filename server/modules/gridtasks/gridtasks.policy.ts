import type { Role } from '../../database.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import type { Reach } from './gridtasks.repository.js';

/**
 * Who may do what with grid tasks (网格事项), beyond the permission on each route
 * (`gridtasks.read`, `gridtasks.manage`).
 */

/** Who may push work down to a grid. Grid workers receive it; they do not send it. */
const PUSH_ROLES: ReadonlySet<Role> = new Set(['county_admin', 'street_admin', 'community_secretary', 'community_worker', 'department']);
/** Who may close a task: the grid worker, or community staff on the worker's behalf. */
const DONE_ROLES: ReadonlySet<Role> = new Set(['grid_worker', 'community_worker', 'community_secretary']);

/** The county's admission list (准入清单) is kept by its county admin alone. */
export const editsAdmissionList = (role: Role) => role === 'county_admin';
export const mayPushTasks = (role: Role) => PUSH_ROLES.has(role);
export const mayFinishTasks = (role: Role) => DONE_ROLES.has(role);

/**
 * A department sits outside the org tree: it reaches every grid of its county, and sees only
 * what it sent itself. Everyone else reaches their subtree.
 */
export function reachOf(actor: Actor, scope: Scope): Reach {
  return actor.role === 'department' ? { countyCode: scope.countyCode, accountId: actor.accountId } : { path: scope.path };
}

export function reaches(actor: Actor, scope: Scope, place: { path: string; county_code: string }) {
  return actor.role === 'department' ? place.county_code === scope.countyCode : scope.contains(place.path);
}
