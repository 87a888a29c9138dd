import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertAttachable, linkAttachments, type AttachmentReader } from '../../platform/files/attachment.service.js';
import type { Actor } from '../../platform/http/request-context.js';
import { notify } from '../../platform/notifications.js';
import { orgPlace, placeAbove, placesOnPath } from '../../platform/org-units.js';
import { maskFreeText } from '../../platform/pii/free-text.js';
import { communityInScope, type Scope } from '../../platform/scope.js';
import { volunteerOfAccount } from '../volunteers/index.js';
import { checkWishTransition, CLAIM_DAYS, MAX_LIVE_CLAIMS, type WishAction, type WishActor } from './wish-lifecycle.js';
import { cancelClaimDue, scheduleClaimDue } from './wishes.jobs.js';
import { isWishStaff, mayClaim, WISH_READERS } from './wishes.policy.js';
import * as repo from './wishes.repository.js';
import type { PostWishInput, WallWishT, WishViewT } from './wishes.schemas.js';
import type { WishPersonKind, WishState } from './wishes.tables.js';

export interface WishDeps {
  db: Kysely<DB>;
  clock: Clock;
  ctx: AppContext;
}

export function wishDeps(ctx: AppContext): WishDeps {
  return { db: ctx.database.db, clock: ctx.clock ?? systemClock, ctx };
}

/** Person kinds as the wall says them beside the masked name (王** 独居老人). */
export const PERSON_KIND_NAMES: Record<WishPersonKind, string> = {
  elderly_alone: '独居老人',
  child_in_need: '困难家庭儿童',
  disabled: '残疾人',
  other: '困难群众',
};

/**
 * The wall's name for a person: the surname and two stars, whatever the name's length — a
 * neighbour reading the wall must not be able to tell who it is beyond the family name.
 */
export function wallMask(name: string) {
  const first = [...name.trim()][0] ?? '';
  return `${first}**`;
}

const refuse = (reason: string) => new AppError('INVALID_TRANSITION', reason);

function check(state: WishState, action: WishAction, who: WishActor, note?: string | null) {
  const r = checkWishTransition(state, action, who, note);
  if (!r.ok) throw refuse(r.reason);
  return r.to;
}

/** The end of a China-time day, as an instant. */
const endOfChinaDay = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

function toView(r: repo.WishDetailRow): WishViewT {
  return {
    id: r.id, communityId: r.community_id, communityName: r.community_name, residentId: r.resident_id, residentName: r.resident_name,
    personKind: r.person_kind, personMask: r.person_mask, placeLabel: r.place_label, title: r.title, description: r.description,
    budgetYuan: r.budget_yuan, fulfilBy: r.fulfil_by, state: r.state, postedAt: r.posted_at.toISOString(), postedByName: r.posted_by_name,
    confirmedAt: r.confirmed_at?.toISOString() ?? null, withdrawnAt: r.withdrawn_at?.toISOString() ?? null, withdrawReason: r.withdraw_reason,
    claim: r.claim_state ? {
      claimerName: r.claimer_name!, claimerKind: r.claimer_kind!, state: r.claim_state, claimedAt: r.claimed_at!.toISOString(),
      dueAt: r.due_at!.toISOString(), fulfilledAt: r.fulfilled_at?.toISOString() ?? null, fulfilNote: r.fulfil_note,
      photoIds: (r.photo_ids ?? []).map(Number),
    } : null,
  };
}

/** What the wall and the public page may show: free text typed by staff goes through the number mask. */
function toWall(r: {
  id: number; community_id: number; community_name: string; person_kind: WishPersonKind; person_mask: string; place_label: string;
  title: string; description: string; budget_yuan: number; fulfil_by: string; state: WishState;
}): WallWishT {
  return {
    id: r.id, communityId: r.community_id, communityName: r.community_name, personKind: r.person_kind, personMask: r.person_mask,
    placeLabel: r.place_label, title: maskFreeText(r.title), description: maskFreeText(r.description), budgetYuan: r.budget_yuan,
    fulfilBy: r.fulfil_by, state: r.state,
  };
}

