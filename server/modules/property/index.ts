/**
 * The property module's public face (物业管理, brief §6): the county's register of property
 * companies and their contracts per compound, credit evaluation and the 红黑榜, sanctions, the
 * three-party monthly meetings and maintenance-fund repairs.
 */
import type { LinliModule } from '../../platform/module.js';

// The Civil Code art. 278 rule now lives with the owners' votes in selfrun (its index.ts), which
// property's repairs use: property depends on selfrun, never the other way round.
import { companiesDeps } from './companies.service.js';
import { companiesRoutes } from './companies.routes.js';
import { creditRoutes, publicCreditRoutes } from './credit-evaluation.routes.js';
import { propertyMeetingRoutes } from './meetings.routes.js';
import { SANCTION_FILES, sanctionFileReader } from './sanctions-file-reader.js';
import { repairRoutes } from './repairs.routes.js';
import { QUOTE_FILES, quoteFileReader, REPAIR_FILES, repairDeps, repairFileReader } from './repairs.service.js';

export const propertyModule: LinliModule = {
  name: 'property',
  apiRoutes: async (api, ctx) => {
    await propertyMeetingRoutes(api, ctx);
    await repairRoutes(api, ctx);
    await companiesRoutes(api, ctx);
    await creditRoutes(api, ctx); // credit evaluation: schemes, ratings, survey, quarterly scores, the 红黑榜, objections
    await publicCreditRoutes(api, ctx); // the published 红黑榜 without sign-in
  },
  // Who may read repair files: quotes' photos (staff, the company), finished work's photos (also the compound's residents).
  fileReaders: (ctx) => ({ [QUOTE_FILES]: quoteFileReader(repairDeps(ctx)), [REPAIR_FILES]: repairFileReader(repairDeps(ctx)),
    [SANCTION_FILES]: sanctionFileReader(companiesDeps(ctx)) }),
};
