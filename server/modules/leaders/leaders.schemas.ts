import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';


export const LeaderLevelSchema = z.enum(['city', 'county', 'township', 'community']);

export const LeaderView = z.object({
  id: z.number(),
  name: z.string(),
  level: LeaderLevelSchema,
  title: z.string(),
  workUnit: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  accountId: z.number().nullable(),
  /** Current links to units in the listed area. */
  linkCount: z.number(),
  /** Visits to units in the listed area. */
  visitCount: z.number(),
  /** Demands raised on those visits, and how many of them are resolved. */
  problemsFound: z.number(),
  problemsSolved: z.number(),
});
export type LeaderView = z.infer<typeof LeaderView>;

export const LeaderQuery = PageQuery.extend({
  level: LeaderLevelSchema.optional(),
  orgId: z.coerce.number().int().positive().optional(),
});

export const CreateLeaderBody = z.object({
  name: z.string().trim().min(1).max(30),
  level: LeaderLevelSchema,
  title: z.string().trim().min(1).max(60),
  workUnit: z.string().trim().max(60).default(''),
  /** The org unit of the leader's own level: the city, a county, a street/township or a community. */
  orgId: z.number().int().positive(),
  accountId: z.number().int().positive().optional(),
});

export const LinkBody = z.object({
  orgId: z.number().int().positive(),
  since: Day.optional(),
});

export const LinkParams = z.object({
  id: z.coerce.number().int().positive(),
  linkId: z.coerce.number().int().positive(),
});

export const LinkView = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgKind: z.string(),
  since: z.string(),
  until: z.string().nullable(),
});
export type LinkView = z.infer<typeof LinkView>;

/** A problem found on a visit: it becomes a demand (channel 'leader_visit') at the visited place. */
export const Problem = z.object({
  description: z.string().trim().min(2).max(500),
  categoryCode: z.string().trim().min(1).max(40).default('other'),
});

export const VisitBody = z.object({
  orgId: z.number().int().positive(),
  visitedOn: Day,
  summary: z.string().trim().min(1).max(2000),
  problems: z.array(Problem).max(50).default([]),
});

/** A demand raised on the visit, as it stands now. */
export const VisitProblem = z.object({
  demandId: z.number(),
  description: z.string(),
  categoryName: z.string(),
  state: z.string(),
  solved: z.boolean(),
});

export const VisitView = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  visitedOn: z.string(),
  summary: z.string(),
  problems: z.array(VisitProblem),
  problemsFound: z.number(),
  problemsSolved: z.number(),
  recordedBy: z.string(),
});
export type VisitView = z.infer<typeof VisitView>;

export const LeaderDetail = LeaderView.extend({
  links: z.array(LinkView),
  pastLinks: z.array(LinkView),
  visits: z.array(VisitView),
});

export const StatsQuery = z.object({ orgId: z.coerce.number().int().positive().optional() });

export const LevelStats = z.object({
  level: LeaderLevelSchema,
  leaders: z.number(),
  linkedCommunities: z.number(),
  linkedCompounds: z.number(),
  visits: z.number(),
  problemsFound: z.number(),
  problemsSolved: z.number(),
});
export type LevelStats = z.infer<typeof LevelStats>;

export const Stats = z.object({ orgId: z.number(), items: z.array(LevelStats) });
