import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { systemClock } from '../../platform/clock.js';
import { authOf } from '../../platform/http/request-context.js';
import { CalendarDayView, CalendarYear, CalendarYearQuery, DayParams, SetDayBody } from './calendar.schemas.js';
import * as calendar from './calendar.service.js';

export async function calendarRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const clock = ctx.clock ?? systemClock;
  const tags = ['calendar'];

  r.get('/calendar', {
    config: { permission: 'calendar.read' },
    schema: { tags, summary: '工作日历：一年的节假日和调休上班日', querystring: CalendarYearQuery, response: { 200: CalendarYear } },
    handler: async (req) => calendar.listYear(db, req.query.year),
  });

  r.put('/calendar/days/:day', {
    config: { permission: 'calendar.manage' },
    schema: { tags, summary: '设置一天为节假日、调休上班或恢复正常（市级管理员）', params: DayParams, body: SetDayBody, response: { 200: CalendarDayView } },
    handler: async (req) => {
      const a = authOf(req);
      return calendar.setDay(db, a.actor, a.scope, clock.now(), req.params.day, req.body);
    },
  });
}
