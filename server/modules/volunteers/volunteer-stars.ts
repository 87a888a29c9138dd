/**
 * Stars of a volunteer by confirmed hours (brief §10, 志愿服务星级): one star at 100 hours, two at
 * 300, three at 600, four at 1,000 and five at 1,500. Pure: the phone, the console and the
 * overview all read the same table.
 */
export const STAR_HOURS = [100, 300, 600, 1000, 1500] as const;

export interface StarStanding {
  stars: number;
  /** Hours at which the next star comes; null at five stars. */
  nextAt: number | null;
  /** Hours still to serve for it (0 at five stars). */
  toNext: number;
}

export function starsOf(hours: number): number {
  let stars = 0;
  for (const h of STAR_HOURS) if (hours >= h) stars++;
  return stars;
}

export function starStanding(hours: number): StarStanding {
  const stars = starsOf(hours);
  const nextAt = STAR_HOURS[stars] ?? null;
  return { stars, nextAt, toNext: nextAt == null ? 0 : Math.round((nextAt - hours) * 10) / 10 };
}

/** SQL CASE giving the stars of a numeric hours expression, for counts by star. */
export const starsCaseSql = (col: string) =>
  `CASE ${[...STAR_HOURS].reverse().map((h, i) => `WHEN ${col} >= ${h} THEN ${STAR_HOURS.length - i}`).join(' ')} ELSE 0 END`;
