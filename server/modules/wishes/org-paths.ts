import { followCommunityIds, type OrgPathModule } from '../../platform/org-paths.js';

/** Wishes and their claims follow the resident's place when the tree moves; a merged community's wishes go on its successor's wall. */
export const ORG_PATHS: OrgPathModule = {
  module: 'wishes',
  tables: [{ table: 'wish' }, { table: 'wish_claim' }],
  async afterMove(trx, move) {
    await followCommunityIds(trx, 'wish', move);
  },
};
