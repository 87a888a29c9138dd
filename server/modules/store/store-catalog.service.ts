import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { orgPlace } from '../../platform/org-units.js';
import { communityInScope, type Scope } from '../../platform/scope.js';
import type { StoreDeps } from './store-deps.js';
import { dayOf, endOfDay, eventView, iso, itemView, storeView } from './store-views.js';
import * as repo from './store.repository.js';

/** Staff run the points supermarket (积分超市): stores, the items they offer, stock and redemption events. */

type Trx = Transaction<DB>;

// ---- stores

export async function listStores(deps: StoreDeps, scope: Scope, communityId?: number) {
  if (communityId) await communityInScope(deps.db, scope, communityId);
  const rows = await repo.storesInScope(deps.db, scope, communityId);
  const today = dayOf(deps.clock.now());
  const events = await repo.eventsFrom(deps.db, [...new Set(rows.map((r) => r.community_id))], today);
  return { items: rows.map((s) => storeView(s, events, today)) };
}

async function getStore(deps: StoreDeps, scope: Scope, id: number) {
  const s = await repo.storeInScope(deps.db, scope, id);
  if (!s) throw notFound('积分超市');
  const today = dayOf(deps.clock.now());
  return storeView(s, await repo.eventsFrom(deps.db, [s.community_id], today), today);
}

export async function createStore(deps: StoreDeps, actor: Actor, scope: Scope, input: {
  communityId: number; orgId?: number; name: string; kind: 'community_centre' | 'compound_station' | 'partner_shop';
  merchantId?: number | null; address: string; alwaysOpen: boolean; pickupDays: number;
}) {
  const id = await deps.db.transaction().execute(async (trx) => {
    const c = await communityInScope(trx, scope, input.communityId);
    const place = input.orgId ? await orgPlace(trx, input.orgId) : { id: c.id, path: c.path, county_code: c.county_code };
    if (!place || !place.path.startsWith(c.path)) throw new AppError('BAD_REQUEST', '超市所在位置必须在该社区之内');
    let merchantId: number | null = null;
    if (input.kind === 'partner_shop') {
      if (!input.merchantId) throw new AppError('VALIDATION_FAILED', '合作商户须选择对应的商户', { fields: [{ field: 'body.merchantId', problem: 'required' }] });
      const m = await repo.merchantById(trx, input.merchantId);
      if (!m || !m.org_path.startsWith(c.path)) throw new AppError('BAD_REQUEST', '该商户不在本社区内');
      merchantId = m.id;
    }
    const row = await repo.insertStore(trx, {
      community_id: c.id, org_id: place.id, org_path: place.path, county_code: place.county_code, name: input.name, kind: input.kind,
      merchant_id: merchantId, address: input.address, always_open: input.alwaysOpen, pickup_days: input.pickupDays, created_at: deps.clock.now(),
    });
    await writeAudit(trx, actor, { action: 'store.create', entity: 'store', entityId: row.id, orgPath: place.path, countyCode: place.county_code, after: input });
    return row.id;
  });
  return getStore(deps, scope, id);
}

export async function updateStore(deps: StoreDeps, actor: Actor, scope: Scope, id: number, input: {
  name?: string; address?: string; alwaysOpen?: boolean; pickupDays?: number; active?: boolean;
}) {
  await deps.db.transaction().execute(async (trx) => {
    const s = await repo.storeInScope(trx, scope, id);
    if (!s) throw notFound('积分超市');
    await repo.updateStore(trx, id, {
      name: input.name, address: input.address, always_open: input.alwaysOpen, pickup_days: input.pickupDays, active: input.active,
    });
    await writeAudit(trx, actor, { action: 'store.update', entity: 'store', entityId: id, orgPath: s.org_path, countyCode: s.county_code, before: s, after: input });
  });
  return getStore(deps, scope, id);
}

// ---- items and stock

export async function listItems(deps: StoreDeps, scope: Scope, storeId: number) {
  const s = await repo.storeInScope(deps.db, scope, storeId);
  if (!s) throw notFound('积分超市');
  return { items: (await repo.itemsOfStores(deps.db, [storeId], false)).map(itemView) };
}

async function getItem(db: Kysely<DB>, scope: Scope, id: number) {
  const i = await repo.itemInScope(db, scope, id);
  if (!i) throw notFound('兑换物品');
  return itemView(i);
}

