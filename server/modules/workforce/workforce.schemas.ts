import { PhoneNumber as Phone } from '../../platform/pii/phone.js';
import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';

export const PostSchema = z.enum(['grid_worker', 'community_worker', 'graduate_assistant', 'community_secretary']);
/** 三岗: 正职 (leader), 副职 (deputy), 其他工作人员 (worker). */
export const PostTypeSchema = z.enum(['leader', 'deputy', 'worker']);
export const POST_TYPES = PostTypeSchema.options;
export const GRADES = 18;

const Id = z.coerce.number().int().positive();
const Year = z.coerce.number().int().min(2000).max(2100);
const Grade = z.number().int().min(1).max(GRADES);

export const StaffView = z.object({
  id: z.number(),
  name: z.string(),
  post: PostSchema,
  postType: PostTypeSchema.nullable(),
  grade: z.number().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  residentId: z.number().nullable(),
  /** Always masked: 138****5678. */
  phone: z.string().nullable(),
  leftOn: z.string().nullable(),
  /** Monthly pay from the county's table of the current year, when the post has a type and grade. */
  monthlyPay: z.number().nullable(),
});
export type StaffView = z.infer<typeof StaffView>;

export const StaffQuery = PageQuery.extend({
  orgId: Id.optional(),
  post: PostSchema.optional(),
  q: z.string().trim().max(30).optional(),
  /** Also list people who have left. */
  includeLeft: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});


/** Grid workers, community workers and secretaries sit on the 三岗十八级 scale; graduate assistants do not. */
export const CreateStaffBody = z.object({
  name: z.string().trim().min(1).max(30),
  post: PostSchema,
  postType: PostTypeSchema.nullable().optional(),
  grade: Grade.nullable().optional(),
  /** The community or grid the person works in. */
  orgId: z.number().int().positive(),
  residentId: z.number().int().positive().nullable().optional(),
  phone: z.union([Phone, z.literal('')]).nullable().optional(),
});
export type CreateStaffBody = z.infer<typeof CreateStaffBody>;

export const UpdateStaffBody = CreateStaffBody.partial();
export type UpdateStaffBody = z.infer<typeof UpdateStaffBody>;

export const LeaveBody = z.object({ leftOn: Day });

export const PayTableQuery = z.object({ countyId: Id.optional(), year: Year });

export const PayRate = z.object({ postType: PostTypeSchema, grade: Grade, monthlyYuan: z.number().int().min(0).max(1_000_000) });
export const StarRule = z.object({
  stars: z.number().int().min(1).max(5),
  minScore: z.number().min(0).max(100),
  subsidyYuan: z.number().int().min(0).max(10_000_000),
});

export const PayTableView = z.object({
  countyId: z.number(),
  countyName: z.string(),
  year: z.number(),
  /** false: nothing saved for this year yet; the rates shown are copied from `copiedFrom`. */
  saved: z.boolean(),
  copiedFrom: z.number().nullable(),
  /** Years with a saved table, newest first (the history). */
  years: z.array(z.number()),
  rates: z.array(PayRate),
  stars: z.array(StarRule),
  updatedAt: z.string().nullable(),
});
export type PayTableView = z.infer<typeof PayTableView>;

export const SavePayTableBody = z.object({
  countyId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  /** All 3 × 18 cells. */
  rates: z.array(PayRate).length(POST_TYPES.length * GRADES),
  /** Stars 1–5, each at a higher score than the one below. */
  stars: z.array(StarRule).length(5),
});

export const OverviewQuery = z.object({ orgId: Id.optional(), year: Year.optional() });

const Ratio = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  residents: z.number(),
  /** Community workers (secretaries included): the article's 17.11 per 10,000 counts these. */
  communityWorkers: z.number(),
  gridWorkers: z.number(),
  graduateAssistants: z.number(),
  /** Community workers per 10,000 residents, one decimal; null without residents. */
  per10k: z.number().nullable(),
});

export const OverviewView = z.object({
  unit: Ratio,
  children: z.array(Ratio),
  year: z.number(),
  /** Secretaries rated that year in the area, by stars (0–5). */
  stars: z.array(z.object({ stars: z.number(), count: z.number() })),
  rated: z.number(),
  subsidyYuan: z.number(),
});

export const Figures = z.object({
  received: z.number(),
  resolutionRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  households: z.number(),
  /** Average share of households with points activity per month of the year. */
  participationRate: z.number().nullable(),
  resolutionScore: z.number(),
  satisfactionScore: z.number(),
  participationScore: z.number(),
});

export const RatingView = z.object({
  id: z.number(),
  staffId: z.number(),
  name: z.string(),
  communityId: z.number(),
  communityName: z.string(),
  year: z.number(),
  figures: Figures,
  countedScore: z.number(),
  assessmentScore: z.number().nullable(),
  totalScore: z.number(),
  stars: z.number(),
  subsidyYuan: z.number(),
  computedAt: z.string(),
  /** Stars of the year before, for 动态调整 (up, down, same); null when not rated then. */
  previousStars: z.number().nullable(),
});
export type RatingView = z.infer<typeof RatingView>;

export const RatingQuery = PageQuery.extend({ orgId: Id.optional(), year: Year });

export const ComputeBody = z.object({
  /** The county, street or community whose secretaries are rated. */
  orgId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
});

export const ComputeResult = z.object({ rated: z.number(), withoutSecretary: z.number() });
export type ComputeResult = z.infer<typeof ComputeResult>;

export const AssessmentBody = z.object({ score: z.number().min(0).max(30) });

export const HistoryView = z.object({ staffId: z.number(), name: z.string(), items: z.array(RatingView) });
