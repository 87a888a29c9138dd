/** The volunteers module's public face (志愿吕梁): organisations, volunteers, projects, activities, hours and stars. */
import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import type { LinliModule } from '../../platform/module.js';
import { volunteerByAccount } from './volunteers.repository.js';
import { volunteerRoutes } from './volunteers.routes.js';

export const volunteersModule: LinliModule = {
  name: 'volunteers',
  apiRoutes: volunteerRoutes,
};

/** 双报到 year records: confirmed activities and hours per resident in a China-time year. */
export { volunteerYearFigures } from './volunteer-hours.service.js';
export { starStanding, starsOf, STAR_HOURS } from './volunteer-stars.js';

/** The volunteer an account is (micro-wishes lets volunteers claim), or undefined. */
export function volunteerOfAccount(db: Kysely<DB>, accountId: number) {
  return volunteerByAccount(db, accountId);
}

// The campaigns module tags activities to a campaign and counts the held ones.
export { activitySummaries, searchActivitySummaries, type ActivitySummary } from './activity-summaries.repository.js';
