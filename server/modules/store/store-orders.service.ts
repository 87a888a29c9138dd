import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, StoreOrderStatus } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { cancelJobs, scheduleJob } from '../../platform/jobs.js';
import { communityInScope, type Scope } from '../../platform/scope.js';
import { appendForHolder, holderInScope, lockedBase, requireHolder, spendableOf, type AccountHolder } from '../points/index.js';
import type { StoreDeps } from './store-deps.js';
import { checkOrderTransition, EXPIRE_JOB, expireJobKey } from './store-order-lifecycle.js';
import { codeFromInput, DAY_MS, dayOf, endOfDay, itemView, myOrderView, orderView, storeView, windowOf } from './store-views.js';
import * as repo from './store.repository.js';

/** Redemption orders (兑换订单): holders redeem on their phone or at the counter; staff hand over and cancel. */

type Trx = Transaction<DB>;

// Scripts that redeem outside a request (bench, tests) build their deps from here too.
export { storeDeps } from './store-deps.js';

type Holder = Pick<AccountHolder, 'kind' | 'id' | 'communityId'>;

/** The holder the caller redeems for: their household, or the shop of a merchant account (the points module's one rule). */
const holderOf = (db: Kysely<DB> | Trx, actor: Actor) => requireHolder(db, actor, '兑换');

export async function listOrders(deps: StoreDeps, scope: Scope, q: { communityId?: number; storeId?: number; status?: StoreOrderStatus; page: number; pageSize: number }) {
  if (q.communityId) await communityInScope(deps.db, scope, q.communityId);
  const { rows, total } = await repo.ordersPage(deps.db, scope, q);
  return { items: rows.map((o) => orderView(o, false)), total };
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
  return { ...(await myOrderView((await repo.orderById(deps.db, id))!)), replayed };
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
  return { ...orderView((await repo.orderById(deps.db, id))!, false), replayed };
}

/**
 * A retried tap (same clientId) answers with the order already placed — also when two copies
 * race: the loser fails on the unique client_id, or on the stock or balance the winner just
 * took, and then finds the winner's order.
 */
async function placeOrder(deps: StoreDeps, actor: Actor, holder: Holder, input: RedeemInput, handOverNow: boolean) {
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
  const prior = await repo.orderByClientId(db, clientId);
  if (!prior) return null;
  if (prior.created_by !== actor.accountId) throw new AppError('CONFLICT', '该兑换请求编号已被使用');
  return prior.id;
}

async function takeOrder(deps: StoreDeps, actor: Actor, holder: Holder, input: RedeemInput, handOverNow: boolean): Promise<number> {
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
      await scheduleJob(trx, { kind: EXPIRE_JOB, runAt: expiresAt, payload: { orderId: order.id }, countyCode: item.county_code, dedupeKey: expireJobKey(order.id) });
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
    await repo.setOrderEntry(trx, order.id, { redeem_entry_id: entry!.id });
    if (handOverNow) await repo.finishOrder(trx, order.id, { status: 'handed_over', at: now, by: actor.accountId });
    return order.id;
  });
}

/**
 * Ends a reserved order as cancelled or expired and gives back its points and stock. The
 * guarded status change is what makes it happen once: a second cancel, or the expiry job racing
 * a cancel, finds the order no longer reserved and changes nothing.
 */
