import { z } from 'zod';
import { PageQuery, paged } from '../../platform/http/paging.js';
import { text } from './whitelist.schemas.js';

/** Reports from the road (路面上报), their rewards and counts. */
export const ReportKind = z.enum(['hazard', 'demand']);
export const ReportBody = z.object({
  kind: ReportKind,
  categoryCode: z.string().min(1, '请选择类别').max(40),
  description: z.string().trim().min(2, '请描述问题').max(1000, '不能超过 1000 个字'),
  /** Picked from the list; or left out and the phone's location names the nearest community. */
  communityId: z.number().int().positive().optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  attachmentIds: z.array(z.number().int().positive()).max(6).optional(),
  clientId: z.string().trim().min(8).max(64).optional(),
});
export const ReportCreated = z.object({ id: z.number(), demandId: z.number(), communityName: z.string() });
export const RiderPlaces = z.object({
  communities: z.array(z.object({ id: z.number(), name: z.string() })),
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
  enrolled: z.boolean(),
});
export const RewardState = z.enum(['none', 'awarded', 'reversed']);
export const ReportRow = z.object({
  id: z.number(), demandId: z.number(), kind: ReportKind, description: z.string(), demandState: z.string(),
  workerName: z.string(), stationName: z.string(), communityName: z.string(), createdAt: z.string(),
  reward: RewardState, points: z.number(), rewardId: z.number().nullable(),
});
export const ReportsQuery = PageQuery;
export const ReportsPage = paged(ReportRow);
export const MyReports = paged(ReportRow).extend({ pointsTotal: z.number() });
export const RewardBody = z.object({ points: z.number().int().min(1).max(50).default(5), note: text(200) });
export const ReverseBody = z.object({ reason: text(200) });
export const CountsQuery = PageQuery.extend({ by: z.enum(['rider', 'station', 'community']).default('community') });
export const CountRow = z.object({ key: z.number(), name: z.string(), reports: z.number(), hazards: z.number(), rewarded: z.number() });
export const Counts = paged(CountRow);
