import { get, post } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/** 背包上门 calls: visits without a demand, a worker's own history and the monthly counts (server/modules/demands/visits.*). */

type Visits = typeof import('../../../server/modules/demands/visits.schemas.js');

export type NewVisit = z.input<Visits['RecordVisitBody']>;
export type VisitItem = z.infer<Visits['VisitItem']>;
export type VisitCount = z.infer<Visits['VisitCount']>;
export type VisitCounts = z.infer<Visits['VisitCountsResponse']>;

export const recordVisit = (input: NewVisit) => post<{ id: number; replayed: boolean }>('/visits', input);

export const listMyVisits = (page = 1, pageSize = 10) => get<Paged<VisitItem>>('/visits/mine', { page, pageSize });

export const visitCounts = (query: { month: string; orgId?: number }) => get<VisitCounts>('/visits/counts', query);
