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
}

export interface VolunteerMembershipTable {
  volunteer_id: number;
  volunteer_org_id: number;
  joined_at: Generated<Date>;
}

/** The volunteers module's tables; DB extends this. */
export interface VolunteersTables {
  volunteer_org: VolunteerOrgTable;
  volunteer: VolunteerTable;
  volunteer_membership: VolunteerMembershipTable;
}
