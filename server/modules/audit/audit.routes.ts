import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import { AuditQuery, AuditView } from './audit.schemas.js';
import { listAudit } from './audit.service.js';

export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;

  r.get('/audit', {
    config: { permission: 'audit.read' },
    schema: { tags: ['audit'], summary: '审计日志（管辖范围内）', querystring: AuditQuery, response: { 200: paged(AuditView) } },
    handler: async (req) => listAudit(db, authOf(req).scope, req.query),
  });
}