/** A photo the caller may show: their own upload, or one uploaded inside their scope. */
async function checkPhoto(trx: Trx, actor: Actor, scope: Scope, photoId: number | null | undefined) {
  if (photoId == null) return;
  const f = await repo.photoById(trx, photoId);
  if (!f || (f.uploader_account_id !== actor.accountId && !scope.contains(f.org_path))) throw notFound('图片');
}

export async function createItem(deps: StoreDeps, actor: Actor, scope: Scope, input: {
  storeId: number; name: string; kind: 'goods' | 'service'; cost: number; unit: string; donor: string; description: string;
  photoId?: number | null; initialStock: number; perOrderLimit: number;
}) {
  const id = await deps.db.transaction().execute(async (trx) => {
    const s = await repo.storeInScope(trx, scope, input.storeId);
    if (!s) throw notFound('积分超市');
    await checkPhoto(trx, actor, scope, input.photoId);
    const now = deps.clock.now();
    const row = await repo.insertItem(trx, {
      store_id: s.id, org_path: s.org_path, county_code: s.county_code, name: input.name, kind: input.kind, cost: input.cost, unit: input.unit,
      donor: input.donor, description: input.description, photo_id: input.photoId ?? null, stock: input.initialStock,
      per_order_limit: input.perOrderLimit, created_at: now,
    });
    if (input.initialStock > 0) {
      await repo.insertMovement(trx, {
        item_id: row.id, store_id: s.id, org_path: s.org_path, county_code: s.county_code, kind: 'received', delta: input.initialStock,
        stock_after: input.initialStock, reason: input.kind === 'service' ? '服务名额' : '首次入库', created_by: actor.accountId, created_at: now,
      });
    }
    if (input.photoId) await repo.linkPhoto(trx, input.photoId, row.id, s);
    await writeAudit(trx, actor, { action: 'store.item.create', entity: 'store_item', entityId: row.id, orgPath: s.org_path, countyCode: s.county_code, after: input });
    return row.id;
  });
  return getItem(deps.db, scope, id);
}

export async function updateItem(deps: StoreDeps, actor: Actor, scope: Scope, id: number, input: {
  name?: string; cost?: number; unit?: string; donor?: string; description?: string; photoId?: number | null; perOrderLimit?: number; active?: boolean;
}) {
  await deps.db.transaction().execute(async (trx) => {
    const i = await repo.itemInScope(trx, scope, id);
    if (!i) throw notFound('兑换物品');
    await checkPhoto(trx, actor, scope, input.photoId);
    // Stock is not editable here: it moves only through movements.
    await repo.updateItem(trx, id, {
      name: input.name, cost: input.cost, unit: input.unit, donor: input.donor, description: input.description,
      photo_id: input.photoId, per_order_limit: input.perOrderLimit, active: input.active,
    });
    if (input.photoId) await repo.linkPhoto(trx, input.photoId, id, i);
    await writeAudit(trx, actor, { action: 'store.item.update', entity: 'store_item', entityId: id, orgPath: i.org_path, countyCode: i.county_code, before: i, after: input });
  });
  return getItem(deps.db, scope, id);
}

/** Goods received (入库) or a stock count corrected (盘点调整, with a reason). */
export async function moveStock(deps: StoreDeps, actor: Actor, scope: Scope, id: number, input: { kind: 'received' | 'adjusted'; delta: number; reason: string }) {
  if (input.kind === 'received' && input.delta < 0) throw new AppError('VALIDATION_FAILED', '入库数量必须大于0', { fields: [{ field: 'body.delta', problem: 'positive' }] });
  if (input.kind === 'adjusted' && input.reason.length < 2) {
    throw new AppError('VALIDATION_FAILED', '调整库存须说明原因（如：盘点短少2袋、过期报损）', { fields: [{ field: 'body.reason', problem: 'required' }] });
  }
  await deps.db.transaction().execute(async (trx) => {
    const i = await repo.itemInScope(trx, scope, id);
    if (!i) throw notFound('兑换物品');
    const after = input.delta > 0 ? await repo.putBackStock(trx, id, input.delta) : await repo.takeStock(trx, id, -input.delta);
    if (after === undefined) throw new AppError('OUT_OF_STOCK', '调整后库存会小于0：部分库存可能已被居民兑换，请刷新后再核对');
    await repo.insertMovement(trx, {
      item_id: id, store_id: i.store_id, org_path: i.org_path, county_code: i.county_code, kind: input.kind, delta: input.delta,
      stock_after: after, reason: input.reason, created_by: actor.accountId, created_at: deps.clock.now(),
    });
    await writeAudit(trx, actor, { action: `store.stock.${input.kind}`, entity: 'store_item', entityId: id, orgPath: i.org_path, countyCode: i.county_code, after: { ...input, stockAfter: after } });
  });
  return getItem(deps.db, scope, id);
}

