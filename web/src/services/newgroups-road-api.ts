import type { z } from 'zod';
import { get, post } from './api.js';

/** 白名单, the rider's pass, part-time grid workers and road reports; shapes from server/modules/newgroups/*.schemas.ts. */
type W = typeof import('../../../server/modules/newgroups/whitelist.schemas.js');
type P = typeof import('../../../server/modules/newgroups/pass.schemas.js');
type T = typeof import('../../../server/modules/newgroups/parttime.schemas.js');
type R = typeof import('../../../server/modules/newgroups/road-reports.schemas.js');

export type WhitelistPage = z.infer<W['WhitelistPage']>;
export type WhitelistRow = z.infer<W['WhitelistRow']>;
export type GateSummary = z.infer<W['GateSummary']>;
export type Pass = z.infer<P['Pass']>;
export type CheckResult = z.infer<P['CheckResult']>;
export type GatePlaces = z.infer<P['GatePlaces']>;
export type ParttimePage = z.infer<T['ParttimePage']>;
export type ParttimeRow = z.infer<T['ParttimeRow']>;
export type EnrolUnits = z.infer<T['EnrolUnits']>;
export type EnrolBody = z.input<T['EnrolBody']>;
export type RiderPlaces = z.infer<R['RiderPlaces']>;
export type ReportBody = z.input<R['ReportBody']>;
export type ReportCreated = z.infer<R['ReportCreated']>;
export type ReportsPage = z.infer<R['ReportsPage']>;
export type ReportRow = z.infer<R['ReportRow']>;
export type MyReports = z.infer<R['MyReports']>;
export type Counts = z.infer<R['Counts']>;
export type CountBy = z.infer<R['CountsQuery']>['by'];

type Page = { page: number; pageSize: number };

export const listWhitelist = (q: Page & { status?: 'listed' | 'unlisted' | 'all'; q?: string }) => get<WhitelistPage>('/newgroups/whitelist', q);
export const addToWhitelist = (workerId: number, reason: string) => post<{ id: number }>('/newgroups/whitelist', { workerId, reason });
export const removeFromWhitelist = (id: number, reason: string) => post<{ ok: boolean }>(`/newgroups/whitelist/${id}/remove`, { reason });
export const gateSummary = (q: Page & { days?: number }) => get<GateSummary>('/newgroups/gate/summary', q);

export const myPass = () => get<Pass>('/newgroups/pass');
export const gatePlaces = () => get<GatePlaces>('/newgroups/gate/places');
export const checkPass = (code: string, gateUnitId?: number) => post<CheckResult>('/newgroups/gate/check', { code, gateUnitId });

export const listParttime = (q: Page & { active?: 'active' | 'ended' | 'all' }) => get<ParttimePage>('/newgroups/parttime', q);
export const enrolUnits = () => get<EnrolUnits>('/newgroups/parttime/units');
export const enrol = (body: EnrolBody) => post<{ id: number }>('/newgroups/parttime', body);
export const endEnrolment = (id: number, endDay: string, reason: string) => post<{ ok: boolean }>(`/newgroups/parttime/${id}/end`, { endDay, reason });

export const riderPlaces = () => get<RiderPlaces>('/newgroups/road-reports/places');
export const reportFromRoad = (body: ReportBody) => post<ReportCreated>('/newgroups/road-reports', body);
export const myReports = (q: Page) => get<MyReports>('/newgroups/road-reports/mine', q);
export const listRoadReports = (q: Page) => get<ReportsPage>('/newgroups/road-reports', q);
export const roadReportCounts = (q: Page & { by: CountBy }) => get<Counts>('/newgroups/road-reports/counts', q);
export const rewardReport = (id: number, points: number, note: string) => post<{ id: number }>(`/newgroups/road-reports/${id}/reward`, { points, note });
export const reverseReward = (id: number, reason: string) => post<{ id: number }>(`/newgroups/road-reports/${id}/reward/reverse`, { reason });
