import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import * as repo from './outlines.repository.js';

/** A unit has a few dozen children at most; the cap only guards the answer's size. */
export const OUTLINE_CHILDREN_CAP = 500;

type Position = [number, number];
type PolygonCoords = Position[][];

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v));
/** A polygon the map can draw: rings of at least four positions (RFC 7946 §3.1.6). */
const isPolygon = (x: unknown): x is PolygonCoords =>
  Array.isArray(x) && x.length > 0 && x.every((ring) => Array.isArray(ring) && ring.length >= 4 && ring.every(isPosition));

/** The drawable polygons of a stored geometry: an outline typed in by hand may be broken, and is then left out rather than breaking the map. */
function polygonsOf(geometry: unknown): PolygonCoords[] {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || !Array.isArray(g.coordinates)) return [];
  if (g.type === 'Polygon') return isPolygon(g.coordinates) ? [g.coordinates] : [];
  if (g.type === 'MultiPolygon') return g.coordinates.filter(isPolygon);
  return [];
}

/**
 * 驾驶舱地图: each child of a unit as one MultiPolygon — its own outline (a county, a grid),
 * else the outlines of all the grids under it (a street, a community) — so the map below the
 * county level is coloured by the same figures as the bars. A child with neither has
 * `outline: null` and is listed as 无边界 rather than silently left off the map.
 */
export async function childOutlines(db: Kysely<DB>, scope: Scope, q: { orgId: number }) {
  const unit = await unitInScope(db, scope, q.orgId);
  const rows = await repo.childrenWithOwnOutline(db, scope, unit.id, OUTLINE_CHILDREN_CAP);
  const children = rows.slice(0, OUTLINE_CHILDREN_CAP);
  // Only a child without its own outline needs its grids: a county's streets, a street's communities.
  const made = children.some((c) => !polygonsOf(c.own).length)
    ? new Map((await repo.gridPolygonsByChild(db, scope, unit.path, unit.depth)).map((r) => [Number(r.child_id), r]))
    : new Map<number, never>();
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    items: children.map((c) => {
      const own = polygonsOf(c.own);
      const fromGrids = own.length ? null : made.get(c.id);
      const polygons = own.length ? own : polygonsOf({ type: 'MultiPolygon', coordinates: fromGrids?.polygons ?? [] });
      return {
        id: c.id,
        name: c.name,
        kind: c.kind,
        source: own.length ? ('own' as const) : polygons.length ? ('grids' as const) : null,
        outline: polygons.length ? { type: 'MultiPolygon' as const, coordinates: polygons } : null,
      };
    }),
    truncated: rows.length > OUTLINE_CHILDREN_CAP,
  };
}
