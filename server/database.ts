import type { ColumnType, Generated } from 'kysely';
import type { OrgImportJobTable } from './modules/org/import/import.tables.js';
import type { WorkforceTables } from './modules/workforce/workforce.tables.js';
import type { AccountsTables } from './modules/accounts/accounts.tables.js';
import type { PhoneLoginTables } from './modules/accounts/phone-login.tables.js';
import type { PartyTables } from './modules/party/party.tables.js';
import type { GridTasksTables } from './modules/gridtasks/gridtasks.tables.js';
import type { LeadersTables } from './modules/leaders/leaders.tables.js';
import type { PointsTables } from './modules/points/points.tables.js';
import type { VisitsTables } from './modules/demands/visits.tables.js';
import type { CobuildTables } from './modules/cobuild/cobuild.tables.js';
import type { VolunteersTables } from './modules/volunteers/volunteers.tables.js';
import type { PropertyTables } from './modules/property/property.tables.js';
import type { SelfrunTables } from './modules/selfrun/selfrun.tables.js';
import type { WishesTables } from './modules/wishes/wishes.tables.js';
import type { CampaignsTables } from './modules/campaigns/campaigns.tables.js';
import type { NewgroupsTables } from './modules/newgroups/newgroups.tables.js';
import type { VenuesTables } from './modules/venues/venues.tables.js';
import type { SupervisionTables } from './modules/supervision/supervision.tables.js';
import type { StatsTables } from './modules/stats/stats.tables.js';

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
  | 'resident'
  | 'merchant' // 商户: stands for a merchant (account.merchant_id), holds its points
  | 'work_unit' // 单位管理员: acts for one work unit (account.work_unit_id) — its pairings, members, evaluation
  | 'volunteer_org' // 志愿组织管理员: runs one volunteer organisation (account.volunteer_org_id)
  | 'gig_worker'; // 新就业群体: a courier, rider or driver (account.gig_worker_id) — pass, service points, road reports

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
  department_id: number | null;
  resident_id: number | null;
  /** Set for new and reset accounts: every call but me/password/logout answers PASSWORD_CHANGE_REQUIRED. */
  must_change_password: Generated<boolean>;
  /** Staff accounts (community secretary/worker, grid worker): the staff record they stand for. */
  staff_id: number | null;
  /** Merchant accounts: the merchant they stand for (its points and redemptions). */
  merchant_id: number | null;
  /** Work unit admins: the unit they act for (migration 0068). */
  work_unit_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Volunteer organisation admins: the organisation they run (migration 0068). */
  volunteer_org_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Property company accounts: the company they stand for (migration 0079); their place scope is unchanged by it. */
  property_company_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Gig worker accounts (couriers, riders, drivers): the worker they are (migration 0098). */
  gig_worker_id: ColumnType<number | null, number | null | undefined, number | null>;
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
  /** Sealed, keyed hash and mask of the ID number, when known (staff import, migration 0059). */
  id_number_enc: ColumnType<string | null, string | null | undefined, string | null>;
  id_number_hash: ColumnType<string | null, string | null | undefined, string | null>;
  id_number_mask: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  /** The day the person left the post (离岗); the record is kept. Workforce module, migration 0047. */
  left_on: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type PartyOrgKind = 'committee' | 'branch' | 'group' | 'member_household';
export type SecretaryKind = 'retired' | 'resident' | 'dual_post' | 'professional' | 'graduate';
export type MemberKind = 'resident' | 'retired' | 'in_service' | 'student' | 'worker' | 'community_worker';

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
  /** Set when the party org is dissolved; dissolved orgs leave the tree but keep their history. */
  dissolved_at: Date | null;
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
  /** Set when the member transferred out of the system; the row stays for the history. */
  left_at: Date | null;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  run_at: Date;
  payload: Json;
  dedupe_key: string | null;
  county_code: string;
  status: Generated<'pending' | 'done' | 'failed' | 'cancelled'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  done_at: Date | null;
}

