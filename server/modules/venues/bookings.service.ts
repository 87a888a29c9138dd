import { writeAudit } from '../../platform/audit.js';
import { addDays, chinaDay } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { notify } from '../../platform/notifications.js';
import type { Scope } from '../../platform/scope.js';
import { BOOKING_STEPS, nextBookingStatus, type BookingAction } from './booking-lifecycle.js';
import { venueCheckinCode } from './checkin-payload.js';
import { checkInNeedsCode, mayCancelBooking, mayVenue } from './venues.policy.js';
import type { BookBody } from './bookings.schemas.js';
import { parseHours, reachOf, type VenueDeps } from './venues.service.js';
import type { BookingStatus } from './venues.tables.js';

/** How far ahead a room may be booked. */
export const BOOK_AHEAD_DAYS = 60;
const CHINA_OFFSET_MS = 8 * 3600_000;
/** 'HH:MM' of an instant in China time. */
const chinaTime = (d: Date) => new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(11, 16);
/** ISO weekday (1 = Monday) of a China day. */
const weekdayOf = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

function roomsUnder(deps: VenueDeps, within: string) {
  return deps.db.selectFrom('venue_room as r').innerJoin('venue as v', 'v.id', 'r.venue_id')
    .select(['r.id', 'r.name', 'r.capacity', 'r.venue_id', 'v.name as venue_name', 'v.hours', 'v.org_path', 'v.county_code'])
    .where('v.org_path', 'like', `${within}%`);
}

function bookingsUnder(deps: VenueDeps, within: string) {
  return deps.db.selectFrom('venue_booking as b')
    .innerJoin('venue_room as r', 'r.id', 'b.room_id').innerJoin('venue as v', 'v.id', 'b.venue_id').innerJoin('account as a', 'a.id', 'b.account_id')
    .select([
      'b.id', 'b.venue_id', 'v.name as venue_name', 'b.room_id', 'r.name as room_name', 'b.starts_at', 'b.ends_at', 'b.status', 'b.purpose',
      'b.attendees', 'b.group_name', 'a.display_name', 'b.account_id', 'b.checked_in_at', 'b.decline_reason', 'b.org_path', 'b.county_code', 'v.checkin_code',
    ])
    .where('b.org_path', 'like', `${within}%`);
}
type BookingRow = Awaited<ReturnType<ReturnType<typeof bookingsUnder>['executeTakeFirstOrThrow']>>;

function actionsFor(actor: Actor, b: BookingRow): BookingAction[] {
  const mine = b.account_id === actor.accountId;
  return (Object.keys(BOOKING_STEPS) as BookingAction[]).filter((a) => {
    if (!BOOKING_STEPS[a].from.includes(b.status)) return false;
    if (a === 'confirm' || a === 'decline') return mayVenue(actor.role, 'manage');
    if (a === 'cancel') return mayCancelBooking(actor.role, mine);
    return b.checked_in_at == null && checkInNeedsCode(actor.role, mine) !== null;
  });
}

const toItem = (actor: Actor) => (b: BookingRow) => ({
  id: b.id, venueId: b.venue_id, venueName: b.venue_name, roomId: b.room_id, roomName: b.room_name, startsAt: b.starts_at.toISOString(),
  endsAt: b.ends_at.toISOString(), status: b.status, purpose: b.purpose, attendees: b.attendees, groupName: b.group_name, bookedBy: b.display_name,
  checkedInAt: b.checked_in_at?.toISOString() ?? null, declineReason: b.decline_reason, actions: actionsFor(actor, b),
});

