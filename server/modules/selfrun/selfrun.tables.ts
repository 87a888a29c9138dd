import type { ColumnType, Generated } from 'kysely';
import type { SelfrunCompoundsTables } from './compounds.tables.js';
import type { SelfrunStepsTables } from './steps.tables.js';
import type { SelfrunVotesTables } from './votes.tables.js';
import type { SelfrunAccountTables } from './ledger.tables.js';
import type { SelfrunHandoverTables } from './handover.tables.js';

type DateOrNull = ColumnType<Date | null, Date | null | undefined, Date | null>;
type IdOrNull = ColumnType<number | null, number | null | undefined, number | null>;

/** 居民自办 / 单位自管 / 无人管理; 'company' is derived from a live property_contract, never stored. */
export type StoredCompoundMode = 'self_run' | 'unit_managed' | 'none';
export type CompoundMode = StoredCompoundMode | 'company';

/** A compound's recorded management mode (migration 0090). */
export interface CompoundProfileTable {
  compound_id: number;
  org_path: string;
  county_code: string;
  mode: StoredCompoundMode;
  mode_since: ColumnType<string, string, string>;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** 专有部分 with its floor area; numeric comes back as a string (migration 0090). */
export interface OwnedUnitTable {
  id: Generated<number>;
  compound_id: number;
  household_id: number | null;
  org_path: string;
  county_code: string;
  label: string;
  area_m2: ColumnType<string, string | number, string | number>;
  developer_unsold: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
  removed_at: DateOrNull;
}

/** 业主 of a unit; owner_key (ID hash or 'developer') makes one person one head across units. */
export interface UnitOwnerTable {
  id: Generated<number>;
  owned_unit_id: number;
  compound_id: number;
  org_path: string;
  county_code: string;
  owner_key: string;
  resident_id: IdOrNull;
  name: string;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_mask: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  since: ColumnType<string | null, string | null | undefined, string | null>;
  ended_at: DateOrNull;
}

export type Committee = 'owners' | 'management'; // 业委会 / 物管会
export type CommitteeMemberKind = 'street' | 'residents_committee' | 'housing_department' | 'owner';
export type CommitteeRole = 'chair' | 'vice_chair' | 'member';

export interface CommitteeMemberTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  committee: Committee;
  member_kind: CommitteeMemberKind;
  role: CommitteeRole;
  resident_id: IdOrNull;
  name: string;
  term_from: ColumnType<string, string, string>;
  term_to: ColumnType<string, string, string>;
  left_at: DateOrNull;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** The ten steps, in order; 'done' after 服务评定. */
export const SELFRUN_STEPS = ['motion', 'consultation', 'vote', 'vote_notice', 'filing', 'open_account',
  'finance_rules', 'service_agreement', 'disclosure', 'service_review', 'done'] as const;
export type SelfrunStep = (typeof SELFRUN_STEPS)[number];

export interface SelfrunProcessTable {
  compound_id: number;
  org_path: string;
  county_code: string;
  step: SelfrunStep;
  started_by: number | null;
  started_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type OwnerVoteStatus = 'draft' | 'announced' | 'open' | 'closed' | 'published' | 'cancelled';

export interface OwnerVoteTable {
  id: Generated<number>;
  compound_id: number;
  org_path: string;
  county_code: string;
  title: string;
  status: ColumnType<OwnerVoteStatus, OwnerVoteStatus | undefined, OwnerVoteStatus>;
  announced_at: DateOrNull;
  opens_at: Date;
  closes_at: Date;
  closed_at: DateOrNull;
  published_at: DateOrNull;
  created_by: number | null;
  created_at: Generated<Date>;
  cancel_reason: ColumnType<string | null, string | null | undefined, string | null>; // 0095
  chain_head: ColumnType<string | null, string | null | undefined, string | null>; // 0095
  total_area: ColumnType<string | null, number | string | null | undefined, number | string | null>; // 0095
  total_owners: ColumnType<number | null, number | null | undefined, number | null>; // 0095
  count_base: ColumnType<unknown, string | null | undefined, string | null>; // 0095: the units counted at the close
  notice_posted_on: ColumnType<string | null, string | null | undefined, string | null>; // 0099: 纸质公告张贴日 (China day)
  notice_photo_id: IdOrNull; // 0099: photo of the posted paper notice
}

export type MatterKind = 'special' | 'ordinary';
export type MatterPurpose = 'self_run' | 'maintenance_fund' | 'committee' | 'other';

export interface OwnerVoteMatterTable {
  id: Generated<number>;
  vote_id: number;
  seq: number;
  title: string;
  kind: MatterKind;
  purpose: ColumnType<MatterPurpose, MatterPurpose | undefined, MatterPurpose>;
  passed: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  result: ColumnType<unknown, string | null | undefined, string | null>; // 0095: the four figures and reasons
}

/** The selfrun module's tables; DB extends this. */
export interface SelfrunTables extends SelfrunCompoundsTables, SelfrunStepsTables, SelfrunVotesTables, SelfrunAccountTables, SelfrunHandoverTables {
  compound_profile: CompoundProfileTable;
  owned_unit: OwnedUnitTable;
  unit_owner: UnitOwnerTable;
  committee_member: CommitteeMemberTable;
  selfrun_process: SelfrunProcessTable;
  owner_vote: OwnerVoteTable;
  owner_vote_matter: OwnerVoteMatterTable;
}
