import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../database.js';
import { HANDLER_ROLES } from './demand.policy.js';
import type { Scope } from '../../platform/scope.js';


/**
 * Whom community staff may assign a demand to: enabled accounts of the handler roles whose
 * scope contains the demand's place — the grid worker of its grid, the community's workers and
 * secretary, the property company of its compound. The same rule `assign` enforces, so every
 * name offered is accepted.
 */
export async function listAssignableHandlers(db: Kysely<DB>, scope: Scope, demandId: number) {
  const d = await db.selectFrom('demand').select(['org_path', 'county_code']).where('id', '=', demandId).executeTakeFirst();
  scope.assert(d?.org_path, '诉求');
  const rows = await db.selectFrom('account')
    .innerJoin('org_unit as o', 'o.id', 'account.scope_org_id')
    .select(['account.id', 'account.display_name', 'account.role', 'account.scope_org_id', 'o.name as scope_name', 'o.depth'])
    .where('account.role', 'in', [...HANDLER_ROLES])
    .where('account.disabled', '=', false)
    .where('account.county_code', '=', d!.county_code)
    .where(sql<SqlBool>`${d!.org_path} LIKE account.scope_path || '%'`)
    // Closest to the place first: the grid worker and the compound's property company before the community.
    .orderBy('o.depth', 'desc').orderBy('account.display_name').limit(200)
    .execute();
  return rows.map((a) => ({ id: a.id, displayName: a.display_name, role: a.role, scopeOrgId: a.scope_org_id, scopeName: a.scope_name }));
}
