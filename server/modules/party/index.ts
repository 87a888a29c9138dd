/** The party module's public face: party organisations, members and secretaries. */
import type { LinliModule } from '../../platform/module.js';
import { partyRoutes } from './party.routes.js';

export const partyModule: LinliModule = { name: 'party', apiRoutes: partyRoutes };
