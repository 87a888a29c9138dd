import { AppError } from '../../platform/errors.js';

/**
 * When a volunteer may check in and out of an activity, and the hours a check-in/out pair is
 * worth. Pure, so the console and the tests read the same windows.
 */
export const CHECKIN_EARLY_MS = 30 * 60_000;
export const CHECKOUT_GRACE_MS = 60 * 60_000;

export interface ActivityTimes {
  starts_at: Date;
  ends_at: Date;
  status: string;
}

/** The reason a check-in at `at` is refused, or null. */
export function checkinRefusal(a: ActivityTimes, at: Date): string | null {
  if (a.status === 'cancelled') return '活动已取消';
  if (at.getTime() < a.starts_at.getTime() - CHECKIN_EARLY_MS) return '还没到签到时间（活动开始前30分钟起可签到）';
  if (at.getTime() > a.ends_at.getTime()) return '活动已结束，不能再签到';
  return null;
}

/** The reason a check-out at `at` is refused, or null. */
export function checkoutRefusal(a: ActivityTimes, checkinAt: Date | null, at: Date): string | null {
  if (a.status === 'cancelled') return '活动已取消';
  if (!checkinAt) return '请先签到再签退';
  if (at.getTime() < checkinAt.getTime()) return '签退时间早于签到时间';
  if (at.getTime() > a.ends_at.getTime() + CHECKOUT_GRACE_MS) return '已超过签退时间（活动结束后1小时内可签退），请联系组织者确认时长';
  return null;
}

/**
 * Hours of a pair, counted inside the activity's own time (arriving early or leaving late adds
 * nothing), rounded down to half hours.
 */
export function pairHours(a: { starts_at: Date; ends_at: Date }, checkinAt: Date, checkoutAt: Date): number {
  const from = Math.max(checkinAt.getTime(), a.starts_at.getTime());
  const to = Math.min(checkoutAt.getTime(), a.ends_at.getTime());
  if (to <= from) return 0;
  return Math.floor((to - from) / 1_800_000) / 2;
}

/** Hours an organiser states: positive, in half hours, at most the activity's length. */
export function assertStatedHours(a: { starts_at: Date; ends_at: Date }, hours: number, field: string) {
  const max = (a.ends_at.getTime() - a.starts_at.getTime()) / 3_600_000;
  if (!(hours > 0) || !Number.isInteger(hours * 2)) {
    throw new AppError('VALIDATION_FAILED', '时长以半小时为单位且大于零', { fields: [{ field, problem: 'half hours' }] });
  }
  if (hours > max + 1e-9) throw new AppError('VALIDATION_FAILED', `时长不能超过活动时长（${max}小时）`, { fields: [{ field, problem: 'too long' }] });
}
