import type { OrgPathModule } from '../../platform/org-paths.js';

/** A snapshot records where its unit stood when it was counted: history is never rewritten by a move; a county's open-data choice follows the county. */
export const ORG_PATHS: OrgPathModule = {
  module: 'stats',
  tables: [{ table: 'indicator_snapshot', onMove: 'kept' }, { table: 'open_data_indicator' }],
};
