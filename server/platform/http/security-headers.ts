import type { FastifyInstance } from 'fastify';

/**
 * One policy for the console, the API docs and every API answer. The console has no inline
 * scripts and no eval; Ant Design writes its styles at run time (CSS-in-JS, style attributes),
 * hence 'unsafe-inline' for styles only. Images: data: for QR codes, blob: for photo previews
 * before upload. Nothing is loaded from another origin, and no page may be framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const isApi = (url: string) => url.startsWith('/api/') || url.startsWith('/open311/');

/**
 * Headers on every answer. API answers may hold personal data, so no cache keeps them
 * (`no-store`) unless the route chose its own caching (photos by ETag, import templates). A
 * route's own CSP (files: a sandbox) is kept too.
 */
export function installSecurityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    if (isApi(req.url) && !req.url.startsWith('/api/docs') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
