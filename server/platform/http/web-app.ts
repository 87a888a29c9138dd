import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Hashed build output: its name changes whenever its content does, so a browser keeps it for good. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages and unhashed files: kept, but checked with the server (ETag) before every use. */
export const REVALIDATE = 'no-cache';

/** /m and /m/… are the phone pages (mobile.html); every other page path is the console's (index.html). */
export const isPhonePage = (url: string) => /^\/m(?:[/?#]|$)/.test(url);

/**
 * The built web app (docs/adr/0008-phone-bundle.md): the files under /assets/ with immutable
 * caching, everything in brotli or gzip when the browser accepts it (the .br/.gz copies the build
 * wrote; nothing is compressed per request), and the two single-page apps' HTML for their paths.
 */
export async function serveWebApp(app: FastifyInstance, webDist: string) {
  const hasPhonePage = fs.existsSync(path.join(webDist, 'mobile.html'));
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, filePath: string) => {
      const rel = path.relative(webDist, filePath).split(path.sep).join('/');
      reply.header('cache-control', rel.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
    },
  });
  // Both apps route on the client: unknown non-API paths get their app's page.
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: '接口不存在', details: {} });
    }
    return reply.sendFile(hasPhonePage && isPhonePage(req.url) ? 'mobile.html' : 'index.html');
  });
}
