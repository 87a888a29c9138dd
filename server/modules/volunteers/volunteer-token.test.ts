import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PiiCipher } from '../../platform/pii/cipher.js';
import { readToken, signToken, tokenFresh, TOKEN_TTL_MS } from './volunteer-token.js';

describe('the check-in QR token', () => {
  const cipher = new PiiCipher(randomBytes(32));
  const at = new Date('2026-11-02T09:00:00+08:00');

  it('should read back the activity and issue time of a token it signed', () => {
    expect(readToken(cipher, signToken(cipher, 42, at))).toEqual({ activityId: 42, issuedAt: at });
  });

  it('should refuse a token signed with another key, for another activity, or malformed', () => {
    const token = signToken(cipher, 42, at);
    expect(readToken(new PiiCipher(randomBytes(32)), token)).toBeNull();
    expect(readToken(cipher, token.replace(/^42\./, '43.'))).toBeNull();
    expect(readToken(cipher, token.replace(/\.(\d+)\./, (_, s) => `.${Number(s) + 60}.`))).toBeNull();
    expect(readToken(cipher, 'x')).toBeNull();
  });

  it('should count a scan only while the token is fresh', () => {
    expect(tokenFresh(at, at)).toBe(true);
    expect(tokenFresh(at, new Date(at.getTime() + TOKEN_TTL_MS))).toBe(true);
    expect(tokenFresh(at, new Date(at.getTime() + TOKEN_TTL_MS + 1000))).toBe(false);
    expect(tokenFresh(at, new Date(at.getTime() - 120_000))).toBe(false);
  });
});
