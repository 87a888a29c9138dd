import { describe, expect, it } from 'vitest';
import { checkOrderTransition } from './store-order-lifecycle.js';

describe('store order lifecycle', () => {
  it('should move a reserved order to each end state', () => {
    expect(checkOrderTransition('reserved', 'hand_over')).toBe('handed_over');
    expect(checkOrderTransition('reserved', 'cancel')).toBe('cancelled');
    expect(checkOrderTransition('reserved', 'expire')).toBe('expired');
  });

  it('should refuse every action on a finished order with a plain reason', () => {
    for (const s of ['handed_over', 'cancelled', 'expired'] as const) {
      for (const a of ['hand_over', 'cancel', 'expire'] as const) {
        expect(() => checkOrderTransition(s, a)).toThrow(/订单/);
      }
    }
  });
});
