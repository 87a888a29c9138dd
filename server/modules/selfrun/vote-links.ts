import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { chinaDay } from '../../platform/clock.js';
import type { VoteCounts } from './owners-vote.js';
import type { MatterKind, MatterPurpose, OwnerVoteStatus } from './selfrun.tables.js';

/**
 * The owners' votes as other modules act on them (a maintenance-fund repair, issue 14): a matter
 * with its vote, and the four figures its close counted. Read-only, and no ballots or owners: the
 * caller gets what the published result shows. The caller checks its own rules (same compound,
 * kind, passed) against these facts.
 */
type Q = Kysely<DB> | Transaction<DB>;

export interface CountedMatter {
  matterId: number;
  voteId: number;
  compoundId: number;
  voteTitle: string;
  matterTitle: string;
  kind: MatterKind;
  purpose: MatterPurpose;
  voteStatus: OwnerVoteStatus;
  /** Counted: the vote closed (and may since be published); until then passed and counts are null. */
  counted: boolean;
  passed: boolean | null;
  failures: string[];
  /** The China day the vote closed. */
  closedOn: string | null;
  /** The figures as counted at the close, areas in m² (the close counts in hundredths). */
  counts: VoteCounts | null;
}

const COUNTED: readonly OwnerVoteStatus[] = ['closed', 'published'];

function base(db: Q) {
  return db.selectFrom('owner_vote_matter as m').innerJoin('owner_vote as v', 'v.id', 'm.vote_id')
    .select(['m.id', 'm.vote_id', 'v.compound_id', 'v.title as vote_title', 'm.title', 'm.kind', 'm.purpose', 'v.status', 'm.passed', 'm.result', 'v.closed_at']);
}
type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function out(r: Row): CountedMatter {
  const counted = COUNTED.includes(r.status) && r.passed != null;
  const res = (typeof r.result === 'string' ? JSON.parse(r.result) : r.result) as { counts: VoteCounts; failures: string[] } | null;
  const m2 = (cents: number) => Math.round(cents) / 100;
  return {
    matterId: r.id, voteId: r.vote_id, compoundId: r.compound_id, voteTitle: r.vote_title, matterTitle: r.title, kind: r.kind, purpose: r.purpose,
    voteStatus: r.status, counted, passed: counted ? r.passed : null, failures: counted ? res?.failures ?? [] : [],
    closedOn: r.closed_at ? chinaDay(r.closed_at) : null,
    counts: counted && res ? {
      totalArea: m2(res.counts.totalArea), totalOwners: res.counts.totalOwners, participatingArea: m2(res.counts.participatingArea),
      participatingOwners: res.counts.participatingOwners, agreeingArea: m2(res.counts.agreeingArea), agreeingOwners: res.counts.agreeingOwners,
    } : null,
  };
}

/** One matter with its vote and counted figures, or null. */
export async function votedMatter(db: Q, matterId: number): Promise<CountedMatter | null> {
  const r = await base(db).where('m.id', '=', matterId).executeTakeFirst();
  return r ? out(r) : null;
}

/** The counted matters of a compound's votes (closed or published), newest vote first; at most 100. */
export async function countedMatters(db: Q, compoundId: number, purpose?: MatterPurpose): Promise<CountedMatter[]> {
  const rows = await base(db).where('v.compound_id', '=', compoundId).where('v.status', 'in', COUNTED)
    .$if(!!purpose, (q) => q.where('m.purpose', '=', purpose!))
    .orderBy('v.closed_at', 'desc').orderBy('v.id', 'desc').orderBy('m.seq').limit(100).execute();
  return rows.map(out);
}