export interface NotificationTable {
  id: Generated<number>;
  account_id: number | null;
  channel: 'inbox' | 'sms';
  recipient: string | null;
  title: string;
  body: string;
  link: string | null;
  org_path: string;
  county_code: string;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface WorkCalendarTable {
  day: ColumnType<string, string, string>;
  workday: boolean;
  note: string | null;
}

export interface DemandCategoryTable {
  code: string;
  name: string;
  limit_kind: 'hours' | 'working_days';
  limit_value: number;
  warn_before_hours: Generated<number>;
  sort: Generated<number>;
  attributes: Json;
}

export interface DepartmentTable {
  id: Generated<number>;
  name: string;
  org_id: number;
  org_path: string;
  county_code: string;
  created_at: Timestamp;
}

export type DemandChannel = 'resident' | 'visit' | 'walk_in' | 'hotline' | 'leader_visit' | 'open311' | 'rider'; // rider: 骑手路面上报 (newgroups, migration 0107)
export type DemandTier = 'spot' | 'community' | 'meeting' | 'street';
export type DemandRating = 'satisfied' | 'basic' | 'unsatisfied';

export interface DemandTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  household_id: number | null;
  channel: DemandChannel;
  category_code: string;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  photos: Json;
  reporter_account_id: number | null;
  reporter_name: string | null;
  reporter_phone_enc: string | null;
  reporter_phone_hash: string | null;
  reporter_phone_mask: string | null;
  state: Generated<string>;
  tier: Generated<DemandTier>;
  handler_account_id: number | null;
  due_at: Date;
  overdue_at: Date | null;
  merged_into_id: number | null;
  me_too_count: Generated<number>;
  reopen_count: Generated<number>;
  rating: DemandRating | null;
  client_id: string | null;
  created_at: Date;
  responded_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
}

export interface DemandEventTable {
  id: Generated<number>;
  demand_id: number;
  at: Date;
  account_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  attachments: Json;
  detail: Json;
  org_path: string;
  county_code: string;
}

export interface DemandDispatchTable {
  id: Generated<number>;
  demand_id: number;
  department_id: number;
  state: Generated<'dispatched' | 'accepted' | 'resolved' | 'returned'>;
  org_path: string;
  county_code: string;
  created_at: Date;
  report_due_at: Date;
  accepted_at: Date | null;
  resolved_at: Date | null;
  returned_at: Date | null;
  return_reason: string | null;
}

export interface DemandMeTooTable {
  demand_id: number;
  account_id: number;
  at: Date;
}

/** A calendar day; queries read these columns as `::text` (YYYY-MM-DD), never as a JS Date. */
type DateColumn = ColumnType<string, string | undefined, string>;

export interface GridTaskTypeTable {
  id: Generated<number>;
  county_code: string;
  org_id: number;
  org_path: string;
  code: string;
  name: string;
  description: Generated<string>;
  source_department: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface GridTaskTable {
  id: Generated<number>;
  type_id: number;
  type_code: string;
  title: string;
  detail: Generated<string>;
  org_id: number;
  org_path: string;
  county_code: string;
  assigned_by: number;
  from_department: string | null;
  due_on: DateColumn | null;
  status: Generated<'open' | 'done'>;
  created_at: Timestamp;
  done_at: Date | null;
  done_by: number | null;
  done_note: string | null;
}

export type GridTaskRefusalReason = 'NOT_ON_LIST' | 'TYPE_INACTIVE';

export interface GridTaskRefusalTable {
  id: Generated<number>;
  at: Timestamp;
  account_id: number;
  username: string;
  role: string;
  display_name: string;
  from_department: string | null;
  org_id: number;
  org_path: string;
  county_code: string;
  requested_code: string | null;
  requested_title: string;
  reason: GridTaskRefusalReason;
}

export type LeaderLevel = 'city' | 'county' | 'township' | 'community';

export interface LeaderTable {
  id: Generated<number>;
  name: string;
  level: LeaderLevel;
  title: string;
  work_unit: Generated<string>;
  account_id: number | null;
  org_id: number;
  org_path: string;
  county_code: string;
  created_at: Timestamp;
}

export interface LeaderLinkTable {
  id: Generated<number>;
  leader_id: number;
  org_id: number;
  org_path: string;
  county_code: string;
  since: DateColumn;
  until: DateColumn | null;
  created_at: Timestamp;
}

export interface LeaderVisitTable {
  id: Generated<number>;
  leader_id: number;
  org_id: number;
  org_path: string;
  county_code: string;
  visited_on: DateColumn;
  summary: string;
  recorded_by: number;
  created_at: Timestamp;
}

export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  key_prefix: string;
  account_id: number;
  org_id: number;
  org_path: string;
  county_code: string;
  created_at: Timestamp;
  revoked_at: Date | null;
}

