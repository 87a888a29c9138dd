/**
 * The selfrun module's public face (居民自办物业, brief §6 second half): compounds' management
 * modes, exclusive units and owners, committees and 五有, the ten steps, owners' votes under the
 * Civil Code art. 278, the compound's public account and the yearly service review.
 */
import type { LinliModule } from '../../platform/module.js';
import { selfrunCompoundRoutes } from './compounds.routes.js';
import { compoundsDeps, FIVE_HAVE_FILES, fiveHaveFileReader } from './compounds.service.js';
import { selfrunStepsRoutes } from './steps.routes.js';
import { STEP_FILES, stepFileReader, stepsDeps } from './steps.service.js';
import { selfrunVoteRoutes } from './votes.routes.js';
import { selfrunAccountRoutes } from './ledger.routes.js';
import { selfrunPublicListRoutes } from './public-lists.routes.js';
import { accountDeps, LEDGER_FILES, ledgerFileReader } from './ledger.service.js';
import { NOTICE_FILES, noticeFileReader, PROXY_FILES, proxyFileReader, voteJobHandlers, votesDeps } from './votes.service.js';

// For the property module (which depends on selfrun, never the other way round): the Civil Code
// art. 278 rule, the counted owners' votes its maintenance-fund repairs rest on, and the handover
// of a compound whose contract a 重新选聘/清退 sanction ended.
export { article278, type VoteCounts, type VoteMatter, type VoteOutcome } from './owners-vote.js';
export { countedMatters, votedMatter, type CountedMatter } from './vote-links.js';
export { compoundContracted, handCompoundToCommunity, type HandoverInput } from './handover.service.js';

export const selfrunModule: LinliModule = {
  name: 'selfrun',
  apiRoutes: async (api, ctx) => {
    await selfrunCompoundRoutes(api, ctx); // 小区管理
    await selfrunStepsRoutes(api, ctx); // 居民自办十步
    await selfrunVoteRoutes(api, ctx); // 业主表决 (民法典第278条)
    await selfrunAccountRoutes(api, ctx); // 公共账户、收支公开、服务评定
    await selfrunPublicListRoutes(api, ctx); // the portal's lists: published statements and vote results
  },
  // Who may read files hung on records: the ten steps' documents (staff in scope, the compound's committee).
  fileReaders: (ctx) => ({ [FIVE_HAVE_FILES]: fiveHaveFileReader(compoundsDeps(ctx)), [STEP_FILES]: stepFileReader(stepsDeps(ctx)), [PROXY_FILES]: proxyFileReader(votesDeps(ctx)), [NOTICE_FILES]: noticeFileReader(votesDeps(ctx)), [LEDGER_FILES]: ledgerFileReader(accountDeps(ctx)) }),
  // The owners' votes' timers: open at opens_at, close and count at closes_at.
  jobHandlers: () => voteJobHandlers(),
};
