import type { WishState } from './wishes.tables.js';

/**
 * The micro-wish lifecycle (微心愿: 发布 → 认领 → 完成 → 确认), as one explicit table. The server
 * checks every step against it; a refused step names the reason and changes nothing.
 */
export const WISH_STATES = ['open', 'claimed', 'fulfilled', 'confirmed', 'withdrawn'] as const satisfies readonly WishState[];

export type WishAction = 'claim' | 'release' | 'fulfil' | 'confirm' | 'withdraw' | 'lapse';

/**
 * Who takes a step: 'claimer' — a member or volunteer on the wall (for release and fulfil, only
 * the one holding the claim); 'staff' — the community's secretary, workers and grid workers;
 * 'beneficiary' — the resident the wish is for, signed in with their own account; 'system' — the
 * claim's due-date timer.
 */
export type WishActor = 'claimer' | 'staff' | 'beneficiary' | 'system';

interface Transition {
  from: readonly WishState[];
  to: WishState;
  by: readonly WishActor[];
  /** Steps that must say why or what was done. */
  needsNote?: boolean;
}

export const WISH_TRANSITIONS: Record<WishAction, Transition> = {
  claim: { from: ['open'], to: 'claimed', by: ['claimer'] },
  // The claimer gives it back before the due date; the wish returns to the wall.
  release: { from: ['claimed'], to: 'open', by: ['claimer'] },
  fulfil: { from: ['claimed'], to: 'fulfilled', by: ['claimer'], needsNote: true },
  confirm: { from: ['fulfilled'], to: 'confirmed', by: ['staff', 'beneficiary'] },
  withdraw: { from: ['open', 'claimed'], to: 'withdrawn', by: ['staff'], needsNote: true },
  // A claim not fulfilled by its due date: the wish goes back to the wall.
  lapse: { from: ['claimed'], to: 'open', by: ['system'] },
};

export const WISH_STATE_NAMES: Record<WishState, string> = {
  open: '待认领',
  claimed: '已认领',
  fulfilled: '待确认',
  confirmed: '已完成',
  withdrawn: '已撤回',
};

export type Refusal = { ok: false; reason: string };

/** Whether `who` may take `action` on a wish in `state`; a refusal says why in Chinese. */
export function checkWishTransition(state: WishState, action: WishAction, who: WishActor, note?: string | null): { ok: true; to: WishState } | Refusal {
  const t = WISH_TRANSITIONS[action];
  if (!t.from.includes(state)) {
    if (action === 'claim' && state === 'claimed') return { ok: false, reason: '这个心愿已被他人认领' };
    const allowed = t.from.map((s) => WISH_STATE_NAMES[s]).join('、');
    return { ok: false, reason: `心愿当前为“${WISH_STATE_NAMES[state]}”，此操作只能在“${allowed}”时进行` };
  }
  if (!t.by.includes(who)) return { ok: false, reason: '您不能对这个心愿进行此操作' };
  if (t.needsNote && !note?.trim()) return { ok: false, reason: action === 'withdraw' ? '请填写撤回原因' : '请填写完成情况说明' };
  return { ok: true, to: t.to };
}

/** Budget cap of one wish, in yuan. */
export const MAX_BUDGET_YUAN = 500;
/** A claim must be fulfilled within this many days (and by the wish's own date, if sooner). */
export const CLAIM_DAYS = 7;
/** How many wishes one person may hold claimed at a time. */
export const MAX_LIVE_CLAIMS = 3;
