/**
 * The newgroups module's public face (新就业群体, brief §7): platform companies and their stations,
 * the couriers, riders and drivers attached to them (with consent), their party organisations and
 * instructors, coverage counted per county, the service points open to them, the white-list pass
 * compound gates check, and part-time grid workers reporting from the road.
 */
import type { LinliModule } from '../../platform/module.js';
import { lifecycleRoutes } from './lifecycle.routes.js';
import { parttimeRoutes } from './parttime.routes.js';
import { passRoutes } from './pass.routes.js';
import { registerRoutes } from './register.routes.js';
import { roadReportRoutes } from './road-reports.routes.js';
import { servicePointRoutes } from './service-points.routes.js';
import { whitelistRoutes } from './whitelist.routes.js';

export const newgroupsModule: LinliModule = {
  name: 'newgroups',
  apiRoutes: async (api, ctx) => {
    await whitelistRoutes(api, ctx); // 白名单 and the gates' counts
    await passRoutes(api, ctx); // the rider's pass and the gate's check
    await parttimeRoutes(api, ctx); // 兼职网格员 / 安全员
    await roadReportRoutes(api, ctx); // reports from the road, rewards, counts
    await registerRoutes(api, ctx); // platforms, stations, workers, party organisations, instructors, coverage
    await servicePointRoutes(api, ctx); // service points and the rider's nearest open ones
    await lifecycleRoutes(api, ctx); // closing stations and service points, dissolving organisations, ending postings
  },
};

// Open data (开放数据集): the service points, published by the stats module when the county chooses.
export { SERVICE_POINTS_DATASET } from './service-points.open-data.js';
