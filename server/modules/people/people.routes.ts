import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { systemClock } from '../../platform/clock.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import { revealReasonOf } from '../../platform/pii/reveal-reason-schema.js';
import {
  CreateResidentBody, HouseholdQuery, HouseholdView, MerchantView, MoveResidentBody, OrgFilterQuery, ResidentQuery,
  ResidentView, RevealBody,
} from './people.schemas.js';
import * as people from './people.service.js';

export async function peopleRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const clock = ctx.clock ?? systemClock;
  const tags = ['people'];

  r.get('/people/households', {
    config: { permission: 'people.read' },
    schema: { tags, summary: '住户列表', querystring: HouseholdQuery, response: { 200: paged(HouseholdView) } },
    handler: async (req) => people.listHouseholds(db, authOf(req).scope, req.query),
  });

  r.get('/people/residents', {
    config: { permission: 'people.read' },
    schema: {
      tags, summary: '居民列表（证件号、手机号脱敏）', description: 'q：姓名前缀，或完整身份证号/手机号精确查找',
      querystring: ResidentQuery,
      // totalExact false: more than `total` (10,000) residents match; counting further is not worth its time.
      response: { 200: paged(ResidentView).extend({ totalExact: z.boolean() }) },
    },
    handler: async (req) => people.listResidents(db, ctx.cipher, clock, authOf(req).scope, req.query),
  });

  r.get('/people/residents/:id', {
    config: { permission: 'people.read' },
    schema: { tags, summary: '居民详情', params: IdParams, response: { 200: ResidentView } },
    handler: async (req) => people.getResident(db, clock, authOf(req).scope, req.params.id),
  });

  r.post('/people/residents', {
    config: { permission: 'people.write' },
    schema: { tags, summary: '登记居民', body: CreateResidentBody, response: { 200: ResidentView } },
    handler: async (req) => {
      const a = authOf(req);
      return people.createResident(db, ctx.cipher, clock, a.actor, a.scope, { ...req.body, phone: req.body.phone || undefined });
    },
  });

  r.post('/people/residents/:id/move', {
    config: { permission: 'people.write' },
    schema: { tags, summary: '迁入另一住户（保留居住史）', params: IdParams, body: MoveResidentBody, response: { 200: ResidentView } },
    handler: async (req) => {
      const a = authOf(req);
      return people.moveResident(db, clock, a.actor, a.scope, req.params.id, req.body.householdId);
    },
  });

  r.post('/people/residents/:id/reveal', {
    config: { permission: 'pii.reveal', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '查看完整证件号或手机号（须选择原因，留痕）', params: IdParams, body: RevealBody,
      response: { 200: z.object({ value: z.string() }) },
    },
    handler: async (req) => {
      const a = authOf(req);
      return people.revealResidentField(db, ctx.cipher, a.actor, a.scope, req.params.id, req.body.field, revealReasonOf(req.body));
    },
  });

  r.get('/people/merchants', {
    config: { permission: 'people.read' },
    schema: { tags, summary: '商户列表', querystring: OrgFilterQuery, response: { 200: paged(MerchantView) } },
    handler: async (req) => people.listMerchants(db, authOf(req).scope, req.query),
  });
}
