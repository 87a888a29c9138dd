import type { OrgPathModule } from '../../platform/org-paths.js';

export const ORG_PATHS: OrgPathModule = {
  module: 'party',
  tables: [
    { table: 'party_org' },
    { table: 'party_member' },
    // Transfers carry the member's place, appointments their party org's: both follow a move.
    { table: 'party_member_transfer' },
    { table: 'party_secretary_appointment' },
  ],
};
