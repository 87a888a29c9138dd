// Placeholder so the app builds while the import module is being written; replace entirely.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app-context.js';
export async function orgImportRoutes(_app: FastifyInstance, _ctx: AppContext) {}
