/**
 * The supervision module's public face (督导, brief §8): the city's coordination mechanism — member
 * departments and working groups — inspections, problems handed over with deadlines,
 * rectification verified by the inspector and escalated when overdue; and 减负: the community's
 * certificate list and the register of signs and duties removed.
 */
import type { LinliModule } from '../../platform/module.js';
import { reliefRoutes } from './relief.routes.js';
import { supervisionRoutes } from './supervision.routes.js';
import { PROBLEM_FILES, problemFileReader, RECTIFY_FILES, supervisionDeps, supervisionJobHandlers } from './supervision.service.js';

/** The overdue timer's job kind (the demo seed sets timers as a handover does). */
export { OVERDUE_JOB } from './supervision.service.js';

export const supervisionModule: LinliModule = {
  name: 'supervision',
  apiRoutes: async (api, ctx) => {
    await supervisionRoutes(api, ctx);
    await reliefRoutes(api, ctx);
  },
  jobHandlers: (ctx) => supervisionJobHandlers(ctx),
  fileReaders: (ctx) => ({ [PROBLEM_FILES]: problemFileReader(supervisionDeps(ctx)), [RECTIFY_FILES]: problemFileReader(supervisionDeps(ctx)) }),
};
