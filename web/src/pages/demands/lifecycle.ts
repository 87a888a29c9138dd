import type { DemandState, Role } from '../../services/types.js';

/**
 * The server's own state table, imported rather than copied: the console only decides which
 * buttons to offer from it; the server stays the judge and its 409 message is shown.
 */
import { TRANSITIONS, type DemandAction } from '../../../../server/modules/demands/demand-lifecycle.js';

export { TRANSITIONS, type DemandAction };

/** Console buttons, in the order they show; the ratings belong to the resident's phone page. */
export const CONSOLE_ACTIONS: DemandAction[] = [
  'accept', 'solve_on_spot', 'assign', 'resolve', 'put_on_agenda', 'decide_at_meeting', 'request_escalation',
  'decline_escalation', 'escalate', 'merge',
];

export function allowedActions(state: string, role: Role, actions: readonly DemandAction[] = CONSOLE_ACTIONS): DemandAction[] {
  return actions.filter((a) => (TRANSITIONS[a].from as readonly string[]).includes(state) && (TRANSITIONS[a].by as readonly string[]).includes(role));
}

export const needsNote = (a: DemandAction) => !!TRANSITIONS[a].needsNote;

/** Tag colour per state. */
export const STATE_COLORS: Record<DemandState, string> = {
  submitted: 'orange',
  accepted: 'blue',
  on_agenda: 'purple',
  escalation_requested: 'magenta',
  escalated: 'red',
  resolved: 'cyan',
  closed: 'green',
  merged: 'default',
};

export const stateColor = (s: string) => STATE_COLORS[s as DemandState] ?? 'default';
