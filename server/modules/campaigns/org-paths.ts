import type { OrgPathModule } from '../../platform/org-paths.js';

export const ORG_PATHS: OrgPathModule = {
  module: 'campaigns',
  tables: [{ table: 'campaign' }, { table: 'campaign_target' }, { table: 'campaign_item' }],
};
