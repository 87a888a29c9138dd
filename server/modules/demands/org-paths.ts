import type { OrgPathModule } from '../../platform/org-paths.js';

export const ORG_PATHS: OrgPathModule = {
  module: 'demands',
  tables: [
    { table: 'department' }, { table: 'demand' }, { table: 'demand_event' }, { table: 'demand_dispatch' },
    { table: 'demand_meeting' }, { table: 'demand_daily_stat' }, { table: 'demand_open_stat' }, { table: 'demand_extension' },
    { table: 'visit' },
  ],
};
