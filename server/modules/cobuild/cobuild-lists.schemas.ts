import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';
import { COBUILD_CATEGORIES } from './cobuild-categories.js';

/** The co-building lists (需求清单、资源清单、项目清单), matching and the overview: requests and answers. */

export const CobuildCategory = z.enum(COBUILD_CATEGORIES);
export type CobuildCategoryCode = z.infer<typeof CobuildCategory>;
export const NeedStatus = z.enum(['open', 'matched', 'met', 'closed']);
export const ProjectStatus = z.enum(['published', 'in_progress', 'submitted', 'returned', 'accepted', 'withdrawn']);
export type ProjectStatus = z.infer<typeof ProjectStatus>;
export const ProjectOrigin = z.enum(['published', 'assigned', 'matched']);

const title = z.string().trim().min(2, '请填写名称（至少2个字）').max(60);
const detail = z.string().trim().max(1000).optional();
const id = z.number().int().positive();
const period = <T extends { startsOn: string; endsOn: string }>(b: T) => b.endsOn >= b.startsOn;
const PERIOD_MESSAGE = { message: '结束日期不能早于开始日期', path: ['endsOn'] };

const Place = z.object({ id: z.number(), name: z.string(), kind: z.string() });

// ---- 需求清单 ----
export const NeedView = z.object({
  id: z.number(),
  communityId: z.number(),
  communityName: z.string(),
  place: Place,
  category: CobuildCategory,
  title: z.string(),
  detail: z.string(),
  size: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: NeedStatus,
  projectId: z.number().nullable(),
  createdAt: z.string(),
});
export type NeedView = z.infer<typeof NeedView>;

export const CreateNeedBody = z.object({
  /** The community itself or one of its compounds (小区). */
  placeId: id,
  category: CobuildCategory,
  title,
  detail,
  /** People (or households) to serve. */
  size: z.number().int().min(1, '服务人数至少为1').max(100_000),
  startsOn: Day,
  endsOn: Day,
}).refine(period, PERIOD_MESSAGE);
export type CreateNeedBody = z.infer<typeof CreateNeedBody>;

export const NeedListQuery = PageQuery.extend({
  orgId: z.coerce.number().int().positive().optional(),
  status: NeedStatus.optional(),
  category: CobuildCategory.optional(),
});
export type NeedListQuery = z.infer<typeof NeedListQuery>;

// ---- 资源清单 ----
export const ResourceView = z.object({
  id: z.number(),
  workUnitId: z.number(),
  workUnitName: z.string(),
  category: CobuildCategory,
  title: z.string(),
  detail: z.string(),
  capacity: z.number(),
  availableFrom: z.string(),
  availableTo: z.string(),
  places: z.array(Place),
  withdrawn: z.boolean(),
  createdAt: z.string(),
});
export type ResourceView = z.infer<typeof ResourceView>;

const resourceFields = {
  category: CobuildCategory,
  title,
  detail,
  /** People it can serve at once. */
  capacity: z.number().int().min(1, '服务能力至少为1').max(100_000),
  availableFrom: Day,
  availableTo: Day,
  /** Communities, or whole streets. */
  placeIds: z.array(id).min(1, '请选择可服务的社区或街道').max(50),
};
const resourcePeriod = (b: { availableFrom: string; availableTo: string }) => b.availableTo >= b.availableFrom;
const RESOURCE_PERIOD_MESSAGE = { message: '结束日期不能早于开始日期', path: ['availableTo'] };

/** Entered by the community (or street) for a work unit. */
export const CreateResourceBody = z.object({ workUnitId: id, ...resourceFields }).refine(resourcePeriod, RESOURCE_PERIOD_MESSAGE);
export type CreateResourceBody = z.infer<typeof CreateResourceBody>;
/** Entered by a unit's admin for its own unit. */
export const CreateUnitResourceBody = z.object(resourceFields).refine(resourcePeriod, RESOURCE_PERIOD_MESSAGE);
export type CreateUnitResourceBody = z.infer<typeof CreateUnitResourceBody>;

export const ResourceListQuery = PageQuery.extend({
  orgId: z.coerce.number().int().positive().optional(),
  category: CobuildCategory.optional(),
  workUnitId: z.coerce.number().int().positive().optional(),
  includeWithdrawn: z.enum(['true', 'false']).optional(),
});
export type ResourceListQuery = z.infer<typeof ResourceListQuery>;

