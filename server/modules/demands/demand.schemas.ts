import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';

export const ChannelSchema = z.enum(['resident', 'visit', 'walk_in', 'hotline', 'leader_visit', 'open311', 'rider']);

export const CreateDemandBody = z.object({
  orgId: z.number().int().positive().optional(),
  householdId: z.number().int().positive().optional(),
  categoryCode: z.string().min(1, '请选择类别').max(40),
  description: z.string().trim().min(2, '请描述问题').max(2000),
  address: z.string().trim().max(200).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  /** Photos uploaded first through POST /api/files. */
  attachmentIds: z.array(z.number().int().positive()).max(9).optional(),
  // 'rider' comes only through the newgroups module's road reports (the rider's own route).
  channel: ChannelSchema.exclude(['rider']).default('resident'),
  reporterName: z.string().trim().max(30).optional(),
  reporterPhone: z.string().trim().max(11).optional(),
  /** Set by the phone page for records queued offline; replaying it never duplicates. */
  clientId: z.string().trim().min(8).max(64).optional(),
  solvedOnSpotNote: z.string().trim().max(500).optional(),
  force: z.boolean().optional(),
});

/** GET /demands/places: the caller's community and its compounds and buildings, for the report form. */
export const ReportPlaces = z.object({
  community: z.object({ id: z.number(), name: z.string() }),
  places: z.array(z.object({ id: z.number(), parentId: z.number().nullable(), kind: z.enum(['grid', 'building']), name: z.string() })),
});
export type ReportPlaces = z.infer<typeof ReportPlaces>;

export const ActionParams = z.object({
  id: z.coerce.number().int().positive(),
  action: z.enum([
    'accept', 'solve_on_spot', 'assign', 'resolve', 'put_on_agenda', 'decide_at_meeting', 'request_escalation',
    'decline_escalation', 'escalate', 'rate_satisfied', 'rate_unsatisfied', 'merge',
    'request_extension', 'approve_extension', 'reject_extension',
  ]),
});

export const ActionBody = z.object({
  note: z.string().trim().max(1000).optional(),
  /** Uploaded through POST /api/files: the handler's proof of resolution, photos of the place. */
  attachments: z.array(z.number().int().positive()).max(9).optional(),
  handlerAccountId: z.number().int().positive().optional(),
  departmentIds: z.array(z.number().int().positive()).max(10).optional(),
  intoId: z.number().int().positive().optional(),
  /** 延期: working days asked for; more than 10 is refused with 409 and the rule. */
  days: z.number().int().positive().max(365).optional(),
});

export const DispatchParams = z.object({
  id: z.coerce.number().int().positive(),
  action: z.enum(['accept', 'progress', 'resolve', 'return', 'request_extension', 'request_reroute']),
});

export const DemandListQuery = PageQuery.extend({
  orgId: z.coerce.number().int().positive().optional(),
  state: z.string().max(30).optional(),
  overdue: z.coerce.boolean().optional(),
  mine: z.coerce.boolean().optional(),
});

export const RatesQuery = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  from: Day.optional(),
  to: Day.optional(),
});

