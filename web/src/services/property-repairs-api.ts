import { get, post } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/** 专项维修资金 calls; the shapes come from server/modules/property/repairs.schemas.ts. */
type S = typeof import('../../../server/modules/property/repairs.schemas.js');

export type Repair = z.infer<S['RepairItem']>;
export type RepairDetail = z.infer<S['RepairDetail']>;
export type RepairKind = Repair['kind'];
export type RepairStatus = Repair['status'];
export type NewRepair = z.input<S['ApplyBody']>;
export type CompoundOption = z.infer<S['CompoundOption']>;
export type CompoundPlaces = z.infer<S['CompoundPlaces']>;
export type Figures = z.infer<S['Figures']>;
export type VoteInput = z.input<S['VoteBody']>;
export type VoteMatterOption = z.infer<S['VoteMatterOption']>;
export type ResidentRepairs = z.infer<S['ResidentRepairs']>;
export type ResidentRepair = ResidentRepairs['items'][number];

export const REPAIR_KINDS: readonly RepairKind[] = ['lift', 'roof_leak', 'wall_leak', 'fire', 'pipes', 'ebike_shed', 'charging', 'other'];
export const REPAIR_STATUSES: readonly RepairStatus[] = ['draft', 'applied', 'approved', 'rejected', 'in_progress', 'done', 'accepted', 'published'];
/** Urgent repairs of these kinds go through the emergency procedure (mirrors repairs-lifecycle.ts). */
export const SAFETY_KINDS: readonly RepairKind[] = ['lift', 'roof_leak', 'wall_leak', 'fire', 'pipes'];

/** The route segment of each step. */
export const STEP_PATHS = {
  submit: '/submit', approve_community: '/approve-community', approve_street: '/approve-street', record_vote: '/vote', reject: '/reject',
  start: '/start', finish: '/finish', accept: '/accept', send_back: '/send-back', publish: '/publish',
} as const;
export type RepairAction = keyof typeof STEP_PATHS;

export const listRepairs = (q: { status?: RepairStatus; kind?: RepairKind; compoundId?: number; orgId?: number; page: number; pageSize: number }) =>
  get<Paged<Repair>>('/property/repairs', q);
export const getRepair = (id: number) => get<RepairDetail>(`/property/repairs/${id}`);
export const listCompounds = (q?: string) => get<CompoundOption[]>('/property/repairs/compounds', { q });
export const getCompoundPlaces = (id: number) => get<CompoundPlaces>(`/property/repairs/compounds/${id}/places`);
export const applyRepair = (input: NewRepair) => post<{ id: number; households: number }>('/property/repairs', input);
export const takeStep = (id: number, action: RepairAction, body: Record<string, unknown> = {}) =>
  post<{ status: RepairStatus }>(`/property/repairs/${id}${STEP_PATHS[action]}`, body);
export const getFigures = (q: { orgId?: number; from?: string; to?: string }) => get<Figures>('/property/repairs/figures', q);
export const myRepairs = () => get<ResidentRepairs>('/property/my-repairs');
/** The compound's counted owners' vote matters for the repair's 业主表决 step, each with why it cannot decide it. */
export const voteMatters = (id: number) => get<VoteMatterOption[]>(`/property/repairs/${id}/vote-matters`);