/** 发布: a community's staff post a wish for a resident in their scope. */
export async function postWish(deps: WishDeps, actor: Actor, scope: Scope, input: PostWishInput): Promise<{ wish: WishViewT; replayed: boolean }> {
  if (!isWishStaff(actor.role)) throw new AppError('FORBIDDEN', '只有社区工作人员和网格员可以发布心愿');
  if (input.clientId) {
    const known = await repo.wishIdByClientId(deps.db, input.clientId);
    if (known && known.posted_by === actor.accountId) return { wish: await getWish(deps, scope, known.id), replayed: true };
  }
  const today = chinaDay(deps.clock.now());
  if (input.fulfilBy < today) throw new AppError('VALIDATION_FAILED', '完成期限不能早于今天', { fields: [{ field: 'body.fulfilBy', problem: 'past' }] });
  const latest = chinaDay(new Date(deps.clock.now().getTime() + 90 * 86400_000));
  if (input.fulfilBy > latest) throw new AppError('VALIDATION_FAILED', '完成期限不能超过90天', { fields: [{ field: 'body.fulfilBy', problem: 'too far' }] });
  const resident = await repo.residentInScope(deps.db, scope, input.residentId);
  if (!resident) throw notFound('居民');
  const places = await placesOnPath(deps.db, resident.org_path);
  const community = places.find((p) => p.kind === 'community');
  if (!community) throw new AppError('VALIDATION_FAILED', '该居民尚未登记到社区的住户，无法发布心愿');
  // The wall names the compound (an enclosed grid) and the building, never the unit or room.
  const placeLabel = places.filter((p) => p.kind === 'grid' || p.kind === 'building').map((p) => p.name).join(' ') || community.name;
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertWish(trx, {
      community_id: community.id, org_path: resident.org_path, county_code: resident.county_code, resident_id: resident.id,
      person_kind: input.personKind, person_mask: wallMask(resident.name), place_label: placeLabel, title: input.title,
      description: input.description, budget_yuan: input.budgetYuan, fulfil_by: input.fulfilBy, posted_by: actor.accountId, posted_at: now,
      client_id: input.clientId ?? null,
    });
    await writeAudit(trx, actor, {
      action: 'wish.post', entity: 'wish', entityId: id, orgPath: resident.org_path, countyCode: resident.county_code,
      after: { residentId: resident.id, personKind: input.personKind, title: input.title, budgetYuan: input.budgetYuan, fulfilBy: input.fulfilBy },
    });
    return id;
  });
  return { wish: await getWish(deps, scope, id), replayed: false };
}

export async function getWish(deps: WishDeps, scope: Scope, id: number): Promise<WishViewT> {
  const r = await repo.wishInScope(deps.db, scope, id);
  if (!r) throw notFound('心愿');
  return toView(r);
}

export async function listWishes(deps: WishDeps, scope: Scope, q: { communityId?: number; state?: WishState; personKind?: WishPersonKind; q?: string; page: number; pageSize: number }) {
  const within = q.communityId ? (await communityInScope(deps.db, scope, q.communityId)).path : scope.path;
  const { rows, total } = await repo.wishesPage(deps.db, scope, { ...q, within });
  return { items: rows.map(toView), total };
}

export async function wishCounts(deps: WishDeps, scope: Scope, communityId?: number) {
  const within = communityId ? (await communityInScope(deps.db, scope, communityId)).path : scope.path;
  const rows = await repo.countsByCommunity(deps.db, scope, within);
  const by = new Map<number, { communityId: number; communityName: string; open: number; claimed: number; fulfilled: number; confirmed: number; withdrawn: number }>();
  for (const r of rows) {
    const c = by.get(r.community_id) ?? { communityId: r.community_id, communityName: r.community_name, open: 0, claimed: 0, fulfilled: 0, confirmed: 0, withdrawn: 0 };
    c[r.state] = Number(r.n);
    by.set(r.community_id, c);
  }
  return { items: [...by.values()] };
}

