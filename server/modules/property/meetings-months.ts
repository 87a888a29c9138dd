import { chinaDay } from '../../platform/clock.js';

/** Months of the three-party meetings are China's calendar months ('YYYY-MM'), never UTC's. */
export const chinaMonth = (at: Date) => chinaDay(at).slice(0, 7);

/** `m` moved by `k` months (k may be negative). */
export function addMonths(m: string, k: number): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  const t = y * 12 + (mo - 1) + k;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** The `n` months ending with `last`, oldest first. */
export const monthsEnding = (last: string, n: number) => Array.from({ length: n }, (_, i) => addMonths(last, i - n + 1));

/** The instant a China month starts. */
export const monthStart = (m: string) => new Date(`${m}-01T00:00:00+08:00`);
