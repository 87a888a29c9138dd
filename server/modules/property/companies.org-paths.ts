import type { OrgPathModule } from '../../platform/org-paths.js';

/**
 * The register's rows follow their place when the tree moves: companies, branches and
 * instructors with their county, contracts and meetings with their compound, sanctions with the
 * compound or office that decided them.
 */
export const ORG_PATHS: OrgPathModule = {
  module: 'property',
  tables: [
    { table: 'property_company' }, { table: 'property_contract' }, { table: 'property_meeting' },
    { table: 'property_branch' }, { table: 'property_instructor' }, { table: 'property_sanction' },
  ],
};
