import type { AttachmentReader } from '../../platform/files/attachment.service.js';
import { holderOfAccount } from '../points/index.js';
import type { StoreDeps } from './store-deps.js';
import { redeemsAsHolder } from './store.policy.js';
import * as repo from './store.repository.js';

/**
 * For item photos (platform/files asks before serving one): staff whose scope holds the item,
 * and holders of the community whose store sells it — the photo is as public as the item.
 */
export function storeItemFileReader(deps: StoreDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    const items = await repo.itemsWithCommunity(deps.db, ids);
    // Holders' accounts read by their community, not their scope.
    if (items.some((i) => scope.contains(i.org_path)) && !redeemsAsHolder(actor.role)) return true;
    const home = await holderOfAccount(deps.db, actor.accountId);
    return !!home && items.some((i) => i.community_id === home.communityId);
  };
}
