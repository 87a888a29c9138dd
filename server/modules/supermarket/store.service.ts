import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import QRCode from 'qrcode';
import type { AppContext } from '../../app-context.js';
import type { DB, PointsHolderKind, StoreOrderStatus } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { cancelJobs, scheduleJob, type JobHandler } from '../../platform/jobs.js';
import type { AttachmentReader } from '../../platform/files/attachment.service.js';
import { maskName } from '../../platform/pii/name.js';
import { communityInScope, inScope, type Scope } from '../../platform/scope.js';
import { appendForHolder, communityOfPath, holderInScope } from '../points/points-ledger.js';
import { lockedBase, spendableOf } from '../points/points-spendable.js';
import * as repo from './store.repository.js';
import { checkOrderTransition } from './store-order-lifecycle.js';
import type { EventView, ItemView, MyOrderView, OrderView, StoreView } from './store.schemas.js';

type Trx = Transaction<DB>;

export interface StoreDeps {
  db: Kysely<DB>;
  clock: Clock;
}

export function storeDeps(ctx: AppContext): StoreDeps {
  return { db: ctx.database.db, clock: ctx.clock ?? systemClock };
}

const DAY_MS = 86_400_000;
/** 'YYYY-MM-DD' of an instant in Lüliang's time zone. */
export const dayOf = chinaDay;
/** The instant a calendar day (Asia/Shanghai) is over. */
const endOfDay = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + DAY_MS);

const EXPIRE_JOB = 'store.order_expire';
const jobKey = (orderId: number) => `store-order:${orderId}`;
/** What the QR code on a holder's phone says: the store and the pickup code. */
export const qrTextOf = (storeId: number, code: string) => `LINLI-STORE:${storeId}:${code}`;

// ---- views

function eventView(e: repo.EventRow, today: string): EventView {
  const status = e.cancelled_at ? 'cancelled' : today < e.starts_on ? 'upcoming' : today > e.ends_on ? 'ended' : 'running';
  return { id: e.id, communityId: e.community_id, storeId: e.store_id, storeName: e.store_name, name: e.name, startsOn: e.starts_on, endsOn: e.ends_on, status };
}

/** The event running today for a store and the next one, from the community's live events. */
function windowOf(store: { id: number; community_id: number }, events: repo.EventRow[], today: string) {
  const mine = events.filter((e) => e.community_id === store.community_id && (e.store_id == null || e.store_id === store.id));
  const current = mine.find((e) => e.starts_on <= today && e.ends_on >= today) ?? null;
  const next = mine.find((e) => e.starts_on > today) ?? null;
  return { current, next };
}

function storeView(s: repo.StoreRow, events: repo.EventRow[], today: string): StoreView {
  const w = windowOf(s, events, today);
  return {
    id: s.id, communityId: s.community_id, communityName: s.community_name, orgId: s.org_id, orgName: s.org_name, name: s.name,
    kind: s.kind, merchantId: s.merchant_id, merchantName: s.merchant_name ?? null, address: s.address, alwaysOpen: s.always_open,
    pickupDays: s.pickup_days, active: s.active, openNow: s.active && (s.always_open || w.current != null),
    currentEvent: w.current ? eventView(w.current, today) : null, nextEvent: w.next ? eventView(w.next, today) : null,
  };
}

type ItemRow = Awaited<ReturnType<typeof repo.itemsOfStores>>[number];
function itemView(i: ItemRow): ItemView {
  return {
    id: i.id, storeId: i.store_id, name: i.name, kind: i.kind, cost: i.cost, unit: i.unit, donor: i.donor, description: i.description,
    photoId: i.photo_id, photoUrl: i.photo_id ? `/api/files/${i.photo_id}` : null, stock: i.stock, perOrderLimit: i.per_order_limit, active: i.active,
  };
}

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

function holderLabel(o: repo.OrderRow) {
  if (o.holder_kind === 'merchant') return o.merchant_name ?? `商户 ${o.holder_id}`;
  return [o.household_address, o.head_name ? maskName(o.head_name) : null].filter(Boolean).join(' ');
}

