import type { OrgPathModule } from '../../platform/org-paths.js';

/** Party organisations, their station links and instructors follow their unit when the tree moves. */
export const REGISTER_ORG_PATHS: OrgPathModule = {
  module: 'newgroups-register',
  tables: [{ table: 'gig_party_org' }, { table: 'gig_party_org_station' }, { table: 'gig_instructor' }, { table: 'gig_service_point' }],
};
