import { describe, expect, it } from 'vitest';
import { checkMonthTransition, MONTH_TRANSITIONS } from './points-month-lifecycle.js';
import { maskName } from '../../platform/pii/name.js';

describe('month states (一月一评、一月一示)', () => {
  it('should only move forwards: open → closed → settled', () => {
    expect(checkMonthTransition('open', 'close')).toEqual({ ok: true, to: 'closed' });
    expect(checkMonthTransition('closed', 'settle')).toEqual({ ok: true, to: 'settled' });
    expect(Object.values(MONTH_TRANSITIONS).every((t) => !t.from.includes(t.to))).toBe(true);
  });

  it('should refuse every other step with a reason', () => {
    expect(checkMonthTransition('closed', 'close')).toEqual({ ok: false, reason: '该月已结账公示' });
    expect(checkMonthTransition('settled', 'close')).toEqual({ ok: false, reason: '该月已结账并结算' });
    expect(checkMonthTransition('open', 'settle')).toEqual({ ok: false, reason: '该月尚未结账公示，不能结算' });
    expect(checkMonthTransition('settled', 'settle')).toEqual({ ok: false, reason: '该月已结算' });
  });
});

describe('masked names on public pages', () => {
  it('should keep the first and last character only', () => {
    expect(maskName('张建华')).toBe('张*华');
    expect(maskName('欧阳修文')).toBe('欧*文');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张')).toBe('张');
    expect(maskName(null)).toBe('');
  });
});
