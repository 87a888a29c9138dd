import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

/** The SQL of Open311 keys as the console manages them (GeoReport's lookup by hash is in georeport.repository.ts). */

export function keysInScope(db: Kysely<DB>, scope: Scope) {
  return db.selectFrom('api_key').innerJoin('org_unit as o', 'o.id', 'api_key.org_id')
    .selectAll('api_key').select('o.name as org_name')
    .where(inScope(scope, 'api_key.org_path')).orderBy('api_key.id', 'desc').limit(200).execute();
}

export function insertKey(db: Kysely<DB>, row: {
  name: string; key_hash: string; key_prefix: string; account_id: number; org_id: number; org_path: string; county_code: string;
}) {
  return db.insertInto('api_key').values(row).returningAll().executeTakeFirstOrThrow();
}

export function keyInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('api_key').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
}

export async function markRevoked(db: Kysely<DB>, id: number, at: Date) {
  await db.updateTable('api_key').set({ revoked_at: at }).where('id', '=', id).execute();
}
