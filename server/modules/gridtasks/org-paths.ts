import type { OrgPathModule } from '../../platform/org-paths.js';

export const ORG_PATHS: OrgPathModule = {
  module: 'gridtasks',
  tables: [{ table: 'grid_task_type' }, { table: 'grid_task' }, { table: 'grid_task_refusal' }],
};
