/**
 * Why someone may see a full ID number or phone. A reason is picked from this list (free text
 * alone let `....` and zero-width characters through); 'other' must say why in words. The
 * console imports this file for its select, so the list lives here only. No imports: the web
 * bundle reads it as it is.
 */
export const REVEAL_REASONS = {
  verify_identity: '核实身份办理业务',
  contact_demand: '联系居民处理诉求',
  home_visit: '上门走访核实',
  emergency: '应急联络',
  other: '其他（需填写说明）',
} as const;

export type RevealReasonCode = keyof typeof REVEAL_REASONS;
export const REVEAL_REASON_CODES = Object.keys(REVEAL_REASONS) as [RevealReasonCode, ...RevealReasonCode[]];

/** 'other' needs at least this many real characters of explanation. */
export const REVEAL_OTHER_MIN_CHARS = 4;
export const REVEAL_TEXT_MAX_CHARS = 200;

// Invisible characters: controls, format characters (zero-width space and joiners, BOM, word
// joiner, bidi marks, soft hyphen), line and paragraph separators, and the blank letters
// (Hangul fillers, braille blank) that render as nothing.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** The text as stored: invisible characters removed, runs of whitespace made one space, trimmed. */
export function cleanRevealText(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** Letters and digits a reader can see: punctuation (`....`), spaces and invisible characters do not count. */
export function realCharCount(raw: string): number {
  return cleanRevealText(raw).match(/[\p{L}\p{N}]/gu)?.length ?? 0;
}

export type RevealReasonProblem = 'code' | 'other_text' | 'text_too_long';

export const REVEAL_REASON_MESSAGES: Record<RevealReasonProblem, string> = {
  code: '请从列表中选择查看原因',
  other_text: `选择“其他”时请填写说明（至少${REVEAL_OTHER_MIN_CHARS}个字，标点和空白不计）`,
  text_too_long: `说明最多${REVEAL_TEXT_MAX_CHARS}个字`,
};

export interface RevealReason {
  code: RevealReasonCode;
  /** Cleaned free text, or null when none was given. */
  text: string | null;
}

/** The one rule, for the server's schema and the console's form alike. */
export function checkRevealReason(code: unknown, text: string | null | undefined): RevealReason | { problem: RevealReasonProblem; field: 'reasonCode' | 'reasonText' } {
  if (typeof code !== 'string' || !Object.hasOwn(REVEAL_REASONS, code)) return { problem: 'code', field: 'reasonCode' };
  const cleaned = cleanRevealText(text ?? '');
  if ([...cleaned].length > REVEAL_TEXT_MAX_CHARS) return { problem: 'text_too_long', field: 'reasonText' };
  if (code === 'other' && realCharCount(cleaned) < REVEAL_OTHER_MIN_CHARS) return { problem: 'other_text', field: 'reasonText' };
  return { code: code as RevealReasonCode, text: cleaned || null };
}

/** The audit row's reason column: the listed reason, then the explanation if any. */
export function revealReasonLabel(r: RevealReason): string {
  const label = r.code === 'other' ? '其他' : REVEAL_REASONS[r.code];
  return r.text ? `${label}：${r.text}` : label;
}