export async function closeOrder(trx: Trx, orderId: number, to: 'cancelled' | 'expired', by: Actor | null, reason: string | null, now: Date) {
  const o = await repo.finishOrder(trx, orderId, { status: to, at: now, by: by?.accountId ?? null, reason });
  if (!o) return null;
  // Same lock order as redemption: item row, then the ledger (chain head, balance).
  const after = await repo.putBackStock(trx, o.item_id, o.quantity);
  const item = await repo.itemPlace(trx, o.item_id);
  await repo.insertMovement(trx, {
    item_id: o.item_id, store_id: item.store_id, org_path: item.org_path, county_code: item.county_code, kind: 'returned',
    delta: o.quantity, stock_after: after, order_id: o.id, reason: to === 'expired' ? '过期未领' : (reason ?? '取消兑换'),
    created_by: by?.accountId ?? null, created_at: now,
  });
  await cancelJobs(trx, expireJobKey(o.id));
  await writeAudit(trx, by, { action: `store.order.${to === 'expired' ? 'expire' : 'cancel'}`, entity: 'store_order', entityId: o.id, orgPath: o.org_path, countyCode: o.county_code, reason });
  const [entry] = await appendForHolder(trx, { kind: o.holder_kind, id: o.holder_id }, [{
    amount: o.total, kind: 'refund', orderId: o.id, note: to === 'expired' ? `兑换订单 ${o.id} 过期未领，退回积分` : `兑换订单 ${o.id} 已取消，退回积分`,
    createdBy: by?.accountId ?? null,
  }], now);
  await repo.setOrderEntry(trx, o.id, { refund_entry_id: entry!.id });
  return o;
}

async function refuseFinished(db: Trx, orderId: number, action: 'cancel' | 'hand_over'): Promise<never> {
  const cur = await repo.orderFacts(db, orderId);
  checkOrderTransition(cur!.status, action);
  throw new AppError('CONFLICT', '订单状态刚刚发生变化，请刷新后再试');
}

export async function cancelMyOrder(deps: StoreDeps, actor: Actor, orderId: number, reason?: string) {
  const holder = await holderOf(deps.db, actor);
  await deps.db.transaction().execute(async (trx) => {
    const o = await repo.orderFacts(trx, orderId);
    if (!o || o.holder_kind !== holder.kind || o.holder_id !== holder.id) throw notFound('兑换订单');
    checkOrderTransition(o.status, 'cancel');
    if (!(await closeOrder(trx, orderId, 'cancelled', actor, reason?.trim() || '居民取消', deps.clock.now()))) await refuseFinished(trx, orderId, 'cancel');
  });
  return myOrderView((await repo.orderById(deps.db, orderId))!);
}

export async function cancelOrderByStaff(deps: StoreDeps, actor: Actor, scope: Scope, orderId: number, reason?: string) {
  await deps.db.transaction().execute(async (trx) => {
    const o = await repo.orderFacts(trx, orderId);
    scope.assert(o?.org_path, '兑换订单');
    checkOrderTransition(o!.status, 'cancel');
    if (!(await closeOrder(trx, orderId, 'cancelled', actor, reason?.trim() || '工作人员取消', deps.clock.now()))) await refuseFinished(trx, orderId, 'cancel');
  });
  return orderView((await repo.orderById(deps.db, orderId))!, false);
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
      : await repo.reservedOrderByCode(trx, store.id, code);
    if (!o) {
      const elsewhere = await repo.reservedElsewhere(trx, scope, store.id, code, scanned);
      if (elsewhere) throw new AppError('CONFLICT', `这个取货码是「${elsewhere.name}」的订单，请到该点位领取`);
      if (scanned != null && scanned !== store.id) throw new AppError('CONFLICT', '这个二维码不是本超市的订单，请到下单时选择的点位领取');
      const last = await repo.lastOrderByCode(trx, store.id, code);
      if (last) checkOrderTransition(last.status, 'hand_over');
      throw new AppError('NOT_FOUND', '没有找到这个取货码的订单，请核对后重新输入');
    }
    if (now >= o.expires_at) throw new AppError('INVALID_TRANSITION', '该订单已过领取期限，不能领取；积分和库存会自动退回');
    if (!(await repo.finishOrder(trx, o.id, { status: 'handed_over', at: now, by: actor.accountId }))) await refuseFinished(trx, o.id, 'hand_over');
    await cancelJobs(trx, expireJobKey(o.id));
    await writeAudit(trx, actor, { action: 'store.order.hand_over', entity: 'store_order', entityId: o.id, orgPath: store.org_path, countyCode: store.county_code });
    return o.id;
  });
  return orderView((await repo.orderById(deps.db, orderId))!, false);
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
  const rows = await repo.ordersOfHolder(deps.db, holder, 50);
  return { items: await Promise.all(rows.map(myOrderView)) };
}

