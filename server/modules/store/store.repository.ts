import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type {
  DB, PointsHolderKind, StoreEventTable, StoreItemTable, StoreOrderStatus, StoreOrderTable, StoreStockMovementTable, StoreTable,
} from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Date columns as text, so no driver turns a calendar day into a local-midnight instant. */
const dayText = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export function selectStores(db: Q) {
  return db.selectFrom('store as s')
    .innerJoin('org_unit as c', 'c.id', 's.community_id')
    .innerJoin('org_unit as o', 'o.id', 's.org_id')
    .leftJoin('merchant as m', 'm.id', 's.merchant_id')
    .select(['s.id', 's.community_id', 's.org_id', 's.org_path', 's.county_code', 's.name', 's.kind', 's.merchant_id', 's.address',
      's.always_open', 's.pickup_days', 's.active', 'c.name as community_name', 'o.name as org_name', 'm.name as merchant_name']);
}
export type StoreRow = Awaited<ReturnType<ReturnType<typeof selectStores>['executeTakeFirstOrThrow']>>;

export function storesInScope(db: Q, scope: Scope, communityId?: number) {
  return selectStores(db).where(inScope(scope, 's.org_path'))
    .$if(communityId != null, (q) => q.where('s.community_id', '=', communityId!))
    .orderBy('s.community_id').orderBy('s.id').limit(500).execute();
}

export function storeInScope(db: Q, scope: Scope, id: number) {
  return selectStores(db).where('s.id', '=', id).where(inScope(scope, 's.org_path')).executeTakeFirst();
}

export function storesOfCommunity(db: Q, communityId: number) {
  return selectStores(db).where('s.community_id', '=', communityId).where('s.active', '=', true).orderBy('s.id').execute();
}

export function selectEvents(db: Q) {
  return db.selectFrom('store_event as e').leftJoin('store as s', 's.id', 'e.store_id')
    .select(['e.id', 'e.community_id', 'e.store_id', 'e.name', 'e.cancelled_at', 'e.org_path', 's.name as store_name'])
    .select([dayText('e.starts_on').as('starts_on'), dayText('e.ends_on').as('ends_on')]);
}
export type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['executeTakeFirstOrThrow']>>;

/** Live events of these communities that end on or after `today`, soonest first. */
export function eventsFrom(db: Q, communityIds: number[], today: string) {
  if (communityIds.length === 0) return Promise.resolve([] as EventRow[]);
  return selectEvents(db).where('e.community_id', 'in', communityIds).where('e.cancelled_at', 'is', null)
    .where('e.ends_on', '>=', today).orderBy('e.starts_on').orderBy('e.id').execute();
}

export function eventsInScope(db: Q, scope: Scope, communityId?: number) {
  return selectEvents(db).where(inScope(scope, 'e.org_path'))
    .$if(communityId != null, (q) => q.where('e.community_id', '=', communityId!))
    .orderBy('e.starts_on', 'desc').orderBy('e.id', 'desc').limit(200).execute();
}

export const itemColumns = ['i.id', 'i.store_id', 'i.name', 'i.kind', 'i.cost', 'i.unit', 'i.donor', 'i.description', 'i.photo_id',
  'i.stock', 'i.per_order_limit', 'i.active', 'i.org_path', 'i.county_code'] as const;

