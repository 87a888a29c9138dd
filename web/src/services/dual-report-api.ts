import { get, patch, post, put } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/**
 * 双报到 and 双评价 (/api/cobuild/units, pairings, member-reports, member-records, my-report); the
 * types come from server/modules/cobuild/dual-report.schemas.ts.
 */
type Schemas = typeof import('../../../server/modules/cobuild/dual-report.schemas.js');

export type WorkUnitKind = z.infer<Schemas['WorkUnitKind']>;
export type ReportStatus = z.infer<Schemas['ReportStatus']>;
export type MemberPost = z.infer<Schemas['MemberPost']>;
export type Grade = z.infer<Schemas['Grade']>;
export type WorkUnit = z.infer<Schemas['WorkUnitView']>;
export type Pairing = z.infer<Schemas['PairingView']>;
export type MemberReport = z.infer<Schemas['MemberReportView']>;
export type MemberRecord = z.infer<Schemas['MemberRecordView']>;
export type UnitRecord = z.infer<Schemas['UnitRecordResponse']>;
export type MyReport = z.infer<Schemas['MyReportResponse']>;
export type PostOffers = z.infer<Schemas['PostOffers']>;
export type NewWorkUnit = z.input<Schemas['WorkUnitBody']>;

export const WORK_UNIT_KINDS: readonly WorkUnitKind[] = ['organ', 'institution', 'enterprise', 'other'];
export const REPORT_STATUSES: readonly ReportStatus[] = ['pending', 'confirmed', 'declined', 'withdrawn'];
export const MEMBER_POSTS: readonly MemberPost[] = ['branch_secretary', 'building_head', 'member_household', 'volunteer'];
export const GRADES: readonly Grade[] = ['excellent', 'competent', 'basic', 'incompetent'];

// ---- 共建单位
export const listUnits = (f: Partial<z.infer<Schemas['WorkUnitListQuery']>>) => get<Paged<WorkUnit>>('/cobuild/units', { ...f });
export const registerUnit = (input: NewWorkUnit) => post<WorkUnit>('/cobuild/units', input);
export const updateUnit = (id: number, input: z.input<Schemas['WorkUnitPatch']>) => patch<WorkUnit>(`/cobuild/units/${id}`, input);
export const unitRecord = (id: number, year?: number) => get<UnitRecord>(`/cobuild/units/${id}/record`, { year });
export const unitExportUrl = (id: number, year: number) => `/api/cobuild/units/${id}/export?year=${year}`;

// ---- 单位报到 / 结对
export const listPairings = (f: Partial<z.infer<Schemas['PairingListQuery']>>) => get<Paged<Pairing>>('/cobuild/pairings', { ...f });
export const requestPairing = (input: z.input<Schemas['PairingBody']>) => post<Pairing>('/cobuild/pairings', input);
export const recordPairing = (unitId: number, input: z.input<Schemas['PairingBody']>) => post<Pairing>(`/cobuild/units/${unitId}/pairings`, input);
export const confirmPairing = (id: number) => post<Pairing>(`/cobuild/pairings/${id}/confirm`);
export const declinePairing = (id: number, reason: string) => post<Pairing>(`/cobuild/pairings/${id}/decline`, { reason });
export const withdrawPairing = (id: number) => post<Pairing>(`/cobuild/pairings/${id}/withdraw`);
export const evaluatePairing = (id: number, input: { grade: Grade; comment?: string }) => put<Pairing>(`/cobuild/pairings/${id}/evaluation`, input);

// ---- 在职党员报到
export const listMemberReports = (f: Partial<z.infer<Schemas['MemberReportListQuery']>>) => get<Paged<MemberReport>>('/cobuild/member-reports', { ...f });
export const confirmMemberReport = (id: number) => post<MemberReport>(`/cobuild/member-reports/${id}/confirm`);
export const declineMemberReport = (id: number, reason: string) => post<MemberReport>(`/cobuild/member-reports/${id}/decline`, { reason });
export const evaluateMember = (id: number, input: { grade: Grade; comment?: string }) => put<{ ok: true }>(`/cobuild/member-reports/${id}/evaluation`, input);
export const postOffers = (communityId: number) => get<PostOffers>('/cobuild/post-offers', { communityId });
export const setPostOffers = (communityId: number, posts: MemberPost[]) => put<PostOffers>('/cobuild/post-offers', { communityId, posts });
export const memberRecords = (f: Partial<z.infer<Schemas['MemberRecordQuery']>>) => get<Paged<MemberRecord>>('/cobuild/member-records', { ...f });

// ---- the member's phone
export const myReport = () => get<MyReport>('/cobuild/my-report');
export const myUnitOptions = (q?: string) => get<{ items: { id: number; name: string }[] }>('/cobuild/my-report/units', { q });
export const submitMyReport = (input: z.input<Schemas['MyReportBody']>) => post<MemberReport>('/cobuild/my-report', input);
export const withdrawMyReport = (id: number) => post<MyReport>(`/cobuild/my-report/${id}/withdraw`);
