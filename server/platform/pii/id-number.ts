/** GB 11643-1999 citizen ID numbers (身份证号). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[s % 11];
}

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

export interface ParsedIdNumber {
  value: string;
  addressCode: string;
  birthDate: string;
  gender: 'male' | 'female';
}

/**
 * Validates format, birth date and check character. Address codes are not checked against
 * today's divisions: people keep their old code when divisions are renamed or merged.
 */
export function parseIdNumber(raw: string): ParsedIdNumber | { problem: IdNumberProblem } {
  const v = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return { problem: 'format' };
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > Date.now()) {
    return { problem: 'birth_date' };
  }
  if (idNumberCheckChar(v) !== v[17]) return { problem: 'check_digit' };
  return {
    value: v,
    addressCode: v.slice(0, 6),
    birthDate: `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`,
    gender: Number(v[16]) % 2 === 1 ? 'male' : 'female',
  };
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号应为18位，前17位为数字，最后一位为数字或X',
  birth_date: '身份证号中的出生日期无效',
  check_digit: '身份证号校验位不正确，请核对后重新输入',
};

/** 11 digits starting 1[3-9]: mainland mobile numbers. */
export function isMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(raw.trim());
}

/**
 * 141102**********49: the address code, then the last two characters (the gender digit and the
 * check character). The eight birth-date digits and two of the three sequence digits stay hidden,
 * so even beside an exact age and the gender thousands of numbers fit the mask. Showing the last
 * four (the old mask) beside the birth date gave the whole number away. Applied to an old mask
 * (141102********1768) it gives the new one, which is how stored masks were rewritten.
 */
export const maskIdNumber = (v: string) => `${v.slice(0, 6)}${'*'.repeat(10)}${v.slice(-2)}`;

/**
 * Audit rows are append-only and may hold masks in the old form: `idNumber` values anywhere in
 * `v` are shown as maskIdNumber shows them today.
 */
export function remaskIdNumbers(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(remaskIdNumbers);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [
    k, k === 'idNumber' && typeof x === 'string' && /^\d{6}\*+[\dX]+$/.test(x) ? maskIdNumber(x) : remaskIdNumbers(x),
  ]));
}

/** 138****5678: the one phone mask. Nothing else shows other digits of a phone. */
export const maskPhone = (v: string) => `${v.slice(0, 3)}****${v.slice(-4)}`;

/**
 * Whole years of age on `today` ('YYYY-MM-DD', China time: platform/clock chinaDay). Staff see
 * an age, never the birth date: the birth date is eight of the digits an ID mask hides.
 */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years;
}
