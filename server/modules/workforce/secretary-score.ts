/**
 * 以绩定星: a community party secretary's yearly score out of 100. Seventy points are counted
 * from the year's operational data, never typed in; thirty come from the county's assessment.
 *   demand resolution rate × 25 + satisfaction rate × 25 + points participation × 20
 * A rate with nothing behind it (no demands, no ratings, no households) scores 0: a community
 * that records nothing earns nothing from it.
 */
export const WEIGHTS = { resolution: 25, satisfaction: 25, participation: 20 } as const;
export const COUNTED_MAX = WEIGHTS.resolution + WEIGHTS.satisfaction + WEIGHTS.participation;
export const ASSESSMENT_MAX = 30;

const one = (x: number) => Math.round(x * 10) / 10;
const part = (rate: number | null, weight: number) => one(Math.min(1, Math.max(0, rate ?? 0)) * weight);

export interface CountedInput {
  resolutionRate: number | null;
  satisfactionRate: number | null;
  participationRate: number | null;
}

export function countedScore(f: CountedInput) {
  const resolutionScore = part(f.resolutionRate, WEIGHTS.resolution);
  const satisfactionScore = part(f.satisfactionRate, WEIGHTS.satisfaction);
  const participationScore = part(f.participationRate, WEIGHTS.participation);
  return { resolutionScore, satisfactionScore, participationScore, counted: one(resolutionScore + satisfactionScore + participationScore) };
}

export interface StarRule { stars: number; minScore: number; subsidyYuan: number }

/** 以星奖补: the highest star whose least score the total reaches, and that star's subsidy. */
export function starsFor(total: number, rules: readonly StarRule[]): { stars: number; subsidyYuan: number } {
  const hit = [...rules].sort((a, b) => b.stars - a.stars).find((r) => total >= r.minScore);
  return hit ? { stars: hit.stars, subsidyYuan: hit.subsidyYuan } : { stars: 0, subsidyYuan: 0 };
}

/** Star rules must climb: star n+1 needs a higher score than star n. Returns the first problem. */
export function starRulesProblem(rules: readonly StarRule[]): string | null {
  const sorted = [...rules].sort((a, b) => a.stars - b.stars);
  if (sorted.map((r) => r.stars).join() !== '1,2,3,4,5') return '星级标准应为一星至五星各一条';
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.minScore <= sorted[i - 1]!.minScore) return `${sorted[i]!.stars}星的分数线应高于${sorted[i - 1]!.stars}星`;
  }
  return null;
}

export const DEFAULT_STAR_RULES: readonly StarRule[] = [
  { stars: 1, minScore: 60, subsidyYuan: 0 },
  { stars: 2, minScore: 70, subsidyYuan: 0 },
  { stars: 3, minScore: 80, subsidyYuan: 0 },
  { stars: 4, minScore: 90, subsidyYuan: 0 },
  { stars: 5, minScore: 95, subsidyYuan: 0 },
];
