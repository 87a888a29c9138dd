/** The points module's public face (积分制): rules, records, the ledger, months and notices, honours. */
import type { LinliModule } from '../../platform/module.js';
import { pointsDeps } from './points-common.js';
import { pointsJobHandlers } from './points.jobs.js';
import { recordFileReader } from './points-records.service.js';
import { pointsRoutes, publicPointsRoutes } from './points.routes.js';

export const pointsModule: LinliModule = {
  name: 'points',
  apiRoutes: async (api, ctx) => {
    await pointsRoutes(api, ctx);
    await publicPointsRoutes(api, ctx);
  },
  jobHandlers: () => pointsJobHandlers(),
  fileReaders: (ctx) => ({ points_record: recordFileReader(pointsDeps(ctx)) }),
};

// The supermarket spends points: whose they are, what may be spent, and the ledger entry.
export { holderOfAccount, requireHolder, type AccountHolder } from './points-holder.repository.js';
export { appendForHolder, holderInScope, verifyLedger } from './points-ledger.repository.js';
export { lockedBase, spendableOf } from './points-spendable.repository.js';
// The volunteers module turns confirmed hours into points (once per activity per volunteer).
export { recordVolunteerHours } from './points-records.service.js';
// The workforce module counts points participation into secretaries' yearly score.
export { stats as pointsStats } from './points-reports.service.js';
