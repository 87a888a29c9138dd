import { sql, type Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

/** The SQL of GeoReport v2: keys by hash, places for a posted location, grids for the public view. */

/** A key by the hash of its clear value, with the account it speaks for. */
export function keyByHash(db: Kysely<DB>, keyHash: string) {
  return db.selectFrom('api_key as k').innerJoin('account as a', 'a.id', 'k.account_id')
    .select(['k.id', 'k.name', 'k.org_id', 'k.org_path', 'k.county_code', 'k.revoked_at', 'a.id as account_id', 'a.username', 'a.role', 'a.disabled'])
    .where('k.key_hash', '=', keyHash).executeTakeFirst();
}

/** Live grids with an outline in scope, to find the one holding a point (overlapping outlines: the oldest grid). */
export function gridOutlines(db: Kysely<DB>, scope: Scope) {
  return db.selectFrom('org_unit').select(['id', 'geometry']).where('kind', '=', 'grid')
    .where('dissolved_at', 'is', null).where(inScope(scope, 'path')).where('geometry', 'is not', null).orderBy('id').limit(5000).execute();
}

/** The unit of a household whose address holds the text, in scope. */
export function householdUnitByAddress(db: Kysely<DB>, scope: Scope, address: string) {
  return db.selectFrom('household').select('unit_id').where(inScope(scope, 'org_path'))
    .where(sql<boolean>`strpos(address, ${address}) > 0`).limit(1).executeTakeFirst();
}

/** The deepest live community, grid or building in scope whose name the address contains. */
export function placeNamedIn(db: Kysely<DB>, scope: Scope, address: string) {
  return db.selectFrom('org_unit').select(['id']).where(inScope(scope, 'path')).where('dissolved_at', 'is', null)
    .where('kind', 'in', ['community', 'grid', 'building']).where(sql<boolean>`strpos(${address}, name) > 0`)
    .orderBy('depth', 'desc').limit(1).executeTakeFirst();
}

/** A live place a request may be located at (address_id), in scope. */
export function addressPlace(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('org_unit').select(['id']).where('id', '=', id).where(inScope(scope, 'path'))
    .where('dissolved_at', 'is', null).where('kind', 'in', ['community', 'grid', 'building', 'unit']).executeTakeFirst();
}

/** Grids and communities among the given ids (the places on requests' paths), with grid outlines. */
export function gridsAndCommunities(db: Kysely<DB>, scope: Scope, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(['id', 'name', 'kind', 'geometry']).where('id', 'in', ids)
    .where('kind', 'in', ['grid', 'community']).where(inScope(scope, 'path')).execute();
}
