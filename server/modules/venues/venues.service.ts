import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { addMonths, chinaMonth, chinaMonthStart, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, fromDatabaseError, notFound } from '../../platform/errors.js';
import { assertAttachable, fileUrl, linkAttachments, type AttachmentReader } from '../../platform/files/attachment.service.js';
import type { Actor } from '../../platform/http/request-context.js';
import { placeAbove } from '../../platform/org-units.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { activitySummaries } from '../volunteers/index.js';
import { missingItems, STANDARD_ITEMS, type StandardItem } from './venue-standard.js';
import { mayVenue } from './venues.policy.js';
import * as repo from './venues.repository.js';
import type { VenueBody, VenueEditBody } from './venues.schemas.js';
import type { OpeningHours } from './venues.tables.js';

export interface VenueDeps {
  db: Kysely<DB>;
  clock: Clock;
  ctx: AppContext;
}
export const venueDeps = (ctx: AppContext): VenueDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock, ctx });

/** Attachment owner kind: the evidence photos of a 三要六有 item. */
export const STANDARD_FILES = 'venue_standard_item';

/**
 * The part of the tree a caller sees venues in: staff their scope; a visitor the community they
 * live in (their scope is a household or unit below it), or their own scope when it is wider.
 */
export interface Reach { path: string; countyCode: string; staff: boolean }
export async function reachOf(deps: VenueDeps, actor: Actor, scope: Scope): Promise<Reach> {
  if (mayVenue(actor.role, 'read')) return { path: scope.path, countyCode: scope.countyCode, staff: true };
  if (!mayVenue(actor.role, 'visit')) throw new AppError('FORBIDDEN', '您没有查看党群服务阵地的权限');
  const community = await placeAbove(deps.db, scope.path, 'community');
  return { path: community?.path ?? scope.path, countyCode: scope.countyCode, staff: false };
}

/** A venue the caller reaches, or the standard 404 (missing and out of reach read alike). */
export async function venueInReach(deps: VenueDeps, reach: Reach, id: number) {
  const v = await repo.venuesUnder(deps.db, reach.path).where('v.id', '=', id).executeTakeFirst();
  if (!v) throw notFound('党群服务阵地');
  return v;
}

export const parseHours = (h: unknown): OpeningHours[] => (typeof h === 'string' ? JSON.parse(h) : (h as OpeningHours[]) ?? []);

function item(v: repo.VenueRow) {
  const missing = missingItems(v.items ? v.items.split(',') : []);
  return {
    id: v.id, kind: v.kind, name: v.name, address: v.address, areaM2: Number(v.area_m2), placeName: v.place_name,
    communityName: v.community_name, streetName: v.street_name, missing, toStandard: missing.length === 0, rooms: v.rooms, pendingBookings: v.pending,
  };
}

