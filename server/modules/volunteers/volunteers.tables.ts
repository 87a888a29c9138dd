import type { ColumnType, Generated } from 'kysely';

export type VolunteerOrgKind = 'community_team' | 'unit_team' | 'social_org' | 'other';

/** A volunteer organisation (志愿服务组织), registered with a community, street or county (migration 0067). */
export interface VolunteerOrgTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  kind: VolunteerOrgKind;
  /** A work unit's own team. */
  work_unit_id: number | null;
  contact_name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  created_at: Generated<Date>;
  dissolved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A registered volunteer (注册志愿者), linked to the resident they are when they are one (migration 0067). */
export interface VolunteerTable {
  id: Generated<number>;
  resident_id: number | null;
  account_id: number | null;
  /** The community they registered in. */
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  created_at: Generated<Date>;
  /** Net confirmed hours, changed only with an hour entry (migration 0069). */
  total_hours: ColumnType<number, number | undefined, number>;
  total_points: Generated<number>;
}

export interface VolunteerMembershipTable {
  volunteer_id: number;
  volunteer_org_id: number;
  joined_at: Generated<Date>;
}

/** A service project of an organisation (migration 0069). */
export interface VolunteerProjectTable {
  id: Generated<number>;
  volunteer_org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  description: Generated<string>;
  created_by: number | null;
  created_at: Generated<Date>;
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type VolunteerActivityStatus = 'open' | 'confirmed' | 'cancelled';

/** An activity of a project, at a place and a time (migration 0069). */
export interface VolunteerActivityTable {
  id: Generated<number>;
  project_id: number;
  volunteer_org_id: number;
  place_id: number;
  org_path: string;
  county_code: string;
  title: string;
  address: Generated<string>;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  signed_up: Generated<number>;
  served: Generated<number>;
  /** Net confirmed hours of all its volunteers (migration 0069). */
  hours_total: ColumnType<number, number | undefined, number>;
  status: Generated<VolunteerActivityStatus>;
  confirmed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  confirmed_by: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface VolunteerSignupTable {
  id: Generated<number>;
  activity_id: number;
  volunteer_id: number;
  starts_at: Date;
  ends_at: Date;
  status: Generated<'signed' | 'cancelled'>;
  signed_at: Date;
  checkin_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  checkout_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  checkin_client_id: ColumnType<string | null, string | null | undefined, string | null>;
  checkout_client_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type VolunteerHourKind = 'confirm' | 'reversal' | 'correction';

/** Append-only hour entries (migration 0069). */
export interface VolunteerHourEntryTable {
  id: Generated<number>;
  volunteer_id: number;
  activity_id: number;
  kind: VolunteerHourKind;
  basis: 'scan' | 'organiser';
  hours: ColumnType<number, number, never>;
  reverses_id: number | null;
  reason: string | null;
  occurred_on: ColumnType<string, string, never>;
  org_path: string;
  county_code: string;
  points: Generated<number>;
  points_record_id: number | null;
  created_by: number | null;
  created_at: Date;
}

/** The volunteers module's tables; DB extends this. */
export interface VolunteersTables {
  volunteer_org: VolunteerOrgTable;
  volunteer: VolunteerTable;
  volunteer_membership: VolunteerMembershipTable;
  volunteer_project: VolunteerProjectTable;
  volunteer_activity: VolunteerActivityTable;
  volunteer_signup: VolunteerSignupTable;
  volunteer_hour_entry: VolunteerHourEntryTable;
}
