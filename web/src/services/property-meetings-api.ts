import { get, post, put } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/** 三方协调月例会 calls; the shapes come from server/modules/property/meetings.schemas.ts. */
type S = typeof import('../../../server/modules/property/meetings.schemas.js');

export type Board = z.infer<S['Board']>;
export type BoardCell = z.infer<S['BoardCell']>;
export type MeetingDetail = z.infer<S['MeetingDetail']>;
export type AgendaItem = z.infer<S['AgendaItem']>;
export type Attendee = z.infer<S['Attendee']>;
export type MeetingTask = z.infer<S['MeetingTask']>;
export type MeetingParty = Attendee['party'];
export type TaskOwnerKind = MeetingTask['ownerKind'];
export type NewTask = z.input<S['TaskBody']>;
export type Overview = z.infer<S['Overview']>;
export type MyProposals = z.infer<S['MyProposals']>;

export const MEETING_PARTIES: readonly MeetingParty[] = ['community', 'owners_committee', 'management_committee', 'company', 'resident_rep'];
export const TASK_OWNER_KINDS: readonly TaskOwnerKind[] = ['company', 'community', 'owners_committee', 'person'];

export const getBoard = (q: { communityId?: number; months?: number }) => get<Board>('/property/meetings/board', q);
export const getOverview = (q: { streetId?: number; month?: string }) => get<Overview>('/property/meetings/overview', q);
export const scheduleMeeting = (input: z.input<S['ScheduleBody']>) => post<{ id: number }>('/property/meetings', input);
export const getMeeting = (id: number) => get<MeetingDetail>(`/property/meetings/${id}`);
export const addAgendaItem = (id: number, title: string) => post<{ id: number }>(`/property/meetings/${id}/agenda`, { title });
export const refreshAgenda = (id: number) => post<{ ok: boolean }>(`/property/meetings/${id}/agenda/refresh`, {});
export const saveAttendance = (id: number, attendees: Attendee[]) => put<{ ok: boolean }>(`/property/meetings/${id}/attendance`, { attendees });
export const holdMeeting = (id: number, input: z.input<S['HoldBody']>) => post<{ ok: boolean }>(`/property/meetings/${id}/hold`, input);
export const cancelMeeting = (id: number, reason: string) => post<{ ok: boolean }>(`/property/meetings/${id}/cancel`, { reason });
export const addTask = (id: number, input: NewTask) => post<{ id: number }>(`/property/meetings/${id}/tasks`, input);
export const confirmTask = (id: number, note?: string) => post<{ ok: boolean }>(`/property/meeting-tasks/${id}/confirm`, { note });
export const sendBackTask = (id: number, note: string) => post<{ ok: boolean }>(`/property/meeting-tasks/${id}/send-back`, { note });
export const dropTask = (id: number, note: string) => post<{ ok: boolean }>(`/property/meeting-tasks/${id}/drop`, { note });
export const recordProposal = (input: z.input<S['StaffProposalBody']>) => post<{ id: number }>('/property/meeting-proposals', input);

// Phone pages.
export const companyTasks = (q: { status?: MeetingTask['status']; page: number; pageSize: number }) => get<Paged<MeetingTask>>('/property/company/meeting-tasks', q);
export const reportTask = (id: number, note: string) => post<{ ok: boolean }>(`/property/company/meeting-tasks/${id}/report`, { note });
export const myProposals = () => get<MyProposals>('/property/my-proposals');
export const submitProposal = (content: string) => post<{ id: number }>('/property/my-proposals', { content });
