import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import type { AppContext } from '../app-context.js';
import type { AttachmentReader } from './files/attachment.service.js';
import type { JobHandler } from './jobs.js';

/**
 * What a domain module gives the app (its index.ts exports one): the app and the job worker
 * iterate over the list in server/modules/index.ts instead of wiring each module by hand.
 */
export interface LinliModule {
  name: string;
  /** Routes under /api: session, CSRF and each route's permission are checked by the auth hook. */
  apiRoutes?: (api: FastifyInstance, ctx: AppContext) => Promise<void>;
  /** Routes outside /api that speak their own protocol (Open311 GeoReport v2). */
  rootRoutes?: (app: FastifyInstance, ctx: AppContext) => Promise<void>;
  /** Handlers of the module's database timers, by job kind. */
  jobHandlers?: (ctx: AppContext) => Record<string, JobHandler>;
  /** Keeps the module's recurring timers scheduled (idempotent); run once at start-up, before the job worker. */
  timers?: (db: Kysely<DB>, now: Date) => Promise<void>;
  /** Who may read files attached to the module's records, by owner kind. */
  fileReaders?: (ctx: AppContext) => Record<string, AttachmentReader>;
}
