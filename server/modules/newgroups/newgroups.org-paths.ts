import type { OrgPathModule } from '../../platform/org-paths.js';

/** Platforms, stations and workers follow their unit when the tree moves. */
export const ORG_PATHS: OrgPathModule = {
  module: 'newgroups',
  tables: [{ table: 'gig_platform' }, { table: 'gig_station' }, { table: 'gig_worker' }],
};
