import { get, post } from './api.js';

/** 民情分析会 — shapes mirror server/modules/demands/demand-meetings.ts. */

export interface MeetingSummary {
  id: number;
  title: string;
  heldOn: string;
  orgId: number;
  orgName: string;
  items: number;
  decided: number;
}

export interface MeetingItem {
  demandId: number;
  description: string;
  categoryName: string;
  state: string;
  overdue: boolean;
  meTooCount: number;
  decision: string | null;
  outcome: 'community' | 'escalate' | null;
  decidedAt: string | null;
}

export interface Meeting {
  id: number;
  title: string;
  heldOn: string;
  orgId: number;
  items: MeetingItem[];
}

export interface UnmetCommunity {
  orgId: number;
  orgName: string;
  parentName: string;
  lastHeldOn: string | null;
}

export const listMeetings = (orgId?: number) => get<{ items: MeetingSummary[] }>('/demands/meetings', { orgId });

export const getMeeting = (id: number) => get<Meeting>(`/demands/meetings/${id}`);

export const createMeeting = (input: { orgId: number; heldOn: string; title?: string }) => post<Meeting>('/demands/meetings', input);

export const decideMeetingItem = (meetingId: number, input: { demandId: number; decision: string; outcome: 'community' | 'escalate' }) =>
  post<Meeting>(`/demands/meetings/${meetingId}/decisions`, input);

export const listUnmetCommunities = (query: { month?: string; page: number; pageSize: number }) =>
  get<{ month: string; total: number; items: UnmetCommunity[] }>('/demands/meetings/unmet', query);
