import { get, post } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/** 物业企业名录, contracts, sanctions and the company's own view; the shapes come from server/modules/property/companies.schemas.ts. */
type S = typeof import('../../../server/modules/property/companies.schemas.js');

export type Company = z.infer<S['CompanyItem']>;
export type NewCompany = z.input<S['CreateCompanyBody']>;
export type CompanyDetail = z.infer<S['CompanyDetail']>;
export type Branch = z.infer<S['BranchItem']>;
export type BranchKind = Branch['kind'];
export type NewBranch = z.input<S['CreateBranchBody']>;
export type Instructor = z.infer<S['InstructorItem']>;
export type NewInstructor = z.input<S['CreateInstructorBody']>;
export type Contract = z.infer<S['ContractItem']>;
export type ServiceLevel = Contract['serviceLevel'];
export type NewContract = z.input<S['CreateContractBody']>;
export type Compound = z.infer<S['CompoundItem']>;
export type Sanction = z.infer<S['SanctionItem']>;
export type SanctionKind = Sanction['kind'];
export type SanctionStatus = Sanction['status'];
export type NewSanction = z.input<S['CreateSanctionBody']>;
export type Overview = z.infer<S['Overview']>;
export type MyCompany = z.infer<S['MyCompany']>;
export type MyDemand = z.infer<S['MyDemand']>;

export const SANCTION_KINDS: readonly SanctionKind[] = ['interview', 'rectify', 'downgrade', 'exit', 'reselect'];
export const SERVICE_LEVELS: readonly ServiceLevel[] = ['1', '2', '3', '4', '5'];

type Page = { page: number; pageSize: number };

export const getOverview = () => get<Overview>('/property/overview');
export const listCompanies = (q: { q?: string; status?: 'active' | 'exited' } & Page) => get<Paged<Company>>('/property/companies', q);
export const createCompany = (input: NewCompany) => post<{ id: number }>('/property/companies', input);
export const getCompany = (id: number) => get<CompanyDetail>(`/property/companies/${id}`);
export const addInstructor = (companyId: number, input: NewInstructor) => post<{ id: number }>(`/property/companies/${companyId}/instructors`, input);
export const listBranches = (q: { kind?: BranchKind } & Page) => get<Paged<Branch>>('/property/branches', q);
export const createBranch = (input: NewBranch) => post<{ id: number }>('/property/branches', input);
export const listCompounds = (q: { orgId?: number; q?: string; served?: 'with' | 'without' } & Page) => get<Paged<Compound>>('/property/compounds', q);
export const startContract = (input: NewContract) => post<{ id: number }>('/property/contracts', input);
export const endContract = (id: number, input: { status: 'ended' | 'terminated'; reason: string }) => post<{ ok: boolean }>(`/property/contracts/${id}/end`, input);
export const listSanctions = (q: { companyId?: number; kind?: SanctionKind; status?: SanctionStatus } & Page) => get<Paged<Sanction>>('/property/sanctions', q);
export const decideSanction = (input: NewSanction) => post<{ id: number }>('/property/sanctions', input);
export const verifySanction = (id: number, note: string) => post<{ ok: boolean }>(`/property/sanctions/${id}/verify`, { note });
export const sendBackSanction = (id: number, note: string) => post<{ ok: boolean }>(`/property/sanctions/${id}/send-back`, { note });

export const getMine = () => get<MyCompany>('/property/mine');
export const listMyDemands = (q: { open?: '1' | '0' } & Page) => get<Paged<MyDemand>>('/property/mine/demands', q);
export const listMySanctions = (q: Page) => get<Paged<Sanction>>('/property/mine/sanctions', q);
export const reportSanction = (id: number, input: { note: string; photoId?: number }) => post<{ ok: boolean }>(`/property/mine/sanctions/${id}/report`, input);
