import { can } from '../../platform/auth/permissions.js';
import type { AttachmentReader } from '../../platform/files/attachment.service.js';
import type { CompaniesDeps } from './companies.service.js';
import { boundToCompany } from './companies.policy.js';
import { onBranch } from './companies.repository.js';

export const SANCTION_FILES = 'property_sanction';

/** Rectification photos are as visible as the sanction: staff on its branch of the tree, and the company itself. */
export function sanctionFileReader(deps: CompaniesDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    const q = deps.db.selectFrom('property_sanction as s').select('s.id').where('s.id', 'in', ids);
    if (boundToCompany(actor.role)) {
      const link = await deps.db.selectFrom('account').select('property_company_id').where('id', '=', actor.accountId).executeTakeFirst();
      return !!link?.property_company_id && !!(await q.where('s.company_id', '=', link.property_company_id).executeTakeFirst());
    }
    if (!can(actor.role, 'property.read')) return false;
    return !!(await q.where(onBranch(scope, 's.org_path')).executeTakeFirst());
  };
}
