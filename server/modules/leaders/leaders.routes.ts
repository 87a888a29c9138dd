import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { systemClock } from '../../platform/clock.js';
import { IdParams, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import {
  CreateLeaderBody, LeaderDetail, LeaderQuery, LeaderView, LinkBody, LinkParams, LinkView, Stats, StatsQuery, VisitBody, VisitView,
} from './leaders.schemas.js';
import { demandDeps } from '../demands/index.js';
import * as leaders from './leaders.service.js';

export async function leaderRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const clock = ctx.clock ?? systemClock;
  const tags = ['leaders'];

  r.get('/leaders', {
    config: { permission: 'leaders.read' },
    schema: { tags, summary: '包联领导干部（本级的，或包联范围内单位的）', querystring: LeaderQuery, response: { 200: paged(LeaderView) } },
    handler: async (req) => leaders.listLeaders(db, authOf(req).scope, req.query),
  });

  r.get('/leaders/stats', {
    config: { permission: 'leaders.read' },
    schema: { tags, summary: '按层级统计：人数、包联社区/小区、走访次数、发现和解决问题数', querystring: StatsQuery, response: { 200: Stats } },
    handler: async (req) => leaders.stats(db, authOf(req).scope, req.query.orgId),
  });

  r.get('/leaders/:id', {
    config: { permission: 'leaders.read' },
    schema: { tags, summary: '领导干部详情：当前和历史包联、走访记录', params: IdParams, response: { 200: LeaderDetail } },
    handler: async (req) => leaders.getLeader(db, authOf(req).scope, req.params.id),
  });

  r.post('/leaders', {
    config: { permission: 'leaders.write' },
    schema: { tags, summary: '登记领导干部', body: CreateLeaderBody, response: { 200: LeaderView } },
    handler: async (req) => {
      const a = authOf(req);
      return leaders.createLeader(db, a.actor, a.scope, req.body);
    },
  });

  r.post('/leaders/:id/links', {
    config: { permission: 'leaders.write' },
    schema: { tags, summary: '包联社区或小区', params: IdParams, body: LinkBody, response: { 200: LinkView } },
    handler: async (req) => {
      const a = authOf(req);
      return leaders.addLink(db, clock, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.delete('/leaders/:id/links/:linkId', {
    config: { permission: 'leaders.write' },
    schema: { tags, summary: '解除包联（保留历史）', params: LinkParams, response: { 200: LinkView } },
    handler: async (req) => {
      const a = authOf(req);
      return leaders.endLink(db, clock, a.actor, a.scope, req.params.id, req.params.linkId);
    },
  });

  r.post('/leaders/:id/visits', {
    config: { permission: 'leaders.write' },
    schema: { tags, summary: '记录进社区办实事（发现的问题登记为诉求）', params: IdParams, body: VisitBody, response: { 200: VisitView } },
    handler: async (req) => {
      const a = authOf(req);
      return leaders.addVisit(demandDeps(ctx), a.actor, a.scope, req.params.id, req.body);
    },
  });
}
