import type { OrgPathModule } from '../../platform/org-paths.js';

/** The public account, its statements and service reviews follow their compound when the tree moves. */
export const ORG_PATHS: OrgPathModule = {
  module: 'selfrun-account',
  tables: [{ table: 'selfrun_ledger_entry' }, { table: 'selfrun_statement' }, { table: 'selfrun_service_rating' }, { table: 'selfrun_service_review' }],
};
