import { get, post } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/** 物业信用评价 calls; the shapes come from server/modules/property/credit-evaluation.schemas.ts. */
type S = typeof import('../../../server/modules/property/credit-evaluation.schemas.js');

export type Scheme = z.infer<S['Scheme']>;
export type NewScheme = z.input<S['CreateSchemeBody']>;
export type CreditSource = z.infer<S['CreditSource']>;
export type RaterKind = z.infer<S['RaterKind']>;
export type RatingRow = z.infer<S['RatingRow']>;
export type Survey = z.infer<S['Survey']>;
export type QuartersAnswer = z.infer<S['QuartersAnswer']>;
export type QuarterSummary = z.infer<S['QuarterSummary']>;
export type QuarterDetail = z.infer<S['QuarterDetail']>;
export type CompanyScore = z.infer<S['CompanyScore']>;
export type CompoundScore = z.infer<S['CompoundScore']>;
export type Objection = z.infer<S['Objection']>;
export type MyCredit = z.infer<S['MyCredit']>;
export type PublicLists = z.infer<S['PublicLists']>;
export type PublicList = z.infer<S['PublicList']>;

export { CREDIT_SOURCES, PARTY_SOURCES, PARTY_SHARE_MIN } from '../../../server/modules/property/credit-formulas.js';
export const RATER_KINDS: readonly RaterKind[] = ['street', 'community', 'compound'];

// countyId: a city admin names the county; everyone else works in their own.
export const listSchemes = (countyId?: number) => get<Scheme[]>('/property/credit/schemes', { countyId });
export const createScheme = (input: NewScheme) => post<{ id: number }>('/property/credit/schemes', input);
export const listRatings = (q: { quarter: string; orgId?: number; page: number; pageSize: number }) => get<Paged<RatingRow>>('/property/credit/ratings', q);
export const rate = (input: z.input<S['RateBody']>) => post<{ id: number }>('/property/credit/ratings', input);
export const mySurvey = () => get<Survey>('/property/credit/survey');
export const vote = (input: { stars: number; comment?: string }) => post<{ id: number }>('/property/credit/survey', input);
export const listQuarters = (countyId?: number) => get<QuartersAnswer>('/property/credit/quarters', { countyId });
export const getQuarter = (quarter: string, countyId?: number) => get<QuarterDetail>(`/property/credit/quarters/${quarter}`, { countyId });
export const companyScores = (quarter: string, q: { list?: 'red' | 'black' | 'none'; companyId?: number; page: number; pageSize: number; countyId?: number }) =>
  get<Paged<CompanyScore>>(`/property/credit/quarters/${quarter}/companies`, q);
export const compoundScores = (quarter: string, q: { companyId?: number; page: number; pageSize: number; countyId?: number }) =>
  get<Paged<CompoundScore>>(`/property/credit/quarters/${quarter}/compounds`, q);
export const scoreQuarter = (quarter: string) => post<{ id: number; compounds: number; companies: number; ms: number }>(`/property/credit/quarters/${quarter}/score`);
export const publishQuarter = (quarter: string) => post<{ ok: true }>(`/property/credit/quarters/${quarter}/publish`);
export const recordIncident = (input: { companyId: number; quarter: string; reason: string }) => post<{ id: number }>('/property/credit/incidents', input);
export const listObjections = (q: { status?: Objection['status']; page: number; pageSize: number }) => get<Paged<Objection>>('/property/credit/objections', q);
export const decideObjection = (id: number, input: z.input<S['DecideBody']>) => post<{ ok: true }>(`/property/credit/objections/${id}/decide`, input);
export const myCredit = () => get<MyCredit>('/property/credit/mine');
export const fileObjection = (input: { quarter: string; reason: string }) => post<{ id: number }>('/property/credit/objections', input);
export const publicLists = () => get<PublicLists>('/public/property-lists');
export const publicList = (id: number) => get<PublicList>(`/public/property-lists/${id}`);
