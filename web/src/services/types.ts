/** Response shapes of the Linli API, as the server's zod schemas declare them. */
import type { RevealReasonCode } from '../../../server/platform/pii/reveal-reasons.js';

export type Role =
  | 'city_admin' | 'county_admin' | 'street_admin' | 'community_secretary' | 'community_worker'
  | 'grid_worker' | 'department' | 'property_company' | 'party_member' | 'resident';

export type Permission =
  | 'org.read' | 'org.write' | 'people.read' | 'people.write' | 'pii.reveal'
  | 'party.read' | 'party.write' | 'audit.read' | 'accounts.manage' | 'self'
  | 'demands.read' | 'demands.act' | 'demands.dispatch' | 'demands.assign' | 'demands.rates' | 'departments.manage' | 'demands.meetings'
  | 'points.read' | 'points.rules' | 'points.record' | 'points.review' | 'points.self' | 'points.verify'
  | 'points.store' | 'points.redeem'
  | 'gridtasks.read' | 'gridtasks.manage' | 'open311.keys' | 'calendar.read' | 'calendar.manage'
  | 'leaders.read' | 'leaders.write'
  | 'workforce.read' | 'workforce.write' | 'workforce.rate'
  | 'registrations.review';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  permissions: string[];
  scope: { orgId: number; name: string; kind: string; path: string };
  /** Department accounts: the department they act for. */
  departmentId: number | null;
  departmentName: string | null;
  /** Resident accounts linked to a resident record, and that resident's household. */
  residentId: number | null;
  householdId: number | null;
  /** Staff accounts linked to a staff record. */
  staffId: number | null;
  /** A new or reset account: the forced change-password screen comes before anything else. */
  mustChangePassword: boolean;
}

export interface Session {
  account: Me;
  csrfToken: string;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export const ORG_KINDS = ['city', 'county', 'street', 'community', 'grid', 'building', 'unit'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const GRID_TYPES = ['enclosed', 'scattered', 'business'] as const;
export type GridType = (typeof GRID_TYPES)[number];

export interface OrgUnit {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  code: string;
  name: string;
  path: string;
  countyCode: string;
  gridType: GridType | null;
  childCount: number;
  dissolvedAt: string | null;
}

export interface OrgUnitDetail extends OrgUnit {
  householdCount: number;
  residentCount: number;
  ancestors: { id: number; name: string; kind: OrgKind }[];
  /** e.g. a scattered grid outside the 300–500 household band; not in every server version. */
  warning?: string | null;
}

export interface OrgSearchHit extends OrgUnit {
  pathNames: string;
}

export interface OrgEvent {
  id: number;
  kind: string;
  at: string;
  detail: unknown;
  actor: string | null;
}

export interface GridFeatureProperties {
  id: number;
  name: string;
  code: string;
  gridType: GridType | null;
  householdCount: number;
}

export interface GridFeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id?: number; properties: GridFeatureProperties; geometry: unknown }[];
}

export type HouseholdKind = 'residence' | 'merchant' | 'vacant';

/** 商户 as the people module lists it (phone masked on the server). */
export type Merchant = import('zod').infer<typeof import('../../../server/modules/people/people.schemas.js').MerchantView>;

export interface Household {
  id: number;
  unitId: number;
  room: string;
  address: string;
  kind: HouseholdKind;
  areaM2: number | null;
  residentCount: number;
}

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'member', 'tenant'] as const;
export type Relation = (typeof RELATIONS)[number];

export interface Resident {
  id: number;
  name: string;
  gender: 'male' | 'female';
  /** Whole years; the server never sends the birth date (it is what the ID mask hides). */
  age: number;
  relation: Relation;
  /** Masked by the server: 141102**********34. */
  idNumber: string;
  /** Masked by the server: 138****5678. */
  phone: string | null;
  householdId: number | null;
  address: string | null;
  isPartyMember: boolean;
}

export interface NewResident {
  householdId: number;
  name: string;
  idNumber: string;
  phone?: string;
  relation: Relation;
}

export type PiiField = 'idNumber' | 'phone';

/** Why a full value is shown: a code from the server's list, and words ('other' requires them). */
export interface RevealReasonInput {
  reasonCode: RevealReasonCode;
  reasonText?: string;
}

export type PartyOrgKind = 'committee' | 'branch' | 'group' | 'member_household';
export type SecretaryKind = 'retired' | 'resident' | 'dual_post' | 'professional' | 'graduate';

export interface PartyOrg {
  id: number;
  parentId: number | null;
  kind: PartyOrgKind;
  name: string;
  orgId: number;
  secretaryName: string | null;
  secretaryKind: SecretaryKind | null;
  memberCount: number;
  childCount: number;
}

export interface PartyMember {
  id: number;
  residentId: number;
  name: string;
  memberKind: string;
  joinedOn: string;
  partyOrgId: number;
}

