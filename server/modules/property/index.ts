/**
 * The property module's public face (物业管理, brief §6): the county's register of property
 * companies and their contracts per compound, credit evaluation and the 红黑榜, sanctions, the
 * three-party monthly meetings and maintenance-fund repairs.
 */
import type { LinliModule } from '../../platform/module.js';

export const propertyModule: LinliModule = {
  name: 'property',
  apiRoutes: async (api, ctx) => {
  },
};
