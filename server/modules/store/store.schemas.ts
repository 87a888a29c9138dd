import { z } from 'zod';
import { Day } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';

const name = z.string().trim().min(1).max(60);

export const StoreKind = z.enum(['community_centre', 'compound_station', 'partner_shop']);
export const ItemKind = z.enum(['goods', 'service']);
export const OrderStatus = z.enum(['reserved', 'handed_over', 'cancelled', 'expired']);
export const MovementKind = z.enum(['received', 'adjusted', 'reserved', 'returned']);

export const EventView = z.object({
  id: z.number(),
  communityId: z.number(),
  storeId: z.number().nullable(),
  storeName: z.string().nullable(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(['upcoming', 'running', 'ended', 'cancelled']),
});
export type EventView = z.infer<typeof EventView>;

export const StoreView = z.object({
  id: z.number(),
  communityId: z.number(),
  communityName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  kind: StoreKind,
  merchantId: z.number().nullable(),
  merchantName: z.string().nullable(),
  address: z.string(),
  alwaysOpen: z.boolean(),
  pickupDays: z.number(),
  active: z.boolean(),
  /** Redeemable right now: always open, or an event is running. */
  openNow: z.boolean(),
  currentEvent: EventView.nullable(),
  nextEvent: EventView.nullable(),
});
export type StoreView = z.infer<typeof StoreView>;

export const ItemView = z.object({
  id: z.number(),
  storeId: z.number(),
  name: z.string(),
  kind: ItemKind,
  cost: z.number(),
  unit: z.string(),
  donor: z.string(),
  description: z.string(),
  photoId: z.number().nullable(),
  photoUrl: z.string().nullable(),
  stock: z.number(),
  perOrderLimit: z.number(),
  active: z.boolean(),
});
export type ItemView = z.infer<typeof ItemView>;

export const MovementView = z.object({
  id: z.number(),
  kind: MovementKind,
  delta: z.number(),
  stockAfter: z.number(),
  orderId: z.number().nullable(),
  reason: z.string(),
  byName: z.string().nullable(),
  at: z.string(),
});

export const OrderView = z.object({
  id: z.number(),
  storeId: z.number(),
  storeName: z.string(),
  storeAddress: z.string(),
  itemId: z.number(),
  itemName: z.string(),
  unit: z.string(),
  quantity: z.number(),
  costEach: z.number(),
  total: z.number(),
  status: OrderStatus,
  /** Shown to the holder; to staff only once handed over (they get it from the holder at the counter). */
  code: z.string().nullable(),
  holderLabel: z.string(),
  eventName: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
  handedAt: z.string().nullable(),
  handedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
});
export type OrderView = z.infer<typeof OrderView>;

export const MyOrderView = OrderView.extend({
  /** QR code of the pickup (SVG markup), while the order waits to be picked up. */
  qrSvg: z.string().nullable(),
  qrText: z.string().nullable(),
});
export type MyOrderView = z.infer<typeof MyOrderView>;

export const CommunityQuery = z.object({ communityId: z.coerce.number().int().positive().optional() });

export const CreateStoreBody = z.object({
  communityId: z.number().int().positive(),
  /** Where it sits, at or under the community (a compound's grid for a 小区服务站); default the community. */
  orgId: z.number().int().positive().optional(),
  name,
  kind: StoreKind,
  merchantId: z.number().int().positive().nullable().optional(),
  address: z.string().trim().max(200).default(''),
  alwaysOpen: z.boolean().default(false),
  pickupDays: z.number().int().min(1).max(90).default(7),
});

export const UpdateStoreBody = z.object({
  name: name.optional(),
  address: z.string().trim().max(200).optional(),
  alwaysOpen: z.boolean().optional(),
  pickupDays: z.number().int().min(1).max(90).optional(),
  active: z.boolean().optional(),
}).refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' });

export const CreateItemBody = z.object({
  storeId: z.number().int().positive(),
  name,
  kind: ItemKind,
  cost: z.number().int().min(1).max(100_000),
  unit: z.string().trim().min(1).max(10).default('件'),
  donor: z.string().trim().max(60).default(''),
  description: z.string().trim().max(500).default(''),
  photoId: z.number().int().positive().nullable().optional(),
  initialStock: z.number().int().min(0).max(1_000_000).default(0),
  perOrderLimit: z.number().int().min(1).max(100).default(5),
});

export const UpdateItemBody = z.object({
  name: name.optional(),
  cost: z.number().int().min(1).max(100_000).optional(),
  unit: z.string().trim().min(1).max(10).optional(),
  donor: z.string().trim().max(60).optional(),
  description: z.string().trim().max(500).optional(),
  photoId: z.number().int().positive().nullable().optional(),
  perOrderLimit: z.number().int().min(1).max(100).optional(),
  active: z.boolean().optional(),
}).refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' });

export const StockBody = z.object({
  kind: z.enum(['received', 'adjusted']),
  /** received: > 0; adjusted: either sign, with a reason. */
  delta: z.number().int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0, '数量不能为0'),
  reason: z.string().trim().max(200).default(''),
});

export const CreateEventBody = z.object({
  communityId: z.number().int().positive(),
  storeId: z.number().int().positive().nullable().optional(),
  name,
  startsOn: Day,
  endsOn: Day,
});

export const OrderListQuery = PageQuery.extend({
  communityId: z.coerce.number().int().positive().optional(),
  storeId: z.coerce.number().int().positive().optional(),
  status: OrderStatus.optional(),
});

export const HandoverBody = z.object({
  storeId: z.number().int().positive(),
  /** The six digits the holder shows, or the text of their QR code. */
  code: z.string().trim().min(1).max(100),
});

export const RedeemBody = z.object({
  itemId: z.number().int().positive(),
  quantity: z.number().int().min(1).max(100).default(1),
  /** A phone's retry of the same tap returns the same order. */
  clientId: z.string().uuid().optional(),
});

/** 柜台兑换: staff redeem for a holder at the counter; handed over at once. */
export const CounterRedeemBody = RedeemBody.extend({
  holderKind: z.enum(['household', 'merchant']),
  holderId: z.number().int().positive(),
});

export const CancelBody = z.object({ reason: z.string().trim().max(200).optional() });

export const StatsQuery = z.object({
  communityId: z.coerce.number().int().positive().optional(),
  months: z.coerce.number().int().min(1).max(36).default(12),
});

export const StatsResponse = z.object({
  stores: z.array(z.object({ id: z.number(), name: z.string() })),
  months: z.array(z.string()),
  rows: z.array(z.object({ storeId: z.number(), month: z.string(), orders: z.number(), points: z.number() })),
});

export const MyStoreResponse = z.object({
  holder: z.object({ kind: z.enum(['household', 'merchant']), id: z.number(), label: z.string() }),
  balance: z.number(),
  /** Base points on the balance that do not buy goods (the community's rules). */
  baseLocked: z.number(),
  /** What may be spent: max(0, balance − baseLocked). */
  spendable: z.number(),
  stores: z.array(StoreView.extend({ items: z.array(ItemView) })),
});
