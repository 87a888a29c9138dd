import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.js';
import { installAuthHook, type ApiRoute } from './platform/http/auth-hook.js';
import { REMEMBER_SESSIONS_MS } from './platform/auth/sessions.js';
import { installErrorHandler } from './platform/http/errors-handler.js';
import { healthRoutes } from './platform/http/health-routes.js';
import { installSecurityHeaders } from './platform/http/security-headers.js';
import { serveWebApp } from './platform/http/web-app.js';
import { notificationRoutes } from './platform/http/notification-routes.js';
import { fileRoutes } from './platform/files/files.routes.js';
import { MODULES } from './modules/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its declared permission: the scope test walks them all. */
    apiRoutes: ApiRoute[];
  }
}

// LINLI_WEB_DIST lets a second build (a test run beside another) be served without replacing web/dist.
const webDist = path.resolve(process.env.LINLI_WEB_DIST ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../web/dist'));

export interface BuildOptions {
  logger?: boolean | object;
  /** Per-IP request budget per minute; tests that hammer the API raise it. */
  rateLimitPerMinute?: number;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Forwarded headers count only from the configured proxies: otherwise any client could set
    // its own address (and so dodge every per-IP limit and forge the audit log's IP).
    trustProxy: ctx.config.trustedProxies.length ? ctx.config.trustedProxies : false,
    bodyLimit: 2 * 1024 * 1024,
    // Ids in URLs are numbers; keep the router from accepting oddities like '1e3'.
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installSecurityHeaders(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(rateLimit, {
    global: true,
    max: opts.rateLimitPerMinute ?? 1200,
    timeWindow: '1 minute',
    allowList: (req) => !req.url.startsWith('/api/') && !req.url.startsWith('/open311/'),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Linli 邻里 API', version: '0.1.0', description: '党建引领城市基层治理平台接口' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'linli_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const apiRoutes = installAuthHook(app, ctx.database.db, { rememberSessionsMs: REMEMBER_SESSIONS_MS[ctx.database.kind] });
  app.decorate('apiRoutes', apiRoutes);

  await app.register(async (api) => {
    await healthRoutes(api, ctx);
    await notificationRoutes(api, ctx);
    for (const m of MODULES) await m.apiRoutes?.(api, ctx);
    // Files attached to a record are readable by whoever may read that record (its module decides).
    await fileRoutes(api, ctx, Object.assign({}, ...MODULES.map((m) => m.fileReaders?.(ctx) ?? {})));
  }, { prefix: '/api' });
  for (const m of MODULES) if (m.rootRoutes) await app.register(async (root) => m.rootRoutes!(root, ctx));

  if (fs.existsSync(path.join(webDist, 'index.html'))) await serveWebApp(app, webDist);
  return app;
}
