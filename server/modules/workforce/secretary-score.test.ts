import { describe, expect, it } from 'vitest';
import { DEFAULT_STAR_RULES, countedScore, starRulesProblem, starsFor } from './secretary-score.js';

describe('secretary score (以绩定星)', () => {
  it('should weigh resolution, satisfaction and participation to at most 70', () => {
    expect(countedScore({ resolutionRate: 1, satisfactionRate: 1, participationRate: 1 }).counted).toBe(70);
    expect(countedScore({ resolutionRate: 0.8, satisfactionRate: 0.9, participationRate: 0.5 })).toEqual({
      resolutionScore: 20, satisfactionScore: 22.5, participationScore: 10, counted: 52.5,
    });
  });

  it('should score a rate with nothing behind it as 0 and cap participation at 1', () => {
    expect(countedScore({ resolutionRate: null, satisfactionRate: null, participationRate: 3 }).counted).toBe(20);
  });

  it('should give the highest star reached and its subsidy', () => {
    const rules = DEFAULT_STAR_RULES.map((r) => ({ ...r, subsidyYuan: r.stars * 1000 }));
    expect(starsFor(59.9, rules)).toEqual({ stars: 0, subsidyYuan: 0 });
    expect(starsFor(80, rules)).toEqual({ stars: 3, subsidyYuan: 3000 });
    expect(starsFor(100, rules)).toEqual({ stars: 5, subsidyYuan: 5000 });
  });

  it('should refuse star rules that do not climb', () => {
    expect(starRulesProblem(DEFAULT_STAR_RULES)).toBeNull();
    expect(starRulesProblem(DEFAULT_STAR_RULES.map((r) => (r.stars === 3 ? { ...r, minScore: 65 } : r)))).toContain('3星');
    expect(starRulesProblem(DEFAULT_STAR_RULES.slice(0, 4))).not.toBeNull();
  });
});
