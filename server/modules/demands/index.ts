/**
 * The demands module's public face (诉求: intake, the lifecycle with 吹哨报到, deadlines, rates,
 * 民情分析会). Other modules and the app use only what is exported here.
 */
import type { LinliModule } from '../../platform/module.js';
import { demandDeps } from './demand-deps.js';
import { demandFileReader } from './demand-file-reader.js';
import { demandJobHandlers } from './demand.jobs.js';
import { demandRoutes } from './demand.routes.js';
import { visitRoutes } from './visits.routes.js';

export const demandsModule: LinliModule = {
  name: 'demands',
  apiRoutes: async (api, ctx) => {
    await demandRoutes(api, ctx);
    await visitRoutes(api, ctx);
  },
  jobHandlers: demandJobHandlers,
  fileReaders: (ctx) => ({ demand: demandFileReader(demandDeps(ctx)) }),
};

export { demandJobHandlers };
export { demandDeps, type DemandDeps } from './demand-deps.js';
export { createDemand, type CreateDemandInput } from './demand-intake.service.js';
export { getDemand } from './demand-read.service.js';
export { demandRates } from './demand-rates.repository.js';
export { allCategories, findCategory, forgetDemandLookups } from './demand-lookups.repository.js';
export { demandFeed, demandIdByClientId } from './demand-feed.service.js';
// The campaigns module tags demands to a campaign and counts the resolved ones.
export { demandSummaries, searchDemandSummaries, type DemandSummary } from './demand-summaries.repository.js';
// The property module reads a company's compounds' 物业服务 demands (the company's own view).
export { demandsUnder, openDemandsPerPath, type DemandsUnderQuery } from './demands-under.repository.js';
// Open data (开放数据集): demands counted by category per community and month.
export { DEMANDS_DATASET } from './demands.open-data.js';
