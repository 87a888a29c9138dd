import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB, DemandChannel, Role } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { can } from '../../platform/auth/permissions.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { cancelJobs, scheduleJob, type JobHandler } from '../../platform/jobs.js';
import { isMobile, maskPhone } from '../../platform/pii/id-number.js';
import { maskName } from '../../platform/pii/name.js';
import { revealReasonLabel, type RevealReason } from '../../platform/pii/reveal-reasons.js';
import { inScope, type Scope } from '../../platform/scope.js';
import { REPORT_WITHIN_MS, RETURN_WITHIN_WORKING_DAYS, STREET_TIER_MIN_WORKING_DAYS, addWorkingDays, cstDay, dueAt, warnAt } from './deadlines.js';
import { STATE_NAMES, checkExtensionRequest, checkTransition, type DemandAction, type DemandState } from './demand-lifecycle.js';
import * as repo from './demand.repository.js';
import { notify } from './notify.js';
import { findCategory, workCalendar } from './demand-lookups.js';
import { assertAttachable, attachToDemand, photoUrls } from './demand-attachments.js';

type Trx = Transaction<DB>;

export interface DemandDeps {
  db: Kysely<DB>;
  clock: Clock;
  ctx: AppContext;
}

export function demandDeps(ctx: AppContext): DemandDeps {
  return { db: ctx.database.db, clock: ctx.clock ?? systemClock, ctx };
}

const STAFF_ROLES: Role[] = ['city_admin', 'county_admin', 'street_admin', 'community_secretary', 'community_worker', 'grid_worker', 'property_company'];

/** Who the caller is to the demands module: their department or resident link matters here. */
async function accountLinks(db: Kysely<DB> | Trx, accountId: number) {
  return db.selectFrom('account').select(['department_id', 'resident_id']).where('id', '=', accountId).executeTakeFirstOrThrow();
}

/**
 * The one read filter for demands: staff see their subtree, departments the demands whistled
 * to them, residents and party members their own reports.
 */
export async function visible(db: Kysely<DB> | Trx, actor: Actor, scope: Scope) {
  const qb = repo.selectDemands(db);
  if (STAFF_ROLES.includes(actor.role)) return qb.where(inScope(scope, 'd.org_path'));
  if (actor.role === 'department') {
    const { department_id } = await accountLinks(db, actor.accountId);
    return qb.where(inScope(scope, 'd.org_path')).where((eb) =>
      eb.exists(eb.selectFrom('demand_dispatch as x').select('x.id').whereRef('x.demand_id', '=', 'd.id').where('x.department_id', '=', department_id ?? -1)),
    );
  }
  return qb.where('d.reporter_account_id', '=', actor.accountId);
}

export async function getDemand(deps: DemandDeps, actor: Actor, scope: Scope, id: number) {
  const d = await (await visible(deps.db, actor, scope)).where('d.id', '=', id).executeTakeFirst();
  if (!d) throw notFound('诉求');
  const [events, dispatches, extensions] = await Promise.all([repo.timeline(deps.db, id), repo.dispatchesOf(deps.db, id), repo.extensionsOf(deps.db, id)]);
  // Departments see the reporter masked (name and phone), and residents on the timeline too.
  const masked = masksPeople(actor);
  return {
    ...toView(d, deps.clock.now(), masked), timeline: events.map((e) => eventView(e, masked)), dispatches: dispatches.map(dispatchView),
    extension: extensionView(extensions.at(-1)),
  };
}

