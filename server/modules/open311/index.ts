/** The Open311 module's public face: GeoReport v2 on /open311/v2/ and the console's api keys. */
import type { LinliModule } from '../../platform/module.js';
import { apiKeyRoutes } from './api-keys.routes.js';
import { open311Routes } from './open311.routes.js';

export const open311Module: LinliModule = { name: 'open311', apiRoutes: apiKeyRoutes, rootRoutes: open311Routes };
