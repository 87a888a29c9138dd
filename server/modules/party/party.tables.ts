import type { ColumnType, Generated } from 'kysely';
import type { SecretaryKind } from '../../database.js';

export type TransferKind = 'in' | 'move' | 'out';

/** 组织关系转接: one row per transfer of a party member (migration 0053). */
export interface PartyMemberTransferTable {
  id: Generated<number>;
  member_id: number;
  kind: TransferKind;
  from_party_org_id: number | null;
  to_party_org_id: number | null;
  /** Where from (kind 'in') or where to (kind 'out'), as the transfer letter names it. */
  place_text: string | null;
  transferred_on: ColumnType<string, string, string>;
  account_id: number | null;
  org_path: string;
  county_code: string;
  created_at: Generated<Date>;
}

/** Secretary appointments of a party org; the open one (ended_at null) is the current secretary. */
export interface PartySecretaryAppointmentTable {
  id: Generated<number>;
  party_org_id: number;
  member_id: number;
  secretary_kind: SecretaryKind;
  appointed_at: Date;
  ended_at: Date | null;
  account_id: number | null;
  org_path: string;
  county_code: string;
}

/** Tables of party-tree upkeep added after the foundation; DB extends this. */
export interface PartyTables {
  party_member_transfer: PartyMemberTransferTable;
  party_secretary_appointment: PartySecretaryAppointmentTable;
}
