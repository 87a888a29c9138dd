import { z } from 'zod';

/** Closing a station or service point, dissolving a party organisation, ending an instructor's posting: the reason asked for each. */
export const ReasonBody = z.object({
  reason: z.string().trim().min(2, '请填写原因（至少 2 个字）').max(200, '原因不能超过 200 个字'),
});
export type ReasonBody = z.infer<typeof ReasonBody>;
export const Done = z.object({ ok: z.boolean(), closedAt: z.string() });
