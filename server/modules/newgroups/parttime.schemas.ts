import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery, paged } from '../../platform/http/paging.js';
import { text } from './whitelist.schemas.js';

/** 兼职网格员 / 安全员 enrolments. */
export const Duty = z.enum(['grid_member', 'safety_officer']);
export const ParttimeQuery = PageQuery.extend({ active: z.enum(['active', 'ended', 'all']).default('active') });
export const ParttimeRow = z.object({
  id: z.number(), workerId: z.number(), workerName: z.string(), platformName: z.string(), stationName: z.string(),
  duty: Duty, unitId: z.number(), unitName: z.string(), startDay: z.string(), endDay: z.string().nullable(),
  reason: z.string(), endReason: z.string().nullable(),
});
export const ParttimePage = paged(ParttimeRow).extend({ activeTotal: z.number() });
export const EnrolBody = z.object({ workerId: z.number().int().positive(), duty: Duty, unitId: z.number().int().positive(), startDay: Day, reason: text(200) });
export const EndBody = z.object({ endDay: Day, reason: text(200) });
export const EnrolUnits = z.object({ units: z.array(z.object({ id: z.number(), name: z.string(), kind: z.enum(['community', 'grid']) })) });
