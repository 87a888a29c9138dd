import { get, patch, post, put } from './api.js';
import type { z } from 'zod';
import type { Paged, Role } from './types.js';

/**
 * Points governance (积分治理) calls, as docs/points-api.md declares them. The shapes below
 * come from server/modules/points/points.schemas.ts; pages import from here, never fetch themselves.
 */

type Points = typeof import('../../../server/modules/points/points.schemas.js');

export type HolderKind = z.infer<Points['Holder']>['kind'];
export type ItemDirection = z.infer<Points['RuleItem']>['direction'];
export type RecordStatus = z.infer<Points['Record']>['status'];
export type MonthStatus = z.infer<Points['MonthView']>['status'];
export type ObjectionStatus = z.infer<Points['Objection']>['status'];
export const RECORD_STATUSES: readonly RecordStatus[] = ['pending', 'approved', 'rejected'];
export const OBJECTION_STATUSES: readonly ObjectionStatus[] = ['open', 'upheld', 'dismissed'];
/** Roles that may be named as recorders of an item (staff who meet residents). */
export const RECORDER_ROLES: readonly Role[] = ['community_secretary', 'community_worker', 'grid_worker'];

export type RuleItem = z.infer<Points['RuleItem']>;
export type PointsRules = z.infer<Points['Rules']>;
export type NewRuleItem = z.input<Points['CreateItemBody']>;
export type RuleItemChange = z.input<Points['PatchItemBody']>;
export type Holder = z.infer<Points['Holder']>;
export type NewRecord = z.input<Points['CreateRecordBody']>;
export type PointsRecord = z.infer<Points['Record']>;
export type RecordFilter = Omit<z.infer<Points['RecordsQuery']>, 'page' | 'pageSize'>;
export type ReviewResult = z.infer<Points['ReviewResult']>;
export type PointsMonth = z.infer<Points['MonthView']>;
export type NoticeSummary = z.infer<Points['NoticeListItem']>;
export type Notice = z.infer<Points['Notice']>;
export type NoticeRow = Notice['rows'][number];
export type CorrectionReason = Notice['corrections'][number]['reason'];
export type Objection = z.infer<Points['Objection']>;
export type ObjectionDecision = z.input<Points['DecideBody']>;
export type MyPoints = z.infer<Points['Me']>;
export type MyEntry = z.infer<Points['MyEntry']>;
export type PointsStats = z.infer<Points['Stats']>;
export type CommunitiesOverview = z.infer<Points['CommunitiesOverview']>;
export type HonourHousehold = z.infer<Points['HonourHousehold']>;
export type ReserveSecretary = z.infer<Points['Reserve']>;
export type LedgerCheck = z.infer<Points['VerifyResult']>;
export type LedgerProblem = LedgerCheck['problems'][number];

// ---- rules --------------------------------------------------------------------------------

export const getRules = (communityId: number) => get<PointsRules>('/points/rules', { communityId });
export const createRuleItem = (input: NewRuleItem) => post<RuleItem>('/points/rules/items', input);
export const changeRuleItem = (code: string, input: RuleItemChange) => patch<RuleItem>(`/points/rules/items/${encodeURIComponent(code)}`, input);
export const grantBase = (communityId: number) =>
  post<{ granted: number; households: number; merchants: number }>('/points/base/grant', { communityId });
export const setBasePoints = (input: { communityId: number; household: number; merchant: number; objectionDays?: number; baseRedeemable?: boolean }) =>
  put<PointsRules>('/points/rules/base', input);
export const listRuleVersions = (code: string, communityId: number) =>
  get<{ items: RuleItem[] }>(`/points/rules/items/${encodeURIComponent(code)}/versions`, { communityId });

// ---- holders and records ------------------------------------------------------------------

export const listHolders = (query: { communityId?: number; q?: string; kind?: HolderKind; page: number; pageSize: number }) =>
  get<Paged<Holder>>('/points/holders', query);

export const createRecord = (input: NewRecord) => post<PointsRecord>('/points/records', input);
export const listRecords = (query: RecordFilter & { page: number; pageSize: number }) => get<Paged<PointsRecord>>('/points/records', { ...query });
export const reviewRecords = (ids: number[], decision: 'approve' | 'reject', note?: string) =>
  post<ReviewResult>('/points/records/review', { ids, decision, note: note || undefined });

// ---- months, notices, objections ----------------------------------------------------------

export const listMonths = (communityId: number) => get<{ items: PointsMonth[] }>('/points/months', { communityId });
export const closeMonth = (communityId: number, month: string) => post<PointsMonth>('/points/months/close', { communityId, month });

export const listNotices = (query: { orgId?: number; page?: number } = {}) => get<Paged<NoticeSummary>>('/public/points/notices', query);
export const getNotice = (communityId: number, month: string, page = 1, pageSize = 100) =>
  get<Notice>(`/public/points/notices/${communityId}/${month}`, { page, pageSize });
/** Where the public notice of a month lives: short, no login, fit for a QR code on the notice board. */
export const noticePath = (communityId: number, month: string) => `/public/points/${communityId}/${month}`;

export const createObjection = (input: { communityId: number; month: string; recordId?: number; reason: string }) =>
  post<Objection>('/points/objections', input);
export const listMyObjections = () => get<{ items: Objection[] }>('/points/me/objections');
export const listObjections = (query: { communityId?: number; status?: ObjectionStatus; page: number; pageSize: number }) =>
  get<Paged<Objection>>('/points/objections', query);
export const decideObjection = (id: number, input: ObjectionDecision) => post<Objection>(`/points/objections/${id}/decide`, input);

// ---- mine ---------------------------------------------------------------------------------

export const getMyPoints = () => get<MyPoints>('/points/me');
export const getMyRules = () => get<PointsRules>('/points/me/rules');
export const listMyEntries = (page: number, pageSize: number) => get<Paged<MyEntry>>('/points/me/entries', { page, pageSize });

// ---- figures, honours, ledger -------------------------------------------------------------

export const getStats = (query: { orgId?: number; from?: string; to?: string }) => get<PointsStats>('/points/stats', query);

/** The communities in scope with their recent months and last month's participation (for staff above a community). */
export const getCommunitiesOverview = (orgId?: number) => get<CommunitiesOverview>('/points/communities', { orgId });

export const listHonourHouseholds = (query: { communityId: number; year: number; limit?: number }) =>
  get<{ items: HonourHousehold[] }>('/points/honours/households', query);
export const listReserveSecretaries = (query: { communityId: number; limit?: number }) =>
  get<{ items: ReserveSecretary[] }>('/points/honours/reserve-secretaries', query);
/** The same lists as a spreadsheet: a plain link, the session cookie goes with it. */
export const honoursXlsxUrl = (list: 'households' | 'reserve-secretaries', query: Record<string, number | undefined>) => {
  const qs = new URLSearchParams({ format: 'xlsx' });
  for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
  return `/api/points/honours/${list}?${qs}`;
};
export const setHead = (orgId: number, residentId: number | null) => put<{ orgId: number; post: 'building_head' | 'unit_head'; residentId: number | null }>('/points/heads', { orgId, residentId });

export const verifyLedger = (communityId?: number) => post<LedgerCheck>('/points/ledger/verify', { communityId });

// ---- files --------------------------------------------------------------------------------

export const fileUrl = (id: number) => `/api/files/${id}`;
