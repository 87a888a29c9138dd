import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, OrgKind } from '../database.js';
import { AppError, notFound } from './errors.js';
import { orgPlace } from './org-units.js';

/**
 * The caller's place in the org tree. Every repository that reads or writes people's or
 * places' data takes a Scope and filters by it with `inScope`; there is no unscoped variant
 * for request handlers to call by mistake.
 */
export class Scope {
  constructor(
    readonly orgId: number,
    /** Materialised path of the scope node, e.g. '1.2.15.' */
    readonly path: string,
    readonly countyCode: string,
  ) {}

  contains(path: string): boolean {
    return path.startsWith(this.path);
  }

  /** Refuses a target outside the subtree, without telling whether it exists. */
  assert(path: string | null | undefined, what = '记录'): void {
    if (!path || !this.contains(path)) {
      throw new AppError('NOT_FOUND', `${what}不存在或不在您的管辖范围内`);
    }
  }
}

/** `column LIKE 'scope.path%'`: the one filter that keeps a query inside the caller's subtree. */
export function inScope(scope: Scope, column: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${scope.path + '%'}`;
}

export interface ScopedCommunity {
  id: number;
  name: string;
  path: string;
  county_code: string;
}

/**
 * The one check for "a community the caller may reach": an id that is not a community, does
 * not exist, or lies outside the scope is the same 404 NOT_FOUND with the standard message, so
 * an answer never tells which of the three it was.
 */
export async function communityInScope(db: Kysely<DB> | Transaction<DB>, scope: Scope, communityId: number): Promise<ScopedCommunity> {
  const c = await orgPlace(db, communityId);
  if (!c || c.kind !== 'community' || !scope.contains(c.path)) throw notFound('社区');
  return { id: c.id, name: c.name, path: c.path, county_code: c.county_code };
}

export interface ScopedUnit extends ScopedCommunity {
  kind: OrgKind;
  depth: number;
}

/**
 * The one check for "an org unit the caller may reach" (any kind): missing and out of scope are
 * the same 404 with the standard message, `what` naming it (组织, 网格, …).
 */
export async function unitInScope(db: Kysely<DB> | Transaction<DB>, scope: Scope, unitId: number, what = '组织'): Promise<ScopedUnit> {
  const u = await orgPlace(db, unitId);
  scope.assert(u?.path, what);
  return { id: u!.id, name: u!.name, path: u!.path, county_code: u!.county_code, kind: u!.kind, depth: u!.depth };
}
