import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './venues.schemas.js';
import { addRoom, createVenue, editVenue, listVenues, recordStandardItem, venueDeps, venueDetail } from './venues.service.js';

/** 党群服务阵地: centres and stations, their hours, the 三要六有 checklist with evidence, rooms. */
export async function venueRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = venueDeps(ctx);
  const tags = ['venues'];
  r.get('/venues', {
    config: { permission: 'venues.read' },
    schema: { tags, summary: '党群服务阵地（中心、小区站；可筛选未达三要六有标准的）', querystring: s.VenuesQuery, response: { 200: paged(s.VenueItem) } },
    handler: async (req) => { const a = authOf(req); return listVenues(deps, a.actor, a.scope, req.query); },
  });
  r.post('/venues', {
    config: { permission: 'venues.manage' },
    schema: { tags, summary: '登记阵地（社区党群服务中心或小区党群服务站）', body: s.VenueBody, response: { 200: s.Created } },
    handler: async (req) => { const a = authOf(req); return createVenue(deps, a.actor, a.scope, req.body); },
  });
  r.get('/venues/:id', {
    config: { permission: 'venues.read' },
    schema: { tags, summary: '阵地详情：开放时间、三要六有及佐证、活动室、每月使用、活动日历', params: IdParams, response: { 200: s.VenueDetail } },
    handler: async (req) => { const a = authOf(req); return venueDetail(deps, a.actor, a.scope, req.params.id); },
  });
  r.put('/venues/:id', {
    config: { permission: 'venues.manage' },
    schema: { tags, summary: '修改阵地名称、地址、面积和开放时间', params: IdParams, body: s.VenueEditBody, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return editVenue(deps, a.actor, a.scope, req.params.id, req.body); },
  });
  r.post('/venues/:id/standard/:item', {
    config: { permission: 'venues.manage' },
    schema: { tags, summary: '登记一项三要六有（附佐证照片）', params: s.StandardParams, body: s.StandardBody, response: { 200: s.Ok } },
    handler: async (req) => { const a = authOf(req); return recordStandardItem(deps, a.actor, a.scope, req.params.id, req.params.item, req.body); },
  });
  r.post('/venues/:id/rooms', {
    config: { permission: 'venues.manage' },
    schema: { tags, summary: '添加活动室（容纳人数）', params: IdParams, body: s.RoomBody, response: { 200: s.Created } },
    handler: async (req) => { const a = authOf(req); return addRoom(deps, a.actor, a.scope, req.params.id, req.body); },
  });
}
