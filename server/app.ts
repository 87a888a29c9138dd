import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.js';
import { installAuthHook, type ApiRoute } from './platform/http/auth-hook.js';
import { REMEMBER_SESSIONS_MS } from './platform/auth/sessions.js';
import { installErrorHandler } from './platform/http/errors-handler.js';
import { healthRoutes } from './platform/http/health-routes.js';
import { installSecurityHeaders } from './platform/http/security-headers.js';
import { accountRoutes } from './modules/accounts/account.routes.js';
import { phoneLoginRoutes } from './modules/accounts/phone-login.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { orgImportRoutes } from './modules/org/import/import.routes.js';
import { peopleRoutes } from './modules/people/people.routes.js';
import { partyRoutes } from './modules/party/party.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { gridTaskRoutes } from './modules/gridtasks/gridtasks.routes.js';
import { leaderRoutes } from './modules/leaders/leaders.routes.js';
import { workforceRoutes } from './modules/workforce/index.js';
import { demandRoutes } from './modules/demands/demand.routes.js';
import { open311Routes } from './modules/open311/open311.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { storeRoutes } from './modules/supermarket/store.routes.js';
import { storeDeps, storeItemFileReader } from './modules/supermarket/store.service.js';
import { fileRoutes } from './platform/files/files.routes.js';
import { demandFileReader } from './modules/demands/demand-file-reader.js';
import { demandDeps } from './modules/demands/demand.service.js';
import { pointsRoutes, publicPointsRoutes } from './modules/points/points.routes.js';
import { recordFileReader } from './modules/points/points-records.js';
import { pointsDeps } from './modules/points/points-common.js';

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
    await accountRoutes(api, ctx);
    await phoneLoginRoutes(api, ctx);
    await orgRoutes(api, ctx);
    await orgImportRoutes(api, ctx);
    await peopleRoutes(api, ctx);
    await partyRoutes(api, ctx);
    await auditRoutes(api, ctx);
    await gridTaskRoutes(api, ctx);
    await calendarRoutes(api, ctx);
    await leaderRoutes(api, ctx);
    await workforceRoutes(api, ctx);
    await demandRoutes(api, ctx);
    await pointsRoutes(api, ctx);
    await publicPointsRoutes(api, ctx);
    await storeRoutes(api, ctx);
    // Files attached to a record are readable by whoever may read that record (its module decides).
    await fileRoutes(api, ctx, { demand: demandFileReader(demandDeps(ctx)), points_record: recordFileReader(pointsDeps(ctx)), store_item: storeItemFileReader(storeDeps(ctx)) });
  }, { prefix: '/api' });
  await app.register(async (georeport) => open311Routes(georeport, ctx));

  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    // The console is a single-page app: unknown non-API paths get index.html.
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) {
        return reply.status(404).send({ code: 'NOT_FOUND', message: '接口不存在', details: {} });
      }
      return reply.sendFile('index.html');
    });
  }
  return app;
}
