import type { OrgPathModule } from '../../platform/org-paths.js';

export const ORG_PATHS: OrgPathModule = {
  module: 'leaders',
  tables: [{ table: 'leader' }, { table: 'leader_link' }, { table: 'leader_visit' }],
};
