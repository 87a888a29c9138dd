import { describe, expect, it } from 'vitest';
import { addDays } from '../../platform/clock.js';
import { campaignProgress } from './campaign-progress.js';

describe('campaign progress', () => {
  const targets = [{ id: 1, path: '1.2.3.' }, { id: 2, path: '1.2.4.' }];

  it('should count resolved demands, held activities and reached targets by day', () => {
    const p = campaignProgress({ startsOn: '2026-11-01', endsOn: '2026-11-30' }, '2026-11-04', targets, [
      { kind: 'demand', orgPath: '1.2.3.9.', doneOn: '2026-11-02' },
      { kind: 'demand', orgPath: '1.2.4.9.', doneOn: null },
      { kind: 'activity', orgPath: '1.2.4.7.', doneOn: '2026-11-03' },
      { kind: 'demand', orgPath: '1.5.', doneOn: '2026-11-01' },
    ]);
    expect(p).toMatchObject({ demandsTotal: 3, demandsResolved: 2, activitiesTotal: 1, activitiesHeld: 1, targetsTotal: 2, targetsReached: 2 });
    expect(p.series.map((s) => s.day)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);
    expect(p.series.map((s) => s.targetsReached)).toEqual([0, 1, 2, 2]);
    expect(p.series.map((s) => s.demandsResolved)).toEqual([1, 2, 2, 2]);
  });

  it('should not reach a target with only unresolved demands, and stop the series at the end of the period', () => {
    const p = campaignProgress({ startsOn: '2026-02-27', endsOn: '2026-03-01' }, '2026-12-01', targets, [{ kind: 'demand', orgPath: '1.2.3.', doneOn: null }]);
    expect(p.targetsReached).toBe(0);
    expect(p.series.map((s) => s.day)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
