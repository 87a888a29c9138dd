import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { placeAbove } from '../../platform/org-units.js';
import { checkinRefusal, checkoutRefusal } from './volunteer-attendance.js';
import { readToken, signToken, TOKEN_REFRESH_MS, tokenFresh } from './volunteer-token.js';
import * as repo from './volunteers.repository.js';
import type { Reach } from './volunteers.repository.js';
import { activityInReach, activityView, requireSelf, type Trx, type VolunteerDeps } from './volunteers.service.js';

type Volunteer = NonNullable<Awaited<ReturnType<typeof repo.volunteerByAccount>>>;

/**
 * Signs a volunteer up inside the caller's transaction: refused when the activity is full
 * (counted atomically in SQL), over, cancelled, or overlaps another of the volunteer's sign-ups.
 * The volunteer's row is locked first, so two sign-ups of one volunteer are decided in turn.
 */
async function signUpIn(trx: Trx, v: { id: number }, activityId: number, now: Date) {
  await repo.lockVolunteer(trx, v.id);
  const a = await repo.activityById(trx, activityId);
  if (!a) throw notFound('志愿活动');
  // A confirmed activity still takes people until it ends: confirming again picks them up.
  if (a.status === 'cancelled') throw new AppError('INVALID_TRANSITION', '活动已取消');
  if (a.ends_at <= now) throw new AppError('INVALID_TRANSITION', '活动已结束，不能再报名');
  const prior = await repo.signupOf(trx, a.id, v.id);
  if (prior?.status === 'signed') return prior.id;
  const clash = await repo.overlappingSignup(trx, v.id, a.id, a.starts_at, a.ends_at);
  if (clash) throw new AppError('CONFLICT', `与您已报名的“${clash.title}”时间重叠`);
  if (!(await repo.bumpSignedUp(trx, a.id, 1))) throw new AppError('CONFLICT', '名额已满');
  if (prior) {
    await repo.reviveSignup(trx, prior.id, now);
    return prior.id;
  }
  return (await repo.insertSignup(trx, { activity_id: a.id, volunteer_id: v.id, starts_at: a.starts_at, ends_at: a.ends_at, signed_at: now })).id;
}

export async function signUp(deps: VolunteerDeps, actor: Actor, activityId: number) {
  const v = await requireSelf(deps.db, actor);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // Locks in one order everywhere (activity, then volunteer), so a sign-up and a scan never deadlock.
    await repo.lockActivity(trx, activityId);
    const id = await signUpIn(trx, v, activityId, now);
    await writeAudit(trx, actor, { action: 'volunteer.signup', entity: 'volunteer_activity', entityId: activityId, orgPath: v.org_path, countyCode: v.county_code, after: { volunteerId: v.id } });
    return { signupId: id };
  });
}

export async function cancelSignUp(deps: VolunteerDeps, actor: Actor, activityId: number) {
  const v = await requireSelf(deps.db, actor);
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockActivity(trx, activityId);
    await repo.lockVolunteer(trx, v.id);
    const s = await repo.signupOf(trx, activityId, v.id);
    if (!s || s.status !== 'signed') throw new AppError('NOT_FOUND', '您没有报名该活动');
    if (s.checkin_at) throw new AppError('INVALID_TRANSITION', '已签到，不能取消报名');
    await repo.cancelSignup(trx, s.id);
    await repo.bumpSignedUp(trx, activityId, -1);
    await writeAudit(trx, actor, { action: 'volunteer.signup_cancel', entity: 'volunteer_activity', entityId: activityId, orgPath: v.org_path, countyCode: v.county_code, after: { volunteerId: v.id } });
    return { ok: true };
  });
}

/** The QR the organiser shows: a fresh signed token and the phone page it opens. */
export async function checkinQr(deps: VolunteerDeps, reach: Reach, activityId: number) {
  const a = await activityInReach(deps.db, reach, activityId);
  const now = deps.clock.now();
  const token = signToken(deps.cipher, a.id, now);
  return {
    token, path: `/m/volunteer/scan?t=${encodeURIComponent(token)}`, refreshInMs: TOKEN_REFRESH_MS,
    activity: activityView(a), checkedIn: (await repo.rosterOf(deps.db, a.id)).filter((r) => r.checkin_at).length,
  };
}

function tokenActivity(deps: VolunteerDeps, token: string) {
  const t = readToken(deps.cipher, token);
  if (!t) throw new AppError('VALIDATION_FAILED', '二维码无效，请重新扫描组织者出示的二维码', { fields: [{ field: 'body.token', problem: 'invalid' }] });
  return t;
}

