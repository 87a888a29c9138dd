/** The cobuild module's public face (双报到, 结对共建): work units, their pairings and in-service members, the three lists and projects. */
import type { LinliModule } from '../../platform/module.js';
import { listsDeps } from './cobuild-lists-deps.js';
import { milestoneFileReader } from './cobuild-lists-file-reader.js';
import { cobuildListsRoutes } from './cobuild-lists.routes.js';
import { dualReportRoutes } from './dual-report.routes.js';

export const cobuildModule: LinliModule = {
  name: 'cobuild',
  apiRoutes: async (api, ctx) => {
    await cobuildListsRoutes(api, ctx); // the three lists, matching, projects, overview
    await dualReportRoutes(api, ctx); // 双报到: work units, pairings, in-service members' reports, year records, 双评价
  },
  fileReaders: (ctx) => ({ cobuild_milestone: milestoneFileReader(listsDeps(ctx)) }),
};
