import type { Role } from '../../database.js';
import { can } from '../../platform/auth/permissions.js';
import type { ProjectAction, StepBy } from './cobuild-project-lifecycle.js';
import { PROJECT_STEPS } from './cobuild-project-lifecycle.js';

/**
 * Who may do what with the co-building lists and projects, beyond each route's permission
 * (`cobuild.read`, `cobuild.manage`, `cobuild.unit`).
 */

/** A work unit's admin acts for its own unit only (account.work_unit_id), whatever its scope. */
export const actsForUnit = (role: Role) => can(role, 'cobuild.unit');

const COMMUNITY: readonly Role[] = ['community_secretary', 'community_worker'];
const STREET: readonly Role[] = ['street_admin', 'county_admin'];

const BY: Readonly<Record<StepBy, (role: Role) => boolean>> = {
  unit: actsForUnit,
  /** 验收 is the community's: the people who know whether the work was done. */
  community: (role) => COMMUNITY.includes(role),
  /** 指派 is the street's (or the county's) call: it decides which unit serves where. */
  street: (role) => STREET.includes(role),
  staff: (role) => can(role, 'cobuild.manage'),
};

/** May this role take this step at all (the lifecycle then decides whether the project's state allows it)? */
export const mayTakeStep = (role: Role, action: ProjectAction) => BY[PROJECT_STEPS[action].by](role);

/** A project sent straight to a unit at creation is an assignment: the street's step too. */
export const mayAssign = (role: Role) => mayTakeStep(role, 'assign');
