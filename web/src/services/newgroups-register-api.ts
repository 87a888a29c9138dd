import type { z } from 'zod';
import { get, post } from './api.js';

/** 新就业群体 register, coverage and service points; shapes from server/modules/newgroups/{register,service-points}.schemas.ts. */
type R = typeof import('../../../server/modules/newgroups/register.schemas.js');
type S = typeof import('../../../server/modules/newgroups/service-points.schemas.js');

export type PlatformPage = z.infer<R['PlatformPage']>;
export type PlatformRow = z.infer<R['PlatformRow']>;
export type PlatformBody = z.input<R['PlatformBody']>;
export type StationPage = z.infer<R['StationPage']>;
export type StationRow = z.infer<R['StationRow']>;
export type StationBody = z.input<R['StationBody']>;
export type StationDetail = z.infer<R['StationDetail']>;
export type WorkerPage = z.infer<R['WorkerPage']>;
export type WorkerRow = z.infer<R['WorkerRow']>;
export type WorkerBody = z.input<R['WorkerBody']>;
export type PartyStatus = z.infer<R['PartyStatus']>;
export type PartyOrgPage = z.infer<R['PartyOrgPage']>;
export type PartyOrgRow = z.infer<R['PartyOrgRow']>;
export type PartyOrgBody = z.input<R['PartyOrgBody']>;
export type InstructorPage = z.infer<R['InstructorPage']>;
export type InstructorRow = z.infer<R['InstructorRow']>;
export type InstructorBody = z.input<R['InstructorBody']>;
export type Coverage = z.infer<R['Coverage']>;
export type PointPage = z.infer<S['PointPage']>;
export type PointRow = z.infer<S['PointRow']>;
export type PointBody = z.input<S['PointBody']>;
export type PointKind = z.infer<S['PointKind']>;
export type Service = z.infer<S['Service']>;
export type Nearest = z.infer<S['Nearest']>;

export type LifeStatus = z.infer<R['LifeStatus']>;

type Page = { page: number; pageSize: number };
type Closed = { ok: boolean; closedAt: string };

export const listPlatforms = (q: Page) => get<PlatformPage>('/newgroups/platforms', q);
export const createPlatform = (b: PlatformBody) => post<{ id: number }>('/newgroups/platforms', b);
export const listStations = (q: Page & { status?: LifeStatus; platformId?: number; q?: string }) => get<StationPage>('/newgroups/stations', q);
export const createStation = (b: StationBody) => post<{ id: number }>('/newgroups/stations', b);
export const getStation = (id: number) => get<StationDetail>(`/newgroups/stations/${id}`);
export const listWorkers = (q: Page & { stationId?: number; status?: 'active' | 'left' | 'all'; q?: string }) => get<WorkerPage>('/newgroups/workers', q);
export const registerWorker = (b: WorkerBody) => post<{ id: number }>('/newgroups/workers', b);
export const workerLeaves = (id: number, leftOn?: string) => post<{ ok: boolean }>(`/newgroups/workers/${id}/leave`, { leftOn });
export const setPartyStatus = (id: number, partyStatus: PartyStatus) => post<{ ok: boolean }>(`/newgroups/workers/${id}/party-status`, { partyStatus });
export const listPartyOrgs = (q: Page & { status?: LifeStatus }) => get<PartyOrgPage>('/newgroups/party-orgs', q);
export const createPartyOrg = (b: PartyOrgBody) => post<{ id: number }>('/newgroups/party-orgs', b);
export const listInstructors = (q: Page & { status?: LifeStatus }) => get<InstructorPage>('/newgroups/instructors', q);
export const sendInstructor = (b: InstructorBody) => post<{ id: number }>('/newgroups/instructors', b);
export const coverage = (unitId?: number) => get<Coverage>('/newgroups/coverage', { unitId });
export const listPoints = (q: Page & { kind?: PointKind; status?: LifeStatus }) => get<PointPage>('/newgroups/service-points', q);
export const createPoint = (b: PointBody) => post<{ id: number }>('/newgroups/service-points', b);
export const nearestPoints = (q: { lat?: number; lng?: number; limit?: number }) => get<Nearest>('/newgroups/rider/points', q);

// Ends, each with a reason; the rows stay as history (server/modules/newgroups/lifecycle.routes.ts).
export const closeStation = (id: number, reason: string) => post<Closed>(`/newgroups/stations/${id}/close`, { reason });
export const closePoint = (id: number, reason: string) => post<Closed>(`/newgroups/service-points/${id}/close`, { reason });
export const reopenPoint = (id: number, reason: string) => post<{ ok: true }>(`/newgroups/service-points/${id}/reopen`, { reason });
export const dissolvePartyOrg = (id: number, reason: string) => post<Closed & { endedInstructors: number }>(`/newgroups/party-orgs/${id}/dissolve`, { reason });
export const endInstructor = (id: number, reason: string) => post<Closed>(`/newgroups/instructors/${id}/end`, { reason });
