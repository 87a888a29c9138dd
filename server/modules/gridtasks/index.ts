/** The grid-tasks module's public face: the county's admission list (准入清单) and tasks pushed to grids. */
import type { LinliModule } from '../../platform/module.js';
import { gridTaskRoutes } from './gridtasks.routes.js';

export const gridTasksModule: LinliModule = { name: 'gridtasks', apiRoutes: gridTaskRoutes };
