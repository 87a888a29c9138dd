import type { OrgPathModule } from '../../platform/org-paths.js';

/** A snapshot records where its unit stood when it was counted: history is never rewritten by a move; a county's open-data choices follow the county, and the month under way's count follows its unit until the next count replaces it. */
export const ORG_PATHS: OrgPathModule = {
  module: 'stats',
  tables: [{ table: 'indicator_snapshot', onMove: 'kept' }, { table: 'open_data_indicator' }, { table: 'open_data_dataset' }, { table: 'indicator_current' }],
};