// ---- 供需匹配 ----
/** Why a pair matches, each a criterion met: the web labels them; `reason` says it in Chinese. */
export const MatchReason = z.enum(['same_category', 'covers_compound', 'covers_community', 'covers_street', 'covers_wider', 'capacity', 'period', 'paired']);
export const MatchView = z.object({
  needId: z.number(),
  needTitle: z.string(),
  communityId: z.number(),
  communityName: z.string(),
  placeName: z.string(),
  size: z.number(),
  needStartsOn: z.string(),
  needEndsOn: z.string(),
  resourceId: z.number(),
  resourceTitle: z.string(),
  workUnitId: z.number(),
  workUnitName: z.string(),
  capacity: z.number(),
  availableFrom: z.string(),
  availableTo: z.string(),
  category: CobuildCategory,
  overlapDays: z.number(),
  reasons: z.array(MatchReason),
  reason: z.string(),
});
export type MatchView = z.infer<typeof MatchView>;

export const MatchQuery = PageQuery.extend({
  orgId: z.coerce.number().int().positive().optional(),
  needId: z.coerce.number().int().positive().optional(),
});
export type MatchQuery = z.infer<typeof MatchQuery>;

export const AcceptMatchBody = z.object({ needId: id, resourceId: id });

// ---- 项目清单 ----
export const MilestoneView = z.object({
  id: z.number(),
  title: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  note: z.string(),
  photos: z.array(z.object({ id: z.number(), url: z.string() })),
});
export type MilestoneView = z.infer<typeof MilestoneView>;

export const ProjectView = z.object({
  id: z.number(),
  communityId: z.number(),
  communityName: z.string(),
  category: CobuildCategory,
  title: z.string(),
  detail: z.string(),
  size: z.number().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  origin: ProjectOrigin,
  status: ProjectStatus,
  workUnitId: z.number().nullable(),
  workUnitName: z.string().nullable(),
  needId: z.number().nullable(),
  resourceId: z.number().nullable(),
  plan: z.string(),
  returnReason: z.string().nullable(),
  milestones: z.number(),
  milestonesDone: z.number(),
  takenAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ProjectView = z.infer<typeof ProjectView>;

export const ProjectStepView = z.object({
  action: z.string(),
  fromStatus: ProjectStatus.nullable(),
  toStatus: ProjectStatus,
  by: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});

export const ProjectDetail = ProjectView.extend({
  milestoneList: z.array(MilestoneView),
  steps: z.array(ProjectStepView),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const CreateProjectBody = z.object({
  communityId: id,
  category: CobuildCategory,
  title,
  detail,
  size: z.number().int().min(1).max(100_000).optional(),
  startsOn: Day,
  endsOn: Day,
  /** Published from this need (it leaves the open list while the project runs). */
  needId: id.optional(),
  /** Sent straight to this unit (the street's 指派) instead of the board. */
  workUnitId: id.optional(),
}).refine(period, PERIOD_MESSAGE);
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

export const ProjectListQuery = PageQuery.extend({
  orgId: z.coerce.number().int().positive().optional(),
  status: ProjectStatus.optional(),
  category: CobuildCategory.optional(),
  origin: ProjectOrigin.optional(),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

export const AssignBody = z.object({ workUnitId: id });
export const ReturnBody = z.object({ reason: z.string().trim().min(2, '请说明退回的原因').max(500) });
export const PlanBody = z.object({ plan: z.string().trim().min(2, '请填写实施方案').max(4000) });
export const MilestoneBody = z.object({
  title,
  dueOn: Day,
  /** Set when it is entered already done. */
  doneOn: Day.optional(),
  note: z.string().trim().max(1000).optional(),
  /** Progress photos uploaded first through POST /api/files. */
  photoIds: z.array(id).max(9).optional(),
});
export type MilestoneBody = z.infer<typeof MilestoneBody>;
export const MilestoneDoneBody = z.object({
  doneOn: Day,
  note: z.string().trim().max(1000).optional(),
  photoIds: z.array(id).min(1, '请上传至少一张进展照片').max(9),
});
export type MilestoneDoneBody = z.infer<typeof MilestoneDoneBody>;

/** The units a project or resource may be given to. */
export const UnitOption = z.object({ id: z.number(), name: z.string() });
export const UnitOptionsQuery = z.object({ orgId: z.coerce.number().int().positive().optional() });

export const MyUnit = z.object({ id: z.number(), name: z.string(), areaName: z.string() });

// ---- 概览 ----
export const CategoryCounts = z.record(CobuildCategory, z.number());
export const OverviewQuery = z.object({ orgId: z.coerce.number().int().positive().optional() });
export const CobuildOverview = z.object({
  place: Place,
  totals: z.object({
    projects: z.number(),
    published: z.number(),
    running: z.number(),
    accepted: z.number(),
    units: z.number(),
    /** Units paired (结对, confirmed) with communities here this year. */
    paired: z.number(),
    needsOpen: z.number(),
    needsMet: z.number(),
    resources: z.number(),
  }),
  byCategory: z.array(z.object({ category: CobuildCategory, count: z.number() })),
  children: z.array(Place.extend({ total: z.number(), byCategory: CategoryCounts })),
});
export type CobuildOverview = z.infer<typeof CobuildOverview>;
