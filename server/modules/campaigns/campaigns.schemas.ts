import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';

export const CAMPAIGN_KINDS = ['parking', 'flying_wires', 'fire_lanes', 'other'] as const;
export const CampaignKind = z.enum(CAMPAIGN_KINDS);
export const SubjectKind = z.enum(['demand', 'activity']);

export const LaunchCampaignBody = z.object({
  kind: CampaignKind,
  title: z.string().trim().min(2, '请填写行动名称').max(60),
  description: z.string().trim().max(1000).default(''),
  startsOn: Day,
  endsOn: Day,
  /** The communities or compounds (grids) the campaign targets, inside the launcher's scope. */
  targetIds: z.array(z.number().int().positive()).min(1, '请选择至少一个目标社区或小区').max(200),
});
export type LaunchCampaignInput = z.infer<typeof LaunchCampaignBody>;

export const CampaignListQuery = PageQuery.extend({ kind: CampaignKind.optional() });

export const ProgressTotals = z.object({
  demandsTotal: z.number(),
  demandsResolved: z.number(),
  activitiesTotal: z.number(),
  activitiesHeld: z.number(),
  targetsTotal: z.number(),
  targetsReached: z.number(),
});

export const CampaignListItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: CampaignKind,
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  progress: ProgressTotals,
});

export const CampaignItemView = z.object({
  id: z.number(),
  subjectKind: SubjectKind,
  subjectId: z.number(),
  title: z.string(),
  placeName: z.string(),
  state: z.string(),
  done: z.boolean(),
  doneOn: z.string().nullable(),
  taggedAt: z.string(),
});

export const CampaignDetail = CampaignListItem.extend({
  description: z.string(),
  createdAt: z.string(),
  targets: z.array(z.object({ id: z.number(), name: z.string(), kind: z.string(), reached: z.boolean() })),
  items: z.array(CampaignItemView),
  series: z.array(z.object({ day: z.string(), demandsResolved: z.number(), activitiesHeld: z.number(), targetsReached: z.number() })),
});

export const TagBody = z.object({ subjectKind: SubjectKind, subjectId: z.number().int().positive() });
export const ItemParams = z.object({ id: z.coerce.number().int().positive(), itemId: z.coerce.number().int().positive() });
export const CandidatesQuery = z.object({ q: z.string().trim().max(60).default('') });
export const Candidate = z.object({ id: z.number(), title: z.string(), placeName: z.string(), state: z.string(), tagged: z.boolean() });
