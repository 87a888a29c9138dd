import type { OrgPathModule } from '../../platform/org-paths.js';

/**
 * Credit evaluation's rows follow their place when the tree moves: ratings, votes and scores name
 * their compound by id (a grid keeps its id when it moves), schemes and quarters their county.
 */
export const ORG_PATHS: OrgPathModule = {
  module: 'property-credit',
  tables: [
    { table: 'property_credit_scheme' }, { table: 'property_rating' }, { table: 'property_survey_vote' }, { table: 'property_incident' },
    { table: 'property_credit_quarter' }, { table: 'property_list_objection' },
    // A quarter's scores stay the scoring county's (they have no county of their own); their path follows for scope.
    { table: 'property_compound_score', onMove: 'county_recorded' },
  ],
};
