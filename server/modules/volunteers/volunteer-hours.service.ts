import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { recordVolunteerHours } from '../points/index.js';
import { assertStatedHours, pairHours } from './volunteer-attendance.js';
import { starStanding } from './volunteer-stars.js';
import * as repo from './volunteers.repository.js';
import type { Reach } from './volunteers.repository.js';
import { activityInReach, requireSelf, type Trx, type VolunteerDeps } from './volunteers.service.js';

export interface ConfirmInput {
  served: number;
  /** Organiser's word for volunteers without a complete check-in/out pair, or to change a pair's hours: each with a reason. */
  entries?: { volunteerId: number; hours: number; reason: string }[];
}

/**
 * The organiser confirms an activity's hours, in one transaction: each volunteer's hours come
 * from their check-in/out pair, or from the organiser's stated hours with a reason; they become
 * an append-only entry, the volunteer's total rises in SQL, and the hours turn into points for
 * the volunteer's household once (the entry's unique key: a replayed or repeated confirmation
 * finds it there and skips). Overlapping confirmed hours elsewhere are refused.
 */
export async function confirmHours(deps: VolunteerDeps, actor: Actor, reach: Reach, activityId: number, input: ConfirmInput) {
  const a0 = await activityInReach(deps.db, reach, activityId);
  const now = deps.clock.now();
  if (now < a0.starts_at) throw new AppError('INVALID_TRANSITION', '活动还没开始，不能确认时长');
  if (a0.status === 'cancelled') throw new AppError('INVALID_TRANSITION', '活动已取消');
  const stated = new Map((input.entries ?? []).map((e) => [e.volunteerId, e]));
  (input.entries ?? []).forEach((e, i) => assertStatedHours(a0, e.hours, `body.entries.${i}.hours`));
  return deps.db.transaction().execute(async (trx) => {
    const a = (await repo.lockActivity(trx, activityId))!;
    const roster = await repo.rosterOf(trx, a.id);
    const occurredOn = chinaDay(a.starts_at);
    const confirmed: { volunteerId: number; hours: number; points: number }[] = [];
    const skipped: { volunteerId: number; reason: string }[] = [];
    const ids = new Set([...roster.filter((r) => r.status === 'signed').map((r) => r.volunteer_id), ...stated.keys()]);
    for (const volunteerId of ids) {
      const r = roster.find((x) => x.volunteer_id === volunteerId);
      const word = stated.get(volunteerId);
      if (Number(r?.confirmed ?? 0) > 0) {
        skipped.push({ volunteerId, reason: '已确认（更正请用更正）' });
        continue;
      }
      const v = await repo.volunteerById(trx, volunteerId);
      if (!v || !reach.scope.contains(v.org_path) && !r) throw new AppError('NOT_FOUND', '志愿者不存在或不在您的管辖范围内');
      const fromPair = r?.checkin_at && r.checkout_at ? pairHours(a, r.checkin_at, r.checkout_at) : 0;
      const hours = word ? word.hours : fromPair;
      if (!(hours > 0)) {
        skipped.push({ volunteerId, reason: r?.checkin_at ? '未签退，需组织者说明理由确认时长' : '未签到' });
        continue;
      }
      await repo.lockVolunteer(trx, volunteerId);
      const clash = await repo.overlappingHours(trx, volunteerId, a.id, a.starts_at, a.ends_at);
      if (clash) throw new AppError('CONFLICT', `${v.name}在同一时间已有“${clash.title}”的服务时长，不能重复计算`, { volunteerId });
      const points = await pointsFor(trx, v, hours, occurredOn, `${a.title}`, actor.accountId, now);
      const entry = await repo.insertEntry(trx, {
        volunteer_id: volunteerId, activity_id: a.id, kind: 'confirm', basis: word ? 'organiser' : 'scan', hours, reason: word?.reason ?? null,
        occurred_on: occurredOn, org_path: a.org_path, county_code: a.county_code, points: points?.points ?? 0, points_record_id: points?.recordId ?? null,
        created_by: actor.accountId, created_at: now,
      });
      if (!entry) throw new AppError('CONFLICT', '时长已被同时确认，请刷新后查看');
      await repo.raiseTotals(trx, volunteerId, hours, points?.points ?? 0);
      confirmed.push({ volunteerId, hours, points: points?.points ?? 0 });
    }
    await repo.addActivityHours(trx, a.id, confirmed.reduce((sum, c) => sum + c.hours, 0));
    await repo.setActivityConfirmed(trx, a.id, { served: input.served, confirmed_at: now, confirmed_by: actor.accountId });
    await writeAudit(trx, actor, {
      action: 'volunteer.hours_confirm', entity: 'volunteer_activity', entityId: a.id, orgPath: a.org_path, countyCode: a.county_code,
      after: { served: input.served, confirmed, skipped }, reason: input.entries?.map((e) => e.reason).join('；') || null,
    });
    return { confirmed, skipped };
  });
}

