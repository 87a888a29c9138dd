import type { OrgPathModule } from '../../platform/org-paths.js';

/** The volunteers module's rows follow their place when the tree moves: organisations, volunteers, projects, activities and hour entries. */
export const ORG_PATHS: OrgPathModule = {
  module: 'volunteers',
  tables: [
    { table: 'volunteer_org' }, { table: 'volunteer' }, { table: 'volunteer_project' }, { table: 'volunteer_activity' },
    { table: 'volunteer_hour_entry' },
  ],
};
