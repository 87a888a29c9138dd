import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { systemClock } from '../../platform/clock.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import {
  AdoptDefaultsBody, AdoptDefaultsResult, CreateTaskTypeBody, DoneBody, PushTaskBody, RefusalStats, RefusalStatsQuery,
  TaskQuery, TaskTypeQuery, TaskTypeView, TaskView, UpdateTaskTypeBody,
} from './gridtasks.schemas.js';
import * as gridtasks from './gridtasks.service.js';

export async function gridTaskRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const clock = ctx.clock ?? systemClock;
  const tags = ['gridtasks'];

  r.get('/gridtasks/types', {
    config: { permission: 'gridtasks.read' },
    schema: { tags, summary: '网格事项准入清单（本县）', querystring: TaskTypeQuery, response: { 200: z.object({ items: z.array(TaskTypeView) }) } },
    handler: async (req) => ({ items: await gridtasks.listTypes(db, authOf(req).scope, req.query.countyId) }),
  });

  r.post('/gridtasks/types', {
    config: { permission: 'gridtasks.manage' },
    schema: { tags, summary: '准入清单新增事项类型（县级管理员）', body: CreateTaskTypeBody, response: { 200: TaskTypeView } },
    handler: async (req) => {
      const a = authOf(req);
      return gridtasks.createType(db, a.actor, a.scope, req.body);
    },
  });

  r.patch('/gridtasks/types/:id', {
    config: { permission: 'gridtasks.manage' },
    schema: { tags, summary: '修改、启用或停用事项类型（县级管理员）', params: IdParams, body: UpdateTaskTypeBody, response: { 200: TaskTypeView } },
    handler: async (req) => {
      const a = authOf(req);
      return gridtasks.updateType(db, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.post('/gridtasks/types/adopt-defaults', {
    config: { permission: 'gridtasks.manage' },
    schema: { tags, summary: '采用推荐的准入清单（只补充本县没有的）', body: AdoptDefaultsBody, response: { 200: AdoptDefaultsResult } },
    handler: async (req) => {
      const a = authOf(req);
      return gridtasks.adoptDefaults(db, a.actor, a.scope, req.body.countyId);
    },
  });

  r.post('/gridtasks', {
    config: { permission: 'gridtasks.manage' },
    schema: { tags, summary: '向网格派发事项（须在准入清单内，否则拒绝并记录）', body: PushTaskBody, response: { 200: TaskView } },
    handler: async (req) => {
      const a = authOf(req);
      return gridtasks.pushTask(db, a.actor, a.scope, req.body);
    },
  });

  r.get('/gridtasks', {
    config: { permission: 'gridtasks.read' },
    schema: { tags, summary: '网格事项列表', querystring: TaskQuery, response: { 200: paged(TaskView) } },
    handler: async (req) => {
      const a = authOf(req);
      return gridtasks.listTasks(db, a.actor, a.scope, req.query);
    },
  });

  r.post('/gridtasks/:id/done', {
    config: { permission: 'gridtasks.manage' },
    schema: { tags, summary: '网格员办结事项', params: IdParams, body: DoneBody, response: { 200: TaskView } },
    handler: async (req) => {
      const a = authOf(req);
      return gridtasks.markDone(db, clock, a.actor, a.scope, req.params.id, req.body.note);
    },
  });

  r.get('/gridtasks/refusals/stats', {
    config: { permission: 'gridtasks.read' },
    schema: { tags, summary: '被拒派发统计：按派发人、按事项名称', querystring: RefusalStatsQuery, response: { 200: RefusalStats } },
    handler: async (req) => {
      const a = authOf(req);
      return gridtasks.refusalStats(db, a.actor, a.scope, req.query);
    },
  });
}
