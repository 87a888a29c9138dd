import { followCommunityIds, type OrgPathModule } from '../../platform/org-paths.js';

/**
 * The white-list, gate checks, part-time enrolments, road reports and their rewards follow their
 * unit when the tree moves; a report's community id follows its path to the live community.
 */
export const ORG_PATHS: OrgPathModule = {
  module: 'newgroups-road',
  tables: [
    { table: 'gig_whitelist' }, { table: 'gig_gate_check' }, { table: 'gig_parttime' },
    { table: 'gig_road_report' }, { table: 'gig_road_reward' },
  ],
  async afterMove(trx, move) {
    await followCommunityIds(trx, 'gig_road_report', move);
  },
};
