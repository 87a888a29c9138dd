import { sql } from 'kysely';
import type { PointsHolderKind } from '../../database.js';
import { notFound } from '../../platform/errors.js';
import { orgPlace } from '../../platform/org-units.js';
import type { Scope } from '../../platform/scope.js';
import { labelKey, type CommunityRow, type HolderLabel, type Q } from './points-common.js';

/** SQL shared by the points services: the community a read is about, and holders' labels. */

/**
 * For reads: a community in the caller's scope, or the community the caller works inside (a grid
 * worker reads its community's rules and months). `within` is the narrower path of the two, for
 * lists of people and records.
 */
export async function communityForRead(db: Q, scope: Scope, communityId: number): Promise<CommunityRow & { within: string }> {
  const c = await orgPlace(db, communityId);
  if (!c || c.kind !== 'community') throw notFound('社区');
  const row = { id: c.id, name: c.name, path: c.path, county_code: c.county_code };
  if (scope.contains(c.path)) return { ...row, within: c.path };
  if (scope.path.startsWith(c.path)) return { ...row, within: scope.path };
  throw notFound('社区');
}

/** A community's id, path and county, by id (it exists: callers hold rows that point at it). */
export async function communityPlace(db: Q, communityId: number) {
  const c = await orgPlace(db, communityId);
  if (!c) throw new Error(`org unit ${communityId} not found`);
  return { id: c.id, path: c.path, county_code: c.county_code };
}

/** Place and name of holders, for labels; one query per kind. */
export async function holderLabels(db: Q, holders: readonly { kind: PointsHolderKind; id: number }[]): Promise<Map<string, HolderLabel>> {
  const out = new Map<string, HolderLabel>();
  const hh = [...new Set(holders.filter((h) => h.kind === 'household').map((h) => h.id))];
  const mm = [...new Set(holders.filter((h) => h.kind === 'merchant').map((h) => h.id))];
  if (hh.length) {
    const rows = await sql<{ id: number; room: string; unit: string | null; building: string | null; head: string | null }>`
      SELECT h.id, h.room, u.name AS unit, b.name AS building,
             (SELECT r.name FROM resident r WHERE r.household_id = h.id AND r.moved_out_at IS NULL
              ORDER BY (r.relation = 'head') DESC, r.id LIMIT 1) AS head
      FROM household h
      LEFT JOIN org_unit u ON u.id = h.unit_id AND u.kind = 'unit'
      LEFT JOIN org_unit b ON b.id = u.parent_id AND b.kind = 'building'
      WHERE h.id IN (${sql.join(hh)})`.execute(db);
    for (const r of rows.rows) {
      out.set(labelKey('household', r.id), { kind: 'household', id: r.id, place: `${r.building ?? ''}${r.unit ?? ''}`, room: r.room, name: r.head ?? '' });
    }
  }
  if (mm.length) {
    const rows = await db.selectFrom('merchant').select(['id', 'name', 'address']).where('id', 'in', mm).execute();
    for (const r of rows) out.set(labelKey('merchant', r.id), { kind: 'merchant', id: r.id, place: r.address, room: '', name: r.name });
  }
  return out;
}

