import { get, patch, post, put } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/**
 * Workforce (三岗十八级) calls. The shapes mirror server/modules/workforce/workforce.schemas.ts;
 * pages import from here, never fetch themselves.
 */

type Workforce = typeof import('../../../server/modules/workforce/workforce.schemas.js');

export type StaffPost = z.infer<Workforce['PostSchema']>;
export type PostType = z.infer<Workforce['PostTypeSchema']>;
export const STAFF_POSTS: readonly StaffPost[] = ['community_secretary', 'community_worker', 'grid_worker', 'graduate_assistant'];
export const POST_TYPES: readonly PostType[] = ['leader', 'deputy', 'worker'];
export const GRADES = 18;

/** A staff member as listed; the phone always masked. */
export type Staff = z.infer<Workforce['StaffView']>;
export type StaffInput = z.input<Workforce['CreateStaffBody']>;
export type PayRate = z.infer<Workforce['PayRate']>;
export type StarRule = z.infer<Workforce['StarRule']>;
export type PayTable = z.infer<Workforce['PayTableView']>;
export type Overview = z.infer<Workforce['OverviewView']>;
export type Ratio = Overview['unit'];
export type Rating = z.infer<Workforce['RatingView']>;
/** The staff list's filter; the server reads includeLeft as 'true'/'false' and defaults it to false. */
export type StaffFilter = Omit<z.infer<Workforce['StaffQuery']>, 'includeLeft'> & { includeLeft?: boolean };
export type PayTableInput = z.input<Workforce['SavePayTableBody']>;

export const listStaff = (query: StaffFilter) =>
  get<Paged<Staff>>('/workforce/staff', { ...query, includeLeft: query.includeLeft ? 'true' : undefined });
export const createStaff = (input: StaffInput) => post<Staff>('/workforce/staff', input);
export const updateStaff = (id: number, input: Partial<StaffInput>) => patch<Staff>(`/workforce/staff/${id}`, input);
export const leaveStaff = (id: number, leftOn: string) => post<Staff>(`/workforce/staff/${id}/leave`, { leftOn });

export const getPayTable = (query: z.infer<Workforce['PayTableQuery']>) => get<PayTable>('/workforce/pay-table', query);
export const savePayTable = (input: PayTableInput) => put<PayTable>('/workforce/pay-table', input);

export const getOverview = (query: z.infer<Workforce['OverviewQuery']>) => get<Overview>('/workforce/overview', query);

export const listRatings = (query: z.infer<Workforce['RatingQuery']>) => get<Paged<Rating>>('/workforce/ratings', query);
export const computeRatings = (orgId: number, year: number) => post<z.infer<Workforce['ComputeResult']>>('/workforce/ratings/compute', { orgId, year });
export const setAssessment = (id: number, score: number) => put<Rating>(`/workforce/ratings/${id}/assessment`, { score });
export const ratingHistory = (staffId: number) => get<z.infer<Workforce['HistoryView']>>(`/workforce/staff/${staffId}/ratings`);
