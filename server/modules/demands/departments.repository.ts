import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Departments serving the caller's area: those at or above it, and those inside it. */
export function departmentsServing(db: Q, scope: Scope) {
  return db.selectFrom('department').select(['id', 'name', 'org_id'])
    .where((eb) => eb.or([inScope(scope, 'org_path'), sql<SqlBool>`${scope.path} LIKE org_path || '%'`]))
    .orderBy('name').limit(500).execute();
}

export function insertDepartment(db: Q, v: { name: string; org_id: number; org_path: string; county_code: string }) {
  return db.insertInto('department').values(v).returning(['id', 'name', 'org_id']).executeTakeFirstOrThrow();
}
