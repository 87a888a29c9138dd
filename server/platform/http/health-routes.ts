import { sql } from 'kysely';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { currentVersion } from '../db/migrate.js';

/**
 * Anyone (a load balancer, the start script) may ask whether the server and its database
 * answer; what database it is and where, only county and city admins.
 */
export async function healthRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/health', {
    config: { public: true },
    schema: {
      tags: ['platform'],
      summary: '健康检查：服务与数据库可用',
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
    handler: async () => {
      await sql`select 1`.execute(ctx.database.db);
      return { status: 'ok' as const };
    },
  });

  r.get('/health/detail', {
    config: { permission: 'platform.health' },
    schema: {
      tags: ['platform'],
      summary: '健康检查详情：数据库与迁移版本（县级、市级管理员）',
      response: {
        200: z.object({
          status: z.literal('ok'),
          database: z.object({ kind: z.enum(['pglite', 'postgres']), target: z.string() }),
          migration: z.string().nullable(),
        }),
      },
    },
    handler: async () => ({
      status: 'ok' as const,
      database: { kind: ctx.database.kind, target: ctx.database.target },
      migration: await currentVersion(ctx.database),
    }),
  });
}
