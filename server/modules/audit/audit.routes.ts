import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { Day } from '../../platform/http/dates.js';
import { PageQuery, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import { remaskIdNumbers } from '../../platform/pii/id-number.js';
import { inScope } from '../../platform/scope.js';

const AuditQuery = PageQuery.extend({
  action: z.string().trim().max(60).optional(),
  entity: z.string().trim().max(60).optional(),
  from: z.iso.datetime({ offset: true }).or(Day).optional(),
  to: z.iso.datetime({ offset: true }).or(Day).optional(),
});

const AuditView = z.object({
  id: z.number(),
  at: z.string(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;

  r.get('/audit', {
    config: { permission: 'audit.read' },
    schema: { tags: ['audit'], summary: '审计日志（管辖范围内）', querystring: AuditQuery, response: { 200: paged(AuditView) } },
    handler: async (req) => {
      const { scope } = authOf(req);
      const q = req.query;
      const base = db
        .selectFrom('audit_log')
        .where(inScope(scope, 'org_path'))
        .$if(!!q.action, (b) => b.where(sql<boolean>`action LIKE ${q.action + '%'}`))
        .$if(!!q.entity, (b) => b.where('entity', '=', q.entity!))
        .$if(!!q.from, (b) => b.where('at', '>=', new Date(q.from!)))
        .$if(!!q.to, (b) => b.where('at', '<', new Date(/^\d{4}-\d{2}-\d{2}$/.test(q.to!) ? Date.parse(q.to!) + 86400_000 : q.to!)));
      const [items, total] = await Promise.all([
        base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: items.map((a) => ({
          id: a.id, at: a.at.toISOString(), username: a.username, role: a.role, action: a.action, entity: a.entity,
          entityId: a.entity_id, reason: a.reason, before: remaskIdNumbers(a.before), after: remaskIdNumbers(a.after),
        })),
        total: total.n,
      };
    },
  });
}
