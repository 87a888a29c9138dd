import { describe, expect, it } from 'vitest';
import { checkWishTransition, WISH_STATES, WISH_TRANSITIONS } from './wish-lifecycle.js';

describe('wish lifecycle', () => {
  it('should let a claimer claim an open wish and refuse a claimed one with the reason', () => {
    expect(checkWishTransition('open', 'claim', 'claimer')).toEqual({ ok: true, to: 'claimed' });
    expect(checkWishTransition('claimed', 'claim', 'claimer')).toEqual({ ok: false, reason: '这个心愿已被他人认领' });
  });

  it('should need a note to fulfil and a reason to withdraw', () => {
    expect(checkWishTransition('claimed', 'fulfil', 'claimer', ' ')).toMatchObject({ ok: false, reason: '请填写完成情况说明' });
    expect(checkWishTransition('claimed', 'fulfil', 'claimer', '已送到')).toEqual({ ok: true, to: 'fulfilled' });
    expect(checkWishTransition('open', 'withdraw', 'staff')).toMatchObject({ ok: false, reason: '请填写撤回原因' });
  });

  it('should let only staff or the resident confirm, and only a fulfilled wish', () => {
    expect(checkWishTransition('fulfilled', 'confirm', 'beneficiary')).toEqual({ ok: true, to: 'confirmed' });
    expect(checkWishTransition('fulfilled', 'confirm', 'staff')).toEqual({ ok: true, to: 'confirmed' });
    expect(checkWishTransition('fulfilled', 'confirm', 'claimer')).toMatchObject({ ok: false });
    expect(checkWishTransition('claimed', 'confirm', 'staff')).toMatchObject({ ok: false, reason: expect.stringContaining('待确认') });
  });

  it('should return a lapsed claim to the wall and never withdraw a done wish', () => {
    expect(checkWishTransition('claimed', 'lapse', 'system')).toEqual({ ok: true, to: 'open' });
    expect(checkWishTransition('confirmed', 'withdraw', 'staff', '重复')).toMatchObject({ ok: false });
    expect(checkWishTransition('fulfilled', 'lapse', 'system')).toMatchObject({ ok: false });
  });

  it('should name only known states', () => {
    for (const t of Object.values(WISH_TRANSITIONS)) for (const s of [...t.from, t.to]) expect(WISH_STATES).toContain(s);
  });
});
