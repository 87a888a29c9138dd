import { PhoneNumber } from '../../platform/pii/phone.js';
import { z } from 'zod';
import { PageQuery, paged } from '../../platform/http/paging.js';

const id = z.number().int().positive();
const qid = z.coerce.number().int().positive();
const name = z.string().trim().min(1).max(60);
const phone = PhoneNumber;
const instant = z.string().datetime({ offset: true });

export const VolunteerOrgKind = z.enum(['community_team', 'unit_team', 'social_org', 'other']);

export const OrgsQuery = PageQuery.extend({ orgId: qid.optional() });
export const VolunteerOrgItem = z.object({
  id: z.number(), name: z.string(), kind: VolunteerOrgKind, orgId: z.number(), placeName: z.string(), workUnitId: z.number().nullable(),
  contactName: z.string(), phone: z.string().nullable(), members: z.number(), admins: z.number(), projects: z.number(), createdAt: z.string(), dissolved: z.boolean(),
});
export type VolunteerOrgItem = z.infer<typeof VolunteerOrgItem>;
export const CreateOrgBody = z.object({
  orgId: id, name, kind: VolunteerOrgKind, contactName: z.string().trim().min(1).max(30), phone: phone.optional(), workUnitId: id.nullable().optional(),
});
export type CreateOrgBody = z.infer<typeof CreateOrgBody>;
export const OrgAdmin = z.object({ id: z.number(), username: z.string(), displayName: z.string() });
export const AddMemberBody = z.object({ volunteerId: id });

export const VolunteersQuery = PageQuery.extend({ orgId: qid.optional(), volunteerOrgId: qid.optional(), q: z.string().trim().max(30).optional() });
export const VolunteerItem = z.object({
  id: z.number(), name: z.string(), phone: z.string().nullable(), communityName: z.string(), linkedResident: z.boolean(), hours: z.number(),
  stars: z.number(), points: z.number(), orgs: z.array(z.object({ id: z.number(), name: z.string() })), createdAt: z.string(),
});
export type VolunteerItem = z.infer<typeof VolunteerItem>;
export const RegisterVolunteerBody = z.object({ orgId: id, name, phone, volunteerOrgId: id.optional() });
export type RegisterVolunteerBody = z.infer<typeof RegisterVolunteerBody>;

export const ProjectsQuery = PageQuery.extend({ orgId: qid.optional(), volunteerOrgId: qid.optional() });
export const ProjectItem = z.object({ id: z.number(), volunteerOrgId: z.number(), orgName: z.string(), name: z.string(), description: z.string(), activities: z.number(), createdAt: z.string() });
export type ProjectItem = z.infer<typeof ProjectItem>;
export const CreateProjectBody = z.object({ volunteerOrgId: id, name, description: z.string().trim().max(500).optional() });
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

export const ActivityStatus = z.enum(['open', 'confirmed', 'cancelled']);
export const ActivitiesQuery = PageQuery.extend({ orgId: qid.optional(), volunteerOrgId: qid.optional(), projectId: qid.optional(), status: ActivityStatus.optional() });
export const ActivityItem = z.object({
  id: z.number(), projectId: z.number(), projectName: z.string(), volunteerOrgId: z.number(), orgName: z.string(), placeId: z.number(), placeName: z.string(),
  title: z.string(), address: z.string(), startsAt: z.string(), endsAt: z.string(), capacity: z.number(), signedUp: z.number(), served: z.number(),
  status: ActivityStatus, confirmedAt: z.string().nullable(),
});
export type ActivityItem = z.infer<typeof ActivityItem>;
export const CreateActivityBody = z.object({
  projectId: id, placeId: id, title: z.string().trim().min(1).max(80), address: z.string().trim().max(120).optional(),
  startsAt: instant, endsAt: instant, capacity: z.number().int().min(1).max(10000),
});
export type CreateActivityBody = z.infer<typeof CreateActivityBody>;
export const RosterItem = z.object({
  volunteerId: z.number(), name: z.string(), phone: z.string().nullable(), status: z.enum(['signed', 'cancelled']), signedAt: z.string(),
  checkinAt: z.string().nullable(), checkoutAt: z.string().nullable(), hours: z.number(), points: z.number(), confirmed: z.boolean(),
});
export type RosterItem = z.infer<typeof RosterItem>;
export const ActivityDetail = ActivityItem.extend({ roster: z.array(RosterItem) });
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const CheckinQr = z.object({ token: z.string(), path: z.string(), refreshInMs: z.number(), activity: ActivityItem, checkedIn: z.number() });
export type CheckinQr = z.infer<typeof CheckinQr>;

