import type { ColumnType, Generated } from 'kysely';

type DateOrNull = ColumnType<Date | null, Date | null | undefined, Date | null>;
type DayOrNull = ColumnType<string | null, string | null | undefined, string | null>;
type IdOrNull = ColumnType<number | null, number | null | undefined, number | null>;
type TextOrNull = ColumnType<string | null, string | null | undefined, string | null>;

export type GigPartyOrgKind = 'independent' | 'joint'; // 独立建 / 联合建

/** A party organisation built for the groups (migration 0103). */
export interface GigPartyOrgTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  kind: GigPartyOrgKind;
  founded_on: ColumnType<string, string, string>;
  created_by: IdOrNull;
  created_at: Generated<Date>;
  dissolved_at: DateOrNull;
  dissolved_by: IdOrNull; // who dissolved it and why (migration 0136)
  dissolve_reason: TextOrNull;
}

/** A station an organisation covers (migration 0103). */
export interface GigPartyOrgStationTable {
  party_org_id: number;
  station_id: number;
  org_path: string;
  county_code: string;
}

/** 党建指导员 sent to an organisation (migration 0103). */
export interface GigInstructorTable {
  id: Generated<number>;
  party_org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  sent_by: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  sent_on: ColumnType<string, string, string>;
  ended_on: DayOrNull;
  ended_by: IdOrNull; // who ended the posting and why (migration 0136)
  end_reason: TextOrNull;
  created_by: IdOrNull;
  created_at: Generated<Date>;
}

export interface RegisterTables {
  gig_party_org: GigPartyOrgTable;
  gig_party_org_station: GigPartyOrgStationTable;
  gig_instructor: GigInstructorTable;
}
