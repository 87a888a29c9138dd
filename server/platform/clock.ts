/** Time as the rules see it. Tests move it forward; production reads the system clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  constructor(private t = new Date('2026-11-02T09:00:00+08:00')) {}
  now() {
    return new Date(this.t);
  }
  set(d: Date | string) {
    this.t = new Date(d);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * The calendar day ('YYYY-MM-DD') of an instant in China Standard Time. China keeps UTC+8 all
 * year (no summer time since 1991), so a fixed offset is exact and cheaper than Intl.
 */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A calendar day ('YYYY-MM-DD') moved by `n` days (n may be negative): pure date arithmetic, no time zone. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The China calendar month ('YYYY-MM') of an instant. */
export function chinaMonth(at: Date): string {
  return chinaDay(at).slice(0, 7);
}

/** A month ('YYYY-MM') moved by `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The instant a China month begins (its first day's midnight in Lüliang). */
export function chinaMonthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00+08:00`);
}

/** The China weekday (1 = Monday … 7 = Sunday) and minute of the day (0–1439) of an instant: opening hours are kept in these. */
export function chinaWeekMinute(at: Date): { weekday: number; minute: number } {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  return { weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(), minute: d.getUTCHours() * 60 + d.getUTCMinutes() };
}