export async function listVenues(deps: VenueDeps, actor: Actor, scope: Scope, q: { page: number; pageSize: number; kind?: 'centre' | 'station'; orgId?: number; flagged?: 'true' | 'false' }) {
  const reach = await reachOf(deps, actor, scope);
  let within = reach.path;
  if (q.orgId) within = (await unitInScope(deps.db, scope, q.orgId)).path;
  let base = repo.venuesUnder(deps.db, within).$if(!!q.kind, (b) => b.where('v.kind', '=', q.kind!));
  // Flagged: fewer items recorded than the standard has (each item is recorded at most once).
  const n = STANDARD_ITEMS.length;
  if (q.flagged === 'true') base = base.where(({ selectFrom }) => selectFrom('venue_standard_item as i').select((eb) => eb.fn.countAll<number>().as('n')).whereRef('i.venue_id', '=', 'v.id'), '<', n);
  if (q.flagged === 'false') base = base.where(({ selectFrom }) => selectFrom('venue_standard_item as i').select((eb) => eb.fn.countAll<number>().as('n')).whereRef('i.venue_id', '=', 'v.id'), '=', n);
  const [rows, total] = await Promise.all([
    base.orderBy('v.kind').orderBy('v.org_path').orderBy('v.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    deps.db.selectFrom(base.as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(item), total: Number(total.n) };
}

export async function createVenue(deps: VenueDeps, actor: Actor, scope: Scope, body: VenueBody) {
  if (!mayVenue(actor.role, 'manage')) throw new AppError('FORBIDDEN', '党群服务阵地由街道和社区维护');
  const place = await unitInScope(deps.db, scope, body.orgId, body.kind === 'centre' ? '社区' : '小区');
  const want = body.kind === 'centre' ? 'community' : 'grid';
  if (place.kind !== want) {
    throw new AppError('VALIDATION_FAILED', body.kind === 'centre' ? '党群服务中心须建在社区' : '小区党群服务站须建在小区（网格）', { fields: [{ field: 'body.orgId', problem: 'wrong kind' }] });
  }
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('venue').values({
        kind: body.kind, org_id: place.id, org_path: place.path, county_code: place.county_code, name: body.name, address: body.address,
        area_m2: body.areaM2, hours: JSON.stringify(body.hours), checkin_code: randomBytes(3).toString('hex').toUpperCase(), created_by: actor.accountId,
        created_at: deps.clock.now(),
      }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: 'venue.create', entity: 'venue', entityId: id, orgPath: place.path, countyCode: place.county_code, after: body });
      return { id };
    });
  } catch (e) {
    if ((e as { constraint?: string }).constraint === 'venue_one_centre_idx') throw new AppError('ALREADY_EXISTS', '该社区已有党群服务中心（一个社区一个中心）');
    throw fromDatabaseError(e) ?? e;
  }
}

export async function editVenue(deps: VenueDeps, actor: Actor, scope: Scope, id: number, body: VenueEditBody) {
  if (!mayVenue(actor.role, 'manage')) throw new AppError('FORBIDDEN', '党群服务阵地由街道和社区维护');
  const v = await venueInReach(deps, { path: scope.path, countyCode: scope.countyCode, staff: true }, id);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('venue').set({ name: body.name, address: body.address, area_m2: body.areaM2, hours: JSON.stringify(body.hours) }).where('id', '=', id).execute();
    await writeAudit(trx, actor, {
      action: 'venue.update', entity: 'venue', entityId: id, orgPath: v.org_path, countyCode: v.county_code,
      before: { name: v.name, address: v.address, areaM2: Number(v.area_m2), hours: parseHours(v.hours) }, after: body,
    });
  });
  return { ok: true as const };
}

export async function venueDetail(deps: VenueDeps, actor: Actor, scope: Scope, id: number) {
  const reach = await reachOf(deps, actor, scope);
  if (!reach.staff) throw new AppError('FORBIDDEN', '阵地详情供工作人员查看');
  const v = await venueInReach(deps, reach, id);
  const now = deps.clock.now();
  const [standard, rooms, use, followers, calendars] = await Promise.all([
    repo.standardRows(deps.db, id), repo.roomsOf(deps.db, [id]), repo.useByMonth(deps.db, id, chinaMonthStart(addMonths(chinaMonth(now), -11))),
    repo.followerCount(deps.db, id), repo.latestCalendars(deps.db, [id], { from: addMonths(chinaMonth(now), -2) }),
  ]);
  const photos = await repo.photosOf(deps.db, STANDARD_FILES, standard.map((s) => s.id));
  const canManage = mayVenue(actor.role, 'manage');
  return {
    ...item(v), hours: parseHours(v.hours), checkinCode: canManage ? v.checkin_code : null,
    standard: STANDARD_ITEMS.map((i) => {
      const row = standard.find((s) => s.item === i.code);
      return {
        code: i.code, group: i.group, label: i.label, met: !!row, note: row?.note ?? '', recordedAt: row ? row.recorded_at.toISOString() : null,
        photos: (row ? photos.get(row.id) ?? [] : []).map((p) => ({ id: p, url: fileUrl(p) })),
      };
    }),
    roomList: rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
    use: use.map((u) => ({ month: u.month, bookings: u.bookings, checkIns: u.check_ins, visitors: u.visitors })),
    calendars: await calendarRows(deps, v.community_path, calendars),
    followers: Number(followers.n), canManage,
  };
}

