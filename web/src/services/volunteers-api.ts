import { get, post } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/** 志愿吕梁 calls; the shapes come from server/modules/volunteers/volunteers.schemas.ts. */
type V = typeof import('../../../server/modules/volunteers/volunteers.schemas.js');

export type VolunteerOrg = z.infer<V['VolunteerOrgItem']>;
export type VolunteerOrgKind = VolunteerOrg['kind'];
export const VOLUNTEER_ORG_KINDS: readonly VolunteerOrgKind[] = ['community_team', 'unit_team', 'social_org', 'other'];
export type NewVolunteerOrg = z.input<V['CreateOrgBody']>;
export type OrgAdmin = z.infer<V['OrgAdmin']>;
export type Volunteer = z.infer<V['VolunteerItem']>;
export type NewVolunteer = z.input<V['RegisterVolunteerBody']>;
export type Project = z.infer<V['ProjectItem']>;
export type NewProject = z.input<V['CreateProjectBody']>;
export type Activity = z.infer<V['ActivityItem']>;
export type ActivityStatus = Activity['status'];
export type NewActivity = z.input<V['CreateActivityBody']>;
export type ActivityDetail = z.infer<V['ActivityDetail']>;
export type RosterRow = z.infer<V['RosterItem']>;
export type CheckinQr = z.infer<V['CheckinQr']>;
export type ConfirmInput = z.input<V['ConfirmBody']>;
export type ConfirmResult = z.infer<V['ConfirmResponse']>;
export type Correction = z.input<V['CorrectBody']>;
export type Overview = z.infer<V['Overview']>;
export type MyHours = z.infer<V['MyHours']>;
export type NearActivity = z.infer<V['NearActivity']>;
export type ScanPreview = z.infer<V['ScanPreview']>;
export type ScanInput = z.input<V['ScanBody']>;
export type ScanResult = z.infer<V['ScanResponse']>;

type Page = { page: number; pageSize: number };

export const getOverview = (orgId?: number) => get<Overview>('/volunteers/overview', { orgId });
export const listOrgs = (q: { orgId?: number } & Page) => get<Paged<VolunteerOrg>>('/volunteers/orgs', q);
export const createOrg = (input: NewVolunteerOrg) => post<{ id: number }>('/volunteers/orgs', input);
export const listOrgAdmins = (id: number) => get<OrgAdmin[]>(`/volunteers/orgs/${id}/admins`);
export const addMember = (orgId: number, volunteerId: number) => post<{ ok: boolean }>(`/volunteers/orgs/${orgId}/members`, { volunteerId });
export const listVolunteers = (q: { orgId?: number; volunteerOrgId?: number; q?: string } & Page) => get<Paged<Volunteer>>('/volunteers/people', q);
export const registerVolunteer = (input: NewVolunteer) => post<{ id: number }>('/volunteers/people', input);
export const listProjects = (q: { orgId?: number; volunteerOrgId?: number } & Page) => get<Paged<Project>>('/volunteers/projects', q);
export const createProject = (input: NewProject) => post<{ id: number }>('/volunteers/projects', input);
export const listActivities = (q: { orgId?: number; volunteerOrgId?: number; projectId?: number; status?: ActivityStatus } & Page) =>
  get<Paged<Activity>>('/volunteers/activities', q);
export const createActivity = (input: NewActivity) => post<{ id: number }>('/volunteers/activities', input);
export const getActivity = (id: number) => get<ActivityDetail>(`/volunteers/activities/${id}`);
export const getCheckinQr = (id: number) => get<CheckinQr>(`/volunteers/activities/${id}/qr`);
export const confirmHours = (id: number, input: ConfirmInput) => post<ConfirmResult>(`/volunteers/activities/${id}/confirm`, input);
export const correctHours = (id: number, input: Correction) => post<{ hours: number }>(`/volunteers/activities/${id}/corrections`, input);

// The volunteer's own (phone pages).
export const registerMe = () => post<{ id: number; created: boolean }>('/volunteers/me');
export const getMyHours = () => get<MyHours>('/volunteers/me');
export const listNearActivities = () => get<{ items: NearActivity[] }>('/volunteers/me/activities');
export const signUp = (id: number) => post<{ signupId: number }>(`/volunteers/activities/${id}/signup`);
export const cancelSignUp = (id: number) => post<{ ok: boolean }>(`/volunteers/activities/${id}/cancel`);
export const previewScan = (token: string) => get<ScanPreview>('/volunteers/scan', { t: token });
export const scan = (input: ScanInput) => post<ScanResult>('/volunteers/scan', input);

/** Stars by hours (brief §10), as the server counts them. */
export const STAR_HOURS = [100, 300, 600, 1000, 1500] as const;
