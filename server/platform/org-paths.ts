import type { Kysely } from 'kysely';
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
