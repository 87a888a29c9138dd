import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The community at or above a path (its ids from the root), if the path lies in one. */
export function communityAbove(db: Q, path: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'path', 'county_code'])
    .where('kind', '=', 'community')
    .where(sql<boolean>`id = ANY (string_to_array(rtrim(${path}, '.'), '.')::int[])`)
    .executeTakeFirst();
}

/** The compounds (grids) and buildings of a community, in the order of the tree. */
export function placesIn(db: Q, communityPath: string) {
  return db.selectFrom('org_unit').select(['id', 'parent_id', 'kind', 'name'])
    .where('path', 'like', `${communityPath}%`)
    .where('kind', 'in', ['grid', 'building'])
    .where('dissolved_at', 'is', null)
    .orderBy('depth').orderBy('name').orderBy('id')
    .limit(2000)
    .execute();
}
