import { z } from 'zod';
import { PageQuery, paged } from '../../platform/http/paging.js';

/** Service points open to the groups, their hours (China time) and the rider's nearest open ones. */
export const PointKind = z.enum(['driver_home', 'warm_station', 'party_centre', 'union_station', 'caring_merchant']); // 司机之家 / 暖"新"驿站 / 党群服务中心 / 工会驿站 / 爱心商户
export const Service = z.enum(['water', 'charging', 'rest', 'toilet', 'microwave', 'wifi', 'first_aid', 'repair']); // 饮水 / 充电 / 休息 / 如厕 / 热饭 / 无线网 / 药箱 / 维修
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:MM');
export const Hours = z.object({ weekday: z.number().int().min(1).max(7), open: hhmm, close: hhmm });

export const PointBody = z.object({
  name: z.string().trim().min(1, '请填写名称').max(60), kind: PointKind, unitId: z.number().int().positive(),
  address: z.string().trim().max(100).default(''),
  lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180),
  services: z.array(Service).max(8).default([]),
  hours: z.array(Hours).min(1, '请填写开放时间').max(21),
});
/** Live points (the default), closed ones (撤销, kept as history) or both. */
export const PointQuery = PageQuery.extend({ kind: PointKind.optional(), status: z.enum(['live', 'closed', 'all']).default('live') });
export const PointRow = z.object({
  id: z.number(), name: z.string(), kind: PointKind, address: z.string(), unitName: z.string(), lat: z.number(), lng: z.number(),
  services: z.array(Service), openNow: z.boolean(), hours: z.array(Hours), closedAt: z.string().nullable(), closeReason: z.string().nullable(),
});
export const PointPage = paged(PointRow);

export const NearestQuery = z.object({
  lat: z.coerce.number().min(-90).max(90).optional(), lng: z.coerce.number().min(-180).max(180).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(10),
}).refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: '经纬度须同时提供', path: ['lat'] });
export const Nearest = z.object({
  /** Where distances were measured from: the phone's location, or the rider's station when none was given. */
  from: z.object({ lat: z.number(), lng: z.number(), source: z.enum(['device', 'station']) }).nullable(),
  items: z.array(z.object({
    id: z.number(), name: z.string(), kind: PointKind, address: z.string(), lat: z.number(), lng: z.number(),
    services: z.array(Service), distanceM: z.number(), todayHours: z.array(z.object({ open: z.string(), close: z.string() })),
  })),
});
export const Ok = z.object({ ok: z.boolean() });
export const Created = z.object({ id: z.number() });
