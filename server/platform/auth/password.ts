import fs from 'node:fs';
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(pw, salt, len, opts, (e, k) => (e ? reject(e) : resolve(k))));

// N=2^15 keeps a login near 50 ms on this hardware: slow for guessing, fine for people.
const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** `scrypt$N$r$p$salt$hash` so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(pw: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pw, salt, 32, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(pw: string, stored: string): Promise<boolean> {
  const [alg, N, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(pw, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

// About 1,300 of the passwords people pick most (international lists, keyboard walks, Chinese
// favourites), lowercased.
const COMMON = new Set(
  fs.readFileSync(fileURLToPath(new URL('./common-passwords.txt', import.meta.url)), 'utf8')
    .split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')),
);

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', '$': 's', '5': 's', '7': 't' };
const unleet = (s: string) => s.replace(/[@401!3$57]/g, (c) => LEET[c]);

/** Whether the password is a common one, or a common word with digits and symbols tacked on. */
export function isCommonPassword(pw: string): boolean {
  const lower = pw.toLowerCase();
  const candidates = [lower, unleet(lower)];
  // "Password2026!" is "password" with a suffix. Short stems ("Test@12345") are left alone:
  // with a long suffix they are no longer the first guesses.
  const stem = lower.replace(/[^a-z]+$/, '');
  if (stem.length >= 5 && stem !== lower) candidates.push(stem, unleet(stem));
  return candidates.some((c) => COMMON.has(c));
}

const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/];

/**
 * The rule for every new password (account creation, change, reset): 8+ characters of at least
 * three kinds (lower case, upper case, digits, symbols), or 12+ of two; not containing the user
 * name; not one of the common passwords. Returns the problem in Chinese, or null.
 */
export function passwordProblem(pw: string, username?: string): string | null {
  if (pw.length < 8) return '密码至少8位';
  const kinds = CLASSES.filter((re) => re.test(pw)).length;
  if (kinds < 2 || (kinds < 3 && pw.length < 12)) {
    return '密码须至少8位并包含大写字母、小写字母、数字、符号中的三类，或至少12位并包含其中两类';
  }
  if (username && username.length >= 3 && pw.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (isCommonPassword(pw)) return '这个密码太常见，容易被猜中，请换一个';
  return null;
}
