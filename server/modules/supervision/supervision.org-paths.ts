import type { OrgPathModule } from '../../platform/org-paths.js';

/**
 * Supervision and 减负 rows follow their place when the tree moves; the problem step log is
 * append-only and records where things were at the time.
 */
export const ORG_PATHS: OrgPathModule = {
  module: 'supervision',
  tables: [
    { table: 'supervision_group' }, { table: 'supervision_inspection' }, { table: 'supervision_inspection_place' },
    { table: 'supervision_problem' }, { table: 'supervision_problem_step', onMove: 'kept' },
    { table: 'relief_certificate_item' }, { table: 'relief_certificate_request' }, { table: 'relief_certificate_counter' },
    { table: 'relief_removal' },
  ],
};
