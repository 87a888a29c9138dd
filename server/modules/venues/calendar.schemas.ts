import { z } from 'zod';
import { CalendarRow, hhmm, id, month, realDay, text } from './venues.schemas.js';

export const CalendarItemInput = z.object({
  day: realDay,
  starts: hhmm,
  ends: hhmm,
  title: text(60, '活动名称'),
  place: text(60, '活动地点'),
  /** A volunteer activity (志愿吕梁) this item is. */
  activityId: id.optional(),
}).refine((i) => i.ends > i.starts, { message: '结束时间须晚于开始时间', path: ['ends'] });
export const PublishBody = z.object({
  month,
  items: z.array(CalendarItemInput).max(100, '一个月最多100项活动'),
  /** Publishing again for a month already published: a correction, as a new version. */
  correction: z.boolean().default(false),
  /** Also send followers a text message (the platform's SMS channel). */
  sms: z.boolean().default(false),
});
export type PublishBody = z.infer<typeof PublishBody>;
export const PublishResult = z.object({ id: z.number(), version: z.number(), notified: z.number() });
export const AtYouQuery = z.object({ month: month.optional() });
export const AtYou = z.object({
  month: z.string(),
  venues: z.array(z.object({ venueId: z.number(), venueName: z.string(), calendar: CalendarRow })),
});
export const NearVenue = z.object({
  id: z.number(), kind: z.enum(['centre', 'station']), name: z.string(), address: z.string(), toStandard: z.boolean(), followed: z.boolean(),
  hours: z.array(z.object({ weekday: z.number(), opens: z.string(), closes: z.string() })),
  rooms: z.array(z.object({ id: z.number(), name: z.string(), capacity: z.number() })),
});
export const Near = z.object({ items: z.array(NearVenue) });
