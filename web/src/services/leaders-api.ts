import { get, post, request } from './api.js';
import type { Paged } from './types.js';

/** 领导干部包联 — shapes mirror server/modules/leaders/leaders.schemas.ts. */

export const LEADER_LEVELS = ['city', 'county', 'township', 'community'] as const;
export type LeaderLevel = (typeof LEADER_LEVELS)[number];

export interface Leader {
  id: number;
  name: string;
  level: LeaderLevel;
  title: string;
  workUnit: string;
  orgId: number;
  orgName: string;
  accountId: number | null;
  linkCount: number;
  visitCount: number;
  problemsFound: number;
  problemsSolved: number;
}

export interface LeaderLink {
  id: number;
  orgId: number;
  orgName: string;
  orgKind: string;
  since: string;
  until: string | null;
}

export interface VisitProblem {
  demandId: number;
  description: string;
  categoryName: string;
  state: string;
  solved: boolean;
}

export interface LeaderVisit {
  id: number;
  orgId: number;
  orgName: string;
  visitedOn: string;
  summary: string;
  problems: VisitProblem[];
  problemsFound: number;
  problemsSolved: number;
  recordedBy: string;
}

export interface LeaderDetail extends Leader {
  links: LeaderLink[];
  pastLinks: LeaderLink[];
  visits: LeaderVisit[];
}

export interface LevelStats {
  level: LeaderLevel;
  leaders: number;
  linkedCommunities: number;
  linkedCompounds: number;
  visits: number;
  problemsFound: number;
  problemsSolved: number;
}

export const listLeaders = (query: { level?: LeaderLevel; page: number; pageSize: number }) => get<Paged<Leader>>('/leaders', query);

export const getLeader = (id: number) => get<LeaderDetail>(`/leaders/${id}`);

export const createLeader = (input: { name: string; level: LeaderLevel; title: string; workUnit?: string; orgId: number }) =>
  post<Leader>('/leaders', input);

export const linkLeader = (id: number, input: { orgId: number; since?: string }) => post<LeaderLink>(`/leaders/${id}/links`, input);

export const endLeaderLink = (id: number, linkId: number) => request<LeaderLink>('DELETE', `/leaders/${id}/links/${linkId}`);

export const recordVisit = (id: number, input: { orgId: number; visitedOn: string; summary: string; problems: { description: string; categoryCode: string }[] }) =>
  post<LeaderVisit>(`/leaders/${id}/visits`, input);

export const getLeaderStats = () => get<{ orgId: number; items: LevelStats[] }>('/leaders/stats');
