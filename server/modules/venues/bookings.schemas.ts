import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';
import { id, qid, realDay, text } from './venues.schemas.js';

export const BookingStatus = z.enum(['requested', 'confirmed', 'declined', 'cancelled']);
export const BookingAction = z.enum(['confirm', 'decline', 'cancel', 'check_in']);
const instant = z.string().datetime({ offset: true, message: '时间格式不正确' });

export const BookBody = z.object({
  roomId: id,
  startsAt: instant,
  endsAt: instant,
  purpose: text(100, '用途'),
  attendees: z.number({ message: '请填写人数' }).int().min(1, '人数须大于0').max(2000),
  /** A group's booking (舞蹈队 …); empty for a resident's own. */
  groupName: z.string().trim().max(40, '团队名称不能超过40字').optional(),
});
export type BookBody = z.infer<typeof BookBody>;

export const BookingsQuery = PageQuery.extend({ venueId: qid.optional(), status: BookingStatus.optional() });
export const BookingItem = z.object({
  id: z.number(), venueId: z.number(), venueName: z.string(), roomId: z.number(), roomName: z.string(), startsAt: z.string(), endsAt: z.string(),
  status: BookingStatus, purpose: z.string(), attendees: z.number(), groupName: z.string().nullable(), bookedBy: z.string(),
  checkedInAt: z.string().nullable(), declineReason: z.string().nullable(), actions: z.array(BookingAction),
});
export const SlotsQuery = z.object({ day: realDay });
export const Slots = z.object({
  roomId: z.number(), day: z.string(), opens: z.string().nullable(), closes: z.string().nullable(),
  /** Times held by others' or own bookings: no names. */
  taken: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
});
export const DeclineBody = z.object({ reason: text(200, '谢绝理由') });
/** The venue's code, typed bare or as scanned from its QR (`linli:venue-checkin:<code>`, checkin-payload.ts). */
export const CheckInBody = z.object({ code: z.string().trim().max(60).optional() });
export const StepResult = z.object({ status: BookingStatus, checkedInAt: z.string().nullable() });
export const MyBookingsQuery = PageQuery;
