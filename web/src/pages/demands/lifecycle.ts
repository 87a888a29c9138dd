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
  'decline_escalation', 'escalate', 'merge', 'request_extension', 'approve_extension', 'reject_extension',
];

const DECIDE_EXTENSION: DemandAction[] = ['approve_extension', 'reject_extension'];

/**
 * The steps `role` may take now. With the demand's tier, approvers narrow as the server's do
 * (the street decides extensions of whistled demands); the 延期 steps show only when they can
 * succeed: asking when no request is pending or granted, deciding when one is pending.
 */
export function allowedActions(
  state: string, role: Role, actions: readonly DemandAction[] = CONSOLE_ACTIONS,
  ctx: { tier?: string; extension?: { state: string } | null } = {},
): DemandAction[] {
  return actions.filter((a) => {
    const t = TRANSITIONS[a];
    const by = (ctx.tier && (t.byTier as Record<string, readonly string[]> | undefined)?.[ctx.tier]) || t.by;
    if (!(t.from as readonly string[]).includes(state) || !(by as readonly string[]).includes(role)) return false;
    const pending = ctx.extension?.state === 'requested';
    if (a === 'request_extension') return !pending && ctx.extension?.state !== 'approved';
    if (DECIDE_EXTENSION.includes(a)) return pending;
    return true;
  });
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
