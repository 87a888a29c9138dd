import type { OrgPathModule } from '../../platform/org-paths.js';

export const ORG_PATHS: OrgPathModule = {
  module: 'open311',
  tables: [{ table: 'api_key' }],
};
