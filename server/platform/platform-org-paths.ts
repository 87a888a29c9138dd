import type { OrgPathModule } from './org-paths.js';

/** The platform's own tables with org paths. */
export const ORG_PATHS: OrgPathModule = {
  module: 'platform',
  tables: [
    { table: 'notification' },
    { table: 'attachment' },
    { table: 'attachment_link' },
    // Where things were at the time: the audit log is evidence, never rewritten.
    { table: 'audit_log', onMove: 'kept' },
  ],
};
