import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, PageQuery, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import {
  FulfilBody, MyClaim, PostWishBody, PublicWall, PublicWallParams, ReasonBody, WallQuery, WallWish, WishCounts, WishListQuery, WishView,
} from './wishes.schemas.js';
import * as wishes from './wishes.service.js';

export async function wishRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = wishes.wishDeps(ctx);
  const tags = ['wishes'];

  r.post('/wishes', {
    config: { permission: 'wishes.post' },
    schema: {
      tags, summary: '发布微心愿（代辖区内困难居民）', description: '预算不超过500元；完成期限在今天到90天之内。',
      body: PostWishBody, response: { 200: z.object({ wish: WishView, replayed: z.boolean() }) },
    },
    handler: async (req) => {
      const a = authOf(req);
      return wishes.postWish(deps, a.actor, a.scope, req.body);
    },
  });

  r.get('/wishes', {
    config: { permission: 'wishes.read' },
    schema: { tags, summary: '微心愿列表', querystring: WishListQuery, response: { 200: paged(WishView) } },
    handler: async (req) => wishes.listWishes(deps, authOf(req).scope, req.query),
  });

  r.get('/wishes/counts', {
    config: { permission: 'wishes.read' },
    schema: {
      tags, summary: '各社区微心愿数量（按状态）', querystring: z.object({ communityId: z.coerce.number().int().positive().optional() }),
      response: { 200: WishCounts },
    },
    handler: async (req) => wishes.wishCounts(deps, authOf(req).scope, req.query.communityId),
  });

  r.get('/wishes/wall', {
    config: { permission: 'wishes.claim' },
    schema: { tags, summary: '心愿墙：附近社区待认领的心愿（人员已脱敏）', querystring: WallQuery, response: { 200: paged(WallWish) } },
    handler: async (req) => {
      const a = authOf(req);
      return wishes.wall(deps, a.actor, a.scope, req.query);
    },
  });

  r.get('/wishes/mine', {
    config: { permission: 'wishes.claim' },
    schema: { tags, summary: '我认领的心愿', querystring: PageQuery, response: { 200: paged(MyClaim) } },
    handler: async (req) => wishes.myClaims(deps, authOf(req).actor, req.query),
  });

  r.get('/wishes/for-me', {
    config: { permission: 'self' },
    schema: { tags, summary: '为我发布的心愿（居民本人确认完成）', response: { 200: z.object({ items: z.array(WishView) }) } },
    handler: async (req) => wishes.wishesForMe(deps, authOf(req).actor),
  });

  r.get('/wishes/:id', {
    config: { permission: 'wishes.read' },
    schema: { tags, summary: '微心愿详情', params: IdParams, response: { 200: WishView } },
    handler: async (req) => wishes.getWish(deps, authOf(req).scope, req.params.id),
  });

  r.post('/wishes/:id/claim', {
    config: { permission: 'wishes.claim' },
    schema: {
      tags, summary: '认领心愿', description: '同一时间只能一人认领；两人同时认领只有一人成功，另一人得到409。', params: IdParams,
      response: { 200: MyClaim },
    },
    handler: async (req) => {
      const a = authOf(req);
      return wishes.claimWish(deps, a.actor, a.scope, req.params.id);
    },
  });

  r.post('/wishes/:id/release', {
    config: { permission: 'wishes.claim' },
    schema: { tags, summary: '放弃认领（心愿回到心愿墙）', params: IdParams, body: ReasonBody, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (req) => wishes.releaseWish(deps, authOf(req).actor, req.params.id, req.body.reason),
  });

  r.post('/wishes/:id/fulfil', {
    config: { permission: 'wishes.claim' },
    schema: { tags, summary: '完成心愿（上传照片并说明）', params: IdParams, body: FulfilBody, response: { 200: MyClaim } },
    handler: async (req) => {
      const a = authOf(req);
      return wishes.fulfilWish(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.post('/wishes/:id/confirm', {
    config: { permission: 'wishes.post' },
    schema: { tags, summary: '社区确认心愿已完成', params: IdParams, response: { 200: WishView } },
    handler: async (req) => {
      const a = authOf(req);
      return wishes.confirmWish(deps, a.actor, a.scope, req.params.id, 'staff');
    },
  });

  r.post('/wishes/:id/confirm-received', {
    config: { permission: 'self' },
    schema: { tags, summary: '居民本人确认心愿已完成', params: IdParams, response: { 200: WishView } },
    handler: async (req) => {
      const a = authOf(req);
      return wishes.confirmWish(deps, a.actor, a.scope, req.params.id, 'beneficiary');
    },
  });

  r.post('/wishes/:id/withdraw', {
    config: { permission: 'wishes.post' },
    schema: { tags, summary: '撤回心愿（须说明原因）', params: IdParams, body: ReasonBody, response: { 200: WishView } },
    handler: async (req) => {
      const a = authOf(req);
      return wishes.withdrawWish(deps, a.actor, a.scope, req.params.id, req.body.reason);
    },
  });
}

/** The public wall of a community: no sign-in, persons masked. */
export async function publicWishRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = wishes.wishDeps(ctx);
  r.get('/public/wishes/:communityId', {
    config: { public: true },
    schema: {
      tags: ['wishes-public'], summary: '社区心愿墙（无需登录，人员已脱敏）', params: PublicWallParams, querystring: PageQuery,
      response: { 200: PublicWall },
    },
    handler: async (req) => wishes.publicWall(deps.db, deps.clock, req.params.communityId, req.query),
  });
}
