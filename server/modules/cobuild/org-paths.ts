import type { OrgPathModule } from '../../platform/org-paths.js';

/** The cobuild module's rows follow their place when the tree moves (双报到 and the co-building lists). */
export const ORG_PATHS: OrgPathModule = {
  module: 'cobuild',
  tables: [{ table: 'work_unit' }, { table: 'unit_pairing' }, { table: 'member_report' }, { table: 'member_post_offer' },
    { table: 'cobuild_need' }, { table: 'cobuild_resource' }, { table: 'cobuild_resource_place' }, { table: 'cobuild_project' },
    { table: 'cobuild_milestone' }, { table: 'cobuild_project_step' }],
};
