import { describe, expect, it } from 'vitest';
import { DEMAND_STATES, TRANSITIONS, checkExtensionRequest, checkTransition } from './demand-lifecycle.js';

describe('demand lifecycle table', () => {
  it('should let a grid worker accept a new demand', () => {
    expect(checkTransition('submitted', 'accept', 'grid_worker')).toEqual({ ok: true, to: 'accepted' });
  });
  it('should refuse accepting a closed demand and say why', () => {
    const r = checkTransition('closed', 'accept', 'grid_worker');
    expect(r).toEqual({ ok: false, reason: '诉求当前为“已评价”，此操作只能在“待受理”时进行' });
  });
  it('should keep whistling to the street', () => {
    expect(checkTransition('escalation_requested', 'escalate', 'community_worker', '需多部门')).toMatchObject({ ok: false });
    expect(checkTransition('escalation_requested', 'escalate', 'street_admin', '需多部门')).toEqual({ ok: true, to: 'escalated' });
  });
  it('should demand a note where a reason matters', () => {
    expect(checkTransition('resolved', 'rate_unsatisfied', 'reporter', '')).toEqual({ ok: false, reason: '请填写处理说明' });
    expect(checkTransition('resolved', 'rate_unsatisfied', 'reporter', '漏水仍在')).toEqual({ ok: true, to: 'accepted' });
  });
  it('should leave closed and merged demands final', () => {
    for (const t of Object.values(TRANSITIONS)) {
      expect(t.from).not.toContain('closed');
      expect(t.from).not.toContain('merged');
    }
  });
  it('should reach every state from submitted', () => {
    const seen = new Set(['submitted']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of Object.values(TRANSITIONS)) {
        if (t.to && t.from.some((f) => seen.has(f)) && !seen.has(t.to)) {
          seen.add(t.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...DEMAND_STATES].sort());
  });
  it('should keep the state when an extension is asked for or decided', () => {
    expect(checkTransition('escalated', 'request_extension', 'department', '需采购配件')).toEqual({ ok: true, to: 'escalated' });
    expect(checkTransition('accepted', 'approve_extension', 'community_secretary', null, 'community')).toEqual({ ok: true, to: 'accepted' });
  });
  it('should leave the street to decide extensions of whistled demands', () => {
    expect(checkTransition('escalated', 'approve_extension', 'community_secretary', null, 'street'))
      .toEqual({ ok: false, reason: '街道吹哨办理的诉求，须由街道审批' });
    expect(checkTransition('escalated', 'approve_extension', 'street_admin', null, 'street')).toEqual({ ok: true, to: 'escalated' });
    expect(checkTransition('accepted', 'approve_extension', 'street_admin', null, 'community')).toEqual({ ok: true, to: 'accepted' });
  });
  it('should allow one extension of at most 10 working days', () => {
    expect(checkExtensionRequest(10, [])).toEqual({ ok: true, days: 10 });
    expect(checkExtensionRequest(11, [])).toEqual({ ok: false, reason: '延期不得超过10个工作日' });
    expect(checkExtensionRequest(3, [{ state: 'approved' }])).toEqual({ ok: false, reason: '每件诉求只能延期一次，此诉求已延期' });
    expect(checkExtensionRequest(3, [{ state: 'requested' }])).toMatchObject({ ok: false });
    expect(checkExtensionRequest(3, [{ state: 'rejected' }])).toEqual({ ok: true, days: 3 });
  });
});
