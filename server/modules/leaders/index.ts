/** The leaders module's public face: leaders, their links (包联) to communities and compounds, visits. */
import type { LinliModule } from '../../platform/module.js';
import { leaderRoutes } from './leaders.routes.js';

export const leadersModule: LinliModule = { name: 'leaders', apiRoutes: leaderRoutes };
