/**
 * The stats module's public face (驾驶舱, brief §9): every module's indicators counted from its
 * records for any unit and month, the monthly snapshots a database timer takes, and the cockpit.
 */
import type { LinliModule } from '../../platform/module.js';
import { cockpitRoutes } from './cockpit.routes.js';
import { openDataRoutes } from './open-data.routes.js';
import { ensureRefreshTimer, ensureSnapshotTimer, statsJobHandlers } from './snapshots.service.js';

export const statsModule: LinliModule = {
  name: 'stats',
  apiRoutes: async (api, ctx) => {
    await cockpitRoutes(api, ctx);
    await openDataRoutes(api, ctx); // 开放数据 and the public portal's figures
  },
  jobHandlers: () => statsJobHandlers(),
  // The monthly snapshot's timer and the count of the month under way: one of each pending at
  // all times, so a fresh database gets its first.
  timers: async (db, now) => {
    await ensureSnapshotTimer(db, now);
    await ensureRefreshTimer(db, now);
  },
};

export { snapshotMonth } from './snapshots.service.js';
