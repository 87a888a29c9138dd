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

type Page = { page: number; pageSize: number };

export const listPlatforms = (q: Page) => get<PlatformPage>('/newgroups/platforms', q);
export const createPlatform = (b: PlatformBody) => post<{ id: number }>('/newgroups/platforms', b);
export const listStations = (q: Page & { platformId?: number; q?: string }) => get<StationPage>('/newgroups/stations', q);
export const createStation = (b: StationBody) => post<{ id: number }>('/newgroups/stations', b);
export const getStation = (id: number) => get<StationDetail>(`/newgroups/stations/${id}`);
export const listWorkers = (q: Page & { stationId?: number; status?: 'active' | 'left' | 'all'; q?: string }) => get<WorkerPage>('/newgroups/workers', q);
export const registerWorker = (b: WorkerBody) => post<{ id: number }>('/newgroups/workers', b);
export const workerLeaves = (id: number, leftOn?: string) => post<{ ok: boolean }>(`/newgroups/workers/${id}/leave`, { leftOn });
export const setPartyStatus = (id: number, partyStatus: PartyStatus) => post<{ ok: boolean }>(`/newgroups/workers/${id}/party-status`, { partyStatus });
export const listPartyOrgs = (q: Page) => get<PartyOrgPage>('/newgroups/party-orgs', q);
export const createPartyOrg = (b: PartyOrgBody) => post<{ id: number }>('/newgroups/party-orgs', b);
export const listInstructors = (q: Page) => get<InstructorPage>('/newgroups/instructors', q);
export const sendInstructor = (b: InstructorBody) => post<{ id: number }>('/newgroups/instructors', b);
export const coverage = (unitId?: number) => get<Coverage>('/newgroups/coverage', { unitId });
export const listPoints = (q: Page & { kind?: PointKind }) => get<PointPage>('/newgroups/service-points', q);
export const createPoint = (b: PointBody) => post<{ id: number }>('/newgroups/service-points', b);
export const nearestPoints = (q: { lat?: number; lng?: number; limit?: number }) => get<Nearest>('/newgroups/rider/points', q);
