/** The workforce module's public face: staff and the 三岗十八级 scale, pay tables, secretary stars. */
import type { LinliModule } from '../../platform/module.js';
import { workforceRoutes } from './workforce.routes.js';

export const workforceModule: LinliModule = { name: 'workforce', apiRoutes: workforceRoutes };
// The staff import (org module) checks rows with the same rules as the one-by-one form.
export { MAX_GRADE, POST_NAMES, POST_TYPE_NAMES, postProblem, type Post } from './staff-rules.js';
export type { PostType } from './workforce.tables.js';
