import { timingSafeEqual } from 'node:crypto';
import type { PiiCipher } from '../../platform/pii/cipher.js';

/**
 * The check-in QR's token: `<activityId>.<issued, seconds>.<mac>`, signed with a key derived from
 * the server's master key (the cipher's HMAC under its own purpose prefix). The organiser's
 * screen asks for a fresh one every 30 seconds; a scan counts only within TOKEN_TTL_MS of the
 * token's issue, so a photo of the QR passed around later is worth nothing.
 */
export const TOKEN_TTL_MS = 3 * 60_000;
export const TOKEN_REFRESH_MS = 30_000;

const mac = (cipher: PiiCipher, activityId: number, issued: number) =>
  cipher.hash(`volunteer-checkin\u0000${activityId}\u0000${issued}`).slice(0, 22);

export function signToken(cipher: PiiCipher, activityId: number, at: Date): string {
  const issued = Math.floor(at.getTime() / 1000);
  return `${activityId}.${issued}.${mac(cipher, activityId, issued)}`;
}

/** The activity and issue time of a genuine token, or null for anything forged or malformed. */
export function readToken(cipher: PiiCipher, token: string): { activityId: number; issuedAt: Date } | null {
  const m = /^(\d{1,9})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const activityId = Number(m[1]);
  const issued = Number(m[2]);
  const want = Buffer.from(mac(cipher, activityId, issued));
  const got = Buffer.from(m[3]!);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  return { activityId, issuedAt: new Date(issued * 1000) };
}

/** Whether a scan at `scannedAt` fits the token's life (a little clock skew allowed before issue). */
export const tokenFresh = (issuedAt: Date, scannedAt: Date) =>
  scannedAt.getTime() >= issuedAt.getTime() - 60_000 && scannedAt.getTime() <= issuedAt.getTime() + TOKEN_TTL_MS;
