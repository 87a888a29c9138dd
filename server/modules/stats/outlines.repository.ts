import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The levels the cockpit drills through: a unit's children of these kinds are its map's shapes. */
const DRILLED = ['county', 'street', 'community', 'grid'] as const;

/**
 * The live children of a unit, with their own geometry when it is a Polygon or MultiPolygon
 * (counties, grids). At most `limit + 1`, so the caller can tell when it cut the list.
 */
export function childrenWithOwnOutline(db: Q, scope: Scope, parentId: number, limit: number) {
  return db
    .selectFrom('org_unit as c')
    .select(['c.id', 'c.name', 'c.kind'])
    .select(sql<unknown>`CASE WHEN c.geometry->>'type' IN ('Polygon', 'MultiPolygon') THEN c.geometry END`.as('own'))
    .where('c.parent_id', '=', parentId)
    .where('c.dissolved_at', 'is', null)
    .where('c.kind', 'in', [...DRILLED])
    .where(inScope(scope, 'c.path'))
    .orderBy('c.code')
    .orderBy('c.id')
    .limit(limit + 1)
    .execute();
}

/**
 * The polygons of every live grid below the children of a unit (at `path`, `depth`), gathered per
 * child: one indexed prefix scan, the child read from the grid's path ('1.14.203.' holds the
 * unit at depth d in its (d+1)-th segment). A Polygon's coordinates are one polygon, a
 * MultiPolygon's a list of them: both end up in one flat list per child.
 */
export function gridPolygonsByChild(db: Q, scope: Scope, path: string, depth: number) {
  return db
    .selectFrom('org_unit as g')
    .innerJoin(sql<{ poly: unknown; n: number }>`LATERAL (
      SELECT g.geometry->'coordinates' AS poly, 0::bigint AS n WHERE g.geometry->>'type' = 'Polygon'
      UNION ALL
      SELECT e.poly, e.n FROM jsonb_array_elements(
        CASE WHEN g.geometry->>'type' = 'MultiPolygon' AND jsonb_typeof(g.geometry->'coordinates') = 'array' THEN g.geometry->'coordinates' ELSE '[]'::jsonb END
      ) WITH ORDINALITY AS e(poly, n)
    )`.as('p'), (join) => join.onTrue())
    .select(sql<number>`split_part(g.path, '.', ${sql.lit(depth + 2)})::int`.as('child_id'))
    .select(sql<unknown[]>`jsonb_agg(p.poly ORDER BY g.code, g.id, p.n)`.as('polygons'))
    .where('g.kind', '=', 'grid')
    .where('g.dissolved_at', 'is', null)
    // Strictly below the children: a grid that is itself a child is drawn from its own geometry.
    .where('g.depth', '>', depth + 1)
    .where(sql<boolean>`g.path LIKE ${path + '%'}`)
    .where(inScope(scope, 'g.path'))
    .groupBy(sql`split_part(g.path, '.', ${sql.lit(depth + 2)})`)
    .execute();
}
