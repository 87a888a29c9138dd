import { z } from 'zod';
import { PageQuery, paged } from '../../platform/http/paging.js';

/** 白名单 and the gates' check counts: requests and answers (the web's types come from here). */
const id = z.number().int().positive();
export const text = (max: number) => z.string().trim().min(1, '请填写内容').max(max, `不能超过 ${max} 个字`);
export const Ok = z.object({ ok: z.boolean() });
export const Created = z.object({ id: z.number() });

export const WhitelistStatus = z.enum(['listed', 'unlisted', 'all']);
export const WhitelistQuery = PageQuery.extend({
  status: WhitelistStatus.default('all'),
  q: z.string().trim().max(20).optional(),
});
export const WhitelistRow = z.object({
  workerId: z.number(), name: z.string(), kind: z.enum(['courier', 'rider', 'driver']), phoneMask: z.string().nullable(),
  platformName: z.string(), stationName: z.string(), left: z.boolean(),
  entry: z.object({ id: z.number(), reason: z.string(), addedAt: z.string(), addedBy: z.string().nullable() }).nullable(),
});
export const WhitelistPage = paged(WhitelistRow).extend({ listedTotal: z.number() });
export const AddBody = z.object({ workerId: id, reason: text(200) });
export const RemoveBody = z.object({ reason: text(200) });

export const GateSummaryQuery = PageQuery.extend({ days: z.coerce.number().int().min(1).max(366).default(30) });
export const GateSummaryRow = z.object({
  unitId: z.number(), unitName: z.string(), valid: z.number(), refused: z.number(), total: z.number(),
});
export const GateSummary = paged(GateSummaryRow);
