import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './parttime.schemas.js';
import * as svc from './parttime.service.js';
import { Created, Ok } from './whitelist.schemas.js';
import { roadDeps } from './whitelist.service.js';

/** 兼职网格员 / 安全员 enrolments. */
export async function parttimeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = roadDeps(ctx);
  const tags = ['newgroups'];

  r.get('/newgroups/parttime', {
    config: { permission: 'newgroups.read' },
    schema: { tags, summary: '兼职网格员和安全员', querystring: s.ParttimeQuery, response: { 200: s.ParttimePage } },
    handler: async (req) => svc.list(deps, authOf(req).scope, req.query),
  });
  r.get('/newgroups/parttime/units', {
    config: { permission: 'newgroups.read' },
    schema: { tags, summary: '可聘任到的社区及其网格', response: { 200: s.EnrolUnits } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.units(deps, a.actor, a.scope);
    },
  });
  r.post('/newgroups/parttime', {
    config: { permission: 'newgroups.manage' },
    schema: { tags, summary: '聘任兼职网格员或安全员（社区；须已列入白名单）', body: s.EnrolBody, response: { 200: Created } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.enrol(deps, a.actor, a.scope, req.body);
    },
  });
  r.post('/newgroups/parttime/:id/end', {
    config: { permission: 'newgroups.manage' },
    schema: { tags, summary: '结束聘任（须说明理由）', params: IdParams, body: s.EndBody, response: { 200: Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.end(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });
}
