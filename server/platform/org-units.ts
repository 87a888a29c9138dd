import type { Kysely, Transaction } from 'kysely';
import type { DB, OrgKind } from '../database.js';

/**
 * The few reads of the org tree every module needs (a place by id, its ancestors, its children,
 * names for a report). They live here, beside `unitInScope`, so that no module writes its own
 * `selectFrom('org_unit')` and the org module stays the only one that changes the tree. A module
 * keeps a join to org_unit inside its own repository SQL when the query genuinely needs it.
 */

type Q = Kysely<DB> | Transaction<DB>;

const placeColumns = ['id', 'name', 'kind', 'path', 'depth', 'county_code', 'parent_id', 'dissolved_at'] as const;

export interface OrgPlace {
  id: number;
  name: string;
  kind: OrgKind;
  path: string;
  depth: number;
  county_code: string;
  parent_id: number | null;
  dissolved_at: Date | null;
}

/**
 * A place by id, whatever the caller's scope (callers check the scope themselves when they need
 * to); `kind` and `live` (not dissolved) narrow it, so a wrong kind reads as missing.
 */
export function orgPlace(db: Q, id: number, only: { kind?: OrgKind; live?: boolean } = {}): Promise<OrgPlace | undefined> {
  return db.selectFrom('org_unit').select(placeColumns).where('id', '=', id)
    .$if(only.kind !== undefined, (q) => q.where('kind', '=', only.kind!))
    .$if(!!only.live, (q) => q.where('dissolved_at', 'is', null))
    .executeTakeFirst();
}

/** The places on a materialised path ('1.2.15.40.'), the last one included, from the top down. */
export function placesOnPath(db: Q, path: string): Promise<OrgPlace[]> {
  const ids = path.split('.').filter(Boolean).map(Number);
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(placeColumns).where('id', 'in', ids).orderBy('depth').execute();
}

/** The ancestor of a kind on a path (the place itself when it is of that kind), if any. */
export async function placeAbove(db: Q, path: string, kind: OrgKind): Promise<OrgPlace | undefined> {
  return (await placesOnPath(db, path)).find((p) => p.kind === kind);
}

/** Direct children of a place that still exist, by code. */
export function childPlaces(db: Q, parentId: number): Promise<OrgPlace[]> {
  return db.selectFrom('org_unit').select(placeColumns)
    .where('parent_id', '=', parentId).where('dissolved_at', 'is', null).orderBy('code').execute();
}

/** Places by id (missing ids are left out), keyed by id: names and kinds for reports. */
export async function placesById(db: Q, ids: readonly number[]): Promise<Map<number, OrgPlace>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(placeColumns).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
