import { describe, expect, it } from 'vitest';
import { companyScore, compoundScore, indicatorScore, listOf, previousQuarter, quarterOfDay, quarterSpan, schemeProblem, type CompoundFigures } from './credit-formulas.js';

const none: CompoundFigures = { households: 0, ratings: {}, votes: 0, starSum: 0, demands: 0, resolved: 0, rated: 0, ratedSatisfied: 0, overdue: 0, meetingsAttended: 0 };

describe('credit formulas', () => {
  it('should refuse a scheme whose party share is under 50 % or whose weights do not sum to 100', () => {
    const rule = { redTopN: 3, blackThreshold: 60 };
    expect(schemeProblem([{ name: '街道', source: 'street_rating', weight: 20 }, { name: '社区', source: 'community_rating', weight: 29 }, { name: '诉求', source: 'resolution_rate', weight: 51 }], rule))
      .toMatch(/不低于50%，现在是49%/);
    expect(schemeProblem([{ name: '街道', source: 'street_rating', weight: 50 }, { name: '诉求', source: 'resolution_rate', weight: 40 }], rule)).toMatch(/合计应为100，现在是90/);
    expect(schemeProblem([{ name: '街道', source: 'street_rating', weight: 50 }, { name: '街道2', source: 'street_rating', weight: 50 }], rule)).toMatch(/重复/);
    expect(schemeProblem([{ name: '街道', source: 'street_rating', weight: 20 }, { name: '社区', source: 'community_rating', weight: 20 }, { name: '支部', source: 'compound_rating', weight: 10 }, { name: '诉求', source: 'resolution_rate', weight: 50 }], rule)).toBeNull();
    expect(schemeProblem([{ name: '街道', source: 'street_rating', weight: 100 }], { redThreshold: 50, blackThreshold: 60 })).toMatch(/红榜分数线应高于/);
  });

  it('should score each indicator by its stated formula', () => {
    expect(indicatorScore('satisfaction_survey', { ...none, votes: 4, starSum: 14 })).toEqual({ value: 3.5, score: 62.5 }); // (3.5−1)/4
    expect(indicatorScore('property_demands_per_1000', { ...none, households: 400, demands: 6 })).toEqual({ value: 15, score: 70 }); // 100 − 2×15
    expect(indicatorScore('property_demands_per_1000', { ...none, households: 10, demands: 6 })).toEqual({ value: 600, score: 0 });
    expect(indicatorScore('resolution_rate', { ...none, demands: 8, resolved: 6 })).toEqual({ value: 75, score: 75 });
    expect(indicatorScore('resolution_rate', none)).toEqual({ value: 100, score: 100 });
    expect(indicatorScore('satisfaction_rate', { ...none, rated: 5, ratedSatisfied: 4 })).toEqual({ value: 80, score: 80 });
    expect(indicatorScore('satisfaction_rate', none)).toEqual({ value: null, score: null });
    expect(indicatorScore('overdue_count', { ...none, overdue: 2 })).toEqual({ value: 2, score: 60 });
    expect(indicatorScore('meeting_attendance', { ...none, meetingsAttended: 2 })).toEqual({ value: 2, score: 66.67 });
  });

  it('should weigh a compound and share a missing indicator\'s weight among the others', () => {
    const scheme = [
      { source: 'street_rating', weight: 25 }, { source: 'community_rating', weight: 20 }, { source: 'compound_rating', weight: 10 },
      { source: 'satisfaction_survey', weight: 15 }, { source: 'resolution_rate', weight: 15 }, { source: 'meeting_attendance', weight: 15 },
    ] as const;
    const f = { ...none, households: 200, ratings: { street: 80, community: 90, compound: 70 }, votes: 2, starSum: 10, demands: 4, resolved: 3, meetingsAttended: 3 };
    // 25×80 + 20×90 + 10×70 + 15×100 + 15×75 + 15×100 = 2000+1800+700+1500+1125+1500 = 8625 → 86.25
    expect(compoundScore(scheme, f).score).toBe(86.25);
    // No street rating, no votes: (20×90 + 10×70 + 15×75 + 15×100) / 60 = 5125 / 60 = 85.42
    expect(compoundScore(scheme, { ...f, ratings: { community: 90, compound: 70 }, votes: 0, starSum: 0 }).score).toBe(85.42);
    expect(compoundScore([{ source: 'street_rating', weight: 100 }], none).score).toBe(0);
  });

  it('should weigh a company by households and put it on the red or black list by the rule', () => {
    expect(companyScore([{ score: 90, households: 300 }, { score: 60, households: 100 }])).toBe(82.5); // (27000 + 6000) / 400
    const rule = { redTopN: 2, redThreshold: 90, blackThreshold: 60 };
    expect(listOf(1, 70, false, rule)).toBe('red');
    expect(listOf(5, 91, false, rule)).toBe('red');
    expect(listOf(5, 80, false, rule)).toBeNull();
    expect(listOf(9, 59.99, false, rule)).toBe('black');
    expect(listOf(1, 95, true, rule)).toBe('black');
  });

  it('should name quarters by China days', () => {
    expect(quarterOfDay('2026-12-31')).toBe('2026-Q4');
    expect(quarterOfDay('2027-01-01')).toBe('2027-Q1');
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    const s = quarterSpan('2026-Q4');
    expect(s.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(s.from.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(s.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
