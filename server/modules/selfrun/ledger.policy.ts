/**
 * 公共账户's rules on dates, as pure functions. An entry is dated on a real China day, not in the
 * future, and not in a month already closed (nor before it: the statement's opening balance of a
 * later month counts everything before, so nothing may slip in underneath a closed month).
 */
export function dayRefusal(day: string, today: string, closedThrough: string | null): string | null {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day) return '日期不存在';
  if (day > today) return '不能记未来日期的账';
  if (closedThrough && day.slice(0, 7) <= closedThrough) return `${closedThrough} 及以前的月份已结账公开，不能再记入；请记在本月`;
  return null;
}
