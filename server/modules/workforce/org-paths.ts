import type { OrgPathModule } from '../../platform/org-paths.js';

/** Pay tables and star rules sit on their county; ratings on the secretary's community. All follow a move. */
export const ORG_PATHS: OrgPathModule = {
  module: 'workforce',
  tables: [{ table: 'workforce_pay_rate' }, { table: 'workforce_star_rule' }, { table: 'secretary_rating' }],
};
