import type { ColumnType, Generated } from 'kysely';

type DateOrNull = ColumnType<Date | null, Date | null | undefined, Date | null>;

export type BallotChoice = 'agree' | 'disagree' | 'abstain';
export type BallotChannel = 'phone' | 'proxy' | 'paper';

/** 书面委托 for one unit in one vote (migration 0095). */
export interface OwnerVoteProxyTable {
  id: Generated<number>;
  vote_id: number;
  owned_unit_id: number;
  proxy_resident_id: number;
  proxy_name: string;
  photo_id: number;
  created_by: number;
  created_at: ColumnType<Date, Date | undefined, Date>;
  revoked_at: DateOrNull;
  revoked_by: ColumnType<number | null, number | null | undefined, number | null>; // 0100
  revoke_reason: ColumnType<string | null, string | null | undefined, string | null>; // 0100
}

/** The standing ballot of a unit on a matter (migration 0095). */
export interface OwnerBallotTable {
  id: Generated<number>;
  vote_id: number;
  matter_id: number;
  owned_unit_id: number;
  choice: BallotChoice;
  channel: BallotChannel;
  cast_by: number | null;
  version: ColumnType<number, number | undefined, number>;
  cast_at: Date;
}

export type PaperBallotStatus = 'pending' | 'confirmed' | 'discarded';

/** 纸质选票 awaiting or past its second pair of eyes (migration 0095). */
export interface OwnerPaperBallotTable {
  id: Generated<number>;
  vote_id: number;
  owned_unit_id: number;
  choices: ColumnType<Record<string, BallotChoice>, string, string>;
  status: ColumnType<PaperBallotStatus, PaperBallotStatus | undefined, PaperBallotStatus>;
  entered_by: number;
  entered_at: Date;
  confirmed_by: number | null;
  confirmed_at: DateOrNull;
}

/** One link of a vote's hash chain (migration 0095). */
export interface OwnerBallotChainTable {
  vote_id: number;
  seq: number;
  content: string;
  prev_hash: string;
  hash: string;
  at: Date;
}

export interface SelfrunVotesTables {
  owner_vote_proxy: OwnerVoteProxyTable;
  owner_ballot: OwnerBallotTable;
  owner_paper_ballot: OwnerPaperBallotTable;
  owner_ballot_chain: OwnerBallotChainTable;
}
