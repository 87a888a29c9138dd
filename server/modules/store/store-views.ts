import QRCode from 'qrcode';
import { chinaDay } from '../../platform/clock.js';
import { maskName } from '../../platform/pii/name.js';
import type * as repo from './store.repository.js';
import { showsPickupCode } from './store.policy.js';
import type { EventView, ItemView, MyOrderView, OrderView, StoreView } from './store.schemas.js';

/** Pure helpers of the points supermarket: days, pickup codes, and the views of its rows. */

export const DAY_MS = 86_400_000;
/** 'YYYY-MM-DD' of an instant in Lüliang's time zone. */
export const dayOf = chinaDay;
/** The instant a calendar day (Asia/Shanghai) is over. */
export const endOfDay = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + DAY_MS);

/** What the QR code on a holder's phone says: the store and the pickup code. */
export const qrTextOf = (storeId: number, code: string) => `LINLI-STORE:${storeId}:${code}`;

/** The code the staff member typed, or the pickup code inside a scanned QR text. */
export function codeFromInput(raw: string): { code: string; storeId: number | null } {
  const qr = /^LINLI-STORE:(\d+):(\d{6})$/.exec(raw.trim());
  if (qr) return { storeId: Number(qr[1]), code: qr[2]! };
  return { storeId: null, code: raw.replace(/\s+/g, '') };
}

export function eventView(e: repo.EventRow, today: string): EventView {
  const status = e.cancelled_at ? 'cancelled' : today < e.starts_on ? 'upcoming' : today > e.ends_on ? 'ended' : 'running';
  return { id: e.id, communityId: e.community_id, storeId: e.store_id, storeName: e.store_name, name: e.name, startsOn: e.starts_on, endsOn: e.ends_on, status };
}

/** The event running today for a store and the next one, from the community's live events. */
export function windowOf(store: { id: number; community_id: number }, events: repo.EventRow[], today: string) {
  const mine = events.filter((e) => e.community_id === store.community_id && (e.store_id == null || e.store_id === store.id));
  const current = mine.find((e) => e.starts_on <= today && e.ends_on >= today) ?? null;
  const next = mine.find((e) => e.starts_on > today) ?? null;
  return { current, next };
}

export function storeView(s: repo.StoreRow, events: repo.EventRow[], today: string): StoreView {
  const w = windowOf(s, events, today);
  return {
    id: s.id, communityId: s.community_id, communityName: s.community_name, orgId: s.org_id, orgName: s.org_name, name: s.name,
    kind: s.kind, merchantId: s.merchant_id, merchantName: s.merchant_name ?? null, address: s.address, alwaysOpen: s.always_open,
    pickupDays: s.pickup_days, active: s.active, openNow: s.active && (s.always_open || w.current != null),
    currentEvent: w.current ? eventView(w.current, today) : null, nextEvent: w.next ? eventView(w.next, today) : null,
  };
}

export type ItemRow = Awaited<ReturnType<typeof repo.itemsOfStores>>[number];
export function itemView(i: ItemRow): ItemView {
  return {
    id: i.id, storeId: i.store_id, name: i.name, kind: i.kind, cost: i.cost, unit: i.unit, donor: i.donor, description: i.description,
    photoId: i.photo_id, photoUrl: i.photo_id ? `/api/files/${i.photo_id}` : null, stock: i.stock, perOrderLimit: i.per_order_limit, active: i.active,
  };
}

export const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

function holderLabel(o: repo.OrderRow) {
  if (o.holder_kind === 'merchant') return o.merchant_name ?? `商户 ${o.holder_id}`;
  return [o.household_address, o.head_name ? maskName(o.head_name) : null].filter(Boolean).join(' ');
}

export function orderView(o: repo.OrderRow, forHolder: boolean): OrderView {
  return {
    id: o.id, storeId: o.store_id, storeName: o.store_name, storeAddress: o.store_address, itemId: o.item_id, itemName: o.item_name,
    unit: o.unit, quantity: o.quantity, costEach: o.cost_each, total: o.total, status: o.status,
    code: showsPickupCode(forHolder, o.status) ? o.code : null,
    holderLabel: holderLabel(o), eventName: o.event_name, expiresAt: iso(o.expires_at)!, createdAt: iso(o.created_at)!,
    handedAt: iso(o.handed_at), handedByName: o.handed_by_name, closedAt: iso(o.closed_at), closeReason: o.close_reason,
  };
}

export async function myOrderView(o: repo.OrderRow): Promise<MyOrderView> {
  const open = o.status === 'reserved';
  const text = open ? qrTextOf(o.store_id, o.code) : null;
  return {
    ...orderView(o, true),
    qrText: text,
    qrSvg: text ? await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null,
  };
}