/** Calendars as the pages show them, with the linked volunteer activities' titles. */
export async function calendarRows(deps: VenueDeps, within: string, cals: Awaited<ReturnType<typeof repo.latestCalendars>>) {
  const ids = cals.flatMap((c) => c.items.map((i) => i.activity_id)).filter((x): x is number => x != null);
  const acts = new Map((await activitySummaries(deps.db, within, ids)).map((a) => [a.id, a.title]));
  return cals.map((c) => ({
    id: c.id, month: c.month, version: c.version, publishedAt: c.published_at.toISOString(),
    items: c.items.map((i) => ({ day: i.day, starts: i.starts, ends: i.ends, title: i.title, place: i.place, activityId: i.activity_id, activityTitle: i.activity_id ? acts.get(i.activity_id) ?? null : null })),
  }));
}

export async function recordStandardItem(deps: VenueDeps, actor: Actor, scope: Scope, id: number, code: StandardItem, body: { note: string; photoIds: number[] }) {
  if (!mayVenue(actor.role, 'manage')) throw new AppError('FORBIDDEN', '三要六有由街道和社区登记');
  const v = await venueInReach(deps, { path: scope.path, countyCode: scope.countyCode, staff: true }, id);
  const photoIds = await assertAttachable(deps.db, actor, scope, body.photoIds, 'body.photoIds');
  return deps.db.transaction().execute(async (trx) => {
    // Recorded again: the note and the time are renewed, the new photos added to the evidence.
    const row = await trx.insertInto('venue_standard_item').values({
      venue_id: id, item: code, note: body.note, org_path: v.org_path, county_code: v.county_code, recorded_by: actor.accountId, recorded_at: deps.clock.now(),
    }).onConflict((oc) => oc.columns(['venue_id', 'item']).doUpdateSet((eb) => ({ note: eb.ref('excluded.note'), recorded_at: eb.ref('excluded.recorded_at'), recorded_by: eb.ref('excluded.recorded_by') })))
      .returning('id').executeTakeFirstOrThrow();
    await linkAttachments(trx, photoIds, { entity: STANDARD_FILES, entityId: row.id, orgPath: v.org_path, countyCode: v.county_code });
    await writeAudit(trx, actor, { action: 'venue.standard_record', entity: 'venue', entityId: id, orgPath: v.org_path, countyCode: v.county_code, after: { item: code, photoIds } });
    return { ok: true as const };
  });
}

export async function addRoom(deps: VenueDeps, actor: Actor, scope: Scope, id: number, body: { name: string; capacity: number }) {
  if (!mayVenue(actor.role, 'manage')) throw new AppError('FORBIDDEN', '活动室由街道和社区维护');
  const v = await venueInReach(deps, { path: scope.path, countyCode: scope.countyCode, staff: true }, id);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const r = await trx.insertInto('venue_room').values({ venue_id: id, name: body.name, capacity: body.capacity, org_path: v.org_path, county_code: v.county_code })
        .returning('id').executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: 'venue.room_add', entity: 'venue', entityId: id, orgPath: v.org_path, countyCode: v.county_code, after: body });
      return { id: r.id };
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw new AppError('ALREADY_EXISTS', '该阵地已有同名活动室');
    throw fromDatabaseError(e) ?? e;
  }
}

/** Evidence photos are read by whoever reads the venue: staff in scope. */
export function standardFileReader(deps: VenueDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    if (!mayVenue(actor.role, 'read') || !ids.length) return false;
    const rows = await deps.db.selectFrom('venue_standard_item').select('org_path').where('id', 'in', ids).execute();
    return rows.some((r) => scope.contains(r.org_path));
  };
}
