import type { OrgPathModule } from '../../platform/org-paths.js';

export const ORG_PATHS: OrgPathModule = {
  module: 'store',
  tables: [{ table: 'store' }, { table: 'store_item' }, { table: 'store_event' }, { table: 'store_order' }, { table: 'store_stock_movement' }],
};
