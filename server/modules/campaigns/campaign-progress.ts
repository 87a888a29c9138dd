import { addDays } from '../../platform/clock.js';
/**
 * A campaign's progress from what is tagged to it (pure: no SQL). A demand counts when resolved,
 * an activity when held (its hours confirmed); a target is reached once a resolved demand or a
 * held activity lies inside it. The series runs day by day (China time) over the period, up to
 * today.
 */
export interface TaggedFact {
  kind: 'demand' | 'activity';
  orgPath: string;
  /** China-time day it was resolved or held; null while it is not. */
  doneOn: string | null;
}

export interface CampaignProgress {
  demandsTotal: number;
  demandsResolved: number;
  activitiesTotal: number;
  activitiesHeld: number;
  targetsTotal: number;
  targetsReached: number;
  reachedTargetIds: number[];
  series: { day: string; demandsResolved: number; activitiesHeld: number; targetsReached: number }[];
}



export function campaignProgress(
  period: { startsOn: string; endsOn: string },
  today: string,
  targets: readonly { id: number; path: string }[],
  facts: readonly TaggedFact[],
): CampaignProgress {
  const done = facts.filter((f) => f.doneOn);
  const reachedOn = new Map<number, string>();
  for (const t of targets) {
    const days = done.filter((f) => f.orgPath.startsWith(t.path)).map((f) => f.doneOn!).sort();
    if (days.length) reachedOn.set(t.id, days[0]!);
  }
  const last = today < period.endsOn ? today : period.endsOn;
  const series: CampaignProgress['series'] = [];
  for (let day = period.startsOn; day <= last && series.length < 400; day = addDays(day, 1)) {
    series.push({
      day,
      demandsResolved: done.filter((f) => f.kind === 'demand' && f.doneOn! <= day).length,
      activitiesHeld: done.filter((f) => f.kind === 'activity' && f.doneOn! <= day).length,
      targetsReached: [...reachedOn.values()].filter((d) => d <= day).length,
    });
  }
  return {
    demandsTotal: facts.filter((f) => f.kind === 'demand').length,
    demandsResolved: done.filter((f) => f.kind === 'demand').length,
    activitiesTotal: facts.filter((f) => f.kind === 'activity').length,
    activitiesHeld: done.filter((f) => f.kind === 'activity').length,
    targetsTotal: targets.length,
    targetsReached: reachedOn.size,
    reachedTargetIds: [...reachedOn.keys()],
    series,
  };
}
