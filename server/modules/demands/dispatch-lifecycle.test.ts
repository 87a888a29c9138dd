import { describe, expect, it } from 'vitest';
import { DISPATCH_STATES, DISPATCH_STEPS, checkDispatchStep, type DispatchAction } from './dispatch-lifecycle.js';

describe('dispatch lifecycle (部门报到)', () => {
  it('should accept a new whistle and then let the department resolve it with a note', () => {
    expect(checkDispatchStep('dispatched', 'accept')).toEqual({ ok: true, to: 'accepted' });
    expect(checkDispatchStep('accepted', 'resolve', '已修复路灯')).toEqual({ ok: true, to: 'resolved' });
    expect(checkDispatchStep('accepted', 'progress', '已派人勘察')).toEqual({ ok: true, to: 'accepted' });
  });

  it('should refuse steps from the wrong state, naming the state', () => {
    expect(checkDispatchStep('dispatched', 'resolve', '办完了')).toEqual({ ok: false, reason: '派单当前为“待报到”，不能进行此操作' });
    expect(checkDispatchStep('resolved', 'return', '不归我们')).toEqual({ ok: false, reason: '派单当前为“已办结”，不能进行此操作' });
  });

  it('should ask a reason to send back or re-route and a note for everything else but 报到', () => {
    expect(checkDispatchStep('accepted', 'return', ' ')).toEqual({ ok: false, reason: '退回须说明理由' });
    expect(checkDispatchStep('dispatched', 'request_reroute')).toEqual({ ok: false, reason: '退回须说明理由' });
    expect(checkDispatchStep('accepted', 'resolve')).toEqual({ ok: false, reason: '请填写处理说明' });
  });

  it('should never leave a finished dispatch', () => {
    for (const action of Object.keys(DISPATCH_STEPS) as DispatchAction[]) {
      for (const state of ['resolved', 'returned'] as const) expect(checkDispatchStep(state, action, '说明').ok).toBe(false);
    }
    for (const step of Object.values(DISPATCH_STEPS)) for (const s of step.from) expect(DISPATCH_STATES).toContain(s);
  });
});
