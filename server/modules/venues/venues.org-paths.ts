import type { OrgPathModule } from '../../platform/org-paths.js';

/** Venues and everything hanging on them follow their community or compound when the tree moves. */
export const ORG_PATHS: OrgPathModule = {
  module: 'venues',
  tables: [
    { table: 'venue' }, { table: 'venue_standard_item' }, { table: 'venue_room' }, { table: 'venue_booking' }, { table: 'venue_award' },
    { table: 'venue_payment' }, { table: 'venue_calendar' }, { table: 'venue_follow' }, { table: 'venue_funding_rule' },
  ],
};
