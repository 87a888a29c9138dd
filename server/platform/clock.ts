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
