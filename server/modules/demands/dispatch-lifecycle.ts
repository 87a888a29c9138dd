import type { Refusal } from './demand-lifecycle.js';

/**
 * A department's whistle (派单), as a table beside the demand lifecycle: 部门报到 within 30
 * minutes, progress, resolve, send back ("not ours"), or ask for more time or a re-route. The
 * server checks every step against it; a refusal names the reason and changes nothing.
 */
export const DISPATCH_STATES = ['dispatched', 'accepted', 'resolved', 'returned'] as const;
export type DispatchState = (typeof DISPATCH_STATES)[number];

export type DispatchAction = 'accept' | 'progress' | 'resolve' | 'return' | 'request_extension' | 'request_reroute';

interface DispatchStep {
  from: readonly DispatchState[];
  /** Omitted: a step on the record that leaves the dispatch as it is. */
  to?: DispatchState;
  /** What the step must say: a reason (sending back, re-routing) or a note of what was done. */
  needs?: 'reason' | 'note';
}

export const DISPATCH_STEPS: Record<DispatchAction, DispatchStep> = {
  accept: { from: ['dispatched'], to: 'accepted' },
  progress: { from: ['accepted'], needs: 'note' },
  resolve: { from: ['accepted'], to: 'resolved', needs: 'note' },
  return: { from: ['dispatched', 'accepted'], to: 'returned', needs: 'reason' },
  // A demand-lifecycle step (延期) taken by the department: the extension rules decide the rest.
  request_extension: { from: ['accepted'], needs: 'note' },
  // The dispatch stays with the department until the street re-routes it and releases it.
  request_reroute: { from: ['dispatched', 'accepted'], needs: 'reason' },
};

export const DISPATCH_STATE_NAMES: Record<DispatchState, string> = {
  dispatched: '待报到', accepted: '已报到', resolved: '已办结', returned: '已退回',
};

/** Whether a department may take `action` on its dispatch in `state`, saying `note`. */
export function checkDispatchStep(state: DispatchState, action: DispatchAction, note?: string | null): { ok: true; to: DispatchState } | Refusal {
  const step = DISPATCH_STEPS[action];
  if (!step.from.includes(state)) return { ok: false, reason: `派单当前为“${DISPATCH_STATE_NAMES[state]}”，不能进行此操作` };
  if (step.needs && !note?.trim()) return { ok: false, reason: step.needs === 'reason' ? '退回须说明理由' : '请填写处理说明' };
  return { ok: true, to: step.to ?? state };
}
