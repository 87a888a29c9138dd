/**
 * The venues module's public face (党群服务阵地, brief §8): community centres and compound stations
 * with their 三要六有 checklists, rooms residents book, use counted from bookings and check-ins,
 * the county's reward-based funding (以奖代补), and each month's "党群阵地@你" calendar.
 */
import type { LinliModule } from '../../platform/module.js';
import { bookingRoutes } from './bookings.routes.js';
import { calendarRoutes } from './calendar.routes.js';
import { fundingRoutes } from './funding.routes.js';
import { publicCalendarRoutes } from './public-calendars.routes.js';
import { venueRoutes } from './venues.routes.js';
import { STANDARD_FILES, standardFileReader, venueDeps } from './venues.service.js';

export const venuesModule: LinliModule = {
  name: 'venues',
  apiRoutes: async (api, ctx) => {
    // Fixed paths (bookings, funding, near, at-you) before /venues/:id.
    await bookingRoutes(api, ctx);
    await fundingRoutes(api, ctx);
    await calendarRoutes(api, ctx);
    await publicCalendarRoutes(api, ctx); // 党群阵地@你 on the public portal
    await venueRoutes(api, ctx);
  },
  fileReaders: (ctx) => ({ [STANDARD_FILES]: standardFileReader(venueDeps(ctx)) }),
};

// Open data (开放数据集): the county's venues, published by the stats module when the county chooses.
export { VENUES_DATASET } from './venues.open-data.js';