export interface DemandMeetingTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  county_code: string;
  held_on: ColumnType<string, string, string>;
  title: string;
  created_by: number;
  created_at: Date;
}

export interface DemandMeetingItemTable {
  meeting_id: number;
  demand_id: number;
  decision: string | null;
  outcome: 'community' | 'escalate' | null;
  decided_at: Date | null;
}

/** Daily rollup of the demand rates (migration 0013); maintained by a trigger on demand. */
export interface DemandDailyStatTable {
  day: ColumnType<string, string, string>;
  org_id: number;
  org_path: string;
  county_code: string;
  received: number;
  responded: number;
  on_spot: number;
  resolved: number;
  rated: number;
  satisfied: number;
  closed: number;
  /** numeric: read as a string. */
  close_seconds: ColumnType<string, string | number, string | number>;
}

/** Open demands by creation day and CST due day (migration 0013): overdue without a full count. */
export interface DemandOpenStatTable {
  day: ColumnType<string, string, string>;
  due_day: ColumnType<string, string, string>;
  org_id: number;
  org_path: string;
  county_code: string;
  open: number;
}

export interface DemandExtensionTable {
  id: Generated<number>;
  demand_id: number;
  days: number;
  reason: string;
  state: Generated<'requested' | 'approved' | 'rejected'>;
  requested_by: number;
  requested_at: Date;
  decided_by: number | null;
  decided_at: Date | null;
  decision_note: string | null;
  due_before: Date;
  due_after: Date | null;
  org_path: string;
  county_code: string;
}

// ---- points (积分): the ledger core; rules, records, months and the supermarket add theirs below.
export type PointsHolderKind = 'household' | 'merchant';
export type PointsEntryKind = 'base' | 'deed' | 'penalty' | 'volunteer' | 'redeem' | 'refund' | 'reversal';

export interface PointsChainTable {
  community_id: number;
  county_code: string;
  last_seq: number;
  last_hash: string;
}

export interface PointsEntryTable {
  id: Generated<number>;
  community_id: number;
  seq: number;
  org_path: string;
  county_code: string;
  holder_kind: PointsHolderKind;
  holder_id: number;
  amount: number;
  kind: PointsEntryKind;
  month: string;
  rule_item_id: number | null;
  record_id: number | null;
  order_id: number | null;
  reverses_id: number | null;
  note: string;
  created_by: number | null;
  created_at: Date;
  prev_hash: string;
  hash: string;
}

export interface PointsBalanceTable {
  holder_kind: PointsHolderKind;
  holder_id: number;
  community_id: number;
  org_path: string;
  county_code: string;
  balance: number;
  score: number;
  updated_at: Date;
}

export type PointsMonthStatus = 'open' | 'closed' | 'settled';

export interface PointsRuleSetTable {
  community_id: number;
  org_path: string;
  county_code: string;
  base_household: number;
  base_merchant: number;
  objection_days: number;
  customized: Generated<boolean>;
  /** Base points buy goods (migration 0058); off by default. */
  base_redeemable: Generated<boolean>;
  updated_by: number | null;
  updated_at: Date;
}

