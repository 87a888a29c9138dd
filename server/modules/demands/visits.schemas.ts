import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';

/** POST /visits: a door-to-door visit that raised no demand (无诉求). Visits that do go through POST /demands. */
export const RecordVisitBody = z.object({
  householdId: z.number().int().positive().optional(),
  orgId: z.number().int().positive().optional(),
  note: z.string().trim().max(500).optional(),
  /** Set by the phone for records queued offline; replaying it stores the visit once. */
  clientId: z.string().trim().min(8).max(64).optional(),
});
export type RecordVisitBody = z.infer<typeof RecordVisitBody>;

export const RecordVisitResponse = z.object({ id: z.number(), replayed: z.boolean() });

export const VisitOutcomeSchema = z.enum(['no_demand', 'demand', 'solved']);

export const VisitItem = z.object({
  id: z.number(),
  visitedAt: z.string(),
  note: z.string(),
  outcome: VisitOutcomeSchema,
  demandId: z.number().nullable(),
  demandState: z.string().nullable(),
  categoryName: z.string().nullable(),
  householdId: z.number().nullable(),
  place: z.string(),
});
export type VisitItem = z.infer<typeof VisitItem>;

export const MyVisitsQuery = PageQuery;

export const VisitCountsQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM'),
  orgId: z.coerce.number().int().positive().optional(),
});

export const VisitCount = z.object({
  accountId: z.number(), name: z.string(), role: z.string(), visits: z.number(), withDemand: z.number(), solved: z.number(), households: z.number(),
});
export type VisitCount = z.infer<typeof VisitCount>;
export const VisitCountsResponse = z.object({ month: z.string(), items: z.array(VisitCount) });
export type VisitCountsResponse = z.infer<typeof VisitCountsResponse>;