function orderView(o: repo.OrderRow, forHolder: boolean): OrderView {
  return {
    id: o.id, storeId: o.store_id, storeName: o.store_name, storeAddress: o.store_address, itemId: o.item_id, itemName: o.item_name,
    unit: o.unit, quantity: o.quantity, costEach: o.cost_each, total: o.total, status: o.status,
    // Staff never read open codes off a list: the code at the counter is the holder's consent.
    code: forHolder || o.status === 'handed_over' ? o.code : null,
    holderLabel: holderLabel(o), eventName: o.event_name, expiresAt: iso(o.expires_at)!, createdAt: iso(o.created_at)!,
    handedAt: iso(o.handed_at), handedByName: o.handed_by_name, closedAt: iso(o.closed_at), closeReason: o.close_reason,
  };
}

async function myOrderView(o: repo.OrderRow): Promise<MyOrderView> {
  const open = o.status === 'reserved';
  const text = open ? qrTextOf(o.store_id, o.code) : null;
  return {
    ...orderView(o, true),
    qrText: text,
    qrSvg: text ? await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null,
  };
}

// ---- places and holders

export interface Holder {
  kind: PointsHolderKind;
  id: number;
  communityId: number;
  label: string;
}

/** The household the caller redeems for; merchants' accounts will join here later. */
export async function holderOf(db: Kysely<DB> | Trx, actor: Actor): Promise<Holder> {
  const h = await repo.householdOfAccount(db, actor.accountId);
  if (!h) throw new AppError('NOT_FOUND', '您的账号还没有关联住户，请到社区登记后再兑换');
  return { kind: 'household', id: h.id, communityId: await communityOfPath(db, h.org_path), label: `${h.address} ${maskName(h.resident_name)}` };
}

// ---- staff: stores

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
    const place = input.orgId
      ? await trx.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('id', '=', input.orgId).executeTakeFirst()
      : { id: c.id, path: c.path, county_code: c.county_code };
    if (!place || !place.path.startsWith(c.path)) throw new AppError('BAD_REQUEST', '超市所在位置必须在该社区之内');
    let merchantId: number | null = null;
    if (input.kind === 'partner_shop') {
      if (!input.merchantId) throw new AppError('VALIDATION_FAILED', '合作商户须选择对应的商户', { fields: [{ field: 'body.merchantId', problem: 'required' }] });
      const m = await trx.selectFrom('merchant').select(['id', 'org_path']).where('id', '=', input.merchantId).executeTakeFirst();
      if (!m || !m.org_path.startsWith(c.path)) throw new AppError('BAD_REQUEST', '该商户不在本社区内');
      merchantId = m.id;
    }
    const row = await trx.insertInto('store').values({
      community_id: c.id, org_id: place.id, org_path: place.path, county_code: place.county_code, name: input.name, kind: input.kind,
      merchant_id: merchantId, address: input.address, always_open: input.alwaysOpen, pickup_days: input.pickupDays, created_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
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
    await trx.updateTable('store').set({
      name: input.name, address: input.address, always_open: input.alwaysOpen, pickup_days: input.pickupDays, active: input.active,
    }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'store.update', entity: 'store', entityId: id, orgPath: s.org_path, countyCode: s.county_code, before: s, after: input });
  });
  return getStore(deps, scope, id);
}

// ---- staff: items and stock

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
  const f = await trx.selectFrom('attachment').select(['id', 'uploader_account_id', 'org_path']).where('id', '=', photoId).executeTakeFirst();
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
    const row = await trx.insertInto('store_item').values({
      store_id: s.id, org_path: s.org_path, county_code: s.county_code, name: input.name, kind: input.kind, cost: input.cost, unit: input.unit,
      donor: input.donor, description: input.description, photo_id: input.photoId ?? null, stock: input.initialStock,
      per_order_limit: input.perOrderLimit, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    if (input.initialStock > 0) {
      await repo.insertMovement(trx, {
        item_id: row.id, store_id: s.id, org_path: s.org_path, county_code: s.county_code, kind: 'received', delta: input.initialStock,
        stock_after: input.initialStock, reason: input.kind === 'service' ? '服务名额' : '首次入库', created_by: actor.accountId, created_at: now,
      });
    }
    if (input.photoId) await linkPhoto(trx, input.photoId, row.id, s);
    await writeAudit(trx, actor, { action: 'store.item.create', entity: 'store_item', entityId: row.id, orgPath: s.org_path, countyCode: s.county_code, after: input });
    return row.id;
  });
  return getItem(deps.db, scope, id);
}

