import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import * as repo from './departments.repository.js';

/** 职能部门: the county's and city's departments a street may whistle (吹哨). */

export async function listDepartments(db: Kysely<DB>, scope: Scope) {
  const rows = await repo.departmentsServing(db, scope);
  return rows.map((d) => ({ id: d.id, name: d.name, orgId: d.org_id }));
}

/** A department sits at a city or a county in the caller's scope. */
export async function createDepartment(db: Kysely<DB>, actor: Actor, scope: Scope, input: { name: string; orgId: number }) {
  const unit = await unitInScope(db, scope, input.orgId, '市或县级组织');
  if (!['city', 'county'].includes(unit.kind)) throw notFound('市或县级组织');
  return db.transaction().execute(async (trx) => {
    const d = await repo.insertDepartment(trx, { name: input.name, org_id: unit.id, org_path: unit.path, county_code: unit.county_code });
    await writeAudit(trx, actor, { action: 'department.create', entity: 'department', entityId: d.id, orgPath: unit.path, countyCode: unit.county_code, after: input });
    return { id: d.id, name: d.name, orgId: d.org_id };
  });
}
