import { get, post } from './api.js';
import type { z } from 'zod';

/** 业主表决 calls; the shapes come from server/modules/selfrun/votes.schemas.ts. */
type S = typeof import('../../../server/modules/selfrun/votes.schemas.js');

export type VoteItem = z.infer<S['VoteItem']>;
export type VoteDetail = z.infer<S['VoteDetail']>;
export type MatterView = z.infer<S['MatterView']>;
export type UnitRow = z.infer<S['UnitRow']>;
export type PaperEntry = z.infer<S['PaperEntry']>;
export type ProxyRow = z.infer<S['ProxyRow']>;
export type MyVote = z.infer<S['MyVote']>;
export type PublicVote = z.infer<S['PublicVote']>;
export type CreateVoteBody = z.input<S['CreateVoteBody']>;
export type Choice = 'agree' | 'disagree' | 'abstain';
export type Choices = { matterId: number; choice: Choice }[];
type Status = VoteItem['status'];

export const listVotes = (q: { page: number; pageSize: number; compoundId?: number; status?: Status }) => get<{ items: VoteItem[]; total: number }>('/selfrun/votes', q);
export const createVote = (body: CreateVoteBody) => post<{ id: number; status: Status }>('/selfrun/votes', body);
export const getVote = (id: number) => get<VoteDetail>(`/selfrun/votes/${id}`);
/** 公告; with a paper notice already posted: the China day it went up and its photo. */
export const announce = (id: number, paper?: { noticePostedOn: string; noticePhotoId: number }) => post<{ id: number; status: Status }>(`/selfrun/votes/${id}/announce`, paper ?? {});
export const cancel = (id: number, reason: string) => post<{ id: number; status: Status }>(`/selfrun/votes/${id}/cancel`, { reason });
export const publish = (id: number) => post<{ id: number; status: Status }>(`/selfrun/votes/${id}/publish`, {});
export const voteUnits = (id: number, q: { page: number; pageSize: number; q?: string }) => get<{ items: UnitRow[]; total: number }>(`/selfrun/votes/${id}/units`, q);
export const paperQueue = (id: number) => get<PaperEntry[]>(`/selfrun/votes/${id}/paper`);
export const enterPaper = (id: number, unitId: number, choices: Choices) => post<{ id: number }>(`/selfrun/votes/${id}/paper`, { unitId, choices });
export const confirmPaper = (id: number, entryId: number, choices: Choices) => post<{ ok: true }>(`/selfrun/votes/${id}/paper/${entryId}/confirm`, { choices });
export const discardPaper = (id: number, entryId: number) => post<{ ok: true }>(`/selfrun/votes/${id}/paper/${entryId}/discard`, {});
export const listProxies = (id: number) => get<ProxyRow[]>(`/selfrun/votes/${id}/proxies`);
export const revokeProxy = (id: number, proxyId: number, reason: string) => post<{ id: number; status: string }>(`/selfrun/votes/${id}/proxies/${proxyId}/revoke`, { reason });
export const addProxy = (id: number, body: { unitId: number; proxyIdNumber: string; photoId: number }) => post<{ id: number }>(`/selfrun/votes/${id}/proxies`, body);
export const myVotes = () => get<MyVote[]>('/selfrun/my-votes');
export const castBallot = (id: number, choices: Choices, proxyUnitId?: number) => post<{ ok: true }>(`/selfrun/my-votes/${id}/ballot`, { choices, proxyUnitId });
export const publicVote = (id: number) => get<PublicVote>(`/public/votes/${id}`);
export const ballotsExportUrl = (id: number) => `/api/public/votes/${id}/ballots`;