async function linkPhoto(trx: Trx, photoId: number, itemId: number, s: { org_path: string; county_code: string }) {
  await trx.insertInto('attachment_link').values({ attachment_id: photoId, entity: 'store_item', entity_id: itemId, org_path: s.org_path, county_code: s.county_code })
    .onConflict((oc) => oc.columns(['attachment_id', 'entity', 'entity_id']).doNothing()).execute();
}

export async function updateItem(deps: StoreDeps, actor: Actor, scope: Scope, id: number, input: {
  name?: string; cost?: number; unit?: string; donor?: string; description?: string; photoId?: number | null; perOrderLimit?: number; active?: boolean;
}) {
  await deps.db.transaction().execute(async (trx) => {
    const i = await repo.itemInScope(trx, scope, id);
    if (!i) throw notFound('兑换物品');
    await checkPhoto(trx, actor, scope, input.photoId);
    // Stock is not editable here: it moves only through movements.
    await trx.updateTable('store_item').set({
      name: input.name, cost: input.cost, unit: input.unit, donor: input.donor, description: input.description,
      photo_id: input.photoId, per_order_limit: input.perOrderLimit, active: input.active,
    }).where('id', '=', id).execute();
    if (input.photoId) await linkPhoto(trx, input.photoId, id, i);
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

// ---- staff: events

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
    const row = await trx.insertInto('store_event').values({
      community_id: c.id, store_id: input.storeId ?? null, org_path: c.path, county_code: c.county_code, name: input.name,
      starts_on: input.startsOn, ends_on: input.endsOn, created_by: actor.accountId, created_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
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
    await trx.updateTable('store_event').set({ cancelled_at: at }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'store.event.cancel', entity: 'store_event', entityId: id, orgPath: e!.org_path, countyCode: scope.countyCode });
    return eventView({ ...e!, cancelled_at: at }, today);
  });
}

// ---- orders

async function orderById(db: Kysely<DB> | Trx, id: number) {
  return repo.selectOrders(db).where('o.id', '=', id).executeTakeFirst();
}

export async function listOrders(deps: StoreDeps, scope: Scope, q: { communityId?: number; storeId?: number; status?: StoreOrderStatus; page: number; pageSize: number }) {
  if (q.communityId) await communityInScope(deps.db, scope, q.communityId);
  const base = repo.selectOrders(deps.db).where(inScope(scope, 'o.org_path'))
    .$if(q.communityId != null, (b) => b.where('o.community_id', '=', q.communityId!))
    .$if(q.storeId != null, (b) => b.where('o.store_id', '=', q.storeId!))
    .$if(q.status != null, (b) => b.where('o.status', '=', q.status!));
  const [rows, total] = await Promise.all([
    base.orderBy('o.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    deps.db.selectFrom(base.clearSelect().select('o.id').limit(100_000).as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((o) => orderView(o, false)), total: Number(total.n) };
}

/** Six digits, unique among the store's open orders: readable aloud and typed on any keypad. */
const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Redeems: stock is set aside and points spent in one transaction. Locks are taken in one
 * order everywhere — the item row (guarded decrement), then the community's ledger chain head,
 * then the holder's balance (both inside appendForHolder) — so concurrent redemptions and
 * cancellations queue instead of deadlocking, and neither stock nor balance can go below zero.
 */
type RedeemInput = { itemId: number; quantity: number; clientId?: string };

/** A holder redeems on their phone: the order waits for pickup with its code. */
export async function redeem(deps: StoreDeps, actor: Actor, input: RedeemInput) {
  const { id, replayed } = await placeOrder(deps, actor, await holderOf(deps.db, actor), input, false);
  return { ...(await myOrderView((await orderById(deps.db, id))!)), replayed };
}

/**
 * 柜台兑换: staff redeem for a household or merchant standing at the counter — an elderly
 * resident without a phone, a partner shop — and hand the item over at once, in one transaction.
 * The same rules as on the phone (stock, balance, limit, event window); the holder must be in
 * the staff member's scope.
 */
export async function redeemAtCounter(deps: StoreDeps, actor: Actor, scope: Scope, input: RedeemInput & { holderKind: 'household' | 'merchant'; holderId: number }) {
  const { communityId } = await holderInScope(deps.db, scope, input.holderKind, input.holderId);
  const { id, replayed } = await placeOrder(deps, actor, { kind: input.holderKind, id: input.holderId, communityId }, input, true);
  return { ...orderView((await orderById(deps.db, id))!, false), replayed };
}

/**
 * A retried tap (same clientId) answers with the order already placed — also when two copies
 * race: the loser fails on the unique client_id, or on the stock or balance the winner just
 * took, and then finds the winner's order.
 */
async function placeOrder(deps: StoreDeps, actor: Actor, holder: Pick<Holder, 'kind' | 'id' | 'communityId'>, input: RedeemInput, handOverNow: boolean) {
  const prior = await storedOrder(deps.db, actor, input.clientId);
  if (prior) return { id: prior, replayed: true };
  try {
    return { id: await takeOrder(deps, actor, holder, input, handOverNow), replayed: false };
  } catch (e) {
    const stored = await storedOrder(deps.db, actor, input.clientId);
    if (stored) return { id: stored, replayed: true };
    throw e;
  }
}

async function storedOrder(db: Kysely<DB>, actor: Actor, clientId: string | undefined): Promise<number | null> {
  if (!clientId) return null;
  const prior = await db.selectFrom('store_order').select(['id', 'created_by']).where('client_id', '=', clientId).executeTakeFirst();
  if (!prior) return null;
  if (prior.created_by !== actor.accountId) throw new AppError('CONFLICT', '该兑换请求编号已被使用');
  return prior.id;
}

async function takeOrder(deps: StoreDeps, actor: Actor, holder: Pick<Holder, 'kind' | 'id' | 'communityId'>, input: RedeemInput, handOverNow: boolean): Promise<number> {
  const now = deps.clock.now();
  const today = dayOf(now);
  return deps.db.transaction().execute(async (trx) => {
    const item = await repo.itemWithStore(trx, input.itemId);
    // Another community's store is not there for this holder at all.
    if (!item || item.community_id !== holder.communityId) throw notFound('兑换物品');
    if (!item.active || !item.store_active) throw new AppError('CONFLICT', `「${item.name}」已下架，暂不能兑换`);
    if (input.quantity > item.per_order_limit) {
      throw new AppError('VALIDATION_FAILED', `「${item.name}」每次最多兑换 ${item.per_order_limit}${item.unit}`, { fields: [{ field: 'body.quantity', problem: 'limit' }] });
    }
    const events = await repo.eventsFrom(trx, [item.community_id], today);
    const w = windowOf({ id: item.store_id, community_id: item.community_id }, events, today);
    if (!item.always_open && !w.current) {
      throw new AppError('CONFLICT', w.next
        ? `「${item.store_name}」现在不在兑换活动期内，下次活动「${w.next.name}」${w.next.starts_on} 至 ${w.next.ends_on}`
        : `「${item.store_name}」现在不在兑换活动期内，暂无活动安排，请留意社区通知`);
    }
    let expiresAt = new Date(now.getTime() + item.pickup_days * DAY_MS);
    if (!item.always_open && w.current && endOfDay(w.current.ends_on) < expiresAt) expiresAt = endOfDay(w.current.ends_on);

    const left = await repo.takeStock(trx, item.id, input.quantity);
    if (left === undefined) throw new AppError('OUT_OF_STOCK', `「${item.name}」已兑完或库存不足，请选择其他物品`);

    const total = item.cost * input.quantity;
    let order: { id: number } | undefined;
    for (let attempt = 0; !order; attempt++) {
      if (attempt === 20) throw new Error('no free pickup code after 20 tries');
      order = await repo.insertOrderUnlessCodeTaken(trx, {
        store_id: item.store_id, item_id: item.id, community_id: item.community_id, org_path: item.store_path, county_code: item.county_code,
        holder_kind: holder.kind, holder_id: holder.id, quantity: input.quantity, cost_each: item.cost, total, status: 'reserved',
        code: newCode(), event_id: item.always_open ? null : w.current?.id ?? null, expires_at: expiresAt, client_id: input.clientId ?? null,
        created_by: actor.accountId, created_at: now,
      });
    }
    await repo.insertMovement(trx, {
      item_id: item.id, store_id: item.store_id, org_path: item.org_path, county_code: item.county_code, kind: 'reserved',
      delta: -input.quantity, stock_after: left, order_id: order.id, created_by: actor.accountId, created_at: now,
    });
    if (!handOverNow) {
      await scheduleJob(trx, { kind: EXPIRE_JOB, runAt: expiresAt, payload: { orderId: order.id }, countyCode: item.county_code, dedupeKey: jobKey(order.id) });
    }
    await writeAudit(trx, actor, {
      action: handOverNow ? 'store.order.counter' : 'store.order.redeem', entity: 'store_order', entityId: order.id, orgPath: item.store_path, countyCode: item.county_code,
      after: { itemId: item.id, quantity: input.quantity, total, holderKind: holder.kind, holderId: holder.id },
    });
    // The ledger last: its chain head is the one lock every redemption in the community shares,
    // so it is held only for the spend itself and the commit.
    const [entry] = await appendForHolder(trx, { kind: holder.kind, id: holder.id }, [{
      amount: -total, kind: 'redeem', orderId: order.id, note: `兑换 ${item.name}×${input.quantity}（${item.store_name}）`,
      createdBy: actor.accountId, requireBalance: true,
      // Base points stay on the balance unless the community's rules let them buy goods.
      keepBalance: await lockedBase(trx, holder),
    }], now);
    await trx.updateTable('store_order').set({ redeem_entry_id: entry!.id }).where('id', '=', order.id).execute();
    if (handOverNow) await repo.finishOrder(trx, order.id, { status: 'handed_over', at: now, by: actor.accountId });
    return order.id;
  });
}

/**
 * Ends a reserved order as cancelled or expired and gives back its points and stock. The
 * guarded status change is what makes it happen once: a second cancel, or the expiry job racing
 * a cancel, finds the order no longer reserved and changes nothing.
 */
async function closeOrder(trx: Trx, orderId: number, to: 'cancelled' | 'expired', by: Actor | null, reason: string | null, now: Date) {
  const o = await repo.finishOrder(trx, orderId, { status: to, at: now, by: by?.accountId ?? null, reason });
  if (!o) return null;
  // Same lock order as redemption: item row, then the ledger (chain head, balance).
  const after = await repo.putBackStock(trx, o.item_id, o.quantity);
  const item = await trx.selectFrom('store_item').select(['store_id', 'org_path', 'county_code']).where('id', '=', o.item_id).executeTakeFirstOrThrow();
  await repo.insertMovement(trx, {
    item_id: o.item_id, store_id: item.store_id, org_path: item.org_path, county_code: item.county_code, kind: 'returned',
    delta: o.quantity, stock_after: after, order_id: o.id, reason: to === 'expired' ? '过期未领' : (reason ?? '取消兑换'),
    created_by: by?.accountId ?? null, created_at: now,
  });
  await cancelJobs(trx, jobKey(o.id));
  await writeAudit(trx, by, { action: `store.order.${to === 'expired' ? 'expire' : 'cancel'}`, entity: 'store_order', entityId: o.id, orgPath: o.org_path, countyCode: o.county_code, reason });
  const [entry] = await appendForHolder(trx, { kind: o.holder_kind, id: o.holder_id }, [{
    amount: o.total, kind: 'refund', orderId: o.id, note: to === 'expired' ? `兑换订单 ${o.id} 过期未领，退回积分` : `兑换订单 ${o.id} 已取消，退回积分`,
    createdBy: by?.accountId ?? null,
  }], now);
  await trx.updateTable('store_order').set({ refund_entry_id: entry!.id }).where('id', '=', o.id).execute();
  return o;
}

async function refuseFinished(db: Trx, orderId: number, action: 'cancel' | 'hand_over'): Promise<never> {
  const cur = await db.selectFrom('store_order').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
  checkOrderTransition(cur.status, action);
  throw new AppError('CONFLICT', '订单状态刚刚发生变化，请刷新后再试');
}

export async function cancelMyOrder(deps: StoreDeps, actor: Actor, orderId: number, reason?: string) {
  const holder = await holderOf(deps.db, actor);
  await deps.db.transaction().execute(async (trx) => {
    const o = await trx.selectFrom('store_order').select(['id', 'status', 'holder_kind', 'holder_id']).where('id', '=', orderId).executeTakeFirst();
    if (!o || o.holder_kind !== holder.kind || o.holder_id !== holder.id) throw notFound('兑换订单');
    checkOrderTransition(o.status, 'cancel');
    if (!(await closeOrder(trx, orderId, 'cancelled', actor, reason?.trim() || '居民取消', deps.clock.now()))) await refuseFinished(trx, orderId, 'cancel');
  });
  return myOrderView((await orderById(deps.db, orderId))!);
}

export async function cancelOrderByStaff(deps: StoreDeps, actor: Actor, scope: Scope, orderId: number, reason?: string) {
  await deps.db.transaction().execute(async (trx) => {
    const o = await trx.selectFrom('store_order').select(['id', 'status', 'org_path']).where('id', '=', orderId).executeTakeFirst();
    scope.assert(o?.org_path, '兑换订单');
    checkOrderTransition(o!.status, 'cancel');
    if (!(await closeOrder(trx, orderId, 'cancelled', actor, reason?.trim() || '工作人员取消', deps.clock.now()))) await refuseFinished(trx, orderId, 'cancel');
  });
  return orderView((await orderById(deps.db, orderId))!, false);
}

/** The code the staff member typed, or the pickup code inside a scanned QR text. */
export function codeFromInput(raw: string): { code: string; storeId: number | null } {
  const qr = /^LINLI-STORE:(\d+):(\d{6})$/.exec(raw.trim());
  if (qr) return { storeId: Number(qr[1]), code: qr[2]! };
  return { storeId: null, code: raw.replace(/\s+/g, '') };
}

/** Hands an order over at the counter (核销): the right store, an open order, before it expires. */
export async function handOver(deps: StoreDeps, actor: Actor, scope: Scope, input: { storeId: number; code: string }) {
  const store = await repo.storeInScope(deps.db, scope, input.storeId);
  if (!store) throw notFound('积分超市');
  const { code, storeId: scanned } = codeFromInput(input.code);
  if (!/^\d{6}$/.test(code)) throw new AppError('VALIDATION_FAILED', '取货码是6位数字，请核对后重新输入', { fields: [{ field: 'body.code', problem: 'format' }] });
  const now = deps.clock.now();
  const orderId = await deps.db.transaction().execute(async (trx) => {
    const o = scanned != null && scanned !== store.id
      ? undefined
      : await trx.selectFrom('store_order').select(['id', 'expires_at']).where('store_id', '=', store.id).where('code', '=', code)
        .where('status', '=', 'reserved').forUpdate().executeTakeFirst();
    if (!o) {
          const elsewhere = await trx.selectFrom('store_order as o').innerJoin('store as s', 's.id', 'o.store_id').select(['s.name'])
        .where('o.code', '=', code).where('o.status', '=', 'reserved').where('o.store_id', '<>', store.id)
        .$if(scanned != null, (q) => q.where('o.store_id', '=', scanned!))
        .where(inScope(scope, 'o.org_path')).executeTakeFirst();
      if (elsewhere) throw new AppError('CONFLICT', `这个取货码是「${elsewhere.name}」的订单，请到该点位领取`);
      if (scanned != null && scanned !== store.id) throw new AppError('CONFLICT', '这个二维码不是本超市的订单，请到下单时选择的点位领取');
      const last = await trx.selectFrom('store_order').select(['id', 'status']).where('store_id', '=', store.id).where('code', '=', code)
        .orderBy('id', 'desc').executeTakeFirst();
      if (last) checkOrderTransition(last.status, 'hand_over');
      throw new AppError('NOT_FOUND', '没有找到这个取货码的订单，请核对后重新输入');
    }
    if (now >= o.expires_at) throw new AppError('INVALID_TRANSITION', '该订单已过领取期限，不能领取；积分和库存会自动退回');
    if (!(await repo.finishOrder(trx, o.id, { status: 'handed_over', at: now, by: actor.accountId }))) await refuseFinished(trx, o.id, 'hand_over');
    await cancelJobs(trx, jobKey(o.id));
    await writeAudit(trx, actor, { action: 'store.order.hand_over', entity: 'store_order', entityId: o.id, orgPath: store.org_path, countyCode: store.county_code });
    return o.id;
  });
  return orderView((await orderById(deps.db, orderId))!, false);
}

// ---- holders

export async function myStore(deps: StoreDeps, actor: Actor) {
  const holder = await holderOf(deps.db, actor);
  const today = dayOf(deps.clock.now());
  const stores = await repo.storesOfCommunity(deps.db, holder.communityId);
  const [events, items, bal] = await Promise.all([
    repo.eventsFrom(deps.db, [holder.communityId], today),
    repo.itemsOfStores(deps.db, stores.map((s) => s.id), true),
    spendableOf(deps.db, holder),
  ]);
  return {
    holder: { kind: holder.kind, id: holder.id, label: holder.label },
    ...bal,
    stores: stores.map((s) => ({ ...storeView(s, events, today), items: items.filter((i) => i.store_id === s.id).map(itemView) })),
  };
}

export async function myOrders(deps: StoreDeps, actor: Actor) {
  const holder = await holderOf(deps.db, actor);
  const rows = await repo.selectOrders(deps.db).where('o.holder_kind', '=', holder.kind).where('o.holder_id', '=', holder.id)
    .orderBy('o.id', 'desc').limit(50).execute();
  return { items: await Promise.all(rows.map(myOrderView)) };
}

// ---- figures

export async function stats(deps: StoreDeps, scope: Scope, q: { communityId?: number; months: number }) {
  if (q.communityId) await communityInScope(deps.db, scope, q.communityId);
  const now = deps.clock.now();
  const months: string[] = [];
  const [y, m] = dayOf(now).split('-').map(Number) as [number, number];
  for (let k = q.months - 1; k >= 0; k--) {
    const d = new Date(Date.UTC(y, m - 1 - k, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const since = new Date(`${months[0]}-01T00:00:00+08:00`);
  const [rows, stores] = await Promise.all([
    repo.monthlyRedemptions(deps.db, scope, q.communityId, since),
    repo.storesInScope(deps.db, scope, q.communityId),
  ]);
  return {
    stores: stores.map((s) => ({ id: s.id, name: s.name })),
    months,
    rows: rows.map((r) => ({ storeId: r.store_id, month: r.month, orders: Number(r.orders), points: Number(r.points) })),
  };
}

// ---- timers

/** Expires an order nobody picked up: points and stock go back, once. */
export function storeJobHandlers(): Record<string, JobHandler> {
  return {
    [EXPIRE_JOB]: async (trx, job, now) => {
      const { orderId } = job.payload as { orderId: number };
      await closeOrder(trx, orderId, 'expired', null, '过期未领', now);
    },
  };
}

// ---- files

/**
 * For item photos (platform/files asks before serving one): staff whose scope holds the item,
 * and holders of the community whose store sells it — the photo is as public as the item.
 */
export function storeItemFileReader(deps: StoreDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    const items = await deps.db.selectFrom('store_item as i').innerJoin('store as s', 's.id', 'i.store_id')
      .select(['i.org_path', 's.community_id']).where('i.id', 'in', ids).execute();
    if (items.some((i) => scope.contains(i.org_path) && actor.role !== 'resident' && actor.role !== 'party_member')) return true;
    const home = await repo.householdOfAccount(deps.db, actor.accountId);
    if (!home) return false;
    const community = await communityOfPath(deps.db, home.org_path);
    return items.some((i) => i.community_id === community);
  };
}