/** Staff's list of bookings in scope (pending first when filtered so). */
export async function listBookings(deps: VenueDeps, actor: Actor, scope: Scope, q: { page: number; pageSize: number; venueId?: number; status?: BookingStatus }) {
  if (!mayVenue(actor.role, 'read')) throw new AppError('FORBIDDEN', '预约列表供工作人员查看');
  const base = bookingsUnder(deps, scope.path).$if(!!q.venueId, (b) => b.where('b.venue_id', '=', q.venueId!)).$if(!!q.status, (b) => b.where('b.status', '=', q.status!));
  const [rows, total] = await Promise.all([
    base.orderBy('b.starts_at', 'desc').orderBy('b.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    deps.db.selectFrom(base.as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toItem(actor)), total: Number(total.n) };
}

export async function myBookings(deps: VenueDeps, actor: Actor, q: { page: number; pageSize: number }) {
  // Own bookings by account: wherever the venue is (a resident who moved still sees theirs).
  const base = bookingsUnder(deps, '').where('b.account_id', '=', actor.accountId);
  const [rows, total] = await Promise.all([
    base.orderBy('b.starts_at', 'desc').orderBy('b.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    deps.db.selectFrom(base.as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toItem(actor)), total: Number(total.n) };
}

export async function roomSlots(deps: VenueDeps, actor: Actor, scope: Scope, roomId: number, day: string) {
  const reach = await reachOf(deps, actor, scope);
  const room = await roomsUnder(deps, reach.path).where('r.id', '=', roomId).executeTakeFirst();
  if (!room) throw notFound('活动室');
  const open = parseHours(room.hours).find((h) => h.weekday === weekdayOf(day));
  const from = new Date(`${day}T00:00:00+08:00`);
  const to = new Date(`${addDays(day, 1)}T00:00:00+08:00`);
  const taken = await deps.db.selectFrom('venue_booking').select(['starts_at', 'ends_at']).where('room_id', '=', roomId)
    .where('status', 'in', ['requested', 'confirmed']).where('starts_at', '<', to).where('ends_at', '>', from).orderBy('starts_at').execute();
  return {
    roomId, day, opens: open?.opens ?? null, closes: open?.closes ?? null,
    taken: taken.map((t) => ({ startsAt: t.starts_at.toISOString(), endsAt: t.ends_at.toISOString() })),
  };
}

export async function book(deps: VenueDeps, actor: Actor, scope: Scope, body: BookBody) {
  const reach = await reachOf(deps, actor, scope);
  const room = await roomsUnder(deps, reach.path).where('r.id', '=', body.roomId).executeTakeFirst();
  if (!room) throw notFound('活动室');
  const starts = new Date(body.startsAt);
  const ends = new Date(body.endsAt);
  const now = deps.clock.now();
  const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { fields: [{ field: `body.${field}`, problem: message }] });
  if (ends <= starts) throw bad('endsAt', '结束时间须晚于开始时间');
  if (starts < now) throw bad('startsAt', '不能预约已经过去的时间');
  const day = chinaDay(starts);
  if (day > addDays(chinaDay(now), BOOK_AHEAD_DAYS)) throw bad('startsAt', `最多提前${BOOK_AHEAD_DAYS}天预约`);
  if (chinaDay(new Date(ends.getTime() - 1)) !== day) throw bad('endsAt', '预约须在同一天内');
  const open = parseHours(room.hours).find((h) => h.weekday === weekdayOf(day));
  if (!open) throw bad('startsAt', '阵地当天不开放');
  if (chinaTime(starts) < open.opens || chinaTime(ends) > open.closes || chinaTime(ends) === '00:00') {
    throw bad('startsAt', `请在开放时间 ${open.opens}–${open.closes} 内预约`);
  }
  if (body.attendees > room.capacity) throw bad('attendees', `该活动室最多容纳${room.capacity}人`);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // The exclusion constraint refuses an overlap with a held booking, also when two arrive together.
      const { id } = await trx.insertInto('venue_booking').values({
        room_id: room.id, venue_id: room.venue_id, org_path: room.org_path, county_code: room.county_code, account_id: actor.accountId,
        group_name: body.groupName || null, purpose: body.purpose, attendees: body.attendees, starts_at: starts, ends_at: ends, created_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(trx, actor, {
        action: 'venue.booking_create', entity: 'venue_booking', entityId: id, orgPath: room.org_path, countyCode: room.county_code,
        after: { roomId: room.id, startsAt: body.startsAt, endsAt: body.endsAt, attendees: body.attendees },
      });
      return { id };
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23P01') throw new AppError('CONFLICT', '该时段已被预约，请换一个时间或活动室', { reason: 'overlap' });
    throw e;
  }
}

export async function bookingStep(
  deps: VenueDeps, actor: Actor, scope: Scope, id: number, action: BookingAction, input: { reason?: string; code?: string } = {},
) {
  const reach = await reachOf(deps, actor, scope);
  // Visitors reach their own bookings; staff those in scope.
  const b = await bookingsUnder(deps, reach.staff ? reach.path : '').where('b.id', '=', id)
    .$if(!reach.staff, (q) => q.where('b.account_id', '=', actor.accountId)).executeTakeFirst();
  if (!b) throw notFound('预约');
  const mine = b.account_id === actor.accountId;
  if ((action === 'confirm' || action === 'decline') && !mayVenue(actor.role, 'manage')) throw new AppError('FORBIDDEN', '预约由阵地工作人员确认或谢绝');
  if (action === 'cancel' && !mayCancelBooking(actor.role, mine)) throw new AppError('FORBIDDEN', '只能取消自己的预约');
  if (action === 'check_in') {
    const needsCode = checkInNeedsCode(actor.role, mine);
    if (needsCode === null) throw new AppError('FORBIDDEN', '只能为自己的预约签到');
    if (needsCode && venueCheckinCode(input.code ?? '') !== b.checkin_code) throw new AppError('VALIDATION_FAILED', '签到码不正确，请扫描阵地张贴的签到码', { fields: [{ field: 'body.code', problem: 'wrong code' }] });
    const now = deps.clock.now();
    if (chinaDay(now) !== chinaDay(b.starts_at) || now >= b.ends_at) throw new AppError('INVALID_TRANSITION', '只能在预约当天、结束之前签到');
    if (b.checked_in_at) throw new AppError('INVALID_TRANSITION', '已经签到过了');
  }
  const next = nextBookingStatus(b.status, action);
  if (!next.ok) throw new AppError('INVALID_TRANSITION', next.reason, { status: b.status });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const set = action === 'check_in' ? { checked_in_at: now, checked_in_by: actor.accountId }
      : action === 'cancel' ? { status: next.to, cancelled_at: now }
        : { status: next.to, decided_by: actor.accountId, decided_at: now, decline_reason: action === 'decline' ? input.reason ?? null : null };
    // Guarded by the status read: a step taken meanwhile makes this miss.
    const done = await trx.updateTable('venue_booking').set(set).where('id', '=', id).where('status', '=', b.status)
      .$if(action === 'check_in', (q) => q.where('checked_in_at', 'is', null)).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该预约刚被他人办理，请刷新后再试');
    await writeAudit(trx, actor, {
      action: 'venue.booking_step', entity: 'venue_booking', entityId: id, orgPath: b.org_path, countyCode: b.county_code,
      before: { status: b.status }, after: { action, status: next.to }, reason: input.reason ?? null,
    });
    if ((action === 'confirm' || action === 'decline') && !mine) {
      const when = `${chinaDay(b.starts_at)} ${chinaTime(b.starts_at)}–${chinaTime(b.ends_at)}`;
      await notify(trx, deps.ctx, [b.account_id], {
        title: action === 'confirm' ? '活动室预约已确认' : '活动室预约未能安排',
        body: action === 'confirm' ? `${b.venue_name}${b.room_name} ${when} 已为您留好，请按时到场签到。` : `${b.venue_name}${b.room_name} ${when}：${input.reason ?? ''}`,
        link: '/m/venues', orgPath: b.org_path, countyCode: b.county_code,
      });
    }
    return { status: next.to, checkedInAt: action === 'check_in' ? now.toISOString() : b.checked_in_at?.toISOString() ?? null };
  });
}
