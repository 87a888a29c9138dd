import { z } from 'zod';
import { AppError } from '../errors.js';
import {
  REVEAL_REASON_CODES, REVEAL_REASON_MESSAGES, REVEAL_TEXT_MAX_CHARS, checkRevealReason, type RevealReason,
} from './reveal-reasons.js';

/** The reason fields every reveal route's body carries: a listed code, and text ('other' requires it). */
export const revealReasonShape = {
  reasonCode: z.enum(REVEAL_REASON_CODES, { error: REVEAL_REASON_MESSAGES.code }).describe('查看原因（从列表中选择）'),
  // Raw length; the cleaned text (invisible characters removed) is held to REVEAL_TEXT_MAX_CHARS.
  reasonText: z.string().max(REVEAL_TEXT_MAX_CHARS * 2, REVEAL_REASON_MESSAGES.text_too_long).nullish()
    .describe('补充说明；原因为“其他”时必填，至少4个字（标点、空白和不可见字符不计）'),
};

/** A reveal body: `shape` plus the reason fields, checked by the one rule in reveal-reasons.ts. */
export function revealBody<S extends z.ZodRawShape>(shape: S) {
  return z.object({ ...shape, ...revealReasonShape }).superRefine((b, ctx) => {
    const { reasonCode, reasonText } = b as { reasonCode: string; reasonText?: string | null };
    const r = checkRevealReason(reasonCode, reasonText);
    if ('problem' in r) ctx.addIssue({ code: 'custom', path: [r.field], message: REVEAL_REASON_MESSAGES[r.problem] });
  });
}

/** The checked reason of a validated body, text cleaned; services call it so no caller skips the rule. */
export function revealReasonOf(b: { reasonCode: string; reasonText?: string | null }): RevealReason {
  const r = checkRevealReason(b.reasonCode, b.reasonText);
  if ('problem' in r) {
    const message = REVEAL_REASON_MESSAGES[r.problem];
    throw new AppError('VALIDATION_FAILED', message, { fields: [{ field: `body.${r.field}`, problem: message }] });
  }
  return r;
}
