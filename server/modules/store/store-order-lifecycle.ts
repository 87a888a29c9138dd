import type { StoreOrderStatus } from '../../database.js';
import { AppError } from '../../platform/errors.js';

/**
 * The life of a redemption order (兑换订单), as a table: an order is reserved when points are
 * spent and stock set aside; it ends handed over, cancelled by the holder or staff, or expired
 * by its timer. Cancel and expiry give the points and the stock back; handover keeps them.
 */
export type OrderAction = 'hand_over' | 'cancel' | 'expire';

export const ORDER_TRANSITIONS: Readonly<Record<OrderAction, { from: readonly StoreOrderStatus[]; to: StoreOrderStatus }>> = {
  hand_over: { from: ['reserved'], to: 'handed_over' },
  cancel: { from: ['reserved'], to: 'cancelled' },
  expire: { from: ['reserved'], to: 'expired' },
};

/** Why an order in `status` cannot take `action`, in words for the person at the counter. */
const REFUSALS: Readonly<Record<StoreOrderStatus, string>> = {
  reserved: '',
  handed_over: '该订单已经领取过了，不能重复领取或取消',
  cancelled: '该订单已取消，积分和库存已退回',
  expired: '该订单已过期，积分和库存已自动退回',
};

export function checkOrderTransition(status: StoreOrderStatus, action: OrderAction): StoreOrderStatus {
  const t = ORDER_TRANSITIONS[action];
  if (!t.from.includes(status)) throw new AppError('INVALID_TRANSITION', REFUSALS[status] || '该订单当前状态不允许此操作', { status, action });
  return t.to;
}

/** The timer that expires an order nobody picked up (store.jobs.ts); one per order. */
export const EXPIRE_JOB = 'store.order_expire';
export const expireJobKey = (orderId: number) => `store-order:${orderId}`;
