import type { OrgPathModule } from '../../platform/org-paths.js';

/** Maintenance-fund repairs follow their compound when the tree moves (the compound is named by id and path). */
export const ORG_PATHS: OrgPathModule = {
  module: 'property-repairs',
  tables: [{ table: 'property_repair' }],
};
