import type { OrgPathModule } from '../../platform/org-paths.js';

/** Wishes and their claims follow the resident's place when the tree moves. */
export const ORG_PATHS: OrgPathModule = {
  module: 'wishes',
  tables: [{ table: 'wish' }, { table: 'wish_claim' }],
};
