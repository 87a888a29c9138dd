import type { PointsMonthStatus } from '../../database.js';

/**
 * A community's accounting month (一月一评、一月一示):
 *
 *   open ──close──▶ closed ──settle──▶ settled
 *
 * close: the points group has reviewed every record of the month; the notice is written and
 * published and the objection window starts. settle: a DB job when the window ends, once no
 * objection is still undecided (deciding the last one settles a month whose window is over).
 * Nothing moves backwards: a mistake found later is corrected by reversing entries.
 */
export type MonthAction = 'close' | 'settle';

export const MONTH_TRANSITIONS: Record<MonthAction, { from: readonly PointsMonthStatus[]; to: PointsMonthStatus }> = {
  close: { from: ['open'], to: 'closed' },
  settle: { from: ['closed'], to: 'settled' },
};

/** Why each action is refused in each state it cannot start from. */
const REFUSALS: Record<MonthAction, Partial<Record<PointsMonthStatus, string>>> = {
  close: { closed: '该月已结账公示', settled: '该月已结账并结算' },
  settle: { open: '该月尚未结账公示，不能结算', settled: '该月已结算' },
};

export function checkMonthTransition(status: PointsMonthStatus, action: MonthAction): { ok: true; to: PointsMonthStatus } | { ok: false; reason: string } {
  const t = MONTH_TRANSITIONS[action];
  if (t.from.includes(status)) return { ok: true, to: t.to };
  return { ok: false, reason: REFUSALS[action][status] ?? '不允许的操作' };
}

/** The timer that settles a closed month when its objection window ends (points.jobs.ts). */
export const SETTLE_JOB = 'points.settle';
export const settleJobKey = (communityId: number, month: string) => `points:${communityId}:${month}:settle`;
/** The public page of a community's month notice (公示). */
export const noticeUrl = (communityId: number, month: string) => `/public/points/${communityId}/${month}`;