/** What the scan page shows before the tap: the activity and where the volunteer stands. */
export async function scanPreview(deps: VolunteerDeps, actor: Actor, token: string) {
  const t = tokenActivity(deps, token);
  const v = await requireSelf(deps.db, actor);
  const a = await repo.activityById(deps.db, t.activityId);
  if (!a) throw notFound('志愿活动');
  const s = await repo.signupOf(deps.db, a.id, v.id);
  const live = s?.status === 'signed' ? s : undefined;
  return {
    activity: activityView(a), signedUp: !!live, checkinAt: live?.checkin_at?.toISOString() ?? null, checkoutAt: live?.checkout_at?.toISOString() ?? null,
    next: !live?.checkin_at ? 'in' as const : !live.checkout_at ? 'out' as const : 'done' as const,
  };
}

/**
 * A scan of the organiser's QR. The time recorded is the scan time: now, or the time a phone
 * without signal scanned it (`scannedAt`, replayed later from its queue), provided the token was
 * fresh then and the scan falls in the activity's window. A replayed client id answers what it
 * stored the first time; a second check-in changes nothing. Checking in unsigned signs up (if a
 * place is free).
 */
export async function scan(deps: VolunteerDeps, actor: Actor, input: { token: string; action: 'in' | 'out'; clientId?: string; scannedAt?: string }) {
  const t = tokenActivity(deps, input.token);
  const v = await requireSelf(deps.db, actor);
  const now = deps.clock.now();
  if (input.clientId) {
    const prior = await repo.signupByClientId(deps.db, input.clientId);
    if (prior) return replayAnswer(prior, v, input.clientId);
  }
  const at = input.scannedAt ? new Date(input.scannedAt) : now;
  if (at.getTime() > now.getTime() + 60_000) throw new AppError('VALIDATION_FAILED', '扫码时间不能晚于现在', { fields: [{ field: 'body.scannedAt', problem: 'future' }] });
  if (!tokenFresh(t.issuedAt, at)) throw new AppError('VALIDATION_FAILED', '二维码已过期，请扫描组织者屏幕上最新的二维码', { fields: [{ field: 'body.token', problem: 'expired' }] });
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const a = await repo.lockActivity(trx, t.activityId);
      if (!a) throw notFound('志愿活动');
      if (input.action === 'in') {
        const refusal = checkinRefusal(a, at);
        if (refusal) throw new AppError('INVALID_TRANSITION', refusal);
        const signupId = await signUpIn(trx, v, a.id, at > now ? now : at);
        const done = await repo.setCheckin(trx, signupId, at, input.clientId ?? null);
        const s = (await repo.signupOf(trx, a.id, v.id))!;
        return { action: 'in' as const, at: s.checkin_at!.toISOString(), replayed: false, already: !done };
      }
      const s = await repo.signupOf(trx, a.id, v.id);
      const refusal = checkoutRefusal(a, s?.status === 'signed' ? s.checkin_at : null, at);
      if (refusal) throw new AppError('INVALID_TRANSITION', refusal);
      const done = await repo.setCheckout(trx, s!.id, at, input.clientId ?? null);
      const after = (await repo.signupOf(trx, a.id, v.id))!;
      return { action: 'out' as const, at: after.checkout_at!.toISOString(), replayed: false, already: !done };
    });
  } catch (e) {
    // The same offline scan sent twice at once: the other copy stored it.
    if (input.clientId) {
      const prior = await repo.signupByClientId(deps.db, input.clientId);
      if (prior) return replayAnswer(prior, v, input.clientId);
    }
    throw e;
  }
}

function replayAnswer(prior: { volunteer_id: number; checkin_client_id: string | null; checkin_at: Date | null; checkout_at: Date | null }, v: Volunteer, clientId: string) {
  if (prior.volunteer_id !== v.id) throw new AppError('CONFLICT', '该离线记录编号已被使用');
  const action = prior.checkin_client_id === clientId ? 'in' as const : 'out' as const;
  return { action, at: (action === 'in' ? prior.checkin_at : prior.checkout_at)!.toISOString(), replayed: true, already: true };
}

/** The phone's list: open activities near the volunteer (their street first), with their own standing. */
export async function activitiesNearMe(deps: VolunteerDeps, actor: Actor) {
  const v = await requireSelf(deps.db, actor);
  const street = await placeAbove(deps.db as Kysely<DB>, v.org_path, 'street');
  const rows = await repo.activitiesNear(deps.db, v.county_code, street?.path ?? v.org_path, v.id, deps.clock.now(), 50);
  return {
    items: rows.map((a) => ({
      ...activityView(a), mine: a.my_status === 'signed', checkinAt: a.my_status === 'signed' ? a.my_checkin_at?.toISOString() ?? null : null,
      checkoutAt: a.my_status === 'signed' ? a.my_checkout_at?.toISOString() ?? null : null,
    })),
  };
}
