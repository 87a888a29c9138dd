/** The people module's public face: households, residents and merchants. */
import type { LinliModule } from '../../platform/module.js';
import { peopleRoutes } from './people.routes.js';

export const peopleModule: LinliModule = { name: 'people', apiRoutes: peopleRoutes };
