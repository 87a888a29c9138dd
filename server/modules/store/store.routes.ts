import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, PageQuery, paged } from '../../platform/http/paging.js';
import { authOf } from '../../platform/http/request-context.js';
import {
  CancelBody, CommunityQuery, CreateEventBody, CreateItemBody, CreateStoreBody, EventView, HandoverBody, ItemView, MovementView,
  CounterRedeemBody, MyOrderView, MyStoreResponse, OrderListQuery, OrderView, RedeemBody, StatsQuery, StatsResponse, StockBody, StoreView,
  UpdateItemBody, UpdateStoreBody,
} from './store.schemas.js';
import * as catalog from './store-catalog.service.js';
import { storeDeps } from './store-deps.js';
import * as orders from './store-orders.service.js';
import { stats } from './store-stats.service.js';

/** The points supermarket (积分超市): staff run stores under `points.store`; holders redeem under `points.redeem`. */
export async function storeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = storeDeps(ctx);
  const tags = ['store'];
  const staff = { permission: 'points.store' as const };
  const holder = { permission: 'points.redeem' as const };

  r.get('/store/stores', {
    config: staff,
    schema: { tags, summary: '积分超市列表（社区超市、小区服务站、合作商户）', querystring: CommunityQuery, response: { 200: z.object({ items: z.array(StoreView) }) } },
    handler: async (req) => catalog.listStores(deps, authOf(req).scope, req.query.communityId),
  });

  r.post('/store/stores', {
    config: staff,
    schema: { tags, summary: '开设积分超市', body: CreateStoreBody, response: { 200: StoreView } },
    handler: async (req) => {
      const a = authOf(req);
      return catalog.createStore(deps, a.actor, a.scope, req.body);
    },
  });

  r.patch('/store/stores/:id', {
    config: staff,
    schema: { tags, summary: '修改积分超市（名称、地址、常开、领取天数、停用）', params: IdParams, body: UpdateStoreBody, response: { 200: StoreView } },
    handler: async (req) => {
      const a = authOf(req);
      return catalog.updateStore(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.get('/store/stores/:id/items', {
    config: staff,
    schema: { tags, summary: '超市的物品与服务（含已下架）', params: IdParams, response: { 200: z.object({ items: z.array(ItemView) }) } },
    handler: async (req) => catalog.listItems(deps, authOf(req).scope, req.params.id),
  });

  r.post('/store/items', {
    config: staff,
    schema: { tags, summary: '上架物品或捐赠服务（首次入库记一笔库存流水）', body: CreateItemBody, response: { 200: ItemView } },
    handler: async (req) => {
      const a = authOf(req);
      return catalog.createItem(deps, a.actor, a.scope, req.body);
    },
  });

  r.patch('/store/items/:id', {
    config: staff,
    schema: { tags, summary: '修改物品（库存只能通过入库或调整）', params: IdParams, body: UpdateItemBody, response: { 200: ItemView } },
    handler: async (req) => {
      const a = authOf(req);
      return catalog.updateItem(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.post('/store/items/:id/stock', {
    config: staff,
    schema: { tags, summary: '入库或盘点调整（调整须说明原因）', params: IdParams, body: StockBody, response: { 200: ItemView } },
    handler: async (req) => {
      const a = authOf(req);
      return catalog.moveStock(deps, a.actor, a.scope, req.params.id, req.body);
    },
  });

  r.get('/store/items/:id/movements', {
    config: staff,
    schema: { tags, summary: '库存流水（只增不改）', params: IdParams, querystring: PageQuery, response: { 200: paged(MovementView) } },
    handler: async (req) => catalog.listMovements(deps, authOf(req).scope, req.params.id, req.query.page, req.query.pageSize),
  });

  r.get('/store/events', {
    config: staff,
    schema: { tags, summary: '兑换活动', querystring: CommunityQuery, response: { 200: z.object({ items: z.array(EventView) }) } },
    handler: async (req) => catalog.listEvents(deps, authOf(req).scope, req.query.communityId),
  });

  r.post('/store/events', {
    config: staff,
    schema: { tags, summary: '安排兑换活动（不选超市则全社区的超市都参加）', body: CreateEventBody, response: { 200: EventView } },
    handler: async (req) => {
      const a = authOf(req);
      return catalog.createEvent(deps, a.actor, a.scope, req.body);
    },
  });

  r.post('/store/events/:id/cancel', {
    config: staff,
    schema: { tags, summary: '取消兑换活动（已下的订单不受影响）', params: IdParams, response: { 200: EventView } },
    handler: async (req) => {
      const a = authOf(req);
      return catalog.cancelEvent(deps, a.actor, a.scope, req.params.id);
    },
  });

  r.get('/store/orders', {
    config: staff,
    schema: { tags, summary: '兑换订单（按状态筛选）', querystring: OrderListQuery, response: { 200: paged(OrderView) } },
    handler: async (req) => orders.listOrders(deps, authOf(req).scope, req.query),
  });

  r.post('/store/orders', {
    config: staff,
    schema: {
      tags, summary: '柜台兑换：为到场的住户或商户兑换并当场领取',
      description: '不用手机的老人、合作商户在柜台兑换。规则与手机兑换相同（库存、余额、每次限量、活动期）；积分户须在本人管辖范围内。同一 clientId 重放返回同一订单。',
      body: CounterRedeemBody, response: { 200: OrderView.extend({ replayed: z.boolean() }) },
    },
    handler: async (req) => {
      const a = authOf(req);
      return orders.redeemAtCounter(deps, a.actor, a.scope, req.body);
    },
  });

  r.post('/store/orders/:id/cancel', {
    config: staff,
    schema: { tags, summary: '工作人员取消订单（退回积分和库存）', params: IdParams, body: CancelBody, response: { 200: OrderView } },
    handler: async (req) => {
      const a = authOf(req);
      return orders.cancelOrderByStaff(deps, a.actor, a.scope, req.params.id, req.body?.reason);
    },
  });

  r.post('/store/handover', {
    config: staff,
    schema: {
      tags, summary: '核销领取：输入取货码或扫描二维码',
      description: '错误的超市、已过期、已取消、已领取的订单都会被拒绝并说明原因。', body: HandoverBody, response: { 200: OrderView },
    },
    handler: async (req) => {
      const a = authOf(req);
      return orders.handOver(deps, a.actor, a.scope, req.body);
    },
  });

  r.get('/store/stats', {
    config: staff,
    schema: { tags, summary: '各超市每月兑换笔数与积分', querystring: StatsQuery, response: { 200: StatsResponse } },
    handler: async (req) => stats(deps, authOf(req).scope, req.query),
  });

  r.get('/store/my', {
    config: holder,
    schema: { tags, summary: '我所在社区的积分超市、物品与我的积分余额', response: { 200: MyStoreResponse } },
    handler: async (req) => orders.myStore(deps, authOf(req).actor),
  });

  r.get('/store/my/orders', {
    config: holder,
    schema: { tags, summary: '我的兑换订单（待领取的带取货码和二维码）', response: { 200: z.object({ items: z.array(MyOrderView) }) } },
    handler: async (req) => orders.myOrders(deps, authOf(req).actor),
  });

  r.post('/store/my/orders', {
    config: holder,
    schema: {
      tags, summary: '兑换：预留库存并扣减积分（同一事务）',
      description: '库存不足 409 OUT_OF_STOCK，积分不足 409 INSUFFICIENT_POINTS，不在活动期 409 CONFLICT。', body: RedeemBody, response: { 200: MyOrderView.extend({ replayed: z.boolean() }) },
    },
    handler: async (req) => orders.redeem(deps, authOf(req).actor, req.body),
  });

  r.post('/store/my/orders/:id/cancel', {
    config: holder,
    schema: { tags, summary: '取消我的未领取订单（退回积分和库存）', params: IdParams, body: CancelBody, response: { 200: MyOrderView } },
    handler: async (req) => orders.cancelMyOrder(deps, authOf(req).actor, req.params.id, req.body?.reason),
  });
}