/** The communities near a viewer: those of the street they live in (or their own scope, above a street). */
async function nearPath(deps: WishDeps, scope: Scope) {
  return (await placeAbove(deps.db, scope.path, 'street'))?.path ?? scope.path;
}

async function claimerKind(deps: WishDeps, actor: Actor) {
  const volunteer = actor.role === 'resident' ? await volunteerOfAccount(deps.db, actor.accountId) : null;
  const may = mayClaim(actor.role, !!volunteer);
  if (!may.ok) throw new AppError('FORBIDDEN', may.reason);
  return may.kind;
}

/** The wall: open wishes of the communities near the viewer, persons masked. */
export async function wall(deps: WishDeps, actor: Actor, scope: Scope, q: { communityId?: number; page: number; pageSize: number }) {
  await claimerKind(deps, actor);
  const within = await nearPath(deps, scope);
  const { rows, total } = await repo.openWishes(deps.db, within, chinaDay(deps.clock.now()), q, q.communityId);
  return { items: rows.map(toWall), total };
}

/**
 * 认领: one person at a time. The wish row is locked first, so of two claimers at once the second
 * waits, then sees it claimed and is told so. The claim is due in CLAIM_DAYS days or by the
 * wish's own date, whichever is sooner; a timer returns it to the wall if it is not fulfilled.
 */
export async function claimWish(deps: WishDeps, actor: Actor, scope: Scope, id: number) {
  const kind = await claimerKind(deps, actor);
  const within = await nearPath(deps, scope);
  const { residentId, displayName } = await repo.accountResident(deps.db, actor.accountId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const w = await repo.wishForUpdate(trx, id);
    if (!w || !w.org_path.startsWith(within)) throw notFound('心愿');
    check(w.state, 'claim', 'claimer');
    if (w.fulfil_by < chinaDay(now)) throw refuse('这个心愿已过完成期限，请联系社区');
    if (residentId != null && residentId === w.resident_id) throw refuse('不能认领为自己发布的心愿');
    if ((await repo.liveClaimCount(trx, actor.accountId)) >= MAX_LIVE_CLAIMS) {
      throw refuse(`您已认领${MAX_LIVE_CLAIMS}个心愿尚未完成，请先完成后再认领`);
    }
    const dueAt = new Date(Math.min(now.getTime() + CLAIM_DAYS * 86400_000, endOfChinaDay(w.fulfil_by).getTime()));
    const claim = await repo.insertClaim(trx, {
      wish_id: w.id, org_path: w.org_path, county_code: w.county_code, account_id: actor.accountId, claimer_name: displayName || actor.displayName,
      claimer_resident_id: residentId, claimer_kind: kind, claimed_at: now, due_at: dueAt,
    });
    if (!(await repo.setWish(trx, w.id, 'open', { state: 'claimed', claim_id: claim.id }))) throw refuse('这个心愿已被他人认领');
    await scheduleClaimDue(trx, claim.id, w.county_code, dueAt);
    await writeAudit(trx, actor, {
      action: 'wish.claim', entity: 'wish', entityId: w.id, orgPath: w.org_path, countyCode: w.county_code,
      after: { claimId: claim.id, dueAt: dueAt.toISOString() },
    });
  });
  return myClaimOf(deps, actor, id);
}

/** The live claim of a wish, when it is the caller's. */
async function ownLiveClaim(trx: Transaction<DB>, actor: Actor, w: repo.WishRow) {
  const c = w.claim_id ? await repo.claimById(trx, w.claim_id) : undefined;
  if (!c || c.account_id !== actor.accountId) throw refuse('这个心愿不是您认领的');
  return c;
}

/** 放弃认领: the claimer gives the wish back to the wall before the due date. */
export async function releaseWish(deps: WishDeps, actor: Actor, id: number, reason: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const w = await repo.wishForUpdate(trx, id);
    if (!w) throw notFound('心愿');
    check(w.state, 'release', 'claimer');
    const c = await ownLiveClaim(trx, actor, w);
    await repo.setClaim(trx, c.id, { state: 'released', ended_at: now, end_note: reason });
    await repo.setWish(trx, w.id, 'claimed', { state: 'open', claim_id: null });
    await cancelClaimDue(trx, c.id);
    await writeAudit(trx, actor, { action: 'wish.release', entity: 'wish', entityId: w.id, orgPath: w.org_path, countyCode: w.county_code, reason });
  });
  return { ok: true as const };
}

