/** The org module's public face: the tree of places (city → county → street → community → grid → building → unit) and bulk imports. */
import type { LinliModule } from '../../platform/module.js';
import { orgImportRoutes } from './import/import.routes.js';
import { importJobHandlers } from './import/run-import.service.js';
import { orgRoutes } from './org.routes.js';

/** The bounded .xlsx/.csv reader, for other modules' own small imports (the selfrun property register). */
export { parseSheet, SheetError } from './import/parse-sheet.js';

export const orgModule: LinliModule = {
  name: 'org',
  apiRoutes: async (api, ctx) => {
    await orgRoutes(api, ctx);
    await orgImportRoutes(api, ctx);
  },
  jobHandlers: () => importJobHandlers(),
};
