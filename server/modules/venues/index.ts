/**
 * The venues module's public face (党群服务阵地, brief §8): community centres and compound stations
 * with their 三要六有 checklists, rooms residents book, use counted from bookings and check-ins,
 * the county's reward-based funding (以奖代补), and each month's "党群阵地@你" calendar.
 */
import type { LinliModule } from '../../platform/module.js';

export const venuesModule: LinliModule = {
  name: 'venues',
  apiRoutes: async () => {
    // Each part registers its routes here.
  },
};
