import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './pass.schemas.js';
import * as svc from './pass.service.js';
import { roadDeps } from './whitelist.service.js';

/** The rider's phone pass and the gate's check. */
export async function passRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = roadDeps(ctx);
  const tags = ['newgroups'];

  r.get('/newgroups/pass', {
    config: { permission: 'newgroups.rider' },
    schema: { tags, summary: '骑手通行码：5分钟内有效的签名码（二维码和文字码）', response: { 200: s.Pass } },
    handler: async (req) => svc.issue(deps, authOf(req).actor),
  });
  r.get('/newgroups/gate/places', {
    config: { permission: 'newgroups.gate' },
    schema: { tags, summary: '门岗可选的小区（本人所在小区，或本社区及其小区）', response: { 200: s.GatePlaces } },
    handler: async (req) => svc.gatePlaces(deps, authOf(req).scope),
  });
  r.post('/newgroups/gate/check', {
    config: { permission: 'newgroups.gate' },
    schema: {
      tags, summary: '门岗核验通行码', description: '有效时只返回脱敏姓名、平台和站点；否则说明原因（过期、伪造、已移出白名单、已离职）。每次核验都记录。',
      body: s.CheckBody, response: { 200: s.CheckResult },
    },
    handler: async (req) => {
      const a = authOf(req);
      return svc.check(deps, a.actor, a.scope, req.body);
    },
  });
}