const reason = z.string().trim().min(2, '请说明理由').max(200);
export const ConfirmBody = z.object({
  served: z.number().int().min(0).max(100000),
  entries: z.array(z.object({ volunteerId: id, hours: z.number().positive().max(24), reason })).max(500).optional(),
});
export type ConfirmBody = z.infer<typeof ConfirmBody>;
export const ConfirmResponse = z.object({
  confirmed: z.array(z.object({ volunteerId: z.number(), hours: z.number(), points: z.number() })),
  skipped: z.array(z.object({ volunteerId: z.number(), reason: z.string() })),
});
export const CorrectBody = z.object({ volunteerId: id, hours: z.number().min(0).max(24), reason });
export type CorrectBody = z.infer<typeof CorrectBody>;

export const OverviewQuery = z.object({ orgId: qid.optional() });
export const Overview = z.object({
  place: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  orgs: z.number(), volunteers: z.number(), hours: z.number(), activities: z.number(), confirmedActivities: z.number(), served: z.number(),
  stars: z.array(z.object({ stars: z.number(), volunteers: z.number() })),
  months: z.array(z.object({ month: z.string(), hours: z.number() })),
});
export type Overview = z.infer<typeof Overview>;

// ---- the volunteer's own (phone) ----

export const RegisterSelfResponse = z.object({ id: z.number(), created: z.boolean() });
export const MyHours = z.object({
  registered: z.boolean(), id: z.number(), name: z.string(), hours: z.number(), points: z.number(), stars: z.number(), nextAt: z.number().nullable(), toNext: z.number(),
  entries: z.array(z.object({ id: z.number(), activityId: z.number(), title: z.string(), kind: z.string(), hours: z.number(), points: z.number(), reason: z.string().nullable(), occurredOn: z.string() })),
});
export type MyHours = z.infer<typeof MyHours>;
export const NearActivity = ActivityItem.extend({ mine: z.boolean(), checkinAt: z.string().nullable(), checkoutAt: z.string().nullable() });
export type NearActivity = z.infer<typeof NearActivity>;
export const NearActivities = z.object({ items: z.array(NearActivity) });

export const ScanQuery = z.object({ t: z.string().trim().min(1).max(200) });
export const ScanPreview = z.object({
  activity: ActivityItem, signedUp: z.boolean(), checkinAt: z.string().nullable(), checkoutAt: z.string().nullable(), next: z.enum(['in', 'out', 'done']),
});
export type ScanPreview = z.infer<typeof ScanPreview>;
export const ScanBody = z.object({
  token: z.string().trim().min(1).max(200),
  action: z.enum(['in', 'out']),
  /** Set by the phone for a scan queued without signal; replaying it records the scan once. */
  clientId: z.string().trim().min(8).max(64).optional(),
  /** When the phone scanned it (a queued scan); the time recorded if the token was fresh then. */
  scannedAt: instant.optional(),
});
export type ScanBody = z.infer<typeof ScanBody>;
export const ScanResponse = z.object({ action: z.enum(['in', 'out']), at: z.string(), replayed: z.boolean(), already: z.boolean() });
export type ScanResponse = z.infer<typeof ScanResponse>;

export const Ok = z.object({ ok: z.boolean() });
export const Created = z.object({ id: z.number() });
export const SignupResponse = z.object({ signupId: z.number() });

export { paged };