/** 完成: the claimer reports what was done, with at least one photo; the community confirms. */
export async function fulfilWish(deps: WishDeps, actor: Actor, scope: Scope, id: number, body: { note: string; photoIds: number[] }) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const w = await repo.wishForUpdate(trx, id);
    if (!w) throw notFound('心愿');
    check(w.state, 'fulfil', 'claimer', body.note);
    const c = await ownLiveClaim(trx, actor, w);
    const photos = await assertAttachable(trx, actor, scope, body.photoIds, 'body.photoIds');
    await repo.setClaim(trx, c.id, { state: 'fulfilled', fulfilled_at: now, fulfil_note: body.note, photo_ids: JSON.stringify(photos) });
    await repo.setWish(trx, w.id, 'claimed', { state: 'fulfilled' });
    await linkAttachments(trx, photos, { entity: 'wish', entityId: w.id, orgPath: w.org_path, countyCode: w.county_code });
    await cancelClaimDue(trx, c.id);
    const to = [...await repo.communityStaff(trx, w.community_id), w.posted_by, ...await repo.accountsOfResident(trx, w.resident_id)];
    await notify(trx, deps.ctx, to, {
      title: '心愿已完成，请确认', body: `“${w.title}”由${c.claimer_name}完成，请核实后确认`, link: `/wishes?id=${w.id}`,
      orgPath: w.org_path, countyCode: w.county_code,
    });
    await writeAudit(trx, actor, {
      action: 'wish.fulfil', entity: 'wish', entityId: w.id, orgPath: w.org_path, countyCode: w.county_code, after: { note: body.note, photoIds: photos },
    });
  });
  return myClaimOf(deps, actor, id);
}

/**
 * 确认: the community's staff (in scope) or the resident the wish is for closes it. Anyone else
 * is told the wish is not theirs to confirm.
 */
export async function confirmWish(deps: WishDeps, actor: Actor, scope: Scope, id: number, as: 'staff' | 'beneficiary') {
  const now = deps.clock.now();
  const { residentId } = as === 'beneficiary' ? await repo.accountResident(deps.db, actor.accountId) : { residentId: null };
  await deps.db.transaction().execute(async (trx) => {
    const w = await repo.wishForUpdate(trx, id);
    if (as === 'staff' && (!w || !scope.contains(w.org_path) || !isWishStaff(actor.role))) throw notFound('心愿');
    if (as === 'beneficiary' && (!w || residentId == null || w.resident_id !== residentId)) throw notFound('心愿');
    check(w!.state, 'confirm', as);
    const c = (await repo.claimById(trx, w!.claim_id!))!;
    await repo.setClaim(trx, c.id, { state: 'confirmed', ended_at: now });
    await repo.setWish(trx, w!.id, 'fulfilled', { state: 'confirmed', confirmed_at: now, confirmed_by: actor.accountId });
    await notify(trx, deps.ctx, [c.account_id], {
      title: '您完成的心愿已确认', body: `“${w!.title}”已确认完成，感谢您的付出`, link: '/m/wishes', orgPath: w!.org_path, countyCode: w!.county_code,
    });
    await writeAudit(trx, actor, {
      action: 'wish.confirm', entity: 'wish', entityId: w!.id, orgPath: w!.org_path, countyCode: w!.county_code, after: { by: as, claimId: c.id },
    });
  });
  return as === 'staff' ? getWish(deps, scope, id) : toView((await repo.wishById(deps.db, id))!);
}

