/** The wishes module's public face (微心愿): posting for residents in need, the wall, claims, fulfilment and confirmation. */
import type { LinliModule } from '../../platform/module.js';
import { wishJobHandlers } from './wishes.jobs.js';
import { publicWishRoutes, wishRoutes } from './wishes.routes.js';
import { wishDeps, wishFileReader } from './wishes.service.js';

export const wishesModule: LinliModule = {
  name: 'wishes',
  apiRoutes: async (api, ctx) => {
    await wishRoutes(api, ctx);
    await publicWishRoutes(api, ctx);
  },
  jobHandlers: wishJobHandlers,
  fileReaders: (ctx) => ({ wish: wishFileReader(wishDeps(ctx)) }),
};

// The 双报到 year record counts the wishes an in-service member fulfilled.
export { wishesFulfilledByResidents } from './wishes.service.js';
