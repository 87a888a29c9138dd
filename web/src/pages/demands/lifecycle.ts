import type { DemandState, Role } from '../../services/types.js';

/**
 * A copy of the server's state table (server/modules/demands/demand-lifecycle.ts): keep the two
 * in sync. It only decides which buttons to offer; the server stays the judge and its 409
 * message is shown when the two disagree.
 */
export type DemandAction =
  | 'accept' | 'solve_on_spot' | 'assign' | 'resolve' | 'put_on_agenda' | 'decide_at_meeting' | 'request_escalation'
  | 'decline_escalation' | 'escalate' | 'all_departments_resolved' | 'rate_satisfied' | 'rate_unsatisfied' | 'merge';

const COMMUNITY: Role[] = ['community_secretary', 'community_worker', 'grid_worker'];
const COMMUNITY_STAFF: Role[] = ['community_secretary', 'community_worker'];
const STREET: Role[] = ['street_admin'];
const HANDLERS: Role[] = [...COMMUNITY, 'property_company'];

interface Transition {
  from: readonly DemandState[];
  to: DemandState;
  by: readonly (Role | 'reporter' | 'system')[];
  needsNote?: boolean;
}

export const TRANSITIONS: Record<DemandAction, Transition> = {
  accept: { from: ['submitted'], to: 'accepted', by: HANDLERS },
  solve_on_spot: { from: ['submitted'], to: 'resolved', by: COMMUNITY, needsNote: true },
  assign: { from: ['submitted', 'accepted'], to: 'accepted', by: COMMUNITY_STAFF },
  resolve: { from: ['accepted'], to: 'resolved', by: HANDLERS, needsNote: true },
  put_on_agenda: { from: ['submitted', 'accepted'], to: 'on_agenda', by: COMMUNITY_STAFF },
  decide_at_meeting: { from: ['on_agenda'], to: 'accepted', by: COMMUNITY_STAFF, needsNote: true },
  request_escalation: { from: ['accepted', 'on_agenda'], to: 'escalation_requested', by: COMMUNITY_STAFF, needsNote: true },
  decline_escalation: { from: ['escalation_requested'], to: 'accepted', by: STREET, needsNote: true },
  escalate: { from: ['submitted', 'escalation_requested', 'accepted', 'on_agenda'], to: 'escalated', by: STREET, needsNote: true },
  all_departments_resolved: { from: ['escalated'], to: 'resolved', by: ['system'] },
  rate_satisfied: { from: ['resolved'], to: 'closed', by: ['reporter', ...COMMUNITY_STAFF] },
  rate_unsatisfied: { from: ['resolved'], to: 'accepted', by: ['reporter', ...COMMUNITY_STAFF], needsNote: true },
  merge: { from: ['submitted', 'accepted'], to: 'merged', by: COMMUNITY_STAFF },
};

/** Console buttons, in the order they show; the ratings belong to the resident's phone page. */
export const CONSOLE_ACTIONS: DemandAction[] = [
  'accept', 'solve_on_spot', 'assign', 'resolve', 'put_on_agenda', 'decide_at_meeting', 'request_escalation',
  'decline_escalation', 'escalate', 'merge',
];

export function allowedActions(state: string, role: Role, actions: readonly DemandAction[] = CONSOLE_ACTIONS): DemandAction[] {
  return actions.filter((a) => (TRANSITIONS[a].from as readonly string[]).includes(state) && TRANSITIONS[a].by.includes(role));
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
