/**
 * The newgroups module's public face (新就业群体, brief §7): platform companies and their stations,
 * the couriers, riders and drivers attached to them (with consent), their party organisations and
 * instructors, coverage counted per county, the service points open to them, the white-list pass
 * compound gates check, and part-time grid workers reporting from the road.
 */
import type { LinliModule } from '../../platform/module.js';

export const newgroupsModule: LinliModule = {
  name: 'newgroups',
  apiRoutes: async () => {
    // Each part registers its routes here.
  },
};
