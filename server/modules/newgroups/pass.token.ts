import { timingSafeEqual } from 'node:crypto';
import type { PiiCipher } from '../../platform/pii/cipher.js';

/**
 * The white-list pass (通行码): `LP-<workerId>-<issued, base-36 seconds>-<mac>`, signed like the
 * volunteers' check-in token — the cipher's HMAC (a key derived from the server's master key) under
 * this code's own purpose prefix. The same short text is the QR's content and what a guard types
 * when the scan fails, so it is upper-case hex/base-36 only (no 0/O confusion in the mac: hex).
 * 40 bits of mac: guessing one by typing is hopeless, and every check is recorded.
 */
export const PASS_TTL_MS = 5 * 60_000;
export const PASS_REFRESH_MS = 60_000;
/** A phone's clock a little ahead of the server's still checks. */
const SKEW_MS = 60_000;

const mac = (cipher: PiiCipher, workerId: number, issued: number) =>
  Buffer.from(cipher.hash(`gig-pass\u0000${workerId}\u0000${issued}`), 'base64url').toString('hex').slice(0, 10).toUpperCase();

export function signPass(cipher: PiiCipher, workerId: number, at: Date): string {
  const issued = Math.floor(at.getTime() / 1000);
  return `LP-${workerId}-${issued.toString(36).toUpperCase()}-${mac(cipher, workerId, issued)}`;
}

/** The worker and issue time of a genuine pass, or null for anything forged, altered or malformed. */
export function readPass(cipher: PiiCipher, code: string): { workerId: number; issuedAt: Date } | null {
  const m = /^LP-(\d{1,9})-([0-9A-Z]{1,8})-([0-9A-F]{10})$/.exec(code.trim().toUpperCase());
  if (!m) return null;
  const workerId = Number(m[1]);
  const issued = parseInt(m[2]!, 36);
  // Only the canonical spelling: a leading zero would sign the same numbers under another text.
  if (String(workerId) !== m[1] || issued.toString(36).toUpperCase() !== m[2]) return null;
  const want = Buffer.from(mac(cipher, workerId, issued));
  const got = Buffer.from(m[3]!);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  return { workerId, issuedAt: new Date(issued * 1000) };
}

/** Whether a pass issued at `issuedAt` still opens a gate at `at`. */
export const passFresh = (issuedAt: Date, at: Date) =>
  at.getTime() >= issuedAt.getTime() - SKEW_MS && at.getTime() <= issuedAt.getTime() + PASS_TTL_MS;
