import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { notFound } from '../../platform/errors.js';
import { Scope } from '../../platform/scope.js';
import type { Trx } from './demand-deps.js';
import { communityAbove, placesIn } from './demand-places.repository.js';

/**
 * Where a resident may place a problem: anywhere in their own community (the compound's gate,
 * another building), not only their own unit. The scope for the place is the community's;
 * everything else they do stays inside their own scope.
 */
export async function communityScopeOf(db: Kysely<DB> | Trx, scope: Scope): Promise<Scope | null> {
  const c = await communityAbove(db, scope.path);
  return c ? new Scope(c.id, c.path, c.county_code) : null;
}

/** The places of the caller's community a report may name: the community, its compounds and buildings. */
export async function reportPlaces(db: Kysely<DB>, scope: Scope) {
  const c = await communityAbove(db, scope.path);
  if (!c) throw notFound('社区');
  const rows = await placesIn(db, c.path);
  return {
    community: { id: c.id, name: c.name },
    places: rows.map((r) => ({ id: r.id, parentId: r.parent_id, kind: r.kind as 'grid' | 'building', name: r.name })),
  };
}
