import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './bookings.schemas.js';
import { book, bookingStep, listBookings, myBookings, roomSlots } from './bookings.service.js';
import { Created } from './venues.schemas.js';
import { venueDeps } from './venues.service.js';

/** Rooms booked by residents and groups on the phone, confirmed by staff, checked in at the venue. */
export async function bookingRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = venueDeps(ctx);
  const tags = ['venues'];
  r.get('/venues/bookings', {
    config: { permission: 'venues.read' },
    schema: { tags, summary: '活动室预约（工作人员：按阵地、状态筛选）', querystring: s.BookingsQuery, response: { 200: paged(s.BookingItem) } },
    handler: async (req) => { const a = authOf(req); return listBookings(deps, a.actor, a.scope, req.query); },
  });
  r.get('/venues/my-bookings', {
    config: { permission: 'venues.visitor' },
    schema: { tags, summary: '我的活动室预约', querystring: s.MyBookingsQuery, response: { 200: paged(s.BookingItem) } },
    handler: async (req) => myBookings(deps, authOf(req).actor, req.query),
  });
  // Staff and visitors both look at a room's day: the service decides by role.
  r.get('/venues/rooms/:id/slots', {
    config: { permission: 'self' },
    schema: { tags, summary: '活动室某天的开放时间和已被占用的时段（不含预约人）', params: IdParams, querystring: s.SlotsQuery, response: { 200: s.Slots } },
    handler: async (req) => { const a = authOf(req); return roomSlots(deps, a.actor, a.scope, req.params.id, req.query.day); },
  });
  r.post('/venues/bookings', {
    config: { permission: 'venues.visitor' },
    schema: { tags, summary: '预约活动室（开放时间内；与他人预约重叠的时段由数据库拒绝）', body: s.BookBody, response: { 200: Created } },
    handler: async (req) => { const a = authOf(req); return book(deps, a.actor, a.scope, req.body); },
  });
  r.post('/venues/bookings/:id/confirm', {
    config: { permission: 'venues.manage' },
    schema: { tags, summary: '确认预约', params: IdParams, response: { 200: s.StepResult } },
    handler: async (req) => { const a = authOf(req); return bookingStep(deps, a.actor, a.scope, req.params.id, 'confirm'); },
  });
  r.post('/venues/bookings/:id/decline', {
    config: { permission: 'venues.manage' },
    schema: { tags, summary: '谢绝预约（须说明理由）', params: IdParams, body: s.DeclineBody, response: { 200: s.StepResult } },
    handler: async (req) => { const a = authOf(req); return bookingStep(deps, a.actor, a.scope, req.params.id, 'decline', { reason: req.body.reason }); },
  });
  r.post('/venues/bookings/:id/cancel', {
    config: { permission: 'self' },
    schema: { tags, summary: '取消预约（预约人或阵地工作人员）', params: IdParams, response: { 200: s.StepResult } },
    handler: async (req) => { const a = authOf(req); return bookingStep(deps, a.actor, a.scope, req.params.id, 'cancel'); },
  });
  r.post('/venues/bookings/:id/check-in', {
    config: { permission: 'self' },
    schema: { tags, summary: '签到（工作人员登记，或预约人扫描阵地签到码）', params: IdParams, body: s.CheckInBody, response: { 200: s.StepResult } },
    handler: async (req) => { const a = authOf(req); return bookingStep(deps, a.actor, a.scope, req.params.id, 'check_in', { code: req.body.code }); },
  });
}
