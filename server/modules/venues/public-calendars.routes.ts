import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../platform/errors.js';
import { IdParams, paged, PageQuery } from '../../platform/http/paging.js';
import * as repo from './public-calendars.repository.js';

const CountyListQuery = PageQuery.extend({
  county: z.string().regex(/^[0-9]{6}$/, '区划代码应为6位数字'),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
const Kind = z.enum(['centre', 'station']);
export const CalendarItem = z.object({
  id: z.number(), venue: z.string(), kind: Kind, community: z.string(), month: z.string(), version: z.number(), items: z.number(), publishedAt: z.string(),
});
export const Calendar = z.object({
  id: z.number(), venue: z.string(), kind: Kind, community: z.string(), address: z.string(), month: z.string(), version: z.number(),
  publishedAt: z.string(), latest: z.boolean(),
  items: z.array(z.object({ day: z.string(), starts: z.string(), ends: z.string(), title: z.string(), place: z.string() })),
});

const dayOf = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** "党群阵地@你" for everyone: the monthly calendars venues publish, read without sign-in (no bookers, no followers). */
export async function publicCalendarRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['venues-public'];
  r.get('/public/venue-calendars', {
    config: { public: true },
    schema: { tags, summary: '县内党群阵地发布的月度活动日历（党群阵地@你；无需登录）', querystring: CountyListQuery, response: { 200: paged(CalendarItem) } },
    handler: async (req) => {
      const { rows, total } = await repo.publishedCalendars(db, req.query.county, req.query.page, req.query.pageSize);
      return {
        items: rows.map((k) => ({
          id: k.id, venue: k.venue, kind: k.kind, community: k.community ?? '', month: k.month, version: k.version, items: Number(k.items), publishedAt: k.published_at.toISOString(),
        })),
        total,
      };
    },
  });
  r.get('/public/venue-calendars/:id', {
    config: { public: true },
    schema: { tags, summary: '一份党群阵地月度活动日历（无需登录）', params: IdParams, response: { 200: Calendar } },
    handler: async (req) => {
      const k = await repo.calendarById(db, req.params.id);
      if (!k) throw new AppError('NOT_FOUND', '没有这份活动日历，或它尚未发布'); // public: no jurisdiction to speak of
      const items = await repo.calendarItems(db, k.id);
      return {
        id: k.id, venue: k.venue, kind: k.kind, community: k.community ?? '', address: k.address, month: k.month, version: k.version,
        publishedAt: k.published_at.toISOString(), latest: k.latest,
        items: items.map((i) => ({ day: dayOf(i.day), starts: i.starts, ends: i.ends, title: i.title, place: i.place })),
      };
    },
  });
}
