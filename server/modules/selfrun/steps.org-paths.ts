import type { OrgPathModule } from '../../platform/org-paths.js';

/** Step records follow their compound when the tree moves. */
export const ORG_PATHS: OrgPathModule = {
  module: 'selfrun-steps',
  tables: [{ table: 'selfrun_step_record' }],
};