export interface PointsRuleItemTable {
  id: Generated<number>;
  community_id: number | null;
  org_path: Generated<string>;
  county_code: Generated<string>;
  code: string;
  version: number;
  name: string;
  direction: 'positive' | 'negative';
  category: string;
  points: number;
  unit: 'times' | 'hours';
  monthly_cap: number | null;
  evidence_required: boolean;
  recorder_roles: ColumnType<Role[], string, string>;
  active: Generated<boolean>;
  sort: Generated<number>;
  valid_from: Date;
  valid_to: Date | null;
  created_by: number | null;
}

export interface PointsRecordTable {
  id: Generated<number>;
  community_id: number;
  org_path: string;
  county_code: string;
  holder_kind: PointsHolderKind;
  holder_id: number;
  item_id: number;
  quantity: number;
  points: number;
  occurred_on: ColumnType<string, string, string>;
  month: string;
  note: Generated<string>;
  photo_ids: ColumnType<number[], string | undefined, string>;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  source: Generated<'record' | 'volunteer'>;
  recorded_by: number | null;
  recorded_at: Date;
  reviewed_by: number | null;
  reviewed_at: Date | null;
  review_note: string | null;
  entry_id: number | null;
  client_id: string | null;
}

export interface PointsMonthTable {
  community_id: number;
  month: string;
  org_path: string;
  county_code: string;
  status: Generated<PointsMonthStatus>;
  closed_at: Date | null;
  closed_by: number | null;
  objection_until: Date | null;
  settled_at: Date | null;
  head_seq: number | null;
  head_hash: string | null;
  households: number | null;
}

export interface PointsNoticeRowTable {
  community_id: number;
  month: string;
  holder_kind: PointsHolderKind;
  holder_id: number;
  org_path: string;
  county_code: string;
  rank: number;
  label: string;
  month_change: number;
  score: number;
  items: ColumnType<{ name: string; points: number }[], string, string>;
}

export interface PointsObjectionTable {
  id: Generated<number>;
  community_id: number;
  month: string;
  org_path: string;
  county_code: string;
  holder_kind: PointsHolderKind;
  holder_id: number;
  record_id: number | null;
  reason: string;
  filed_by: number;
  status: Generated<'open' | 'upheld' | 'dismissed'>;
  decided_by: number | null;
  decided_at: Date | null;
  decision_note: string | null;
  reversal_entry_ids: ColumnType<number[], string | undefined, string>;
  created_at: Date;
}

export interface PointsBaseGrantTable {
  holder_kind: PointsHolderKind;
  holder_id: number;
  community_id: number;
  granted_at: Date;
}

export interface PointsHeadTable {
  org_id: number;
  post: 'building_head' | 'unit_head';
  resident_id: number;
  org_path: string;
  county_code: string;
  set_by: number | null;
  set_at: Date;
}

// ---- supermarket (积分超市): stores, items, events, orders, stock movements.
export type StoreKind = 'community_centre' | 'compound_station' | 'partner_shop';
export type StoreOrderStatus = 'reserved' | 'handed_over' | 'cancelled' | 'expired';
export type StockMovementKind = 'received' | 'adjusted' | 'reserved' | 'returned';

