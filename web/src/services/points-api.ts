import { get, patch, post, put } from './api.js';
import type { Paged, Role } from './types.js';

/**
 * Points governance (积分治理) calls, as docs/points-api.md declares them. The shapes below
 * mirror server/modules/points/*.schemas.ts; pages import from here, never fetch themselves.
 */

export type HolderKind = 'household' | 'merchant';
export type ItemDirection = 'positive' | 'negative';
export type RecordStatus = 'pending' | 'approved' | 'rejected';
export type MonthStatus = 'open' | 'closed' | 'settled';
export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';
export const RECORD_STATUSES: readonly RecordStatus[] = ['pending', 'approved', 'rejected'];
export const OBJECTION_STATUSES: readonly ObjectionStatus[] = ['open', 'upheld', 'dismissed'];
/** Roles that may be named as recorders of an item (staff who meet residents). */
export const RECORDER_ROLES: readonly Role[] = ['community_secretary', 'community_worker', 'grid_worker'];

export interface RuleItem {
  /** The version's id: records point at the version they used. */
  id: number;
  code: string;
  name: string;
  direction: ItemDirection;
  category: string;
  /** Always > 0; negative items deduct. */
  points: number;
  unit: 'times' | 'hours';
  monthlyCap: number | null;
  evidenceRequired: boolean;
  recorderRoles: Role[];
  active: boolean;
  version: number;
  validFrom: string;
  validTo: string | null;
}

export interface PointsRules {
  communityId: number;
  baseHousehold: number;
  baseMerchant: number;
  objectionDays: number;
  /** False while the community still uses the shipped defaults. */
  customized: boolean;
  /** Base points buy goods in the points supermarket (off by default). */
  baseRedeemable: boolean;
  items: RuleItem[];
}

export interface NewRuleItem {
  communityId: number;
  name: string;
  direction: ItemDirection;
  category: string;
  points: number;
  unit: 'times' | 'hours';
  monthlyCap: number | null;
  evidenceRequired: boolean;
  recorderRoles: Role[];
}

export interface RuleItemChange {
  communityId: number;
  name?: string;
  points?: number;
  monthlyCap?: number | null;
  evidenceRequired?: boolean;
  recorderRoles?: Role[];
  active?: boolean;
}

export interface Holder {
  kind: HolderKind;
  id: number;
  /** '3号楼2单元101 张*华' or the shop's name. */
  label: string;
  balance: number;
  score: number;
}

export interface NewRecord {
  holderKind: HolderKind;
  holderId: number;
  itemId: number;
  quantity?: number;
  occurredOn: string;
  note?: string;
  photoIds?: number[];
  clientId?: string;
}

export interface PointsRecord {
  id: number;
  communityId: number;
  holderKind: HolderKind;
  holderId: number;
  holderLabel: string;
  itemId: number;
  itemName: string;
  direction: ItemDirection;
  quantity: number;
  /** Signed: deductions are negative. */
  points: number;
  occurredOn: string;
  month: string;
  note: string;
  photoIds: number[];
  status: RecordStatus;
  source: 'record' | 'volunteer';
  recordedBy: { id: number; name: string } | null;
  recordedAt: string;
  reviewedBy: { id: number; name: string } | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  entryId: number | null;
  reversed: boolean;
}

export interface RecordFilter {
  communityId?: number;
  status?: RecordStatus;
  month?: string;
  holderKind?: HolderKind;
  holderId?: number;
}

export interface ReviewResult {
  approved: number;
  rejected: number;
  skipped: { id: number; reason: string }[];
}

export interface PointsMonth {
  month: string;
  status: MonthStatus;
  pending: number;
  approved: number;
  closedAt: string | null;
  closedBy: string | null;
  objectionUntil: string | null;
  settledAt: string | null;
  noticeUrl: string | null;
}

export interface NoticeSummary {
  communityId: number;
  communityName: string;
  month: string;
  publishedAt: string;
  objectionUntil: string;
}

export interface NoticeRow {
  rank: number;
  /** Masked by the server: '张*华 3号楼2单元'. */
  label: string;
  kind: HolderKind;
  monthChange: number;
  score: number;
  items: { name: string; points: number }[];
}

export type CorrectionReason = 'objection_reversal' | 'objection_adjustment' | 'late_entry';

export interface Notice {
  communityName: string;
  streetName: string;
  month: string;
  status: MonthStatus;
  publishedAt: string;
  objectionUntil: string;
  households: number;
  rows: NoticeRow[];
  total: number;
  /** Named by reason and rule item only: staff notes never reach the public page. */
  corrections: { label: string; points: number; reason: CorrectionReason; item: string | null; at: string }[];
}

export interface Objection {
  id: number;
  communityId: number;
  month: string;
  holderKind: HolderKind;
  holderId: number;
  holderLabel: string;
  recordId: number | null;
  reason: string;
  status: ObjectionStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  reversalEntryIds: number[];
  createdAt: string;
}

export interface ObjectionDecision {
  decision: 'uphold' | 'dismiss';
  note: string;
  reverseRecordIds?: number[];
  adjust?: { holderKind: HolderKind; holderId: number; points: number; note: string };
}

export interface MyPoints {
  holder: { kind: HolderKind; id: number; label: string };
  communityId: number;
  balance: number;
  score: number;
  rankInCommunity: number;
  communityHouseholds: number;
  thisMonth: number;
}

export interface MyEntry {
  id: number;
  at: string;
  month: string;
  kind: string;
  amount: number;
  itemName: string;
  note: string;
  balanceAfter: number;
}

export interface PointsStats {
  months: { month: string; issued: number; deducted: number; redeemed: number; holders: number; records: number }[];
  children: { id: number; name: string; issued: number; deducted: number; redeemed: number }[];
}

export interface HonourHousehold {
  rank: number;
  holderId: number;
  label: string;
  score: number;
  deeds: { name: string; points: number; count: number }[];
}

export interface ReserveSecretary {
  residentId: number;
  name: string;
  post: 'building_head' | 'unit_head';
  place: string;
  score: number;
  partyMember: boolean;
}

export interface LedgerProblem {
  communityId: number;
  communityName: string;
  entryId: number | null;
  seq: number | null;
  reason: string;
  message: string;
}

export interface LedgerCheck {
  communities: number;
  entries: number;
  ok: boolean;
  problems: LedgerProblem[];
  balanceMismatches: { holderKind: string; holderId: number; cached: number; counted: number; what: 'balance' | 'score' }[];
}

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