export async function listMovements(deps: StoreDeps, scope: Scope, itemId: number, page: number, pageSize: number) {
  if (!(await repo.itemInScope(deps.db, scope, itemId))) throw notFound('兑换物品');
  const [rows, total] = await Promise.all([repo.movementsOf(deps.db, itemId, page, pageSize), repo.countMovements(deps.db, itemId)]);
  return {
    items: rows.map((m) => ({ id: m.id, kind: m.kind, delta: m.delta, stockAfter: m.stock_after, orderId: m.order_id, reason: m.reason, byName: m.display_name, at: iso(m.created_at)! })),
    total,
  };
}

// ---- events

export async function listEvents(deps: StoreDeps, scope: Scope, communityId?: number) {
  if (communityId) await communityInScope(deps.db, scope, communityId);
  const today = dayOf(deps.clock.now());
  return { items: (await repo.eventsInScope(deps.db, scope, communityId)).map((e) => eventView(e, today)) };
}

export async function createEvent(deps: StoreDeps, actor: Actor, scope: Scope, input: { communityId: number; storeId?: number | null; name: string; startsOn: string; endsOn: string }) {
  const today = dayOf(deps.clock.now());
  if (input.endsOn < input.startsOn) throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期', { fields: [{ field: 'body.endsOn', problem: 'before_start' }] });
  if (input.endsOn < today) throw new AppError('VALIDATION_FAILED', '结束日期已经过去，不能再安排这场兑换活动', { fields: [{ field: 'body.endsOn', problem: 'past' }] });
  if (Number.isNaN(endOfDay(input.startsOn).getTime()) || Number.isNaN(endOfDay(input.endsOn).getTime())) {
    throw new AppError('VALIDATION_FAILED', '日期不存在', { fields: [{ field: 'body.startsOn', problem: 'date' }] });
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const c = await communityInScope(trx, scope, input.communityId);
    if (input.storeId) {
      const s = await repo.storeInScope(trx, scope, input.storeId);
      if (!s || s.community_id !== c.id) throw notFound('积分超市');
    }
    const row = await repo.insertEvent(trx, {
      community_id: c.id, store_id: input.storeId ?? null, org_path: c.path, county_code: c.county_code, name: input.name,
      starts_on: input.startsOn, ends_on: input.endsOn, created_by: actor.accountId, created_at: deps.clock.now(),
    });
    await writeAudit(trx, actor, { action: 'store.event.create', entity: 'store_event', entityId: row.id, orgPath: c.path, countyCode: c.county_code, after: input });
    return row.id;
  });
  const e = (await repo.selectEvents(deps.db).where('e.id', '=', id).executeTakeFirstOrThrow());
  return eventView(e, today);
}

/** Calls an event off; orders already placed keep their pickup date. */
export async function cancelEvent(deps: StoreDeps, actor: Actor, scope: Scope, id: number) {
  const today = dayOf(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const e = await repo.selectEvents(trx).where('e.id', '=', id).executeTakeFirst();
    scope.assert(e?.org_path, '兑换活动');
    if (e!.cancelled_at) throw new AppError('INVALID_TRANSITION', '该兑换活动已经取消');
    if (e!.ends_on < today) throw new AppError('INVALID_TRANSITION', '该兑换活动已经结束，不能取消');
    const at = deps.clock.now();
    await repo.cancelEvent(trx, id, at);
    await writeAudit(trx, actor, { action: 'store.event.cancel', entity: 'store_event', entityId: id, orgPath: e!.org_path, countyCode: scope.countyCode });
    return eventView({ ...e!, cancelled_at: at }, today);
  });
}

