import type { ColumnType, Generated } from 'kysely';
import type { OrgImportJobTable } from './modules/org/import/import-job.repository.js';

/**
 * The Kysely view of every table. Each module owns its tables (its migrations folder);
 * this file only puts their row types side by side so one Kysely instance can query them.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined | null, string | null>;

export type Role =
  | 'city_admin'
  | 'county_admin'
  | 'street_admin'
  | 'community_secretary'
  | 'community_worker'
  | 'grid_worker'
  | 'department'
  | 'property_company'
  | 'party_member'
  | 'resident';

export interface AccountTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  display_name: string;
  role: Role;
  scope_org_id: number;
  scope_path: string;
  county_code: string;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled: Generated<boolean>;
  password_changed_at: Timestamp;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  account_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  account_id: number | null;
  username: string | null;
  role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  org_path: string;
  county_code: string;
  before: Json;
  after: Json;
  reason: string | null;
  ip: string | null;
}

export type OrgKind = 'city' | 'county' | 'street' | 'community' | 'grid' | 'building' | 'unit';
export type GridType = 'enclosed' | 'scattered' | 'business';

export interface OrgUnitTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: OrgKind;
  code: string;
  name: string;
  path: string;
  depth: number;
  county_code: string;
  grid_type: GridType | null;
  geometry: Json;
  created_at: Timestamp;
  dissolved_at: Date | null;
}

export interface OrgEventTable {
  id: Generated<number>;
  org_id: number;
  kind: 'create' | 'rename' | 'move' | 'merge' | 'split' | 'dissolve';
  at: Timestamp;
  account_id: number | null;
  org_path: string;
  county_code: string;
  detail: Json;
}

export interface HouseholdTable {
  id: Generated<number>;
  unit_id: number;
  org_path: string;
  county_code: string;
  room: string;
  address: string;
  area_m2: number | null;
  kind: Generated<'residence' | 'merchant' | 'vacant'>;
  created_at: Timestamp;
}

export interface ResidentTable {
  id: Generated<number>;
  household_id: number | null;
  org_path: string;
  county_code: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: ColumnType<string, string, string>;
  relation: Generated<'head' | 'spouse' | 'child' | 'parent' | 'member' | 'tenant'>;
  id_number_enc: string;
  id_number_hash: string;
  id_number_mask: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  created_at: Timestamp;
  moved_out_at: Date | null;
}

export interface ResidenceHistoryTable {
  id: Generated<number>;
  resident_id: number;
  household_id: number | null;
  org_path: string;
  county_code: string;
  from_at: Timestamp;
  to_at: Date | null;
}

export interface MerchantTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  business: string;
  address: string;
  contact_name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  created_at: Timestamp;
}

export interface StaffTable {
  id: Generated<number>;
  resident_id: number | null;
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  post: 'grid_worker' | 'community_worker' | 'graduate_assistant' | 'community_secretary';
  post_type: 'leader' | 'deputy' | 'worker' | null;
  grade: number | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  created_at: Timestamp;
}

export type PartyOrgKind = 'committee' | 'branch' | 'group' | 'member_household';
export type SecretaryKind = 'retired' | 'resident' | 'dual_post' | 'professional' | 'graduate';
export type MemberKind = 'resident' | 'retired' | 'in_service' | 'student' | 'worker';

export interface PartyOrgTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: PartyOrgKind;
  name: string;
  org_id: number;
  household_id: number | null;
  org_path: string;
  county_code: string;
  secretary_member_id: number | null;
  secretary_kind: SecretaryKind | null;
  created_at: Timestamp;
}

export interface PartyMemberTable {
  id: Generated<number>;
  resident_id: number;
  party_org_id: number;
  org_path: string;
  county_code: string;
  member_kind: MemberKind;
  joined_on: ColumnType<string, string, string>;
  created_at: Timestamp;
}

export interface DB {
  account: AccountTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  org_unit: OrgUnitTable;
  org_event: OrgEventTable;
  household: HouseholdTable;
  resident: ResidentTable;
  residence_history: ResidenceHistoryTable;
  merchant: MerchantTable;
  staff: StaffTable;
  party_org: PartyOrgTable;
  party_member: PartyMemberTable;
  org_import_job: OrgImportJobTable;
  schema_migration: { name: string; checksum: string; applied_at: Timestamp };
}

/**
 * Tables whose rows carry the org path of the place they belong to. When a subtree moves,
 * all of these are rewritten in the same transaction (see org/move-org-unit.ts).
 * The audit log is left alone on purpose: it records where things were at the time.
 */
export const ORG_PATH_TABLES = [
  'household',
  'resident',
  'residence_history',
  'merchant',
  'staff',
  'party_org',
  'party_member',
  'org_event',
] as const;
