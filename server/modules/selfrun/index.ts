/**
 * The selfrun module's public face (居民自办物业, brief §6 second half): compounds' management
 * modes, exclusive units and owners, committees and 五有, the ten steps, owners' votes under the
 * Civil Code art. 278, the compound's public account and the yearly service review.
 */
import type { LinliModule } from '../../platform/module.js';

export const selfrunModule: LinliModule = {
  name: 'selfrun',
  apiRoutes: async (api, ctx) => {
  },
};
