/** The points supermarket's public face (积分超市): stores, items, stock, events, orders and handover. */
import type { LinliModule } from '../../platform/module.js';
import { storeDeps } from './store-deps.js';
import { storeItemFileReader } from './store-file-reader.js';
import { storeJobHandlers } from './store.jobs.js';
import { storeRoutes } from './store.routes.js';

export const storeModule: LinliModule = {
  name: 'store',
  apiRoutes: storeRoutes,
  jobHandlers: () => storeJobHandlers(),
  fileReaders: (ctx) => ({ store_item: storeItemFileReader(storeDeps(ctx)) }),
};
