import type { BookingStatus } from './venues.tables.js';

export type BookingAction = 'confirm' | 'decline' | 'cancel' | 'check_in';

/**
 * A booking's state table: which statuses each action may start from, and where it leads. The
 * server checks every action against it and names the reason for a refusal; the pages read the
 * same table to show their buttons.
 */
export const BOOKING_STEPS: Record<BookingAction, { from: readonly BookingStatus[]; to: BookingStatus; refusal: string }> = {
  confirm: { from: ['requested'], to: 'confirmed', refusal: '只有待确认的预约可以确认' },
  decline: { from: ['requested', 'confirmed'], to: 'declined', refusal: '该预约已取消或已谢绝，无需再谢绝' },
  cancel: { from: ['requested', 'confirmed'], to: 'cancelled', refusal: '该预约已取消或已被谢绝' },
  // Check-in keeps the booking confirmed and stamps the arrival.
  check_in: { from: ['confirmed'], to: 'confirmed', refusal: '只有已确认的预约可以签到' },
};

/** The status after `action`, or the reason it is refused. */
export function nextBookingStatus(status: BookingStatus, action: BookingAction): { ok: true; to: BookingStatus } | { ok: false; reason: string } {
  const step = BOOKING_STEPS[action];
  return step.from.includes(status) ? { ok: true, to: step.to } : { ok: false, reason: step.refusal };
}

/** Statuses that hold the room (the database's exclusion constraint covers the same two). */
export const HOLDS_ROOM: readonly BookingStatus[] = ['requested', 'confirmed'];
