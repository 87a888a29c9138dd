import type { z } from 'zod';
import { get, post, put } from './api.js';
import type { Paged } from './types.js';

/**
 * 结对共建 — the three lists, matching, projects and the overview; types from
 * server/modules/cobuild/cobuild-lists.schemas.ts.
 */
type Schemas = typeof import('../../../server/modules/cobuild/cobuild-lists.schemas.js');

export type CobuildCategory = z.infer<Schemas['CobuildCategory']>;
export type NeedStatus = z.infer<Schemas['NeedStatus']>;
export type ProjectStatus = z.infer<Schemas['ProjectStatus']>;
export type ProjectOrigin = z.infer<Schemas['ProjectOrigin']>;
export type MatchReason = z.infer<Schemas['MatchReason']>;
export type Need = z.infer<Schemas['NeedView']>;
export type Resource = z.infer<Schemas['ResourceView']>;
export type Match = z.infer<Schemas['MatchView']>;
export type Project = z.infer<Schemas['ProjectView']>;
export type ProjectDetail = z.infer<Schemas['ProjectDetail']>;
export type Milestone = z.infer<Schemas['MilestoneView']>;
export type CobuildOverview = z.infer<Schemas['CobuildOverview']>;
export type NewNeed = z.input<Schemas['CreateNeedBody']>;
export type NewResource = z.input<Schemas['CreateResourceBody']>;
export type NewUnitResource = z.input<Schemas['CreateUnitResourceBody']>;
export type NewProject = z.input<Schemas['CreateProjectBody']>;
export type NewMilestone = z.input<Schemas['MilestoneBody']>;

export const COBUILD_CATEGORIES: readonly CobuildCategory[] = [
  'party_building', 'policy', 'education', 'culture_sports', 'livelihood', 'special_groups', 'other',
];
export const NEED_STATUSES: readonly NeedStatus[] = ['open', 'matched', 'met', 'closed'];
export const PROJECT_STATUSES: readonly ProjectStatus[] = ['published', 'in_progress', 'submitted', 'returned', 'accepted', 'withdrawn'];

type Page = { page: number; pageSize: number };

// ---- staff: the lists
export const listNeeds = (q: Page & { orgId?: number; status?: NeedStatus; category?: CobuildCategory }) => get<Paged<Need>>('/cobuild/needs', q);
export const createNeed = (input: NewNeed) => post<Need>('/cobuild/needs', input);
export const closeNeed = (id: number) => post<Need>(`/cobuild/needs/${id}/close`);
export const listResources = (q: Page & { orgId?: number; category?: CobuildCategory; includeWithdrawn?: 'true' | 'false' }) =>
  get<Paged<Resource>>('/cobuild/resources', q);
export const createResource = (input: NewResource) => post<Resource>('/cobuild/resources', input);
export const withdrawResource = (id: number) => post<Resource>(`/cobuild/resources/${id}/withdraw`);
export const listMatches = (q: Page & { orgId?: number; needId?: number }) => get<Paged<Match>>('/cobuild/matches', q);
export const acceptMatch = (needId: number, resourceId: number) => post<Project>('/cobuild/matches/accept', { needId, resourceId });
export const listProjects = (q: Page & { orgId?: number; status?: ProjectStatus; category?: CobuildCategory; origin?: ProjectOrigin }) =>
  get<Paged<Project>>('/cobuild/projects', q);
export const getProject = (id: number) => get<ProjectDetail>(`/cobuild/projects/${id}`);
export const createProject = (input: NewProject) => post<Project>('/cobuild/projects', input);
export const assignProject = (id: number, workUnitId: number) => post<Project>(`/cobuild/projects/${id}/assign`, { workUnitId });
export const acceptProject = (id: number) => post<ProjectDetail>(`/cobuild/projects/${id}/accept`);
export const returnProject = (id: number, reason: string) => post<ProjectDetail>(`/cobuild/projects/${id}/return`, { reason });
export const withdrawProject = (id: number) => post<ProjectDetail>(`/cobuild/projects/${id}/withdraw`);
export const unitOptions = (orgId?: number) => get<{ items: { id: number; name: string }[] }>('/cobuild/unit-options', { orgId });
export const getOverview = (orgId?: number) => get<CobuildOverview>('/cobuild/overview', { orgId });

// ---- a work unit's admin, for its own unit
export const getMyUnit = () => get<{ id: number; name: string; areaName: string }>('/cobuild/unit/me');
export const listBoard = (q: Page & { category?: CobuildCategory }) => get<Paged<Project>>('/cobuild/unit/board', q);
export const createUnitResource = (input: NewUnitResource) => post<Resource>('/cobuild/unit/resources', input);
export const withdrawUnitResource = (id: number) => post<Resource>(`/cobuild/unit/resources/${id}/withdraw`);
export const takeUp = (id: number) => post<Project>(`/cobuild/unit/projects/${id}/take-up`);
export const savePlan = (id: number, plan: string) => put<ProjectDetail>(`/cobuild/unit/projects/${id}/plan`, { plan });
export const addMilestone = (id: number, input: NewMilestone) => post<ProjectDetail>(`/cobuild/unit/projects/${id}/milestones`, input);
export const completeMilestone = (id: number, input: { doneOn: string; note?: string; photoIds: number[] }) =>
  post<ProjectDetail>(`/cobuild/unit/milestones/${id}/done`, input);
export const submitProject = (id: number) => post<ProjectDetail>(`/cobuild/unit/projects/${id}/submit`);
