import { sql } from 'kysely';
import { followCommunityIds, type OrgPathModule } from '../../platform/org-paths.js';

/**
 * How points follow an org move (docs/adr/0006-ledgers-follow-org-moves.md): ledger entries are
 * never changed — they stay in the chain (community and county) they were recorded in, only
 * their org_path follows for scope. What belongs to the holder today follows the holder: the
 * balance cache and records not yet reviewed move to the community the holder now lives in,
 * whose chain takes the holder's next entries.
 */
export const ORG_PATHS: OrgPathModule = {
  module: 'points',
  tables: [
    { table: 'points_entry', onMove: 'county_recorded' },
    { table: 'points_balance' },
    { table: 'points_rule_set' },
    { table: 'points_rule_item' },
    { table: 'points_record' },
    { table: 'points_month' },
    { table: 'points_notice_row' },
    { table: 'points_objection' },
    { table: 'points_head' },
  ],
  async afterMove(trx, move) {
    // The community of a path is the live community whose path prefixes it; records already
    // reviewed stay in the month and community that reviewed them.
    await followCommunityIds(trx, 'points_balance', move);
    await followCommunityIds(trx, 'points_record', move, sql<boolean>`t.status <> 'pending'`);
  },
};
