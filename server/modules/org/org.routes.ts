import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { systemClock } from '../../platform/clock.js';
import { IdParams, PageQuery, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import {
  CreateOrgBody, GeoJsonCollection, MergeBody, MoveBody, OrgEventView, OrgUnitDetail, OrgUnitView,
  RenameBody, SearchQuery, SplitBody,
} from './org.schemas.js';
import * as tree from './org-tree.service.js';

export async function orgRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const clock = ctx.clock ?? systemClock;
  const tags = ['org'];

  r.get('/org/units/:id', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '组织详情（含户数、人数、上级链）', params: IdParams, response: { 200: OrgUnitDetail } },
    handler: async (req) => tree.getDetail(db, authOf(req).scope, req.params.id),
  });

  r.get('/org/units/:id/children', {
    config: { permission: 'org.read' },
    schema: {
      tags, summary: '下级组织（分页）', params: IdParams,
      querystring: PageQuery.extend({ pageSize: z.coerce.number().int().min(1).max(500).default(200) }),
      response: { 200: paged(OrgUnitView) },
    },
    handler: async (req) => tree.listChildren(db, authOf(req).scope, req.params.id, req.query.page, req.query.pageSize),
  });

  r.get('/org/search', {
    config: { permission: 'org.read' },
    schema: {
      tags, summary: '按名称或编码搜索组织', querystring: SearchQuery,
      response: { 200: z.object({ items: z.array(OrgUnitView.extend({ pathNames: z.string() })) }) },
    },
    handler: async (req) => ({
      items: await tree.search(db, authOf(req).scope, req.query.q, req.query.kind, req.query.limit),
    }),
  });

  r.get('/org/units/:id/map', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '网格轮廓（GeoJSON）', params: IdParams, response: { 200: GeoJsonCollection } },
    handler: async (req) => tree.gridMap(db, authOf(req).scope, req.params.id),
  });

  r.get('/org/units/:id/history', {
    config: { permission: 'org.read' },
    schema: { tags, summary: '组织沿革', params: IdParams, response: { 200: z.object({ items: z.array(OrgEventView) }) } },
    handler: async (req) => ({ items: await tree.history(db, authOf(req).scope, req.params.id) }),
  });

  r.post('/org/units', {
    config: { permission: 'org.write' },
    schema: { tags, summary: '新建组织', body: CreateOrgBody, response: { 200: OrgUnitView } },
    handler: async (req) => {
      const a = authOf(req);
      return tree.createUnit(db, a.actor, a.scope, req.body);
    },
  });

  r.patch('/org/units/:id', {
    config: { permission: 'org.write' },
    schema: { tags, summary: '更名', params: IdParams, body: RenameBody, response: { 200: OrgUnitView } },
    handler: async (req) => {
      const a = authOf(req);
      return tree.renameUnit(db, a.actor, a.scope, req.params.id, req.body.name);
    },
  });

  r.post('/org/units/:id/move', {
    config: { permission: 'org.write' },
    schema: { tags, summary: '调整隶属', params: IdParams, body: MoveBody, response: { 200: OrgUnitView } },
    handler: async (req) => {
      const a = authOf(req);
      return tree.moveUnit(db, a.actor, a.scope, req.params.id, req.body.newParentId);
    },
  });

  r.post('/org/units/:id/merge', {
    config: { permission: 'org.write' },
    schema: { tags, summary: '合并到另一同级组织', params: IdParams, body: MergeBody, response: { 200: OrgUnitView } },
    handler: async (req) => {
      const a = authOf(req);
      return tree.mergeUnit(db, clock, a.actor, a.scope, req.params.id, req.body.intoId);
    },
  });

  r.post('/org/units/:id/split', {
    config: { permission: 'org.write' },
    schema: { tags, summary: '拆分出新的同级组织', params: IdParams, body: SplitBody, response: { 200: OrgUnitView } },
    handler: async (req) => {
      const a = authOf(req);
      return tree.splitUnit(db, a.actor, a.scope, req.params.id, req.body);
    },
  });
}
