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

export const maskIdNumber = (v: string) => `${v.slice(0, 6)}********${v.slice(-4)}`;
export const maskPhone = (v: string) => `${v.slice(0, 3)}****${v.slice(-4)}`;
