import { sql } from 'kysely';
import { followCommunityIds, type OrgPathModule } from '../../platform/org-paths.js';

/** The cobuild module's rows follow their place when the tree moves (双报到 and the co-building lists). */
export const ORG_PATHS: OrgPathModule = {
  module: 'cobuild',
  tables: [{ table: 'work_unit' }, { table: 'unit_pairing' }, { table: 'member_report' }, { table: 'member_post_offer' },
    { table: 'cobuild_need' }, { table: 'cobuild_resource' }, { table: 'cobuild_resource_place' }, { table: 'cobuild_project' },
    { table: 'cobuild_milestone' }, { table: 'cobuild_project_step' }],
  async afterMove(trx, move) {
    // A merged community's reports, needs and projects are the surviving community's to handle.
    for (const table of ['member_report', 'cobuild_need', 'cobuild_project'] as const) await followCommunityIds(trx, table, move);
    // One live pairing per unit, community and year: a pairing the surviving community already has stays as history.
    await followCommunityIds(trx, 'unit_pairing', move, sql<boolean>`EXISTS (SELECT 1 FROM unit_pairing o
      WHERE o.work_unit_id = t.work_unit_id AND o.community_id = c.id AND o.year = t.year AND o.status IN ('pending', 'confirmed'))`);
  },
};
