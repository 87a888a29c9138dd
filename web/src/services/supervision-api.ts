import { get, post } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/** 督导 and 减负 calls; the shapes come from server/modules/supervision/*.schemas.ts. */
type S = typeof import('../../../server/modules/supervision/supervision.schemas.js');
type R = typeof import('../../../server/modules/supervision/relief.schemas.js');
export { PROBLEM_STEPS, INSPECTION_STEPS } from '../../../server/modules/supervision/problems-lifecycle.js';
export type { ProblemAction, InspectionAction } from '../../../server/modules/supervision/problems-lifecycle.js';

export type Department = z.infer<S['Department']>;
export type Group = z.infer<S['Group']>;
export type NewGroup = z.input<S['GroupBody']>;
export type Inspection = z.infer<S['Inspection']>;
export type NewInspection = z.input<S['InspectionBody']>;
export type Problem = z.infer<S['ProblemItem']>;
export type ProblemDetail = z.infer<S['ProblemDetail']>;
export type NewProblem = z.input<S['ProblemBody']>;
export type HandOver = z.input<S['HandOverBody']>;
export type StepInput = z.input<S['StepBody']>;
export type Figures = z.infer<S['Figures']>;
export type ProblemStatus = Problem['status'];
export type ProblemCategory = Problem['category'];

export const PROBLEM_CATEGORIES: readonly ProblemCategory[] = ['service_position', 'grid', 'property', 'environment', 'burden', 'safety', 'other'];
export const PROBLEM_STATUSES: readonly ProblemStatus[] = ['found', 'handed_over', 'rectifying', 'reported', 'verified', 'sent_back'];

export const listDepartments = (q?: string) => get<Department[]>('/supervision/departments', { q });
export const listGroups = (page = 1, pageSize = 50) => get<Paged<Group>>('/supervision/groups', { page, pageSize });
export const createGroup = (b: NewGroup) => post<{ id: number }>('/supervision/groups', b);
export const listInspections = (q: { status?: string; page?: number; pageSize?: number }) => get<Paged<Inspection>>('/supervision/inspections', q);
export const createInspection = (b: NewInspection) => post<{ id: number }>('/supervision/inspections', b);
export const startInspection = (id: number) => post<{ status: string }>(`/supervision/inspections/${id}/start`, {});
export const finishInspection = (id: number) => post<{ status: string }>(`/supervision/inspections/${id}/finish`, {});
export const cancelInspection = (id: number, reason: string) => post<{ status: string }>(`/supervision/inspections/${id}/cancel`, { reason });

export const listProblems = (q: { status?: string; inspectionId?: number; overdue?: 'true'; page?: number; pageSize?: number }) => get<Paged<Problem>>('/supervision/problems', q);
export const recordProblem = (b: NewProblem) => post<{ id: number; status: ProblemStatus }>('/supervision/problems', b);
export const getProblem = (id: number) => get<ProblemDetail>(`/supervision/problems/${id}`);
/** The route segment of each problem step. */
export const PROBLEM_STEP_PATHS = { hand_over: '/hand-over', start: '/start', report: '/report', verify: '/verify', send_back: '/send-back' } as const;
export const problemStep = (id: number, action: keyof typeof PROBLEM_STEP_PATHS, b: StepInput) =>
  post<{ status: ProblemStatus }>(`/supervision/problems/${id}${PROBLEM_STEP_PATHS[action]}`, b);
export const getFigures = (q: { from?: string; to?: string }) => get<Figures>('/supervision/figures', q);

// ---- 减负 ----
export type CertificateItem = z.infer<R['Item']>;
export type NewCertificateItem = z.input<R['ItemBody']>;
export type CertificateRequest = z.infer<R['RequestItem']>;
export type NewCertificateRequest = z.input<R['RequestBody']>;
export type CertificateResult = z.infer<R['RequestResult']>;
export type Removal = z.infer<R['Removal']>;
export type NewRemoval = z.input<R['RemovalBody']>;
export type ReliefFigures = z.infer<R['ReliefFigures']>;

export const listCertificateItems = (q: { q?: string; page?: number; pageSize?: number }) => get<Paged<CertificateItem>>('/relief/certificate-items', q);
export const addCertificateItem = (b: NewCertificateItem) => post<{ id: number }>('/relief/certificate-items', b);
export const listCertificateRequests = (q: { outcome?: string; page?: number; pageSize?: number }) => get<Paged<CertificateRequest>>('/relief/certificate-requests', q);
export const recordCertificateRequest = (b: NewCertificateRequest) => post<CertificateResult>('/relief/certificate-requests', b);
export const listRemovals = (q: { kind?: string; page?: number; pageSize?: number }) => get<Paged<Removal>>('/relief/removals', q);
export const addRemoval = (b: NewRemoval) => post<{ id: number }>('/relief/removals', b);
export const getReliefFigures = () => get<ReliefFigures>('/relief/figures');
