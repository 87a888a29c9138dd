import type { AppContext } from '../../app-context.js';
import { cancelJobs, scheduleJob, type JobHandler } from '../../platform/jobs.js';
import { REPORT_WITHIN_MS, warnAt } from './deadlines.js';
import type { Trx } from './demand-deps.js';
import * as repo from './demand.repository.js';
import * as dispatches from './dispatch.repository.js';
import { notify } from '../../platform/notifications.js';

/**
 * The demands module's timers, kept in the database (restart-safe): a warning before a demand's
 * deadline, overdue at it, and a department's 30 minutes to 报到. Each fires once, and only if
 * still relevant.
 */
export async function scheduleDeadline(trx: Trx, id: number, countyCode: string, start: Date, due: Date, c: { limit_kind: 'hours' | 'working_days'; limit_value: number; warn_before_hours: number }) {
  await scheduleJob(trx, { kind: 'demand.warn', runAt: warnAt(due, c, start), payload: { demandId: id, dueAt: due.toISOString() }, countyCode, dedupeKey: `demand:${id}:warn` });
  await scheduleJob(trx, { kind: 'demand.overdue', runAt: due, payload: { demandId: id, dueAt: due.toISOString() }, countyCode, dedupeKey: `demand:${id}:overdue` });
}

/** A demand that is resolved, closed or merged runs out of time no more. */
export async function cancelDeadline(trx: Trx, id: number) {
  await cancelJobs(trx, `demand:${id}:warn`);
  await cancelJobs(trx, `demand:${id}:overdue`);
}

export async function scheduleReportDue(trx: Trx, dispatchId: number, countyCode: string, now: Date) {
  await scheduleJob(trx, { kind: 'dispatch.report_due', runAt: new Date(now.getTime() + REPORT_WITHIN_MS), payload: { dispatchId }, countyCode, dedupeKey: `dispatch:${dispatchId}:report` });
}

export async function cancelReportDue(trx: Trx, dispatchId: number) {
  await cancelJobs(trx, `dispatch:${dispatchId}:report`);
}

export function demandJobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return {
    'demand.warn': async (trx, job) => {
      const { demandId, dueAt: due } = job.payload as { demandId: number; dueAt: string };
      const d = await repo.demandById(trx, demandId);
      if (!d || d.closed_at || d.resolved_at || d.due_at.toISOString() !== due) return;
      const to = d.handler_account_id ? [d.handler_account_id] : (await repo.staffAbove(trx, d.org_path)).map((s) => s.id);
      await notify(trx, ctx, to, { title: '诉求即将超期', body: `#${d.id} ${d.description.slice(0, 40)}`, link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code });
      await repo.insertEvent(trx, { demand_id: d.id, at: job.run_at, action: 'warn', actor_name: '系统', actor_role: 'system', org_path: d.org_path, county_code: d.county_code, detail: JSON.stringify({ dueAt: due }) });
    },
    'demand.overdue': async (trx, job, now) => {
      const { demandId, dueAt: due } = job.payload as { demandId: number; dueAt: string };
      const d = await repo.demandById(trx, demandId);
      if (!d || d.closed_at || d.resolved_at || d.overdue_at || d.due_at.toISOString() !== due) return;
      await repo.setOverdue(trx, d.id, now);
      // Overdue is escalated upwards: the street sees it without anyone forwarding it.
      const admins = await repo.streetAdminsAbove(trx, d.org_path);
      await notify(trx, ctx, admins.map((a) => a.id), { title: '诉求已超期', body: `#${d.id} ${d.description.slice(0, 40)}`, link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code });
      await repo.insertEvent(trx, { demand_id: d.id, at: job.run_at, action: 'overdue', actor_name: '系统', actor_role: 'system', org_path: d.org_path, county_code: d.county_code, detail: JSON.stringify({ dueAt: due }) });
    },
    'dispatch.report_due': async (trx, job) => {
      const { dispatchId } = job.payload as { dispatchId: number };
      const x = await dispatches.dispatchById(trx, dispatchId);
      if (!x || x.state !== 'dispatched') return;
      const admins = await repo.streetAdminsAbove(trx, x.org_path);
      await notify(trx, ctx, admins.map((a) => a.id), { title: '部门未在30分钟内报到', body: `派单 #${x.id}`, link: `/demands/${x.demand_id}`, orgPath: x.org_path, countyCode: x.county_code });
      await repo.insertEvent(trx, { demand_id: x.demand_id, at: job.run_at, action: 'dispatch_report_overdue', actor_name: '系统', actor_role: 'system', org_path: x.org_path, county_code: x.county_code, detail: JSON.stringify({ dispatchId }) });
    },
  };
}
