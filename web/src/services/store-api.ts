import { get, patch, post } from './api.js';
import type { z } from 'zod';
import type { Paged } from './types.js';

/**
 * The points supermarket (积分超市) API (docs/points-api.md, "Supermarket"); its types come from
 * server/modules/store/store.schemas.ts.
 */
type Schemas = typeof import('../../../server/modules/store/store.schemas.js');

export type StoreKind = z.infer<Schemas['StoreKind']>;
export type ItemKind = z.infer<Schemas['ItemKind']>;
export type OrderStatus = z.infer<Schemas['OrderStatus']>;
export const ORDER_STATUSES: readonly OrderStatus[] = ['reserved', 'handed_over', 'cancelled', 'expired'];
export const STORE_KINDS: readonly StoreKind[] = ['community_centre', 'compound_station', 'partner_shop'];

export type StoreEvent = z.infer<Schemas['EventView']>;
export type Store = z.infer<Schemas['StoreView']>;
export type StoreItem = z.infer<Schemas['ItemView']>;
export type StockMovement = z.infer<Schemas['MovementView']>;
export type StoreOrder = z.infer<Schemas['OrderView']>;
export type MyStoreOrder = z.infer<Schemas['MyOrderView']>;
export type MyStore = z.infer<Schemas['MyStoreResponse']>;
export type StoreStats = z.infer<Schemas['StatsResponse']>;
export type NewStore = z.input<Schemas['CreateStoreBody']>;
export type NewItem = z.input<Schemas['CreateItemBody']>;

// ---- staff

export const listStores = (communityId?: number) => get<{ items: Store[] }>('/store/stores', { communityId });
export const createStore = (input: NewStore) => post<Store>('/store/stores', input);
export const updateStore = (id: number, input: Partial<Pick<Store, 'name' | 'address' | 'alwaysOpen' | 'pickupDays' | 'active'>>) =>
  patch<Store>(`/store/stores/${id}`, input);
export const listItems = (storeId: number) => get<{ items: StoreItem[] }>(`/store/stores/${storeId}/items`);
export const createItem = (input: NewItem) => post<StoreItem>('/store/items', input);
export const updateItem = (id: number, input: Partial<Omit<NewItem, 'storeId' | 'initialStock'>> & { active?: boolean }) =>
  patch<StoreItem>(`/store/items/${id}`, input);
export const moveStock = (id: number, input: z.input<Schemas['StockBody']>) =>
  post<StoreItem>(`/store/items/${id}/stock`, input);
export const listMovements = (id: number, page: number, pageSize: number) =>
  get<Paged<StockMovement>>(`/store/items/${id}/movements`, { page, pageSize });
export const listEvents = (communityId?: number) => get<{ items: StoreEvent[] }>('/store/events', { communityId });
export const createEvent = (input: z.input<Schemas['CreateEventBody']>) =>
  post<StoreEvent>('/store/events', input);
export const cancelEvent = (id: number) => post<StoreEvent>(`/store/events/${id}/cancel`);
export const listOrders = (query: { communityId?: number; storeId?: number; status?: OrderStatus; page: number; pageSize: number }) =>
  get<Paged<StoreOrder>>('/store/orders', query);
export const cancelOrder = (id: number, reason?: string) => post<StoreOrder>(`/store/orders/${id}/cancel`, { reason });
export const handOver = (storeId: number, code: string) => post<StoreOrder>('/store/handover', { storeId, code });
/** 柜台兑换: staff redeem for a holder at the counter; the order comes back handed over. */
export const redeemAtCounter = (input: z.input<Schemas['CounterRedeemBody']>) =>
  post<StoreOrder>('/store/orders', input);
export const getStoreStats = (query: { communityId?: number; months?: number }) => get<StoreStats>('/store/stats', query);

// ---- holders

export const getMyStore = () => get<MyStore>('/store/my');
export const listMyOrders = () => get<{ items: MyStoreOrder[] }>('/store/my/orders');
export const redeem = (itemId: number, quantity: number, clientId: string) =>
  post<MyStoreOrder>('/store/my/orders', { itemId, quantity, clientId });
export const cancelMyOrder = (id: number) => post<MyStoreOrder>(`/store/my/orders/${id}/cancel`, {});
