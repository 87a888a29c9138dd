import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { paged, PageQuery } from '../../platform/http/paging.js';
import * as repo from './public-lists.repository.js';

/** Lists are by county: the portal (信息公开) shows one county at a time, by its division code. */
const CountyListQuery = PageQuery.extend({
  county: z.string().regex(/^[0-9]{6}$/, '区划代码应为6位数字'),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export const StatementItem = z.object({ compoundId: z.number(), compound: z.string(), community: z.string(), month: z.string(), publishedAt: z.string() });
export const VoteItem = z.object({
  id: z.number(), compound: z.string(), community: z.string(), title: z.string(), closesAt: z.string(), publishedAt: z.string(),
  matters: z.array(z.object({ seq: z.number(), title: z.string(), passed: z.boolean().nullable() })),
});

/** The portal's lists of what self-run compounds publish: no sign-in, no names of owners, only what the public pages show. */
export async function selfrunPublicListRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['selfrun-public'];
  r.get('/public/compound-statements', {
    config: { public: true },
    schema: { tags, summary: '县内居民自办小区已公开的月度收支（无需登录）', querystring: CountyListQuery, response: { 200: paged(StatementItem) } },
    handler: async (req) => {
      const { rows, total } = await repo.publishedStatements(db, req.query.county, req.query.page, req.query.pageSize);
      return {
        items: rows.map((s) => ({ compoundId: s.compound_id, compound: s.compound, community: s.community ?? '', month: s.month, publishedAt: s.published_at.toISOString() })),
        total,
      };
    },
  });
  r.get('/public/votes', {
    config: { public: true },
    schema: { tags, summary: '县内已公示的业主表决结果（无需登录，无个人信息）', querystring: CountyListQuery, response: { 200: paged(VoteItem) } },
    handler: async (req) => {
      const { rows, matters, total } = await repo.publishedVotes(db, req.query.county, req.query.page, req.query.pageSize);
      return {
        items: rows.map((v) => ({
          id: v.id, compound: v.compound, community: v.community ?? '', title: v.title, closesAt: v.closes_at.toISOString(),
          publishedAt: (v.published_at ?? v.closes_at).toISOString(),
          matters: matters.filter((m) => m.vote_id === v.id).map((m) => ({ seq: m.seq, title: m.title, passed: m.passed })),
        })),
        total,
      };
    },
  });
}
