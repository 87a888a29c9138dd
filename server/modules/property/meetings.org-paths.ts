import type { OrgPathModule } from '../../platform/org-paths.js';

/** The three-party meetings' rows follow their compound when the tree moves (the compound is named by its path). */
export const ORG_PATHS: OrgPathModule = {
  module: 'property-meetings',
  tables: [
    { table: 'property_proposal' }, { table: 'property_meeting_task' }, { table: 'property_meeting_agenda_item' },
    { table: 'property_meeting_attendee' },
  ],
};
