import type { AttachmentReader } from '../../platform/files/attachment.service.js';
import { can } from '../../platform/auth/permissions.js';
import type { ListsDeps } from './cobuild-lists-deps.js';
import { unitOfAccount } from './cobuild-lists.repository.js';
import { actsForUnit } from './cobuild-projects.policy.js';
import { milestonesReadable } from './cobuild-projects.repository.js';

/** Milestone photos are as visible as the project: staff whose scope holds it, and the project's own unit. */
export function milestoneFileReader(deps: ListsDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    if (actsForUnit(actor.role)) {
      const unit = await unitOfAccount(deps.db, actor.accountId);
      return !!unit && (await milestonesReadable(deps.db, ids, { unitId: unit.id })).length > 0;
    }
    if (!can(actor.role, 'cobuild.read')) return false;
    return (await milestonesReadable(deps.db, ids, { scope })).length > 0;
  };
}