/** 撤回: staff take a wish off the wall with a reason; a claimer holding it is told. */
export async function withdrawWish(deps: WishDeps, actor: Actor, scope: Scope, id: number, reason: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const w = await repo.wishForUpdate(trx, id);
    if (!w || !scope.contains(w.org_path) || !isWishStaff(actor.role)) throw notFound('心愿');
    const from = w.state;
    check(from, 'withdraw', 'staff', reason);
    if (from === 'claimed' && w.claim_id) {
      const c = (await repo.claimById(trx, w.claim_id))!;
      await repo.setClaim(trx, c.id, { state: 'withdrawn', ended_at: now, end_note: reason });
      await cancelClaimDue(trx, c.id);
      await notify(trx, deps.ctx, [c.account_id], {
        title: '您认领的心愿已撤回', body: `“${w.title}”已由社区撤回：${reason}`, link: '/m/wishes', orgPath: w.org_path, countyCode: w.county_code,
      });
    }
    await repo.setWish(trx, w.id, from, { state: 'withdrawn', withdrawn_at: now, withdrawn_by: actor.accountId, withdraw_reason: reason });
    await writeAudit(trx, actor, { action: 'wish.withdraw', entity: 'wish', entityId: w.id, orgPath: w.org_path, countyCode: w.county_code, reason });
  });
  return getWish(deps, scope, id);
}

function toMyClaim(r: Awaited<ReturnType<typeof repo.claimsOf>>['rows'][number]) {
  return {
    ...toWall(r), claimState: r.claim_state, claimedAt: r.claimed_at.toISOString(), dueAt: r.due_at.toISOString(),
    fulfilledAt: r.fulfilled_at?.toISOString() ?? null, fulfilNote: r.fulfil_note, photoIds: (r.photo_ids ?? []).map(Number),
  };
}

export async function myClaims(deps: WishDeps, actor: Actor, page: { page: number; pageSize: number }) {
  const { rows, total } = await repo.claimsOf(deps.db, actor.accountId, page);
  return { items: rows.map(toMyClaim), total };
}

async function myClaimOf(deps: WishDeps, actor: Actor, wishId: number) {
  const { rows } = await repo.claimsOf(deps.db, actor.accountId, { page: 1, pageSize: 200 });
  const r = rows.find((x) => x.id === wishId);
  if (!r) throw notFound('心愿');
  return toMyClaim(r);
}

/** Wishes posted for the signed-in resident: what was done for them and what waits for their word. */
export async function wishesForMe(deps: WishDeps, actor: Actor) {
  const { residentId } = await repo.accountResident(deps.db, actor.accountId);
  if (residentId == null) return { items: [] };
  return { items: (await repo.wishesForResident(deps.db, residentId)).map(toView) };
}

/** The public wall of one community: open wishes, persons masked, and this year's confirmed count. */
export async function publicWall(db: Kysely<DB>, clock: Clock, communityId: number, page: { page: number; pageSize: number }) {
  const community = await orgPlace(db, communityId, { kind: 'community', live: true });
  if (!community) throw notFound('社区');
  const now = clock.now();
  const year = chinaDay(now).slice(0, 4);
  const { rows, total } = await repo.openWishes(db, community.path, chinaDay(now), page, community.id);
  return {
    communityName: community.name, confirmedThisYear: await repo.confirmedSince(db, community.id, new Date(`${year}-01-01T00:00:00+08:00`)),
    items: rows.map(toWall), total,
  };
}

/**
 * Wishes confirmed in a China-time year, by the resident id of the one who fulfilled them (the
 * 双报到 year record of in-service members).
 */
export async function wishesFulfilledByResidents(db: Kysely<DB> | Transaction<DB>, residentIds: number[], year: number): Promise<Map<number, number>> {
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const rows = await repo.confirmedByResidents(db, residentIds, from, to);
  return new Map(rows.map((r) => [r.claimer_resident_id!, Number(r.n)]));
}

/**
 * Photos attached to wishes: staff who read wishes with the wish in scope, the one who claimed it
 * and the resident it was for. Nobody else, whatever their scope.
 */
export function wishFileReader(deps: WishDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    if (!ids.length) return false;
    const { residentId } = await repo.accountResident(deps.db, actor.accountId);
    return repo.anyWishReadable(deps.db, ids, { scope: WISH_READERS.includes(actor.role) ? scope : undefined, accountId: actor.accountId, residentId });
  };
}