const DemandBase = z.object({
  id: z.number(),
  orgId: z.number(),
  placeName: z.string(),
  /** The community and the compound (grid) above the place, so "1单元" says where it is. */
  communityName: z.string().nullable(),
  compoundName: z.string().nullable(),
  householdId: z.number().nullable(),
  channel: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  /** URLs to show: /api/files/:id for uploads, an outside URL for Open311 media. */
  photos: z.array(z.string()),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  state: z.string(),
  stateName: z.string(),
  tier: z.string(),
  handlerAccountId: z.number().nullable(),
  handlerName: z.string().nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
  mergedIntoId: z.number().nullable(),
  meTooCount: z.number(),
  reopenCount: z.number(),
  rating: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export const DemandListItem = DemandBase;

export const DemandDetail = DemandBase.extend({
  /** The latest 延期 request, if any. */
  extension: z.object({
    id: z.number(), days: z.number(), reason: z.string(), state: z.enum(['requested', 'approved', 'rejected']),
    requestedAt: z.string(), dueBefore: z.string(), dueAfter: z.string().nullable(), decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
  }).nullable(),
  timeline: z.array(z.object({
    id: z.number(), at: z.string(), actorName: z.string().nullable(), actorRole: z.string().nullable(), action: z.string(),
    fromState: z.string().nullable(), toState: z.string().nullable(), note: z.string().nullable(), attachments: z.array(z.string()),
    detail: z.unknown(),
  })),
  dispatches: z.array(z.object({
    id: z.number(), departmentId: z.number(), departmentName: z.string(), state: z.string(), createdAt: z.string(),
    reportDueAt: z.string(), acceptedAt: z.string().nullable(), resolvedAt: z.string().nullable(), returnReason: z.string().nullable(),
  })),
});

export const CreateDemandResponse = z.object({ demand: DemandDetail, replayed: z.boolean() });

const Rate = z.object({
  received: z.number(), responseRate: z.number().nullable(), onSpotRate: z.number().nullable(),
  resolutionRate: z.number().nullable(), satisfactionRate: z.number().nullable(), overdue: z.number(),
  avgHoursToClose: z.number().nullable(),
});
export const RatesResponse = z.object({
  unit: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  from: z.string(),
  to: z.string(),
  total: Rate,
  children: z.array(Rate.extend({ id: z.number(), name: z.string(), kind: z.string() })),
  departments: z.array(z.object({
    id: z.number(), name: z.string(), dispatched: z.number(), on_time: z.number(), resolved: z.number(), returned: z.number(),
    reportRate: z.number().nullable(), resolutionRate: z.number().nullable(),
  })),
});

export const DepartmentView = z.object({ id: z.number(), name: z.string(), orgId: z.number() });
export const CreateDepartmentBody = z.object({ name: z.string().trim().min(2).max(40), orgId: z.number().int().positive() });

export const DispatchBody = z.object({
  note: z.string().trim().max(1000).optional(),
  days: z.number().int().positive().max(365).optional(),
  attachments: z.array(z.number().int().positive()).max(9).optional(),
});

export const AssignableHandler = z.object({
  id: z.number(), displayName: z.string(), role: z.string(), scopeOrgId: z.number(), scopeName: z.string(),
});

/** 民情分析会 — one meeting with its agenda (议题) and the decisions taken so far. */
export const MeetingView = z.object({
  id: z.number(), title: z.string(), heldOn: z.string(), orgId: z.number(),
  items: z.array(z.object({
    demandId: z.number(), description: z.string(), categoryName: z.string(), state: z.string(), overdue: z.boolean(),
    meTooCount: z.number(), decision: z.string().nullable(), outcome: z.string().nullable(), decidedAt: z.string().nullable(),
  })),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const CreateMeetingBody = z.object({ orgId: z.number().int().positive(), heldOn: Day, title: z.string().trim().max(80).optional() });
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

export const MeetingListQuery = z.object({ orgId: z.coerce.number().int().positive().optional() });
export type MeetingListQuery = z.infer<typeof MeetingListQuery>;

export const MeetingSummary = z.object({
  id: z.number(), title: z.string(), heldOn: z.string(), orgId: z.number(), orgName: z.string(), items: z.number(), decided: z.number(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;
export const MeetingList = z.object({ items: z.array(MeetingSummary) });
export type MeetingList = z.infer<typeof MeetingList>;

export const UnmetQuery = PageQuery.extend({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM').optional(),
  orgId: z.coerce.number().int().positive().optional(),
});
export type UnmetQuery = z.infer<typeof UnmetQuery>;

export const UnmetCommunity = z.object({ orgId: z.number(), orgName: z.string(), parentName: z.string(), lastHeldOn: z.string().nullable() });
export type UnmetCommunity = z.infer<typeof UnmetCommunity>;
export const UnmetResponse = z.object({ month: z.string(), total: z.number(), items: z.array(UnmetCommunity) });
export type UnmetResponse = z.infer<typeof UnmetResponse>;

/** outcome: 'community' = 社区办理, 'escalate' = 提请街道吹哨. */
export const DecideItemBody = z.object({
  demandId: z.number().int().positive(), decision: z.string().trim().min(2).max(500), outcome: z.enum(['community', 'escalate']),
});
export type DecideItemBody = z.infer<typeof DecideItemBody>;