export const IMPORT_KINDS = ['divisions', 'grids', 'buildings', 'households', 'residents', 'party_members', 'merchants'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportJob {
  id: string | number;
  kind: ImportKind;
  status: 'validating' | 'importing' | 'done' | 'failed';
  total: number;
  processed: number;
  /** The first errors only (the server caps the list); errorCount has them all. */
  errors: { row: number; column: string | null; message: string }[];
  errorCount?: number;
  imported: number;
  fileName?: string;
  /** Why a job failed as a whole (unreadable file), when it did. */
  message?: string | null;
  /** A failed job whose rows can be downloaded back with an 错误 column (importErrorReportUrl). */
  hasErrorReport?: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  role: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  action?: string;
  entity?: string;
  from?: string;
  to?: string;
}

// ---- demands ----------------------------------------------------------------------------

export const DEMAND_STATES = ['submitted', 'accepted', 'on_agenda', 'escalation_requested', 'escalated', 'resolved', 'closed', 'merged'] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

export const DEMAND_CHANNELS = ['resident', 'visit', 'walk_in', 'hotline', 'leader_visit', 'open311'] as const;
export type DemandChannel = (typeof DEMAND_CHANNELS)[number];

export interface DemandCategory {
  code: string;
  name: string;
  limitKind: string;
  limitValue: number;
}

export interface Demand {
  id: number;
  orgId: number;
  placeName: string;
  householdId: number | null;
  channel: string;
  categoryCode: string;
  categoryName: string;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  photos: string[];
  reporterName: string | null;
  /** Masked by the server: 139****5678. */
  reporterPhone: string | null;
  state: string;
  stateName: string;
  tier: string;
  handlerAccountId: number | null;
  handlerName: string | null;
  dueAt: string;
  overdue: boolean;
  mergedIntoId: number | null;
  meTooCount: number;
  reopenCount: number;
  rating: string | null;
  createdAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface DemandEvent {
  id: number;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  note: string | null;
  attachments: string[];
  detail: unknown;
}

export type DispatchState = 'dispatched' | 'accepted' | 'resolved' | 'returned';

export interface Dispatch {
  id: number;
  departmentId: number;
  departmentName: string;
  state: string;
  createdAt: string;
  reportDueAt: string;
  acceptedAt: string | null;
  resolvedAt: string | null;
  returnReason: string | null;
}

export interface DemandDetail extends Demand {
  timeline: DemandEvent[];
  dispatches: Dispatch[];
  /** The latest 延期 request, if any. */
  extension: DemandExtension | null;
}

export interface DemandExtension {
  id: number;
  days: number;
  reason: string;
  state: 'requested' | 'approved' | 'rejected';
  requestedAt: string;
  dueBefore: string;
  dueAfter: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface NewDemand {
  orgId?: number;
  householdId?: number;
  categoryCode: string;
  description: string;
  address?: string;
  /** Photos uploaded first (api.uploadFile). */
  attachmentIds?: number[];
  channel: DemandChannel;
  reporterName?: string;
  reporterPhone?: string;
  clientId?: string;
  solvedOnSpotNote?: string;
  force?: boolean;
}

export interface DemandFilter {
  orgId?: number;
  state?: string;
  overdue?: boolean;
  mine?: boolean;
}

export interface ActionInput {
  note?: string;
  /** Uploaded photos: a handler's proof of resolution. */
  attachments?: number[];
  handlerAccountId?: number;
  departmentIds?: number[];
  intoId?: number;
  /** 延期: working days asked for (at most 10). */
  days?: number;
}

export type DispatchAction = 'accept' | 'progress' | 'resolve' | 'return' | 'request_extension' | 'request_reroute';

export interface Department {
  id: number;
  name: string;
  orgId: number;
}

export interface Rate {
  received: number;
  /** 0–1, or null when nothing to count. */
  responseRate: number | null;
  onSpotRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  overdue: number;
  avgHoursToClose: number | null;
}

export interface DemandRates {
  unit: { id: number; name: string; kind: string };
  from: string;
  to: string;
  total: Rate;
  children: (Rate & { id: number; name: string; kind: string })[];
  departments: {
    id: number; name: string; dispatched: number; on_time: number; resolved: number; returned: number;
    reportRate: number | null; resolutionRate: number | null;
  }[];
}

export interface Notification {
  id: number;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeOrgId: number;
  scopeName: string;
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  /** What the account stands for (see accounts-api.ts). */
  link: { kind: 'resident' | 'department' | 'staff'; id: number; label: string } | null;
}

/** An uploaded image (POST /api/files); `url` serves it to those who may see it. */
export interface UploadedFile {
  id: number;
  contentType: string;
  size: number;
  sha256: string;
  url: string;
  deduplicated: boolean;
}

/** Someone a demand may be assigned to (GET /api/demands/:id/handlers). */
export interface AssignableHandler {
  id: number;
  displayName: string;
  role: Role;
  scopeOrgId: number;
  scopeName: string;
}
