import type { Role } from '../../database.js';
import type { ProblemStepBy } from './problems-lifecycle.js';

/**
 * Who may do what with supervision records, beyond each route's permission. The planning level
 * (city or county admin) plans inspections and, like the inspector who found a problem, hands it
 * over and verifies it; the receiver — the county's (or its streets') admins for a problem handed
 * to the county, the department's own accounts for one handed to a department — rectifies.
 */
export const isPlanner = (role: Role) => role === 'city_admin' || role === 'county_admin';
export const isDepartment = (role: Role) => role === 'department';

export interface ProblemParties {
  /** The caller found the problem (its inspector). */
  foundIt: boolean;
  /** The caller's scope contains the planning level's area (the inspection's city or county). */
  plansIt: boolean;
  /** The caller's department is the receiver, or the caller is an admin inside the receiving county. */
  receivesIt: boolean;
}

export function mayTakeProblemStep(role: Role, by: ProblemStepBy, p: ProblemParties): boolean {
  // The receiver never verifies its own rectification, even when it also planned the inspection.
  if (by === 'inspector') return !p.receivesIt && (p.foundIt || (isPlanner(role) && p.plansIt));
  return p.receivesIt;
}

export const PROBLEM_STEP_OWNER: Record<ProblemStepBy, string> = {
  inspector: '这一步由发现问题的督查人员或组织督查的市、区县办理',
  receiver: '这一步由问题移交到的区县或部门办理',
};
