import type { OrgPathModule } from '../../platform/org-paths.js';

export const ORG_PATHS: OrgPathModule = {
  module: 'org',
  tables: [
    { table: 'household' },
    { table: 'org_event' },
    // An import job says where the sheet was imported, like the audit log.
    { table: 'org_import_job', onMove: 'kept' },
  ],
};
