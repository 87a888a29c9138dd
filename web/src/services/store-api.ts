import { get, patch, post } from './api.js';
import type { Paged } from './types.js';

/**
 * The points supermarket (积分超市) API, as server/modules/supermarket/store.schemas.ts declares
 * it (see docs/points-api.md, "Supermarket").
 */
export type StoreKind = 'community_centre' | 'compound_station' | 'partner_shop';
export type ItemKind = 'goods' | 'service';
export type OrderStatus = 'reserved' | 'handed_over' | 'cancelled' | 'expired';
export const ORDER_STATUSES: readonly OrderStatus[] = ['reserved', 'handed_over', 'cancelled', 'expired'];
export const STORE_KINDS: readonly StoreKind[] = ['community_centre', 'compound_station', 'partner_shop'];

export interface StoreEvent {
  id: number;
  communityId: number;
  storeId: number | null;
  storeName: string | null;
  name: string;
  startsOn: string;
  endsOn: string;
  status: 'upcoming' | 'running' | 'ended' | 'cancelled';
}

export interface Store {
  id: number;
  communityId: number;
  communityName: string;
  orgId: number;
  orgName: string;
  name: string;
  kind: StoreKind;
  merchantId: number | null;
  merchantName: string | null;
  address: string;
  alwaysOpen: boolean;
  pickupDays: number;
  active: boolean;
  openNow: boolean;
  currentEvent: StoreEvent | null;
  nextEvent: StoreEvent | null;
}

export interface StoreItem {
  id: number;
  storeId: number;
  name: string;
  kind: ItemKind;
  cost: number;
  unit: string;
  donor: string;
  description: string;
  photoId: number | null;
  photoUrl: string | null;
  stock: number;
  perOrderLimit: number;
  active: boolean;
}

export interface StockMovement {
  id: number;
  kind: 'received' | 'adjusted' | 'reserved' | 'returned';
  delta: number;
  stockAfter: number;
  orderId: number | null;
  reason: string;
  byName: string | null;
  at: string;
}

export interface StoreOrder {
  id: number;
  storeId: number;
  storeName: string;
  storeAddress: string;
  itemId: number;
  itemName: string;
  unit: string;
  quantity: number;
  costEach: number;
  total: number;
  status: OrderStatus;
  code: string | null;
  holderLabel: string;
  eventName: string | null;
  expiresAt: string;
  createdAt: string;
  handedAt: string | null;
  handedByName: string | null;
  closedAt: string | null;
  closeReason: string | null;
}

export interface MyStoreOrder extends StoreOrder {
  qrSvg: string | null;
  qrText: string | null;
}

export interface MyStore {
  holder: { kind: 'household' | 'merchant'; id: number; label: string };
  balance: number;
  /** Base points on the balance that do not buy goods (the community's rules). */
  baseLocked: number;
  /** What may be spent: max(0, balance − baseLocked). */
  spendable: number;
  stores: (Store & { items: StoreItem[] })[];
}

export interface StoreStats {
  stores: { id: number; name: string }[];
  months: string[];
  rows: { storeId: number; month: string; orders: number; points: number }[];
}

export interface NewStore {
  communityId: number;
  orgId?: number;
  name: string;
  kind: StoreKind;
  merchantId?: number | null;
  address?: string;
  alwaysOpen?: boolean;
  pickupDays?: number;
}

export interface NewItem {
  storeId: number;
  name: string;
  kind: ItemKind;
  cost: number;
  unit?: string;
  donor?: string;
  description?: string;
  initialStock?: number;
  perOrderLimit?: number;
  photoId?: number | null;
}

// ---- staff

export const listStores = (communityId?: number) => get<{ items: Store[] }>('/store/stores', { communityId });
export const createStore = (input: NewStore) => post<Store>('/store/stores', input);
export const updateStore = (id: number, input: Partial<Pick<Store, 'name' | 'address' | 'alwaysOpen' | 'pickupDays' | 'active'>>) =>
  patch<Store>(`/store/stores/${id}`, input);
export const listItems = (storeId: number) => get<{ items: StoreItem[] }>(`/store/stores/${storeId}/items`);
export const createItem = (input: NewItem) => post<StoreItem>('/store/items', input);
export const updateItem = (id: number, input: Partial<Omit<NewItem, 'storeId' | 'initialStock'>> & { active?: boolean }) =>
  patch<StoreItem>(`/store/items/${id}`, input);
export const moveStock = (id: number, input: { kind: 'received' | 'adjusted'; delta: number; reason: string }) =>
  post<StoreItem>(`/store/items/${id}/stock`, input);
export const listMovements = (id: number, page: number, pageSize: number) =>
  get<Paged<StockMovement>>(`/store/items/${id}/movements`, { page, pageSize });
export const listEvents = (communityId?: number) => get<{ items: StoreEvent[] }>('/store/events', { communityId });
export const createEvent = (input: { communityId: number; storeId?: number | null; name: string; startsOn: string; endsOn: string }) =>
  post<StoreEvent>('/store/events', input);
export const cancelEvent = (id: number) => post<StoreEvent>(`/store/events/${id}/cancel`);
export const listOrders = (query: { communityId?: number; storeId?: number; status?: OrderStatus; page: number; pageSize: number }) =>
  get<Paged<StoreOrder>>('/store/orders', query);
export const cancelOrder = (id: number, reason?: string) => post<StoreOrder>(`/store/orders/${id}/cancel`, { reason });
export const handOver = (storeId: number, code: string) => post<StoreOrder>('/store/handover', { storeId, code });
/** 柜台兑换: staff redeem for a holder at the counter; the order comes back handed over. */
export const redeemAtCounter = (input: { itemId: number; quantity: number; holderKind: 'household' | 'merchant'; holderId: number; clientId: string }) =>
  post<StoreOrder>('/store/orders', input);
export const getStoreStats = (query: { communityId?: number; months?: number }) => get<StoreStats>('/store/stats', query);

// ---- holders

export const getMyStore = () => get<MyStore>('/store/my');
export const listMyOrders = () => get<{ items: MyStoreOrder[] }>('/store/my/orders');
export const redeem = (itemId: number, quantity: number, clientId: string) =>
  post<MyStoreOrder>('/store/my/orders', { itemId, quantity, clientId });
export const cancelMyOrder = (id: number) => post<MyStoreOrder>(`/store/my/orders/${id}/cancel`, {});
