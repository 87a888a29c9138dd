import { get, patch, post, put } from './api.js';
import type { Paged } from './types.js';

/**
 * Workforce (三岗十八级) calls. The shapes mirror server/modules/workforce/workforce.schemas.ts;
 * pages import from here, never fetch themselves.
 */

export type StaffPost = 'grid_worker' | 'community_worker' | 'graduate_assistant' | 'community_secretary';
export type PostType = 'leader' | 'deputy' | 'worker';
export const STAFF_POSTS: readonly StaffPost[] = ['community_secretary', 'community_worker', 'grid_worker', 'graduate_assistant'];
export const POST_TYPES: readonly PostType[] = ['leader', 'deputy', 'worker'];
export const GRADES = 18;

export interface Staff {
  id: number;
  name: string;
  post: StaffPost;
  postType: PostType | null;
  grade: number | null;
  orgId: number;
  orgName: string;
  residentId: number | null;
  /** Always masked. */
  phone: string | null;
  leftOn: string | null;
  monthlyPay: number | null;
}

export interface StaffInput {
  name: string;
  post: StaffPost;
  postType?: PostType | null;
  grade?: number | null;
  orgId: number;
  residentId?: number | null;
  phone?: string | null;
}

export interface PayRate { postType: PostType; grade: number; monthlyYuan: number }
export interface StarRule { stars: number; minScore: number; subsidyYuan: number }

export interface PayTable {
  countyId: number;
  countyName: string;
  year: number;
  saved: boolean;
  copiedFrom: number | null;
  years: number[];
  rates: PayRate[];
  stars: StarRule[];
  updatedAt: string | null;
}

export interface Ratio {
  id: number;
  name: string;
  kind: string;
  residents: number;
  communityWorkers: number;
  gridWorkers: number;
  graduateAssistants: number;
  per10k: number | null;
}

export interface Overview {
  unit: Ratio;
  children: Ratio[];
  year: number;
  stars: { stars: number; count: number }[];
  rated: number;
  subsidyYuan: number;
}

export interface Rating {
  id: number;
  staffId: number;
  name: string;
  communityId: number;
  communityName: string;
  year: number;
  figures: {
    received: number;
    resolutionRate: number | null;
    satisfactionRate: number | null;
    households: number;
    participationRate: number | null;
    resolutionScore: number;
    satisfactionScore: number;
    participationScore: number;
  };
  countedScore: number;
  assessmentScore: number | null;
  totalScore: number;
  stars: number;
  subsidyYuan: number;
  computedAt: string;
  previousStars: number | null;
}

export const listStaff = (query: { orgId?: number; post?: StaffPost; q?: string; includeLeft?: boolean; page: number; pageSize: number }) =>
  get<Paged<Staff>>('/workforce/staff', { ...query, includeLeft: query.includeLeft ? 'true' : undefined });
export const createStaff = (input: StaffInput) => post<Staff>('/workforce/staff', input);
export const updateStaff = (id: number, input: Partial<StaffInput>) => patch<Staff>(`/workforce/staff/${id}`, input);
export const leaveStaff = (id: number, leftOn: string) => post<Staff>(`/workforce/staff/${id}/leave`, { leftOn });

export const getPayTable = (query: { countyId?: number; year: number }) => get<PayTable>('/workforce/pay-table', query);
export const savePayTable = (input: { countyId: number; year: number; rates: PayRate[]; stars: StarRule[] }) => put<PayTable>('/workforce/pay-table', input);

export const getOverview = (query: { orgId?: number; year?: number }) => get<Overview>('/workforce/overview', query);

export const listRatings = (query: { orgId?: number; year: number; page: number; pageSize: number }) => get<Paged<Rating>>('/workforce/ratings', query);
export const computeRatings = (orgId: number, year: number) => post<{ rated: number; withoutSecretary: number }>('/workforce/ratings/compute', { orgId, year });
export const setAssessment = (id: number, score: number) => put<Rating>(`/workforce/ratings/${id}/assessment`, { score });
export const ratingHistory = (staffId: number) => get<{ staffId: number; name: string; items: Rating[] }>(`/workforce/staff/${staffId}/ratings`);
