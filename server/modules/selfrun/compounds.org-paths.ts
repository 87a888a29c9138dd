import type { OrgPathModule } from '../../platform/org-paths.js';

/** 五有 records follow their compound when the tree moves. */
export const ORG_PATHS: OrgPathModule = {
  module: 'selfrun-compounds',
  tables: [{ table: 'compound_five_have' }],
};
