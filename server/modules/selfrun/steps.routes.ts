import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import * as s from './steps.schemas.js';
import * as svc from './steps.service.js';

/** 居民自办物业十步: the board and figures, a compound's process, and completing its steps (staff and committee). */
export async function selfrunStepsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = svc.stepsDeps(ctx);
  const tags = ['selfrun'];

  r.get('/selfrun/steps/board', {
    config: { permission: 'selfrun.read' },
    schema: { tags, summary: '十步进度：辖区小区的管理模式和居民自办十步到达的步骤', querystring: s.BoardQuery, response: { 200: s.Board } },
    handler: async (req) => svc.board(deps, authOf(req).scope, req.query),
  });
  r.get('/selfrun/steps/figures', {
    config: { permission: 'selfrun.read' },
    schema: { tags, summary: '街道/县区统计：居民自办小区按到达步骤计数', response: { 200: s.Figures } },
    handler: async (req) => svc.figures(deps, authOf(req).scope),
  });
  r.get('/selfrun/compounds/:id/steps', {
    config: { permission: 'selfrun.read' },
    schema: { tags, summary: '小区的居民自办十步：每步的记录、材料和下一步的条件', params: IdParams, response: { 200: s.ProcessView } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.detail(deps, a.actor, a.scope, req.params.id);
    },
  });
  r.post('/selfrun/compounds/:id/steps/start', {
    config: { permission: 'selfrun.manage' },
    schema: {
      tags, summary: '启动居民自办十步（有有效物业合同或已实行自办的小区不能启动）', params: IdParams, response: { 200: s.Ok },
    },
    handler: async (req) => {
      const a = authOf(req);
      return svc.start(deps, a.actor, a.scope, req.params.id);
    },
  });
  r.post('/selfrun/compounds/:id/steps/:step', {
    config: { permission: 'selfrun.manage' },
    schema: {
      tags, summary: '社区办理一步（须按顺序，不能跳过或重复）', description: '拒绝时返回 INVALID_TRANSITION，details.reason 说明原因。',
      params: s.StepParams, body: s.StepBody, response: { 200: s.Ok },
    },
    handler: async (req) => {
      const a = authOf(req);
      return svc.completeAsStaff(deps, a.actor, a.scope, req.params.id, req.params.step, req.body);
    },
  });

  // The committee member's own steps, from the phone.
  r.get('/selfrun/my-committee', {
    config: { permission: 'selfrun.committee' },
    schema: { tags, summary: '我所在的业委会/物管会：小区和十步进度（不是成员时 member=false）', response: { 200: s.MyCommittee } },
    handler: async (req) => svc.myCommittee(deps, authOf(req).actor),
  });
  r.post('/selfrun/my-committee/:id/steps/:step', {
    config: { permission: 'selfrun.committee' },
    schema: { tags, summary: '业委会/物管会成员办理本小区的委员会步骤', params: s.StepParams, body: s.StepBody, response: { 200: s.Ok } },
    handler: async (req) => {
      const a = authOf(req);
      return svc.completeAsMember(deps, a.actor, a.scope, req.params.id, req.params.step, req.body);
    },
  });
}