export function itemsOfStores(db: Q, storeIds: number[], onlyActive: boolean) {
  if (storeIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('store_item as i').select(itemColumns).where('i.store_id', 'in', storeIds)
    .$if(onlyActive, (q) => q.where('i.active', '=', true)).orderBy('i.cost').orderBy('i.id').execute();
}

export function itemInScope(db: Q, scope: Scope, id: number) {
  return db.selectFrom('store_item as i').select(itemColumns).where('i.id', '=', id).where(inScope(scope, 'i.org_path')).executeTakeFirst();
}

/** The item with its store's fields, read without locks: checks before the guarded write. */
export function itemWithStore(db: Q, id: number) {
  return db.selectFrom('store_item as i').innerJoin('store as s', 's.id', 'i.store_id')
    .select(itemColumns)
    .select(['s.community_id', 's.active as store_active', 's.always_open', 's.pickup_days', 's.name as store_name', 's.org_path as store_path'])
    .where('i.id', '=', id).executeTakeFirst();
}

/**
 * Takes stock in one guarded statement: the row lock it takes is the first lock of a redemption,
 * and it changes nothing when fewer than `n` are left. Undefined means "not enough".
 */
export async function takeStock(trx: Transaction<DB>, itemId: number, n: number) {
  const r = await trx.updateTable('store_item').set({ stock: sql`stock - ${n}` })
    .where('id', '=', itemId).where('stock', '>=', n).returning('stock').executeTakeFirst();
  return r?.stock;
}

export async function putBackStock(trx: Transaction<DB>, itemId: number, n: number) {
  const r = await trx.updateTable('store_item').set({ stock: sql`stock + ${n}` }).where('id', '=', itemId)
    .returning('stock').executeTakeFirstOrThrow();
  return r.stock;
}

export function insertMovement(db: Q, v: Insertable<StoreStockMovementTable>) {
  return db.insertInto('store_stock_movement').values(v).execute();
}

export function movementsOf(db: Q, itemId: number, page: number, pageSize: number) {
  return db.selectFrom('store_stock_movement as m').leftJoin('account as a', 'a.id', 'm.created_by')
    .select(['m.id', 'm.kind', 'm.delta', 'm.stock_after', 'm.order_id', 'm.reason', 'm.created_at', 'a.display_name'])
    .where('m.item_id', '=', itemId).orderBy('m.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
}

export async function countMovements(db: Q, itemId: number) {
  const r = await db.selectFrom('store_stock_movement').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('item_id', '=', itemId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Inserts an order unless its code is taken by an open order of the store; undefined then. */
export function insertOrderUnlessCodeTaken(trx: Transaction<DB>, v: Insertable<StoreOrderTable>) {
  return trx.insertInto('store_order').values(v)
    .onConflict((oc) => oc.columns(['store_id', 'code']).where('status', '=', 'reserved').doNothing())
    .returning('id').executeTakeFirst();
}

export function selectOrders(db: Q) {
  return db.selectFrom('store_order as o')
    .innerJoin('store as s', 's.id', 'o.store_id')
    .innerJoin('store_item as i', 'i.id', 'o.item_id')
    .leftJoin('store_event as e', 'e.id', 'o.event_id')
    .leftJoin('account as h', 'h.id', 'o.handed_by')
    .leftJoin('household as hh', (j) => j.onRef('hh.id', '=', 'o.holder_id').on('o.holder_kind', '=', 'household'))
    .leftJoin('merchant as mm', (j) => j.onRef('mm.id', '=', 'o.holder_id').on('o.holder_kind', '=', 'merchant'))
    .select(['o.id', 'o.store_id', 'o.item_id', 'o.holder_kind', 'o.holder_id', 'o.quantity', 'o.cost_each', 'o.total', 'o.status',
      'o.code', 'o.expires_at', 'o.created_at', 'o.handed_at', 'o.closed_at', 'o.close_reason', 'o.org_path', 'o.county_code',
      's.name as store_name', 's.address as store_address', 'i.name as item_name', 'i.unit', 'e.name as event_name',
      'h.display_name as handed_by_name', 'hh.address as household_address', 'mm.name as merchant_name'])
    .select((eb) => eb.selectFrom('resident as r').select('r.name')
      .whereRef('r.household_id', '=', 'o.holder_id').where('o.holder_kind', '=', 'household')
      .where('r.moved_out_at', 'is', null).orderBy(sql`r.relation = 'head'`, 'desc').orderBy('r.id').limit(1).as('head_name'));
}
export type OrderRow = Awaited<ReturnType<ReturnType<typeof selectOrders>['executeTakeFirstOrThrow']>>;

/** Finishes a reserved order; undefined when it is no longer reserved (someone finished it first). */
export function finishOrder(trx: Transaction<DB>, id: number, set: { status: 'handed_over' | 'cancelled' | 'expired'; at: Date; by: number | null; reason?: string | null }) {
  const fields = set.status === 'handed_over'
    ? { status: set.status, handed_at: set.at, handed_by: set.by }
    : { status: set.status, closed_at: set.at, closed_by: set.by, close_reason: set.reason ?? null };
  return trx.updateTable('store_order').set(fields).where('id', '=', id).where('status', '=', 'reserved')
    .returning(['id', 'store_id', 'item_id', 'holder_kind', 'holder_id', 'quantity', 'total', 'org_path', 'county_code', 'code'])
    .executeTakeFirst();
}

/** Redeemed orders (not cancelled or expired) per store and month (Asia/Shanghai). */
export function monthlyRedemptions(db: Q, scope: Scope, communityId: number | undefined, since: Date) {
  const month = sql<string>`to_char((o.created_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;
  return db.selectFrom('store_order as o')
    .select(['o.store_id', month.as('month')])
    .select((eb) => [eb.fn.countAll<number>().as('orders'), eb.fn.sum<number>('o.total').as('points')])
    .where(inScope(scope, 'o.org_path')).where('o.status', 'in', ['reserved', 'handed_over']).where('o.created_at', '>=', since)
    .$if(communityId != null, (q) => q.where('o.community_id', '=', communityId!))
    .groupBy(['o.store_id', month]).execute();
}

// ---- writes and lookups of the services (stores, items, events)

export function merchantById(db: Q, id: number) {
  return db.selectFrom('merchant').select(['id', 'org_path']).where('id', '=', id).executeTakeFirst();
}

export function insertStore(trx: Transaction<DB>, v: Insertable<StoreTable>) {
  return trx.insertInto('store').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateStore(trx: Transaction<DB>, id: number, set: Updateable<StoreTable>) {
  await trx.updateTable('store').set(set).where('id', '=', id).execute();
}

export function insertItem(trx: Transaction<DB>, v: Insertable<StoreItemTable>) {
  return trx.insertInto('store_item').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateItem(trx: Transaction<DB>, id: number, set: Updateable<StoreItemTable>) {
  await trx.updateTable('store_item').set(set).where('id', '=', id).execute();
}

/** Where an item lives, for its stock movements. */
export function itemPlace(db: Q, id: number) {
  return db.selectFrom('store_item').select(['store_id', 'org_path', 'county_code']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Who uploaded a photo and where, to check the caller may show it. */
export function photoById(db: Q, id: number) {
  return db.selectFrom('attachment').select(['id', 'uploader_account_id', 'org_path']).where('id', '=', id).executeTakeFirst();
}

export async function linkPhoto(trx: Transaction<DB>, photoId: number, itemId: number, s: { org_path: string; county_code: string }) {
  await trx.insertInto('attachment_link').values({ attachment_id: photoId, entity: 'store_item', entity_id: itemId, org_path: s.org_path, county_code: s.county_code })
    .onConflict((oc) => oc.columns(['attachment_id', 'entity', 'entity_id']).doNothing()).execute();
}

/** Items with their store's community, for the file reader. */
export function itemsWithCommunity(db: Q, ids: readonly number[]) {
  return db.selectFrom('store_item as i').innerJoin('store as s', 's.id', 'i.store_id')
    .select(['i.org_path', 's.community_id']).where('i.id', 'in', ids).execute();
}

export function insertEvent(trx: Transaction<DB>, v: Insertable<StoreEventTable>) {
  return trx.insertInto('store_event').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function cancelEvent(trx: Transaction<DB>, id: number, at: Date) {
  await trx.updateTable('store_event').set({ cancelled_at: at }).where('id', '=', id).execute();
}

// ---- orders

/** A page of orders in scope, with the count of all of them (capped, as lists are). */
export async function ordersPage(db: Kysely<DB>, scope: Scope, q: { communityId?: number; storeId?: number; status?: StoreOrderStatus; page: number; pageSize: number }) {
  const base = selectOrders(db).where(inScope(scope, 'o.org_path'))
    .$if(q.communityId != null, (b) => b.where('o.community_id', '=', q.communityId!))
    .$if(q.storeId != null, (b) => b.where('o.store_id', '=', q.storeId!))
    .$if(q.status != null, (b) => b.where('o.status', '=', q.status!));
  const [rows, total] = await Promise.all([
    base.orderBy('o.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    db.selectFrom(base.clearSelect().select('o.id').limit(100_000).as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function orderById(db: Q, id: number) {
  return selectOrders(db).where('o.id', '=', id).executeTakeFirst();
}

/** A holder's latest orders. */
export function ordersOfHolder(db: Q, holder: { kind: PointsHolderKind; id: number }, limit: number) {
  return selectOrders(db).where('o.holder_kind', '=', holder.kind).where('o.holder_id', '=', holder.id)
    .orderBy('o.id', 'desc').limit(limit).execute();
}

export function orderByClientId(db: Q, clientId: string) {
  return db.selectFrom('store_order').select(['id', 'created_by']).where('client_id', '=', clientId).executeTakeFirst();
}

/** The order's status, holder and place, for the checks before a cancel. */
export function orderFacts(db: Q, id: number) {
  return db.selectFrom('store_order').select(['id', 'status', 'holder_kind', 'holder_id', 'org_path']).where('id', '=', id).executeTakeFirst();
}

/** Links an order to its ledger entry: the spend at redemption, the refund at cancel or expiry. */
export async function setOrderEntry(trx: Transaction<DB>, id: number, set: { redeem_entry_id: number } | { refund_entry_id: number }) {
  await trx.updateTable('store_order').set(set).where('id', '=', id).execute();
}

/** The store's open order with this pickup code, locked for the handover. */
export function reservedOrderByCode(trx: Transaction<DB>, storeId: number, code: string) {
  return trx.selectFrom('store_order').select(['id', 'expires_at']).where('store_id', '=', storeId).where('code', '=', code)
    .where('status', '=', 'reserved').forUpdate().executeTakeFirst();
}

/** Another store in scope holding an open order with this code (the holder came to the wrong counter). */
export function reservedElsewhere(db: Q, scope: Scope, storeId: number, code: string, scanned: number | null) {
  return db.selectFrom('store_order as o').innerJoin('store as s', 's.id', 'o.store_id').select(['s.name'])
    .where('o.code', '=', code).where('o.status', '=', 'reserved').where('o.store_id', '<>', storeId)
    .$if(scanned != null, (q) => q.where('o.store_id', '=', scanned!))
    .where(inScope(scope, 'o.org_path')).executeTakeFirst();
}

/** The store's latest order with this code, open or not. */
export function lastOrderByCode(db: Q, storeId: number, code: string) {
  return db.selectFrom('store_order').select(['id', 'status']).where('store_id', '=', storeId).where('code', '=', code)
    .orderBy('id', 'desc').executeTakeFirst();
}
