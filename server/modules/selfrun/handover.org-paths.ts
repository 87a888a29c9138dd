import type { OrgPathModule } from '../../platform/org-paths.js';

/** A compound's handover (after 重新选聘/清退) follows the compound when the tree moves. */
export const ORG_PATHS: OrgPathModule = {
  module: 'selfrun-handover',
  tables: [{ table: 'compound_handover' }],
};
