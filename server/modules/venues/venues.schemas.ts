import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';
import { STANDARD_CODES } from './venue-standard.js';

export const id = z.number().int().positive();
export const qid = z.coerce.number().int().positive();
export const text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过${max}字`);
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为HH:MM');
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM');
/** A calendar day that exists ('2026-02-30' does not: JavaScript would roll it into March). */
export const realDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, { message: '日期不存在' });
export const Photo = z.object({ id: z.number(), url: z.string() });

export const VenueKind = z.enum(['centre', 'station']);
export const StandardCode = z.enum(STANDARD_CODES);

/** Opening hours of one weekday (1 = Monday … 7 = Sunday), China time; a missing day is closed. */
const HoursShape = z.object({ weekday: z.number().int().min(1).max(7), opens: hhmm, closes: hhmm });
export const HoursItem = HoursShape
  .refine((h) => h.closes > h.opens, { message: '关门时间须晚于开门时间', path: ['closes'] });
const Hours = z.array(HoursItem).max(7).refine((hs) => new Set(hs.map((h) => h.weekday)).size === hs.length, { message: '每个星期几只能填写一次' });

export const VenueEditBody = z.object({
  name: text(60, '阵地名称'),
  address: text(120, '地址'),
  areaM2: z.number({ message: '请填写面积' }).positive('面积须大于0').max(100_000, '面积过大'),
  hours: Hours,
});
export const VenueBody = VenueEditBody.extend({
  kind: VenueKind,
  /** The community (党群服务中心) or the compound grid (小区党群服务站). */
  orgId: id,
});
export type VenueBody = z.infer<typeof VenueBody>;
export type VenueEditBody = z.infer<typeof VenueEditBody>;

export const VenuesQuery = PageQuery.extend({
  kind: VenueKind.optional(),
  orgId: qid.optional(),
  /** true: only venues missing a 三要六有 item. */
  flagged: z.enum(['true', 'false']).optional(),
});
export const VenueItem = z.object({
  id: z.number(), kind: VenueKind, name: z.string(), address: z.string(), areaM2: z.number(), placeName: z.string(),
  communityName: z.string(), streetName: z.string(), missing: z.array(StandardCode), toStandard: z.boolean(), rooms: z.number(),
  pendingBookings: z.number(),
});
export const StandardRow = z.object({
  code: StandardCode, group: z.string(), label: z.string(), met: z.boolean(), note: z.string(), recordedAt: z.string().nullable(), photos: z.array(Photo),
});
export const UseRow = z.object({ month: z.string(), bookings: z.number(), checkIns: z.number(), visitors: z.number() });
export const CalendarRow = z.object({
  id: z.number(), month: z.string(), version: z.number(), publishedAt: z.string(),
  items: z.array(z.object({ day: z.string(), starts: z.string(), ends: z.string(), title: z.string(), place: z.string(), activityId: z.number().nullable(), activityTitle: z.string().nullable() })),
});
export const VenueDetail = VenueItem.extend({
  hours: z.array(HoursShape),
  /** The code printed at the venue, for visitors' check-in; shown to staff who manage it only. */
  checkinCode: z.string().nullable(),
  standard: z.array(StandardRow),
  roomList: z.array(z.object({ id: z.number(), name: z.string(), capacity: z.number() })),
  use: z.array(UseRow),
  calendars: z.array(CalendarRow),
  followers: z.number(),
  canManage: z.boolean(),
});
export const StandardBody = z.object({
  note: z.string().trim().max(300, '说明不能超过300字').default(''),
  photoIds: z.array(id).min(1, '请上传至少一张佐证照片').max(9, '最多9张照片'),
});
export const StandardParams = z.object({ id: qid, item: StandardCode });
export const RoomBody = z.object({ name: text(40, '房间名称'), capacity: z.number({ message: '请填写容纳人数' }).int().min(1, '容纳人数须大于0').max(2000, '容纳人数过大') });
export const Created = z.object({ id: z.number() });
export const Ok = z.object({ ok: z.literal(true) });
