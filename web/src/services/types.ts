/** Response shapes of the Linli API, as the server's zod schemas declare them. */
import type { RevealReasonCode } from '../../../server/platform/pii/reveal-reasons.js';

// Types the server declares are imported (type-only, erased from the bundle) rather than copied.
import type { z } from 'zod';
import type * as accountSchemas from '../../../server/modules/accounts/account.schemas.js';
import type * as auditSchemas from '../../../server/modules/audit/audit.schemas.js';
import type * as demandSchemas from '../../../server/modules/demands/demand.schemas.js';
import type * as importSchemas from '../../../server/modules/org/import/import.schemas.js';
import type * as orgSchemas from '../../../server/modules/org/org.schemas.js';
import type * as partySchemas from '../../../server/modules/party/party.schemas.js';
import type * as peopleSchemas from '../../../server/modules/people/people.schemas.js';

export type Role = z.infer<typeof accountSchemas.RoleSchema>;
export type { Permission } from '../../../server/platform/auth/permissions.js';

export type Me = z.infer<typeof accountSchemas.MeSchema>;
export type Session = z.infer<typeof accountSchemas.SessionResponse>;

export interface Paged<T> {
  items: T[];
  total: number;
}

export type OrgKind = z.infer<typeof orgSchemas.OrgKindSchema>;
export const ORG_KINDS = ['city', 'county', 'street', 'community', 'grid', 'building', 'unit'] as const satisfies readonly OrgKind[];
export type GridType = z.infer<typeof orgSchemas.GridTypeSchema>;
export const GRID_TYPES = ['enclosed', 'scattered', 'business'] as const satisfies readonly GridType[];

export type OrgUnit = z.infer<typeof orgSchemas.OrgUnitView>;
/** A unit with its counts and ancestors; `warning` e.g. a scattered grid outside the 300–500 household band. */
export type OrgUnitDetail = z.infer<typeof orgSchemas.OrgUnitDetail>;

export interface OrgSearchHit extends OrgUnit {
  pathNames: string;
}

export type OrgEvent = z.infer<typeof orgSchemas.OrgEventView>;
export type GridFeatureCollection = z.infer<typeof orgSchemas.GeoJsonCollection>;
export type GridFeatureProperties = GridFeatureCollection['features'][number]['properties'];

export type Household = z.infer<typeof peopleSchemas.HouseholdView>;
export type HouseholdKind = Household['kind'];

/** 商户 as the people module lists it (phone masked on the server). */
export type Merchant = z.infer<typeof peopleSchemas.MerchantView>;

export type Relation = z.infer<typeof peopleSchemas.RelationSchema>;
export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'member', 'tenant'] as const satisfies readonly Relation[];

/** A resident as lists show them: ID number and phone masked by the server, age instead of birth date. */
export type Resident = z.infer<typeof peopleSchemas.ResidentView>;
export type NewResident = z.input<typeof peopleSchemas.CreateResidentBody>;

export type PiiField = 'idNumber' | 'phone';

/** Why a full value is shown: a code from the server's list, and words ('other' requires them). */
export interface RevealReasonInput {
  reasonCode: RevealReasonCode;
  reasonText?: string;
}

export type PartyOrgKind = z.infer<typeof partySchemas.PartyOrgKindSchema>;
export type SecretaryKind = z.infer<typeof partySchemas.SecretaryKindSchema>;
export type PartyOrg = z.infer<typeof partySchemas.PartyOrgView>;
export type PartyMember = z.infer<typeof partySchemas.MemberView>;

export type ImportKind = z.infer<typeof importSchemas.ImportKindSchema>;
export const IMPORT_KINDS = ['divisions', 'grids', 'buildings', 'households', 'residents', 'party_members', 'merchants', 'staff'] as const satisfies readonly ImportKind[];

/** An import job: `errors` holds the first errors only (the server caps the list), errorCount has them all. */
export type ImportJob = z.infer<typeof importSchemas.ImportJobView>;
export type ImportStarted = z.infer<typeof importSchemas.ImportStarted>;

/** An account a staff import opened, with its temporary password (shown once). */
export type ImportedAccount = z.infer<typeof importSchemas.CreatedAccountView>;
export type ImportAccountSheet = z.infer<typeof importSchemas.AccountSheetView>;

export type AuditEntry = z.infer<typeof auditSchemas.AuditView>;
export type AuditFilter = Omit<z.infer<typeof auditSchemas.AuditQuery>, 'page' | 'pageSize'>;

// ---- demands ----------------------------------------------------------------------------

export const DEMAND_STATES = ['submitted', 'accepted', 'on_agenda', 'escalation_requested', 'escalated', 'resolved', 'closed', 'merged'] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

export const DEMAND_CHANNELS = ['resident', 'visit', 'walk_in', 'hotline', 'leader_visit', 'open311', 'rider'] as const;
export type DemandChannel = (typeof DEMAND_CHANNELS)[number];

export interface DemandCategory {
  code: string;
  name: string;
  limitKind: string;
  limitValue: number;
}

export type Demand = z.infer<typeof demandSchemas.DemandListItem>;
export type DemandDetail = z.infer<typeof demandSchemas.DemandDetail>;
export type ReportPlaces = z.infer<typeof demandSchemas.ReportPlaces>;
export type DemandEvent = DemandDetail['timeline'][number];
export type Dispatch = DemandDetail['dispatches'][number];
/** The latest 延期 request of a demand. */
export type DemandExtension = NonNullable<DemandDetail['extension']>;
export type DispatchState = 'dispatched' | 'accepted' | 'resolved' | 'returned';

/** What the console sends; photos are uploaded first (api.uploadFile). */
export type NewDemand = z.input<typeof demandSchemas.CreateDemandBody>;

export interface DemandFilter {
  orgId?: number;
  state?: string;
  overdue?: boolean;
  mine?: boolean;
}

export type ActionInput = z.input<typeof demandSchemas.ActionBody>;
export type DispatchAction = z.infer<typeof demandSchemas.DispatchParams>['action'];
export type Department = z.infer<typeof demandSchemas.DepartmentView>;
export type DemandRates = z.infer<typeof demandSchemas.RatesResponse>;
export type Rate = DemandRates['total'];

export interface Notification {
  id: number;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export type Account = z.infer<typeof accountSchemas.AccountView>;

/** An uploaded image (POST /api/files); `url` serves it to those who may see it. */
export type { UploadedFile } from '../../../server/platform/files/attachment.service.js';

/** Someone a demand may be assigned to (GET /api/demands/:id/handlers). */
// The schema says only string; the value is an account's role.
export type AssignableHandler = Omit<z.infer<typeof demandSchemas.AssignableHandler>, 'role'> & { role: Role };
