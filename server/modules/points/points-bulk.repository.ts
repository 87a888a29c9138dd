import { sql, type Kysely } from 'kysely';
import type { DB, PointsEntryKind, PointsHolderKind } from '../../database.js';
import { entryHash, GENESIS_HASH, type HashedFields } from './points-ledger.repository.js';

/**
 * Bulk loading of ledger entries for the demo seed and the benchmark: rows are chained with the
 * same hash as `appendEntries` and streamed with COPY; balances and chain heads are then derived
 * from the entries in SQL. Only for loading a fresh ledger — the application appends through
 * `appendEntries`.
 */
export const ENTRY_COPY_COLUMNS = [
  'id', 'community_id', 'seq', 'org_path', 'county_code', 'holder_kind', 'holder_id', 'amount', 'kind', 'month', 'rule_item_id',
  'record_id', 'order_id', 'reverses_id', 'note', 'created_by', 'created_at', 'prev_hash', 'hash',
];

export interface BulkEntry {
  holderKind: PointsHolderKind;
  holderId: number;
  orgPath: string;
  amount: number;
  kind: Exclude<PointsEntryKind, 'reversal'>;
  month: string;
  ruleItemId?: number | null;
  recordId?: number | null;
  note?: string;
  createdBy?: number | null;
  at: Date;
}

/** One community's chain while it is being written: entries must come in time order. */
export class ChainWriter {
  seq = 0;
  prev = GENESIS_HASH;
  constructor(readonly communityId: number, readonly countyCode: string) {}

  row(id: number, e: BulkEntry): unknown[] {
    this.seq += 1;
    const f: HashedFields = {
      community_id: this.communityId, seq: this.seq, holder_kind: e.holderKind, holder_id: e.holderId, amount: e.amount, kind: e.kind,
      month: e.month, rule_item_id: e.ruleItemId ?? null, record_id: e.recordId ?? null, order_id: null, reverses_id: null,
      note: e.note ?? '', created_by: e.createdBy ?? null, created_at: e.at, county_code: this.countyCode,
    };
    const hash = entryHash(this.prev, f);
    const out = [
      id, f.community_id, f.seq, e.orgPath, f.county_code, f.holder_kind, f.holder_id, f.amount, f.kind, f.month, f.rule_item_id,
      f.record_id, null, null, f.note, f.created_by, e.at.toISOString(), this.prev, hash,
    ];
    this.prev = hash;
    return out;
  }
}

/** Chain heads, then balances and scores summed from the entries of the given communities. */
export async function finishBulkLoad(db: Kysely<DB>, chains: readonly ChainWriter[]) {
  const used = chains.filter((c) => c.seq > 0);
  if (!used.length) return;
  for (let i = 0; i < used.length; i += 500) {
    await db.insertInto('points_chain').values(used.slice(i, i + 500).map((c) => ({
      community_id: c.communityId, county_code: c.countyCode, last_seq: c.seq, last_hash: c.prev,
    }))).execute();
  }
  const ids = used.map((c) => c.communityId);
  await sql`
    INSERT INTO points_balance (holder_kind, holder_id, community_id, org_path, county_code, balance, score, updated_at)
    SELECT holder_kind, holder_id, min(community_id), min(org_path), min(county_code), sum(amount)::int,
           coalesce(sum(amount) FILTER (WHERE kind IN ('base','deed','penalty','volunteer')), 0)::int, max(created_at)
    FROM points_entry WHERE community_id IN (${sql.join(ids)})
    GROUP BY holder_kind, holder_id`.execute(db);
  await sql`SELECT setval(pg_get_serial_sequence('points_entry', 'id'), (SELECT max(id) FROM points_entry))`.execute(db);
}
