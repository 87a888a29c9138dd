import { get, post, request } from './api.js';
import type { Paged } from './types.js';

import type { z } from 'zod';

/** 领导干部包联 — shapes come from server/modules/leaders/leaders.schemas.ts. */
type Leaders = typeof import('../../../server/modules/leaders/leaders.schemas.js');

export type LeaderLevel = z.infer<Leaders['LeaderLevelSchema']>;
export const LEADER_LEVELS = ['city', 'county', 'township', 'community'] as const satisfies readonly LeaderLevel[];

export type Leader = z.infer<Leaders['LeaderView']>;
export type LeaderLink = z.infer<Leaders['LinkView']>;
export type VisitProblem = z.infer<Leaders['VisitProblem']>;
export type LeaderVisit = z.infer<Leaders['VisitView']>;
export type LeaderDetail = z.infer<Leaders['LeaderDetail']>;
export type LevelStats = z.infer<Leaders['LevelStats']>;
export type NewLeader = z.input<Leaders['CreateLeaderBody']>;
export type NewLink = z.input<Leaders['LinkBody']>;
export type NewVisit = z.input<Leaders['VisitBody']>;

export const listLeaders = (query: Omit<z.infer<Leaders['LeaderQuery']>, 'orgId'>) => get<Paged<Leader>>('/leaders', query);

export const getLeader = (id: number) => get<LeaderDetail>(`/leaders/${id}`);

export const createLeader = (input: NewLeader) =>
  post<Leader>('/leaders', input);

export const linkLeader = (id: number, input: NewLink) => post<LeaderLink>(`/leaders/${id}/links`, input);

export const endLeaderLink = (id: number, linkId: number) => request<LeaderLink>('DELETE', `/leaders/${id}/links/${linkId}`);

export const recordVisit = (id: number, input: NewVisit) =>
  post<LeaderVisit>(`/leaders/${id}/visits`, input);

export const getLeaderStats = () => get<z.infer<Leaders['Stats']>>('/leaders/stats');