export async function listDemands(
  deps: DemandDeps, actor: Actor, scope: Scope,
  q: { orgId?: number; state?: string; overdue?: boolean; mine?: boolean; page: number; pageSize: number },
) {
  let qb = await visible(deps.db, actor, scope);
  if (q.orgId) {
    const u = await deps.db.selectFrom('org_unit').select('path').where('id', '=', q.orgId).executeTakeFirst();
    scope.assert(u?.path, '组织');
    qb = qb.where('d.org_path', 'like', `${u!.path}%`);
  }
  if (q.state) qb = qb.where('d.state', '=', q.state);
  if (q.overdue) qb = qb.where('d.overdue_at', 'is not', null).where('d.closed_at', 'is', null);
  if (q.mine) qb = qb.where('d.handler_account_id', '=', actor.accountId);
  const [items, total] = await Promise.all([
    qb.orderBy('d.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    deps.db.selectFrom(qb.clearSelect().select('d.id').limit(100_000).as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const now = deps.clock.now();
  const masked = masksPeople(actor);
  return { items: items.map((d) => toView(d, now, masked)), total: total.n };
}

export interface CreateDemandInput {
  orgId?: number;
  householdId?: number;
  categoryCode: string;
  description: string;
  address?: string;
  lat?: number;
  lng?: number;
  /** Uploaded photos (platform/files): the caller's own uploads or files in their scope. */
  attachmentIds?: number[];
  /** Outside media URLs (Open311's media_url). */
  photos?: string[];
  channel: DemandChannel;
  reporterName?: string;
  reporterPhone?: string;
  clientId?: string;
  /** 就地解决: a grid worker who fixed it during the visit says how. */
  solvedOnSpotNote?: string;
  /** Skip the duplicate check (the caller saw the suggestions and chose a new report). */
  force?: boolean;
  /** Posted by an outside system (Open311): no Linli account reported it. */
  external?: boolean;
}

/**
 * Records a demand. Replaying the same clientId (a phone resending its offline queue) returns
 * the demand already stored instead of a second one — also when two copies race: the one that
 * loses on the unique client_id answers with what the other stored.
 */
export async function createDemand(deps: DemandDeps, actor: Actor, scope: Scope, input: CreateDemandInput) {
  const prior = await storedReplay(deps, actor, scope, input.clientId);
  if (prior) return prior;
  try {
    return await storeDemand(deps, actor, scope, input);
  } catch (e) {
    const stored = await storedReplay(deps, actor, scope, input.clientId);
    if (stored) return stored;
    throw e;
  }
}

/** The demand already stored under an offline record's clientId, if any, as its replay answer. */
async function storedReplay(deps: DemandDeps, actor: Actor, scope: Scope, clientId: string | undefined) {
  if (!clientId) return null;
  const existing = await deps.db.selectFrom('demand').select(['id', 'reporter_account_id']).where('client_id', '=', clientId).executeTakeFirst();
  if (!existing) return null;
  if (existing.reporter_account_id !== actor.accountId) throw new AppError('CONFLICT', '该离线记录编号已被使用');
  return { demand: await getDemand(deps, actor, scope, existing.id), replayed: true, duplicates: [] };
}

/** Residents and party members report as themselves: only their own household, or a shared place. */
const SELF_REPORTERS: Role[] = ['resident', 'party_member'];

/**
 * A resident may name a household only if it is their own; the stairwell, the building and the
 * rest of the common areas in their scope are reported by place (orgId), as before.
 */
async function assertOwnHousehold(db: Kysely<DB>, actor: Actor, householdId: number | undefined) {
  if (!householdId || !SELF_REPORTERS.includes(actor.role)) return;
  const own = await db.selectFrom('account').innerJoin('resident', 'resident.id', 'account.resident_id')
    .select('resident.household_id').where('account.id', '=', actor.accountId).executeTakeFirst();
  if (own?.household_id !== householdId) {
    throw new AppError('FORBIDDEN', '只能为自己家反映诉求；楼道、楼栋等公共区域的问题请不选住户直接提交', {
      fields: [{ field: 'body.householdId', problem: 'not your household' }],
    });
  }
}

async function storeDemand(deps: DemandDeps, actor: Actor, scope: Scope, input: CreateDemandInput) {
  const { db } = deps;
  await assertOwnHousehold(db, actor, input.householdId);
  if (input.reporterPhone && !isMobile(input.reporterPhone)) {
    throw new AppError('VALIDATION_FAILED', '手机号应为11位，以1开头', { fields: [{ field: 'body.reporterPhone', problem: 'mobile' }] });
  }
  const now = deps.clock.now();
  const category = await findCategory(db, input.categoryCode);
  if (!category) throw new AppError('VALIDATION_FAILED', '诉求类别不存在', { fields: [{ field: 'body.categoryCode', problem: 'unknown' }] });
  const attachmentIds = await assertAttachable(db, actor, scope, input.attachmentIds ?? [], 'body.attachmentIds');
  const photos = JSON.stringify([...attachmentIds, ...(input.photos ?? [])]);

  if (!input.force && !input.solvedOnSpotNote && !input.clientId && !input.external) {
    const place = await resolvePlace(db, actor, scope, input);
    const since = new Date(now.getTime() - 14 * 86400_000);
    const dups = await repo.likelyDuplicates(db, scope, place.orgId, input.categoryCode, since);
    if (dups.length) {
      throw new AppError('CONFLICT', '附近已有同类诉求正在办理，可以“我也遇到”或合并，确认是新问题请再次提交', {
        reason: 'LIKELY_DUPLICATE',
        duplicates: dups.map((d) => toView(d, now)),
      });
    }
  }

  const due = dueAt(now, category, await workCalendar(db));
  const orgId = input.orgId ?? (['resident', 'party_member'].includes(actor.role) ? scope.orgId : undefined);
  if (!orgId && !input.householdId) {
    throw new AppError('VALIDATION_FAILED', '请选择诉求发生的住户或网格', { fields: [{ field: 'body.orgId', problem: 'required' }] });
  }
  const newDemand: repo.NewDemand = {
    place: { orgId: orgId ?? null, householdId: input.householdId ?? null, scopePath: scope.path },
    demand: {
      channel: input.channel, category_code: category.code, description: input.description, address: input.address ?? null,
      lat: input.lat ?? null, lng: input.lng ?? null, photos,
      reporter_account_id: input.external ? null : actor.accountId, reporter_name: input.reporterName ?? (input.external ? null : actor.displayName),
      reporter_phone_enc: input.reporterPhone ? deps.ctx.cipher.encrypt(input.reporterPhone) : null,
      reporter_phone_hash: input.reporterPhone ? deps.ctx.cipher.hash(input.reporterPhone) : null,
      reporter_phone_mask: input.reporterPhone ? maskPhone(input.reporterPhone) : null,
      due_at: due, client_id: input.clientId ?? null, created_at: now,
    },
    actor, warnAt: warnAt(due, category, now),
    eventDetail: JSON.stringify({ channel: input.channel, category: category.code, dueAt: due.toISOString() }),
    auditAfter: JSON.stringify({ category: category.code, channel: input.channel }),
    notice: input.solvedOnSpotNote ? null : { title: `新诉求：${category.name}`, body: input.description.slice(0, 60) },
  };
  // Nothing written: the place is unknown, outside the caller's scope or too broad. Say which.
  const placeRefused = async (q: Kysely<DB> | Trx = db): Promise<never> => {
    await resolvePlace(q, actor, scope, input);
    throw notFound('组织');
  };

  if (!attachmentIds.length && !input.solvedOnSpotNote) {
    // The common case: one statement, and the answer built from what was written, not re-read.
    const w = (await repo.insertNewDemand(db, newDemand)) ?? (await placeRefused());
    const d = newDemand.demand;
    const row: repo.DemandRow = {
      id: w.id, org_id: w.org_id, org_path: w.org_path, county_code: w.county_code, household_id: w.household_id,
      channel: input.channel, category_code: category.code, description: input.description, address: w.address,
      lat: d.lat ?? null, lng: d.lng ?? null, photos: JSON.parse(photos), reporter_account_id: d.reporter_account_id ?? null,
      reporter_name: d.reporter_name ?? null, reporter_phone_mask: d.reporter_phone_mask ?? null, state: 'submitted', tier: 'community',
      handler_account_id: null, due_at: due, overdue_at: null, merged_into_id: null, me_too_count: 0, reopen_count: 0, rating: null,
      client_id: d.client_id ?? null, created_at: now, responded_at: null, resolved_at: null, closed_at: null,
      category_name: category.name, place_name: w.place_name, handler_name: null,
    };
    const event = {
      id: w.event_id, demand_id: w.id, at: now, account_id: actor.accountId, actor_name: actor.displayName, actor_role: actor.role,
      action: 'create', from_state: null, to_state: 'submitted', note: input.description, attachments: JSON.parse(photos),
      detail: JSON.parse(newDemand.eventDetail), org_path: w.org_path, county_code: w.county_code,
    };
    return { demand: { ...toView(row, now), timeline: [eventView(event)], dispatches: [], extension: null }, replayed: false, duplicates: [] };
  }

  const id = await db.transaction().execute(async (trx) => {
    const w = (await repo.insertNewDemand(trx, newDemand)) ?? (await placeRefused(trx));
    await attachToDemand(trx, attachmentIds, { id: w.id, org_path: w.org_path, county_code: w.county_code });
    if (input.solvedOnSpotNote) await applyTransition(deps, trx, w.id, actor, 'solve_on_spot', { note: input.solvedOnSpotNote });
    return w.id;
  });
  return { demand: await getDemand(deps, actor, scope, id), replayed: false, duplicates: [] };
}

async function resolvePlace(db: Kysely<DB> | Trx, actor: Actor, scope: Scope, input: CreateDemandInput) {
  if (input.householdId) {
    const h = await db.selectFrom('household').innerJoin('org_unit as o', 'o.id', 'household.unit_id')
      .select(['household.id', 'household.unit_id', 'household.org_path', 'household.county_code', 'household.address', 'o.name as unit_name'])
      .where('household.id', '=', input.householdId).executeTakeFirst();
    scope.assert(h?.org_path, '住户');
    return { orgId: h!.unit_id, orgPath: h!.org_path, countyCode: h!.county_code, householdId: h!.id, address: h!.address, placeName: h!.unit_name };
  }
  const orgId = input.orgId ?? (['resident', 'party_member'].includes(actor.role) ? scope.orgId : undefined);
  if (!orgId) throw new AppError('VALIDATION_FAILED', '请选择诉求发生的住户或网格', { fields: [{ field: 'body.orgId', problem: 'required' }] });
  const u = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'kind', 'name']).where('id', '=', orgId).executeTakeFirst();
  scope.assert(u?.path, '组织');
  if (['city', 'county', 'street'].includes(u!.kind)) {
    throw new AppError('VALIDATION_FAILED', '请选择到社区、网格或楼栋', { fields: [{ field: 'body.orgId', problem: 'too broad' }] });
  }
  return { orgId: u!.id, orgPath: u!.path, countyCode: u!.county_code, householdId: null, address: u!.name, placeName: u!.name };
}

async function scheduleDeadline(trx: Trx, id: number, countyCode: string, start: Date, due: Date, c: { limit_kind: 'hours' | 'working_days'; limit_value: number; warn_before_hours: number }) {
  await scheduleJob(trx, { kind: 'demand.warn', runAt: warnAt(due, c, start), payload: { demandId: id, dueAt: due.toISOString() }, countyCode, dedupeKey: `demand:${id}:warn` });
  await scheduleJob(trx, { kind: 'demand.overdue', runAt: due, payload: { demandId: id, dueAt: due.toISOString() }, countyCode, dedupeKey: `demand:${id}:overdue` });
}

export interface ActionInput {
  note?: string;
  /** Attachment ids: a handler's proof of resolution, photos of the place. */
  attachments?: number[];
  handlerAccountId?: number;
  departmentIds?: number[];
  intoId?: number;
  /** 延期: working days asked for. */
  days?: number;
}

/** Takes one lifecycle step, checked against the table; every step lands on the timeline. */
export async function act(deps: DemandDeps, actor: Actor, scope: Scope, id: number, action: DemandAction, input: ActionInput) {
  await deps.db.transaction().execute(async (trx) => {
    const d = await repo.findDemandForUpdate(trx, id);
    const canSee = d && (STAFF_ROLES.includes(actor.role) ? scope.contains(d.org_path) : d.reporter_account_id === actor.accountId);
    if (!d || !canSee) throw notFound('诉求');
    const attachments = await assertAttachable(trx, actor, scope, input.attachments ?? [], 'body.attachments');
    await applyTransition(deps, trx, id, actor, action, { ...input, attachments });
    await attachToDemand(trx, attachments, d);
  });
  return getDemand(deps, actor, scope, id);
}

/** One step inside the caller's transaction; callers have checked the scope already. */
export async function applyTransition(deps: DemandDeps, trx: Trx, id: number, actor: Actor | null, action: DemandAction, input: ActionInput) {
  const d = (await repo.findDemandForUpdate(trx, id))!;
  const who = !actor ? 'system' : d.reporter_account_id === actor.accountId && ['resident', 'party_member'].includes(actor.role) ? 'reporter' : actor.role;
  const check = checkTransition(d.state as DemandState, action, who, input.note, d.tier);
  if (!check.ok) throw new AppError('INVALID_TRANSITION', check.reason, { state: d.state, action });
  const now = deps.clock.now();
  const set: Record<string, unknown> = { state: check.to };
  const detail: Record<string, unknown> = {};

  switch (action) {
    case 'accept':
      set.handler_account_id = actor!.accountId;
      set.responded_at = d.responded_at ?? now;
      break;
    case 'solve_on_spot':
      set.tier = 'spot';
      set.handler_account_id = actor!.accountId;
      set.responded_at = d.responded_at ?? now;
      set.resolved_at = now;
      break;
    case 'assign': {
      const h = input.handlerAccountId
        ? await trx.selectFrom('account').select(['id', 'display_name', 'role', 'scope_path']).where('id', '=', input.handlerAccountId).executeTakeFirst()
        : undefined;
      if (!h || !['grid_worker', 'community_worker', 'community_secretary', 'property_company'].includes(h.role) || !d.org_path.startsWith(h.scope_path)) {
        throw new AppError('VALIDATION_FAILED', '请选择负责此处的网格员、社区工作者或物业', { fields: [{ field: 'body.handlerAccountId', problem: 'not a handler here' }] });
      }
      set.handler_account_id = h.id;
      set.responded_at = d.responded_at ?? now;
      detail.handler = { id: h.id, name: h.display_name, role: h.role };
      await notify(trx, deps.ctx, [h.id], { title: '您有新的诉求待办', body: d.description.slice(0, 60), link: `/demands/${id}`, orgPath: d.org_path, countyCode: d.county_code });
      break;
    }
    case 'resolve':
    case 'all_departments_resolved':
      set.resolved_at = now;
      break;
    case 'put_on_agenda':
      set.tier = 'meeting';
      break;
    case 'decide_at_meeting':
      set.tier = 'community';
      break;
    case 'request_escalation': {
      const admins = await repo.streetAdminsAbove(trx, d.org_path);
      await notify(trx, deps.ctx, admins.map((a) => a.id), { title: '社区提请吹哨', body: input.note!.slice(0, 60), link: `/demands/${id}`, orgPath: d.org_path, countyCode: d.county_code });
      break;
    }
    case 'escalate':
      set.tier = 'street';
      detail.departments = await whistle(deps, trx, d, input.departmentIds ?? [], now);
      break;
    case 'rate_satisfied':
      set.rating = input.note === 'basic' ? 'basic' : 'satisfied';
      set.closed_at = now;
      break;
    case 'rate_unsatisfied':
      // Back to whoever handled it, with the resident's reason on the timeline.
      set.rating = 'unsatisfied';
      set.reopen_count = d.reopen_count + 1;
      set.resolved_at = null;
      set.tier = d.tier === 'spot' ? 'community' : d.tier;
      if (d.handler_account_id) {
        await notify(trx, deps.ctx, [d.handler_account_id], { title: '居民不满意，诉求已退回', body: input.note!.slice(0, 60), link: `/demands/${id}`, orgPath: d.org_path, countyCode: d.county_code });
      }
      break;
    case 'request_extension':
      detail.extension = await requestExtension(deps, trx, d, actor!, input.days, input.note!, now);
      break;
    case 'approve_extension':
    case 'reject_extension': {
      const decided = await decideExtension(deps, trx, d, actor!, action === 'approve_extension', input.note, now);
      if (decided.dueAfter) {
        set.due_at = decided.dueAfter;
        set.overdue_at = null;
      }
      detail.extension = { id: decided.id, days: decided.days, dueAfter: decided.dueAfter?.toISOString() ?? null };
      break;
    }
    case 'merge': {
      const into = input.intoId ? await trx.selectFrom('demand').select(['id', 'org_path', 'state', 'merged_into_id']).where('id', '=', input.intoId).executeTakeFirst() : undefined;
      if (!into || into.id === id || into.merged_into_id || !into.org_path.startsWith(communityPrefix(d.org_path))) {
        throw new AppError('VALIDATION_FAILED', '请选择同一社区内另一条未合并的诉求', { fields: [{ field: 'body.intoId', problem: 'invalid target' }] });
      }
      set.merged_into_id = into.id;
      set.closed_at = now;
      await trx.updateTable('demand').set((eb) => ({ me_too_count: eb('me_too_count', '+', 1 + d.me_too_count) })).where('id', '=', into.id).execute();
      await repo.insertEvent(trx, {
        demand_id: into.id, at: now, account_id: actor!.accountId, actor_name: actor!.displayName, actor_role: actor!.role,
        action: 'absorb', note: `合并了诉求 #${id}`, detail: JSON.stringify({ mergedId: id }), org_path: into.org_path, county_code: d.county_code,
      });
      detail.intoId = into.id;
      break;
    }
  }

  if (['resolved', 'closed', 'merged'].includes(check.to)) {
    await cancelJobs(trx, `demand:${id}:warn`);
    await cancelJobs(trx, `demand:${id}:overdue`);
  }
  if (action === 'rate_unsatisfied' || action === 'decline_escalation') {
    // A reopened or declined demand gets a fresh time limit from now.
    const c = (await findCategory(deps.db, d.category_code, trx))!;
    const due = dueAt(now, c, await workCalendar(deps.db, trx));
    set.due_at = due;
    set.overdue_at = null;
    await scheduleDeadline(trx, id, d.county_code, now, due, c);
  }
  if (check.to === 'resolved' && d.reporter_account_id) {
    await notify(trx, deps.ctx, [d.reporter_account_id], { title: '您的诉求已办结，请评价', body: input.note?.slice(0, 60) ?? '', link: `/m/demands/${id}`, orgPath: d.org_path, countyCode: d.county_code });
  }

  await trx.updateTable('demand').set(set).where('id', '=', id).execute();
  await repo.insertEvent(trx, {
    demand_id: id, at: now, account_id: actor?.accountId ?? null, actor_name: actor?.displayName ?? '系统', actor_role: actor?.role ?? 'system',
    action, from_state: d.state, to_state: check.to, note: input.note ?? null, attachments: JSON.stringify(input.attachments ?? []),
    detail: JSON.stringify(detail), org_path: d.org_path, county_code: d.county_code,
  });
}

/** 延期申请: checked against the one-extension, ten-working-day rule; the approvers are told. */
async function requestExtension(deps: DemandDeps, trx: Trx, d: repo.DemandForUpdate, actor: Actor, days: number | undefined, reason: string, now: Date) {
  const earlier = await repo.extensionsOf(trx, d.id);
  const check = checkExtensionRequest(days, earlier);
  if (!check.ok) throw new AppError('INVALID_TRANSITION', check.reason, { action: 'request_extension', days });
  const { id } = await trx.insertInto('demand_extension').values({
    demand_id: d.id, days: check.days, reason, requested_by: actor.accountId, requested_at: now, due_before: d.due_at,
    org_path: d.org_path, county_code: d.county_code,
  }).returning('id').executeTakeFirstOrThrow();
  const approvers = d.tier === 'street' ? await repo.streetAdminsAbove(trx, d.org_path) : await repo.communityStaffAbove(trx, d.org_path);
  await notify(trx, deps.ctx, approvers.map((a) => a.id), {
    title: `延期申请：${check.days}个工作日`, body: reason.slice(0, 60), link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code,
  });
  return { id, days: check.days };
}

/** Approving moves the due time by the working days asked for and resets the deadline timers. */
async function decideExtension(deps: DemandDeps, trx: Trx, d: repo.DemandForUpdate, actor: Actor, approve: boolean, note: string | undefined, now: Date) {
  const pending = await trx.selectFrom('demand_extension').selectAll().where('demand_id', '=', d.id).where('state', '=', 'requested')
    .forUpdate().executeTakeFirst();
  if (!pending) throw new AppError('INVALID_TRANSITION', '此诉求没有待审批的延期申请');
  let dueAfter: Date | null = null;
  if (approve) {
    dueAfter = addWorkingDays(d.due_at, pending.days, await workCalendar(deps.db, trx));
    const c = (await findCategory(deps.db, d.category_code, trx))!;
    await scheduleDeadline(trx, d.id, d.county_code, now, dueAfter, c);
  }
  await trx.updateTable('demand_extension').set({
    state: approve ? 'approved' : 'rejected', decided_by: actor.accountId, decided_at: now, decision_note: note ?? null, due_after: dueAfter,
  }).where('id', '=', pending.id).execute();
  await notify(trx, deps.ctx, [pending.requested_by], {
    title: approve ? `延期已批准，新的办理期限 ${cstDay(dueAfter!)}` : '延期申请未获批准', body: note?.slice(0, 60) ?? pending.reason.slice(0, 60),
    link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code,
  });
  return { id: pending.id, days: pending.days, dueAfter };
}

/** 街乡吹哨: one dispatch per department; each must report (报到) within 30 minutes. */
async function whistle(deps: DemandDeps, trx: Trx, d: { id: number; org_path: string; county_code: string; category_code: string; description: string }, departmentIds: number[], now: Date) {
  const ids = [...new Set(departmentIds)];
  if (!ids.length) throw new AppError('VALIDATION_FAILED', '请至少选择一个职能部门', { fields: [{ field: 'body.departmentIds', problem: 'required' }] });
  const deps_ = await trx.selectFrom('department').select(['id', 'name', 'org_path']).where('id', 'in', ids).execute();
  if (deps_.length !== ids.length || deps_.some((x) => !d.org_path.startsWith(x.org_path))) {
    throw new AppError('VALIDATION_FAILED', '所选部门不存在或不负责此地', { fields: [{ field: 'body.departmentIds', problem: 'unknown' }] });
  }
  const c = (await findCategory(deps.db, d.category_code, trx))!;
  const overrides = await workCalendar(deps.db, trx);
  const due = c.limit_kind === 'working_days' && c.limit_value > STREET_TIER_MIN_WORKING_DAYS ? dueAt(now, c, overrides) : addWorkingDays(now, STREET_TIER_MIN_WORKING_DAYS, overrides);
  await trx.updateTable('demand').set({ due_at: due, overdue_at: null }).where('id', '=', d.id).execute();
  await scheduleDeadline(trx, d.id, d.county_code, now, due, { ...c, warn_before_hours: 24 });
  for (const dep of deps_) {
    const { id } = await trx.insertInto('demand_dispatch').values({
      demand_id: d.id, department_id: dep.id, org_path: d.org_path, county_code: d.county_code,
      created_at: now, report_due_at: new Date(now.getTime() + REPORT_WITHIN_MS),
    }).returning('id').executeTakeFirstOrThrow();
    await scheduleJob(trx, { kind: 'dispatch.report_due', runAt: new Date(now.getTime() + REPORT_WITHIN_MS), payload: { dispatchId: id }, countyCode: d.county_code, dedupeKey: `dispatch:${id}:report` });
    const accounts = await trx.selectFrom('account').select('id').where('department_id', '=', dep.id).execute();
    await notify(trx, deps.ctx, accounts.map((a) => a.id), { title: '街道吹哨：请30分钟内报到', body: d.description.slice(0, 60), link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code, sms: true });
  }
  return deps_.map((x) => ({ id: x.id, name: x.name }));
}

export type DispatchAction = 'accept' | 'progress' | 'resolve' | 'return' | 'request_extension' | 'request_reroute';

/**
 * 部门报到: a department accepts its whistle, reports progress, resolves, or sends it back with
 * a reason ("not ours") — then the street re-routes it; nothing is dropped silently. Sending back
 * is only for the first RETURN_WITHIN_WORKING_DAYS working days; after that the department
 * handles it, asks for more time (request_extension) or asks the street to re-route it.
 */
export async function actOnDispatch(
  deps: DemandDeps, actor: Actor, scope: Scope, dispatchId: number, action: DispatchAction, note?: string, attachments: number[] = [],
  extra: { days?: number } = {},
) {
  const demandId = await deps.db.transaction().execute(async (trx) => {
    const x = await trx.selectFrom('demand_dispatch').selectAll().where('id', '=', dispatchId).forUpdate().executeTakeFirst();
    const { department_id } = await accountLinks(trx, actor.accountId);
    if (!x || x.department_id !== department_id || !scope.contains(x.org_path)) throw notFound('派单');
    const allowed: Record<DispatchAction, string[]> = {
      accept: ['dispatched'], progress: ['accepted'], resolve: ['accepted'], return: ['dispatched', 'accepted'],
      request_extension: ['accepted'], request_reroute: ['dispatched', 'accepted'],
    };
    if (!allowed[action].includes(x.state)) {
      throw new AppError('INVALID_TRANSITION', `派单当前为“${DISPATCH_STATE_NAMES[x.state]}”，不能进行此操作`, { state: x.state, action });
    }
    if (action !== 'accept' && !note?.trim()) {
      throw new AppError('INVALID_TRANSITION', action === 'return' || action === 'request_reroute' ? '退回须说明理由' : '请填写处理说明');
    }
    const now = deps.clock.now();
    if (action === 'return') {
      const returnBy = addWorkingDays(x.created_at, RETURN_WITHIN_WORKING_DAYS, await workCalendar(deps.db, trx));
      if (now >= returnBy) {
        throw new AppError('INVALID_TRANSITION', `收到派单已超过${RETURN_WITHIN_WORKING_DAYS}个工作日，不能再退回；请继续办理，或申请街道改派`, {
          reason: 'RETURN_WINDOW_PASSED', returnBy: returnBy.toISOString(),
        });
      }
    }
    const d = (await repo.findDemandForUpdate(trx, x.demand_id))!;
    if (d.state !== 'escalated') throw new AppError('INVALID_TRANSITION', `诉求当前为“${STATE_NAMES[d.state as DemandState]}”，部门不能再操作`);
    const files = await assertAttachable(trx, actor, scope, attachments, 'body.attachments');
    if (action === 'request_extension') {
      // A lifecycle step like the community's own request: same table, same rules, same timeline entry.
      await applyTransition(deps, trx, d.id, actor, 'request_extension', { note, days: extra.days, attachments: files });
      await attachToDemand(trx, files, d);
      return d.id;
    }
    if (action === 'accept') {
      await trx.updateTable('demand_dispatch').set({ state: 'accepted', accepted_at: now }).where('id', '=', x.id).execute();
      await cancelJobs(trx, `dispatch:${x.id}:report`);
    } else if (action === 'resolve') {
      await trx.updateTable('demand_dispatch').set({ state: 'resolved', resolved_at: now }).where('id', '=', x.id).execute();
    } else if (action === 'return') {
      await trx.updateTable('demand_dispatch').set({ state: 'returned', returned_at: now, return_reason: note! }).where('id', '=', x.id).execute();
      await cancelJobs(trx, `dispatch:${x.id}:report`);
      const admins = await repo.streetAdminsAbove(trx, d.org_path);
      await notify(trx, deps.ctx, admins.map((a) => a.id), { title: '部门退回派单，请重新派发', body: note!.slice(0, 60), link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code });
    } else if (action === 'request_reroute') {
      // The dispatch stays with the department until the street re-routes it and releases it.
      const admins = await repo.streetAdminsAbove(trx, d.org_path);
      await notify(trx, deps.ctx, admins.map((a) => a.id), { title: '部门申请改派', body: note!.slice(0, 60), link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code });
    }
    await repo.insertEvent(trx, {
      demand_id: d.id, at: now, account_id: actor.accountId, actor_name: actor.displayName, actor_role: actor.role,
      action: `dispatch_${action}`, note: note ?? null, attachments: JSON.stringify(files), detail: JSON.stringify({ dispatchId: x.id, departmentId: x.department_id }),
      org_path: d.org_path, county_code: d.county_code,
    });
    await attachToDemand(trx, files, d);
    if (action === 'resolve') {
      const open = await trx.selectFrom('demand_dispatch').select('id').where('demand_id', '=', d.id).where('state', 'in', ['dispatched', 'accepted']).execute();
      if (!open.length) await applyTransition(deps, trx, d.id, null, 'all_departments_resolved', { note: '各部门均已办结' });
    }
    return d.id;
  });
  return getDemand(deps, actor, scope, demandId);
}

/**
 * The street re-routes a whistle to other departments; `releaseDispatchIds` lets departments go
 * that asked to be re-routed after their time to send it back had passed.
 */
export async function rewhistle(deps: DemandDeps, actor: Actor, scope: Scope, id: number, departmentIds: number[], note: string, releaseDispatchIds: number[] = []) {
  await deps.db.transaction().execute(async (trx) => {
    const d = await repo.findDemandForUpdate(trx, id);
    if (!d || !scope.contains(d.org_path)) throw notFound('诉求');
    if (actor.role !== 'street_admin') throw new AppError('FORBIDDEN', '只有街道可以吹哨派单');
    if (d.state !== 'escalated') throw new AppError('INVALID_TRANSITION', `诉求当前为“${STATE_NAMES[d.state as DemandState]}”，不能追加派单`);
    if (releaseDispatchIds.length) {
      const released = await trx.updateTable('demand_dispatch')
        .set({ state: 'returned', returned_at: deps.clock.now(), return_reason: note })
        .where('demand_id', '=', id).where('id', 'in', releaseDispatchIds).where('state', 'in', ['dispatched', 'accepted'])
        .returning('id').execute();
      if (released.length !== new Set(releaseDispatchIds).size) {
        throw new AppError('VALIDATION_FAILED', '要撤回的派单不属于此诉求或已办结', { fields: [{ field: 'body.releaseDispatchIds', problem: 'not open here' }] });
      }
      for (const r of released) await cancelJobs(trx, `dispatch:${r.id}:report`);
    }
    const departments = await whistle(deps, trx, d, departmentIds, deps.clock.now());
    await repo.insertEvent(trx, {
      demand_id: id, at: deps.clock.now(), account_id: actor.accountId, actor_name: actor.displayName, actor_role: actor.role,
      action: 'rewhistle', note, detail: JSON.stringify({ departments, released: releaseDispatchIds }), org_path: d.org_path, county_code: d.county_code,
    });
  });
  return getDemand(deps, actor, scope, id);
}

/** "Me too": a resident with the same problem joins the existing report. */
export async function meToo(deps: DemandDeps, actor: Actor, scope: Scope, id: number) {
  await deps.db.transaction().execute(async (trx) => {
    // Neighbours may join a report anywhere in their own community, not only in their unit.
    const d = await trx.selectFrom('demand').select(['id', 'org_path', 'county_code', 'closed_at']).where('id', '=', id).executeTakeFirst();
    if (!d || !(scope.contains(d.org_path) || d.org_path.startsWith(communityPrefix(scope.path)))) throw notFound('诉求');
    if (d.closed_at) throw new AppError('INVALID_TRANSITION', '该诉求已办结，如问题仍在请新报');
    const res = await trx.insertInto('demand_me_too').values({ demand_id: id, account_id: actor.accountId, at: deps.clock.now() })
      .onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await trx.updateTable('demand').set((eb) => ({ me_too_count: eb('me_too_count', '+', 1) })).where('id', '=', id).execute();
    await repo.insertEvent(trx, {
      demand_id: id, at: deps.clock.now(), account_id: actor.accountId, actor_name: actor.displayName, actor_role: actor.role,
      action: 'me_too', org_path: d.org_path, county_code: d.county_code,
    });
  });
  return { ok: true as const };
}

/** city.county.street.community. — the first four ids of an org path. */
function communityPrefix(path: string) {
  return path.split('.').slice(0, 4).join('.') + '.';
}

const DISPATCH_STATE_NAMES: Record<string, string> = { dispatched: '待报到', accepted: '已报到', resolved: '已办结', returned: '已退回' };

/**
 * A department works on a whistled demand without knowing who the resident is: the reporter's
 * name is masked like the phone (maskName), in every answer it gets — list, detail, inbox.
 */
const masksPeople = (actor: Actor) => actor.role === 'department';
/** Residents' own steps on a timeline (report, me too, rating) carry their name. */
const PEOPLE_ROLES: readonly string[] = ['resident', 'party_member'] satisfies Role[];

function toView(d: repo.DemandRow, now: Date, masked = false) {
  const open = !d.closed_at && !d.merged_into_id && d.state !== 'resolved';
  return {
    id: d.id, orgId: d.org_id, placeName: d.place_name, householdId: d.household_id, channel: d.channel,
    categoryCode: d.category_code, categoryName: d.category_name, description: d.description, address: d.address,
    lat: d.lat, lng: d.lng, photos: photoUrls(d.photos), reporterName: masked && d.reporter_name ? maskName(d.reporter_name) : d.reporter_name, reporterPhone: d.reporter_phone_mask,
    state: d.state, stateName: STATE_NAMES[d.state as DemandState] ?? d.state, tier: d.tier,
    handlerAccountId: d.handler_account_id, handlerName: d.handler_name,
    dueAt: d.due_at.toISOString(), overdue: open && (d.overdue_at !== null || d.due_at <= now),
    mergedIntoId: d.merged_into_id, meTooCount: d.me_too_count, reopenCount: d.reopen_count, rating: d.rating,
    createdAt: d.created_at.toISOString(), resolvedAt: d.resolved_at?.toISOString() ?? null, closedAt: d.closed_at?.toISOString() ?? null,
  };
}

function eventView(e: Awaited<ReturnType<typeof repo.timeline>>[number], masked = false) {
  return {
    id: e.id, at: e.at.toISOString(), actorName: masked && e.actor_name && PEOPLE_ROLES.includes(e.actor_role ?? '') ? maskName(e.actor_name) : e.actor_name, actorRole: e.actor_role, action: e.action,
    fromState: e.from_state, toState: e.to_state, note: e.note, attachments: photoUrls(e.attachments), detail: e.detail,
  };
}

function extensionView(e: Awaited<ReturnType<typeof repo.extensionsOf>>[number] | undefined) {
  return e ? {
    id: e.id, days: e.days, reason: e.reason, state: e.state, requestedAt: e.requested_at.toISOString(), dueBefore: e.due_before.toISOString(),
    dueAfter: e.due_after?.toISOString() ?? null, decidedAt: e.decided_at?.toISOString() ?? null, decisionNote: e.decision_note,
  } : null;
}

function dispatchView(x: Awaited<ReturnType<typeof repo.dispatchesOf>>[number]) {
  return {
    id: x.id, departmentId: x.department_id, departmentName: x.department_name, state: x.state,
    createdAt: x.created_at.toISOString(), reportDueAt: x.report_due_at.toISOString(),
    acceptedAt: x.accepted_at?.toISOString() ?? null, resolvedAt: x.resolved_at?.toISOString() ?? null, returnReason: x.return_reason,
  };
}

/**
 * The reporter's full phone, for a listed reason: staff who may reveal personal data, and the
 * departments a demand was whistled to (they may need to call). Every reveal is audited.
 */
export async function revealReporterPhone(deps: DemandDeps, actor: Actor, scope: Scope, id: number, reason: RevealReason) {
  const visibleDemand = await (await visible(deps.db, actor, scope)).where('d.id', '=', id).executeTakeFirst();
  if (!visibleDemand) throw notFound('诉求');
  // Whoever may reveal residents' data, and the departments whistled to (the console asks the same).
  if (!can(actor.role, 'pii.reveal') && !can(actor.role, 'demands.dispatch')) {
    throw new AppError('FORBIDDEN', '您的角色无权查看完整手机号');
  }
  const d = await deps.db.selectFrom('demand').select(['reporter_phone_enc', 'org_path', 'county_code']).where('id', '=', id).executeTakeFirstOrThrow();
  if (!d.reporter_phone_enc) throw new AppError('NOT_FOUND', '反映人未留手机号');
  const value = deps.ctx.cipher.decrypt(d.reporter_phone_enc);
  await writeAudit(deps.db, actor, {
    action: 'pii.reveal', entity: 'demand', entityId: id, orgPath: d.org_path, countyCode: d.county_code,
    after: { field: 'reporterPhone', reasonCode: reason.code, reasonText: reason.text }, reason: revealReasonLabel(reason),
  });
  return { value };
}

/** Timers: a warning before the deadline, overdue at it; each fires once, and only if still relevant. */
export function demandJobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return {
    'demand.warn': async (trx, job) => {
      const { demandId, dueAt: due } = job.payload as { demandId: number; dueAt: string };
      const d = await trx.selectFrom('demand').selectAll().where('id', '=', demandId).executeTakeFirst();
      if (!d || d.closed_at || d.resolved_at || d.due_at.toISOString() !== due) return;
      const to = d.handler_account_id ? [d.handler_account_id] : (await repo.staffAbove(trx, d.org_path)).map((s) => s.id);
      await notify(trx, ctx, to, { title: '诉求即将超期', body: `#${d.id} ${d.description.slice(0, 40)}`, link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code });
      await repo.insertEvent(trx, { demand_id: d.id, at: job.run_at, action: 'warn', actor_name: '系统', actor_role: 'system', org_path: d.org_path, county_code: d.county_code, detail: JSON.stringify({ dueAt: due }) });
    },
    'demand.overdue': async (trx, job, now) => {
      const { demandId, dueAt: due } = job.payload as { demandId: number; dueAt: string };
      const d = await trx.selectFrom('demand').selectAll().where('id', '=', demandId).executeTakeFirst();
      if (!d || d.closed_at || d.resolved_at || d.overdue_at || d.due_at.toISOString() !== due) return;
      await trx.updateTable('demand').set({ overdue_at: now }).where('id', '=', d.id).execute();
      // Overdue is escalated upwards: the street sees it without anyone forwarding it.
      const admins = await repo.streetAdminsAbove(trx, d.org_path);
      await notify(trx, ctx, admins.map((a) => a.id), { title: '诉求已超期', body: `#${d.id} ${d.description.slice(0, 40)}`, link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code });
      await repo.insertEvent(trx, { demand_id: d.id, at: job.run_at, action: 'overdue', actor_name: '系统', actor_role: 'system', org_path: d.org_path, county_code: d.county_code, detail: JSON.stringify({ dueAt: due }) });
    },
    'dispatch.report_due': async (trx, job) => {
      const { dispatchId } = job.payload as { dispatchId: number };
      const x = await trx.selectFrom('demand_dispatch').selectAll().where('id', '=', dispatchId).executeTakeFirst();
      if (!x || x.state !== 'dispatched') return;
      const admins = await repo.streetAdminsAbove(trx, x.org_path);
      await notify(trx, ctx, admins.map((a) => a.id), { title: '部门未在30分钟内报到', body: `派单 #${x.id}`, link: `/demands/${x.demand_id}`, orgPath: x.org_path, countyCode: x.county_code });
      await repo.insertEvent(trx, { demand_id: x.demand_id, at: job.run_at, action: 'dispatch_report_overdue', actor_name: '系统', actor_role: 'system', org_path: x.org_path, county_code: x.county_code, detail: JSON.stringify({ dispatchId }) });
    },
  };
}
