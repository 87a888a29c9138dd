import type { Role } from '../../database.js';
import { can } from '../../platform/auth/permissions.js';
import { STEP_RULES, type StepKey } from './selfrun-steps-lifecycle.js';

/**
 * Who may complete a step of the ten: the community's staff (selfrun.manage) any step of a
 * compound in their scope; a resident seated on the compound's committee (a live committee_member
 * row, `seated`) only the committee's own steps. Reading follows selfrun.read or the seat.
 */
export const staffMayComplete = (role: Role) => can(role, 'selfrun.manage');

export const memberMayComplete = (role: Role, seated: boolean, step: StepKey) =>
  can(role, 'selfrun.committee') && seated && STEP_RULES[step].by === 'committee';

export const mayReadSteps = (role: Role, seated: boolean) => can(role, 'selfrun.read') || (can(role, 'selfrun.committee') && seated);
