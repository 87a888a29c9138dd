import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { addWorkingDays, cstDay, dueAt } from './deadlines.js';
import { assertAttachable, attachToDemand } from './demand-attachments.js';
import type { DemandDeps, Trx } from './demand-deps.js';
import { checkExtensionRequest, checkTransition, type DemandAction, type DemandState } from './demand-lifecycle.js';
import { findCategory, workCalendar } from './demand-lookups.repository.js';
import { HANDLER_ROLES, lifecycleActor, readsDemandsAs } from './demand.policy.js';
import { getDemand } from './demand-read.service.js';
import * as repo from './demand.repository.js';
import { cancelDeadline, scheduleDeadline } from './demand.jobs.js';
import { notify } from '../../platform/notifications.js';
import { whistle } from './whistle.service.js';

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
    const canSee = d && (readsDemandsAs(actor.role) === 'place' ? scope.contains(d.org_path) : d.reporter_account_id === actor.accountId);
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
  const check = checkTransition(d.state as DemandState, action, lifecycleActor(actor, d.reporter_account_id), input.note, d.tier);
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
      const h = input.handlerAccountId ? await repo.accountForAssign(trx, input.handlerAccountId) : undefined;
      if (!h || !HANDLER_ROLES.includes(h.role) || !d.org_path.startsWith(h.scope_path)) {
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
      const into = input.intoId ? await repo.mergeTarget(trx, input.intoId) : undefined;
      if (!into || into.id === id || into.merged_into_id || !into.org_path.startsWith(communityPrefix(d.org_path))) {
        throw new AppError('VALIDATION_FAILED', '请选择同一社区内另一条未合并的诉求', { fields: [{ field: 'body.intoId', problem: 'invalid target' }] });
      }
      set.merged_into_id = into.id;
      set.closed_at = now;
      await repo.addMeToo(trx, into.id, 1 + d.me_too_count);
      await repo.insertEvent(trx, {
        demand_id: into.id, at: now, account_id: actor!.accountId, actor_name: actor!.displayName, actor_role: actor!.role,
        action: 'absorb', note: `合并了诉求 #${id}`, detail: JSON.stringify({ mergedId: id }), org_path: into.org_path, county_code: d.county_code,
      });
      detail.intoId = into.id;
      break;
    }
  }

  if (['resolved', 'closed', 'merged'].includes(check.to)) await cancelDeadline(trx, id);
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

  await repo.updateDemand(trx, id, set);
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
  const { id } = await repo.insertExtension(trx, {
    demand_id: d.id, days: check.days, reason, requested_by: actor.accountId, requested_at: now, due_before: d.due_at,
    org_path: d.org_path, county_code: d.county_code,
  });
  const approvers = d.tier === 'street' ? await repo.streetAdminsAbove(trx, d.org_path) : await repo.communityStaffAbove(trx, d.org_path);
  await notify(trx, deps.ctx, approvers.map((a) => a.id), {
    title: `延期申请：${check.days}个工作日`, body: reason.slice(0, 60), link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code,
  });
  return { id, days: check.days };
}

/** Approving moves the due time by the working days asked for and resets the deadline timers. */
async function decideExtension(deps: DemandDeps, trx: Trx, d: repo.DemandForUpdate, actor: Actor, approve: boolean, note: string | undefined, now: Date) {
  const pending = await repo.pendingExtensionForUpdate(trx, d.id);
  if (!pending) throw new AppError('INVALID_TRANSITION', '此诉求没有待审批的延期申请');
  let dueAfter: Date | null = null;
  if (approve) {
    dueAfter = addWorkingDays(d.due_at, pending.days, await workCalendar(deps.db, trx));
    const c = (await findCategory(deps.db, d.category_code, trx))!;
    await scheduleDeadline(trx, d.id, d.county_code, now, dueAfter, c);
  }
  await repo.decideExtensionRow(trx, pending.id, {
    state: approve ? 'approved' : 'rejected', decided_by: actor.accountId, decided_at: now, decision_note: note ?? null, due_after: dueAfter,
  });
  await notify(trx, deps.ctx, [pending.requested_by], {
    title: approve ? `延期已批准，新的办理期限 ${cstDay(dueAfter!)}` : '延期申请未获批准', body: note?.slice(0, 60) ?? pending.reason.slice(0, 60),
    link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code,
  });
  return { id: pending.id, days: pending.days, dueAfter };
}

/** "Me too": a resident with the same problem joins the existing report. */
export async function meToo(deps: DemandDeps, actor: Actor, scope: Scope, id: number) {
  await deps.db.transaction().execute(async (trx) => {
    // Neighbours may join a report anywhere in their own community, not only in their unit.
    const d = await repo.meTooTarget(trx, id);
    if (!d || !(scope.contains(d.org_path) || d.org_path.startsWith(communityPrefix(scope.path)))) throw notFound('诉求');
    if (d.closed_at) throw new AppError('INVALID_TRANSITION', '该诉求已办结，如问题仍在请新报');
    if (!(await repo.insertMeToo(trx, id, actor.accountId, deps.clock.now()))) return;
    await repo.addMeToo(trx, id, 1);
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
