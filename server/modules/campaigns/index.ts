/** The campaigns module's public face (专项行动): campaigns of a street or county, the demands and activities tagged to them, progress. */
import type { LinliModule } from '../../platform/module.js';
import { campaignRoutes } from './campaigns.routes.js';

export const campaignsModule: LinliModule = {
  name: 'campaigns',
  apiRoutes: campaignRoutes,
};