export interface StoreTable {
  id: Generated<number>;
  community_id: number;
  org_id: number;
  org_path: string;
  county_code: string;
  name: string;
  kind: StoreKind;
  merchant_id: number | null;
  address: Generated<string>;
  always_open: Generated<boolean>;
  pickup_days: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface StoreItemTable {
  id: Generated<number>;
  store_id: number;
  org_path: string;
  county_code: string;
  name: string;
  kind: 'goods' | 'service';
  cost: number;
  unit: Generated<string>;
  donor: Generated<string>;
  description: Generated<string>;
  photo_id: number | null;
  stock: Generated<number>;
  per_order_limit: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface StoreEventTable {
  id: Generated<number>;
  community_id: number;
  store_id: number | null;
  org_path: string;
  county_code: string;
  name: string;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  cancelled_at: Date | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface StoreOrderTable {
  id: Generated<number>;
  store_id: number;
  item_id: number;
  community_id: number;
  org_path: string;
  county_code: string;
  holder_kind: PointsHolderKind;
  holder_id: number;
  quantity: number;
  cost_each: number;
  total: number;
  status: StoreOrderStatus;
  code: string;
  event_id: number | null;
  expires_at: Date;
  client_id: string | null;
  created_by: number;
  created_at: Date;
  redeem_entry_id: number | null;
  handed_at: Date | null;
  handed_by: number | null;
  closed_at: Date | null;
  closed_by: number | null;
  close_reason: string | null;
  refund_entry_id: number | null;
}

export interface StoreStockMovementTable {
  id: Generated<number>;
  item_id: number;
  store_id: number;
  org_path: string;
  county_code: string;
  kind: StockMovementKind;
  delta: number;
  stock_after: number;
  order_id: number | null;
  reason: Generated<string>;
  created_by: number | null;
  created_at: Date;
}

// ---- attachments (platform/files): uploaded photos, stored in the database.
export type AttachmentContentType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface AttachmentTable {
  id: Generated<number>;
  county_code: string;
  org_path: string;
  uploader_account_id: number;
  content_type: AttachmentContentType;
  size_bytes: number;
  sha256: string;
  data: Uint8Array;
  created_at: Timestamp;
}

export interface AttachmentLinkTable {
  attachment_id: number;
  entity: string;
  entity_id: number;
  org_path: string;
  county_code: string;
  created_at: Timestamp;
}

/**
 * Every table Kysely knows. Tables added since the foundation are declared by the module that
 * owns them (`<module>.tables.ts`) and joined here, so a module's migration and its types sit
 * side by side.
 */
export interface DB
  extends WorkforceTables, AccountsTables, PhoneLoginTables, PartyTables, GridTasksTables, LeadersTables, PointsTables, VisitsTables,
    CobuildTables, VolunteersTables, PropertyTables, SelfrunTables, WishesTables, CampaignsTables,
    NewgroupsTables, VenuesTables, SupervisionTables, StatsTables {
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
  job: JobTable;
  notification: NotificationTable;
  work_calendar: WorkCalendarTable;
  demand_category: DemandCategoryTable;
  department: DepartmentTable;
  demand: DemandTable;
  demand_event: DemandEventTable;
  demand_dispatch: DemandDispatchTable;
  demand_me_too: DemandMeTooTable;
  api_key: ApiKeyTable;
  demand_meeting: DemandMeetingTable;
  demand_meeting_item: DemandMeetingItemTable;
  demand_daily_stat: DemandDailyStatTable;
  demand_open_stat: DemandOpenStatTable;
  demand_extension: DemandExtensionTable;
  grid_task_type: GridTaskTypeTable;
  grid_task: GridTaskTable;
  grid_task_refusal: GridTaskRefusalTable;
  leader: LeaderTable;
  leader_link: LeaderLinkTable;
  leader_visit: LeaderVisitTable;
  points_chain: PointsChainTable;
  points_entry: PointsEntryTable;
  points_balance: PointsBalanceTable;
  points_rule_set: PointsRuleSetTable;
  points_rule_item: PointsRuleItemTable;
  points_record: PointsRecordTable;
  points_month: PointsMonthTable;
  points_notice_row: PointsNoticeRowTable;
  points_objection: PointsObjectionTable;
  points_base_grant: PointsBaseGrantTable;
  points_head: PointsHeadTable;
  store: StoreTable;
  store_item: StoreItemTable;
  store_event: StoreEventTable;
  store_order: StoreOrderTable;
  store_stock_movement: StoreStockMovementTable;
  attachment: AttachmentTable;
  attachment_link: AttachmentLinkTable;
  schema_migration: { name: string; checksum: string; applied_at: Timestamp };
}

