import type { OrgPathModule } from '../../platform/org-paths.js';

export const ORG_PATHS: OrgPathModule = {
  module: 'people',
  tables: [{ table: 'resident' }, { table: 'residence_history' }, { table: 'merchant' }, { table: 'staff' }],
};
