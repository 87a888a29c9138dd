import { get, post } from './api.js';

import type { z } from 'zod';

/** 民情分析会 — shapes come from server/modules/demands/demand.schemas.ts. */
type Demands = typeof import('../../../server/modules/demands/demand.schemas.js');

export type MeetingSummary = z.infer<Demands['MeetingSummary']>;
export type Meeting = z.infer<Demands['MeetingView']>;
export type MeetingItem = Meeting['items'][number];
export type UnmetCommunity = z.infer<Demands['UnmetCommunity']>;
export type NewMeeting = z.input<Demands['CreateMeetingBody']>;
export type MeetingDecision = z.input<Demands['DecideItemBody']>;

export const listMeetings = (orgId?: number) => get<z.infer<Demands['MeetingList']>>('/demands/meetings', { orgId });

export const getMeeting = (id: number) => get<Meeting>(`/demands/meetings/${id}`);

export const createMeeting = (input: NewMeeting) => post<Meeting>('/demands/meetings', input);

export const decideMeetingItem = (meetingId: number, input: MeetingDecision) =>
  post<Meeting>(`/demands/meetings/${meetingId}/decisions`, input);

export const listUnmetCommunities = (query: Omit<z.infer<Demands['UnmetQuery']>, 'orgId'>) =>
  get<z.infer<Demands['UnmetResponse']>>('/demands/meetings/unmet', query);