/**
 * Points for confirmed hours, through the points module, when the volunteer is a resident with a
 * household. A community without the 志愿服务 item or a closed month leaves the hours standing
 * without points (the points module's refusals are plain errors thrown before any failed SQL).
 */
async function pointsFor(trx: Trx, v: { resident_id: number | null }, hours: number, occurredOn: string, note: string, by: number, at: Date) {
  if (v.resident_id == null) return null;
  const r = await repo.residentPlace(trx, v.resident_id);
  if (!r) return null;
  try {
    return await recordVolunteerHours(trx, { holder: { kind: 'household', id: r.household_id }, hours, occurredOn, note: `志愿服务：${note}`, createdBy: by, at });
  } catch (e) {
    if (e instanceof AppError && (e.code === 'INVALID_TRANSITION' || e.code === 'VALIDATION_FAILED')) return null;
    throw e;
  }
}

/**
 * A correction of one volunteer's confirmed hours on an activity: a reversing entry of what stands
 * and, unless the hours drop to zero, a new entry with the right hours; both with the reason,
 * audited. Points already given stay as they were: they were turned once and are not re-issued.
 */
export async function correctHours(deps: VolunteerDeps, actor: Actor, reach: Reach, activityId: number, input: { volunteerId: number; hours: number; reason: string }) {
  const a0 = await activityInReach(deps.db, reach, activityId);
  if (input.hours !== 0) assertStatedHours(a0, input.hours, 'body.hours');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockActivity(trx, activityId);
    await repo.lockVolunteer(trx, input.volunteerId);
    const entries = await repo.entriesOf(trx, activityId, input.volunteerId);
    const reversed = new Set(entries.map((e) => e.reverses_id).filter((x) => x != null));
    const live = entries.find((e) => e.kind !== 'reversal' && !reversed.has(e.id));
    if (!live) throw new AppError('INVALID_TRANSITION', '该志愿者在本活动还没有确认的时长，请先确认');
    const old = Number(live.hours);
    if (old === input.hours) throw new AppError('VALIDATION_FAILED', '更正后的时长与现有时长相同', { fields: [{ field: 'body.hours', problem: 'same' }] });
    const place = { occurred_on: chinaDay(a0.starts_at), org_path: a0.org_path, county_code: a0.county_code, created_by: actor.accountId, created_at: now };
    const rev = await repo.insertEntry(trx, { ...place, volunteer_id: input.volunteerId, activity_id: activityId, kind: 'reversal', basis: 'organiser', hours: -old, reverses_id: live.id, reason: input.reason });
    if (input.hours > 0) {
      await repo.insertEntry(trx, { ...place, volunteer_id: input.volunteerId, activity_id: activityId, kind: 'correction', basis: 'organiser', hours: input.hours, reason: input.reason });
    }
    await repo.raiseTotals(trx, input.volunteerId, input.hours - old, 0);
    await repo.addActivityHours(trx, activityId, input.hours - old);
    await writeAudit(trx, actor, {
      action: 'volunteer.hours_correct', entity: 'volunteer_hour_entry', entityId: rev!.id, orgPath: a0.org_path, countyCode: a0.county_code,
      before: { hours: old }, after: { volunteerId: input.volunteerId, hours: input.hours }, reason: input.reason,
    });
    return { hours: input.hours };
  });
}

/** "My hours and stars": total hours, stars, hours to the next star, points earned, recent entries. */
export async function myHours(deps: VolunteerDeps, actor: Actor) {
  const v = await requireSelf(deps.db, actor);
  const hours = Number(v.total_hours);
  const entries = await repo.myEntries(deps.db, v.id, 30);
  return {
    registered: true, id: v.id, name: v.name, hours, points: v.total_points, ...starStanding(hours),
    entries: entries.map((e) => ({ id: e.id, activityId: e.activity_id, title: e.title, kind: e.kind, hours: Number(e.hours), points: e.points, reason: e.reason, occurredOn: String(e.occurred_on).slice(0, 10) })),
  };
}

/** For the 双报到 year record: confirmed activities and net hours per resident in a China-time year. */
export async function volunteerYearFigures(db: Kysely<DB>, residentIds: number[], year: number): Promise<Map<number, { activities: number; hours: number }>> {
  const out = new Map<number, { activities: number; hours: number }>();
  if (!residentIds.length) return out;
  for (const r of await repo.yearFigures(db, residentIds, year)) {
    if (r.resident_id != null) out.set(r.resident_id, { activities: Number(r.activities), hours: Number(r.hours) });
  }
  return out;
}
