import type { OrgPathModule } from '../../platform/org-paths.js';

/** Self-run rows follow their compound (or the unit's household) when the tree moves. */
export const ORG_PATHS: OrgPathModule = {
  module: 'selfrun',
  tables: [
    { table: 'compound_profile' }, { table: 'owned_unit' }, { table: 'unit_owner' }, { table: 'committee_member' },
    { table: 'selfrun_process' }, { table: 'owner_vote' },
  ],
};
