import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { RETURN_WITHIN_WORKING_DAYS, addWorkingDays } from './deadlines.js';
import { assertAttachable, attachToDemand } from './demand-attachments.js';
import type { DemandDeps } from './demand-deps.js';
import { STATE_NAMES, type DemandState } from './demand-lifecycle.js';
import { workCalendar } from './demand-lookups.repository.js';
import { mayRewhistle } from './demand.policy.js';
import { getDemand } from './demand-read.service.js';
import * as repo from './demand.repository.js';
import { cancelReportDue } from './demand.jobs.js';
import { applyTransition } from './demand-transitions.service.js';
import { checkDispatchStep, type DispatchAction } from './dispatch-lifecycle.js';
import * as dispatches from './dispatch.repository.js';
import { notify } from '../../platform/notifications.js';
import { whistle } from './whistle.service.js';

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
    const x = await dispatches.dispatchForUpdate(trx, dispatchId);
    const { department_id } = await repo.accountLinks(trx, actor.accountId);
    if (!x || x.department_id !== department_id || !scope.contains(x.org_path)) throw notFound('派单');
    const step = checkDispatchStep(x.state, action, note);
    if (!step.ok) throw new AppError('INVALID_TRANSITION', step.reason, { state: x.state, action });
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
      await dispatches.setDispatch(trx, x.id, { state: step.to, accepted_at: now });
      await cancelReportDue(trx, x.id);
    } else if (action === 'resolve') {
      await dispatches.setDispatch(trx, x.id, { state: step.to, resolved_at: now });
    } else if (action === 'return') {
      await dispatches.setDispatch(trx, x.id, { state: step.to, returned_at: now, return_reason: note! });
      await cancelReportDue(trx, x.id);
      const admins = await repo.streetAdminsAbove(trx, d.org_path);
      await notify(trx, deps.ctx, admins.map((a) => a.id), { title: '部门退回派单，请重新派发', body: note!.slice(0, 60), link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code });
    } else if (action === 'request_reroute') {
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
      const open = await dispatches.openDispatchesOf(trx, d.id);
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
    if (!mayRewhistle(actor.role)) throw new AppError('FORBIDDEN', '只有街道可以吹哨派单');
    if (d.state !== 'escalated') throw new AppError('INVALID_TRANSITION', `诉求当前为“${STATE_NAMES[d.state as DemandState]}”，不能追加派单`);
    if (releaseDispatchIds.length) {
      const released = await dispatches.releaseDispatches(trx, id, releaseDispatchIds, deps.clock.now(), note);
      if (released.length !== new Set(releaseDispatchIds).size) {
        throw new AppError('VALIDATION_FAILED', '要撤回的派单不属于此诉求或已办结', { fields: [{ field: 'body.releaseDispatchIds', problem: 'not open here' }] });
      }
      for (const r of released) await cancelReportDue(trx, r.id);
    }
    const departments = await whistle(deps, trx, d, departmentIds, deps.clock.now());
    await repo.insertEvent(trx, {
      demand_id: id, at: deps.clock.now(), account_id: actor.accountId, actor_name: actor.displayName, actor_role: actor.role,
      action: 'rewhistle', note, detail: JSON.stringify({ departments, released: releaseDispatchIds }), org_path: d.org_path, county_code: d.county_code,
    });
  });
  return getDemand(deps, actor, scope, id);
}
