import { PhoneNumber as Phone } from '../../platform/pii/phone.js';
import { z } from 'zod';
import { CreditCode } from '../../platform/http/credit-code.js';
import { PageQuery } from '../../platform/http/paging.js';

/** 双报到 and 双评价: work units, their pairings with communities, in-service members' reports, year records. */

export const WorkUnitKind = z.enum(['organ', 'institution', 'enterprise', 'other']);
export const ReportStatus = z.enum(['pending', 'confirmed', 'declined', 'withdrawn']);
export const MemberPost = z.enum(['branch_secretary', 'building_head', 'member_household', 'volunteer']);
export const Grade = z.enum(['excellent', 'competent', 'basic', 'incompetent']);
const Year = z.coerce.number().int().min(2000).max(2100);

const name = (max: number) => z.string().trim().min(1, '不能为空').max(max);

export const WorkUnitBody = z.object({
  /** The county or street that registers it (its scope). */
  orgId: z.number().int().positive(),
  name: name(100),
  kind: WorkUnitKind,
  creditCode: CreditCode.nullish(),
  partyOrgName: name(100),
  contactName: name(50),
  phone: Phone.nullish(),
});

export const WorkUnitPatch = z.object({
  name: name(100).optional(),
  kind: WorkUnitKind.optional(),
  creditCode: CreditCode.nullish(),
  partyOrgName: name(100).optional(),
  contactName: name(50).optional(),
  phone: Phone.nullish(),
});

export const WorkUnitView = z.object({
  id: z.number(),
  name: z.string(),
  kind: WorkUnitKind,
  creditCode: z.string().nullable(),
  partyOrgName: z.string(),
  contactName: z.string(),
  /** Masked (138****0000); the full number is sealed. */
  phone: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  /** This year's confirmed pairings and members the caller may see. */
  pairedCount: z.number(),
  memberCount: z.number(),
});

export const WorkUnitListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  kind: WorkUnitKind.optional(),
});

export const PairingView = z.object({
  id: z.number(),
  workUnitId: z.number(),
  workUnitName: z.string(),
  communityId: z.number(),
  communityName: z.string(),
  year: z.number(),
  status: ReportStatus,
  note: z.string().nullable(),
  declineReason: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  grade: Grade.nullable(),
  gradeComment: z.string().nullable(),
});

export const PairingListQuery = PageQuery.extend({
  communityId: z.coerce.number().int().positive().optional(),
  workUnitId: z.coerce.number().int().positive().optional(),
  status: ReportStatus.optional(),
  year: Year.optional(),
});

export const PairingBody = z.object({
  communityId: z.number().int().positive(),
  year: Year.optional(),
  note: z.string().trim().max(500).nullish(),
});

export const StaffPairingBody = PairingBody.extend({ workUnitId: z.number().int().positive() });

export const DeclineBody = z.object({ reason: z.string().trim().min(1, '请填写退回原因').max(200) });

export const EvaluationBody = z.object({ grade: Grade, comment: z.string().trim().max(500).nullish() });

export const MemberReportView = z.object({
  id: z.number(),
  memberName: z.string(),
  residentId: z.number(),
  communityId: z.number(),
  communityName: z.string(),
  year: z.number(),
  workUnitId: z.number().nullable(),
  workUnitName: z.string(),
  /** The unit was named by the member, not picked from the registered ones. */
  unitListed: z.boolean(),
  posts: z.array(MemberPost),
  status: ReportStatus,
  declineReason: z.string().nullable(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const MemberReportListQuery = PageQuery.extend({
  communityId: z.coerce.number().int().positive().optional(),
  workUnitId: z.coerce.number().int().positive().optional(),
  status: ReportStatus.optional(),
  year: Year.optional(),
});

/** The phone's 报到 page: where the member will report (derived, never chosen) and what is offered there. */
export const MyReportResponse = z.object({
  year: z.number(),
  community: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** Why the member cannot report (not linked, not an in-service member, no household in a community). */
  blocked: z.string().nullable(),
  postsOffered: z.array(MemberPost),
  current: MemberReportView.nullable(),
  history: z.array(MemberReportView),
});

export const MyReportBody = z.object({
  /** A registered unit, or… */
  workUnitId: z.number().int().positive().nullish(),
  /** …the unit's name when it is not listed. */
  workUnitName: z.string().trim().min(2, '请填写单位全称').max(100).nullish(),
  posts: z.array(MemberPost).min(1, '请至少选择一个岗位').max(4),
});

export const UnitOptionsQuery = z.object({ q: z.string().trim().max(50).optional() });
export const UnitOption = z.object({ id: z.number(), name: z.string() });

export const PostOffersQuery = z.object({ communityId: z.coerce.number().int().positive() });
export const PostOffersBody = z.object({ communityId: z.number().int().positive(), posts: z.array(MemberPost).min(1, '请至少提供一个岗位') });
export const PostOffers = z.object({ communityId: z.number(), posts: z.array(MemberPost), limited: z.boolean() });

/** One confirmed member's year, counted from the records (never typed). */
export const MemberRecordView = z.object({
  reportId: z.number(),
  memberName: z.string(),
  communityId: z.number(),
  communityName: z.string(),
  workUnitId: z.number().nullable(),
  workUnitName: z.string(),
  year: z.number(),
  posts: z.array(MemberPost),
  services: z.number(),
  hours: z.number(),
  wishesFulfilled: z.number(),
  /** No service and no wish this year: listed as 未参与, never hidden. */
  participated: z.boolean(),
  grade: Grade.nullable(),
  gradeComment: z.string().nullable(),
});

export const MemberRecordQuery = PageQuery.extend({
  communityId: z.coerce.number().int().positive().optional(),
  workUnitId: z.coerce.number().int().positive().optional(),
  year: Year.optional(),
  participated: z.enum(['yes', 'no']).optional(),
  graded: z.enum(['yes', 'no']).optional(),
});

export const UnitRecordResponse = z.object({
  unit: WorkUnitView,
  year: z.number(),
  pairings: z.array(PairingView),
  members: z.array(MemberRecordView),
  totals: z.object({ members: z.number(), participated: z.number(), services: z.number(), hours: z.number(), wishesFulfilled: z.number() }),
});

export const YearQuery = z.object({ year: Year.optional() });
