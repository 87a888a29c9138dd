import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './relief.schemas.js';
import { addItem, addRemoval, listItems, listRemovals, listRequests, recordRequest, reliefDeps, reliefFigures } from './relief.service.js';

/** 减负: the community's certificate list, requests issued or refused with a pointer, the register of removed signs and duties. */
export async function reliefRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = reliefDeps(ctx);
  const tags = ['relief'];

  r.get('/relief/certificate-items', {
    config: { permission: 'relief.read' },
    schema: { tags, summary: '社区证明事项清单（可出具的和应到别处办理的）', querystring: s.ItemsQuery, response: { 200: paged(s.Item) } },
    handler: async (req) => listItems(deps, authOf(req).scope, req.query),
  });
  r.post('/relief/certificate-items', {
    config: { permission: 'relief.manage' },
    schema: { tags, summary: '清单增加证明事项（市、区县）', body: s.ItemBody, response: { 200: IdParams } },
    handler: async (req) => addItem(deps, authOf(req).actor, authOf(req).scope, req.body),
  });
  r.get('/relief/certificate-requests', {
    config: { permission: 'relief.read' },
    schema: { tags, summary: '开具证明登记（出具和拒绝，申请人姓名已脱敏）', querystring: s.RequestsQuery, response: { 200: paged(s.RequestItem) } },
    handler: async (req) => listRequests(deps, authOf(req).scope, req.query),
  });
  r.post('/relief/certificate-requests', {
    config: { permission: 'relief.certify' },
    schema: { tags, summary: '登记开具证明：清单内的出具（编号、可打印），清单外的拒绝并告知去处', body: s.RequestBody, response: { 200: s.RequestResult } },
    handler: async (req) => recordRequest(deps, authOf(req).actor, authOf(req).scope, req.body),
  });
  r.get('/relief/removals', {
    config: { permission: 'relief.read' },
    schema: { tags, summary: '牌子、事项清理登记', querystring: s.RemovalsQuery, response: { 200: paged(s.Removal) } },
    handler: async (req) => listRemovals(deps, authOf(req).scope, req.query),
  });
  r.post('/relief/removals', {
    config: { permission: 'relief.manage' },
    schema: { tags, summary: '登记清理的牌子或事项（什么、在哪、何时、由谁）', body: s.RemovalBody, response: { 200: IdParams } },
    handler: async (req) => addRemoval(deps, authOf(req).actor, authOf(req).scope, req.body),
  });
  r.get('/relief/figures', {
    config: { permission: 'relief.read' },
    schema: { tags, summary: '减负统计：出具、拒绝（按社区、按事项）、清理的牌子和事项', response: { 200: s.ReliefFigures } },
    handler: async (req) => reliefFigures(deps, authOf(req).scope),
  });
}
