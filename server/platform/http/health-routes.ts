import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { currentVersion } from '../db/migrate.js';

export async function healthRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().get('/health', {
    config: { public: true },
    schema: {
      tags: ['platform'],
      summary: '健康检查：数据库与迁移版本',
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
