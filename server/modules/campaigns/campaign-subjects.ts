import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { chinaDay } from '../../platform/clock.js';
import { demandSummaries, searchDemandSummaries } from '../demands/index.js';
import { activitySummaries, searchActivitySummaries, type ActivitySummary } from '../volunteers/index.js';
import type { CampaignSubjectKind } from './campaigns.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * What a campaign may tag, read through the owning modules' public faces: demands from the
 * demands module, activities from the volunteers module. One shape for both.
 */
export interface Subject {
  kind: CampaignSubjectKind;
  id: number;
  title: string;
  placeName: string;
  orgPath: string;
  countyCode: string;
  state: string;
  /** China-time day it was resolved (a demand) or held (an activity), if it is. */
  doneOn: string | null;
}

export async function subjectsByIds(db: Q, within: string, kind: CampaignSubjectKind, ids: readonly number[]): Promise<Subject[]> {
  if (kind === 'demand') {
    return (await demandSummaries(db, within, ids)).map((d) => ({
      kind, id: d.id, title: d.description.slice(0, 80), placeName: d.placeName, orgPath: d.orgPath, countyCode: d.countyCode,
      state: d.state, doneOn: d.resolvedAt ? chinaDay(d.resolvedAt) : null,
    }));
  }
  return (await activitySummaries(db, within, ids)).map(fromActivity);
}

/** An activity counts on the day it was held, once its hours are confirmed. */
const fromActivity = (a: ActivitySummary): Subject => ({
  kind: 'activity', id: a.id, title: a.title, placeName: a.placeName, orgPath: a.orgPath, countyCode: a.countyCode, state: a.status,
  doneOn: a.held ? chinaDay(a.startsAt) : null,
});

export async function searchSubjects(db: Q, within: string, kind: CampaignSubjectKind, q: string): Promise<Subject[]> {
  if (kind === 'demand') {
    return (await searchDemandSummaries(db, within, q)).map((d) => ({
      kind, id: d.id, title: d.description.slice(0, 80), placeName: d.placeName, orgPath: d.orgPath, countyCode: d.countyCode,
      state: d.state, doneOn: d.resolvedAt ? chinaDay(d.resolvedAt) : null,
    }));
  }
  return (await searchActivitySummaries(db, within, q)).map(fromActivity);
}
