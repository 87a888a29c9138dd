import type { z } from 'zod';
import { get, post, request } from './api.js';
import type { Paged } from './types.js';

/** 专项行动 calls; the shapes come from server/modules/campaigns/campaigns.schemas.ts. */
type Campaigns = typeof import('../../../server/modules/campaigns/campaigns.schemas.js');

export type CampaignKind = z.infer<Campaigns['CampaignKind']>;
export type SubjectKind = z.infer<Campaigns['SubjectKind']>;
export type Campaign = z.infer<Campaigns['CampaignListItem']>;
export type CampaignDetail = z.infer<Campaigns['CampaignDetail']>;
export type CampaignItem = CampaignDetail['items'][number];
export type Candidate = z.infer<Campaigns['Candidate']>;
export type NewCampaign = z.input<Campaigns['LaunchCampaignBody']>;

export const CAMPAIGN_KINDS: readonly CampaignKind[] = ['parking', 'flying_wires', 'fire_lanes', 'other'];

export const listCampaigns = (query: { kind?: CampaignKind; page: number; pageSize: number }) => get<Paged<Campaign>>('/campaigns', query);
export const getCampaign = (id: number) => get<CampaignDetail>(`/campaigns/${id}`);
export const launchCampaign = (input: NewCampaign) => post<CampaignDetail>('/campaigns', input);
export const candidates = (id: number, kind: SubjectKind, q: string) => get<{ items: Candidate[] }>(`/campaigns/${id}/candidates/${kind}`, { q });
export const tagItem = (id: number, subjectKind: SubjectKind, subjectId: number) => post<CampaignDetail>(`/campaigns/${id}/items`, { subjectKind, subjectId });
export const untagItem = (id: number, itemId: number) => request<CampaignDetail>('DELETE', `/campaigns/${id}/items/${itemId}`);
