import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../database.js';

/**
 * How a module's rows follow the org tree when a subtree moves, merges or splits
 * (docs/adr/0006-ledgers-follow-org-moves.md). Every table with an `org_path` column is declared
 * by the module that owns it, next to its code (`<module>/org-paths.ts`), and collected in
 * server/modules/org-path-registry.ts, which the org module reads; a test fails for any table
 * with an org_path column that no module declares.
 */
export interface OrgPathTable {
  table: keyof DB & string;
  /**
   * - 'follows' (the default): org_path and county_code are rewritten with the subtree.
   * - 'county_recorded': org_path follows (scope), county_code stays the county the row was
   *   written in — rows a hash covers (the points ledger).
   * - 'kept': nothing is rewritten; the row records where things were at the time (audit log).
   */
  onMove?: 'follows' | 'county_recorded' | 'kept';
}

/** One org move, after the paths are rewritten: rows under `to` are now where `from` was. */
export interface OrgMove {
  from: string;
  to: string;
  /** The subtree's new county, when the move crosses counties. */
  countyCode: string | null;
}

export interface OrgPathModule {
  module: string;
  tables: readonly OrgPathTable[];
  /** Runs in the move's transaction after every path is rewritten (e.g. caches keyed by community). */
  afterMove?(trx: Kysely<DB>, move: OrgMove): Promise<void>;
}

/**
 * After a move, rows that also name their community by id follow their path to the live community
 * it now lies in: a merged community's rows belong to the one that took it in. `unless`: a
 * condition on `t` (the row) and `c` (its new community) under which the row keeps its old id —
 * where moving it would break a one-per-community rule, the row stays as history instead of
 * failing the merge.
 */
export async function followCommunityIds(trx: Kysely<DB>, table: keyof DB & string, move: OrgMove, unless?: RawBuilder<boolean>) {
  await sql`UPDATE ${sql.table(table)} t SET community_id = c.id
    FROM org_unit c
    WHERE t.org_path LIKE ${`${move.to}%`} AND c.kind = 'community' AND c.dissolved_at IS NULL
      AND t.org_path LIKE c.path || '%' AND t.community_id <> c.id
      ${unless ? sql`AND NOT (${unless})` : sql``}`.execute(trx);
}
