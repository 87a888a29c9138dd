import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { SESSION_HOURS } from './sessions.js';

/**
 * The session cookie's attributes, for every way of signing in (password, phone code). Secure
 * whenever the browser came over HTTPS (req.protocol believes X-Forwarded-Proto only from a
 * configured proxy), or always with LINLI_SECURE_COOKIES=1.
 */
export const sessionCookieOptions = (config: Pick<Config, 'secureCookies'>, req: FastifyRequest) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: config.secureCookies || req.protocol === 'https',
  maxAge: SESSION_HOURS * 3600,
});
