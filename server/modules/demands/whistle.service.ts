import { AppError } from '../../platform/errors.js';
import { REPORT_WITHIN_MS, STREET_TIER_MIN_WORKING_DAYS, addWorkingDays, dueAt } from './deadlines.js';
import type { DemandDeps, Trx } from './demand-deps.js';
import { findCategory, workCalendar } from './demand-lookups.repository.js';
import * as repo from './demand.repository.js';
import { scheduleDeadline, scheduleReportDue } from './demand.jobs.js';
import * as dispatches from './dispatch.repository.js';
import { notify } from '../../platform/notifications.js';

/**
 * 街乡吹哨: one dispatch per department, each to 报到 within 30 minutes (told by SMS too); the
 * demand gets the street tier's time limit. Used by the escalate step and by re-routing.
 */
export async function whistle(deps: DemandDeps, trx: Trx, d: { id: number; org_path: string; county_code: string; category_code: string; description: string }, departmentIds: number[], now: Date) {
  const ids = [...new Set(departmentIds)];
  if (!ids.length) throw new AppError('VALIDATION_FAILED', '请至少选择一个职能部门', { fields: [{ field: 'body.departmentIds', problem: 'required' }] });
  const departments = await dispatches.departmentsByIds(trx, ids);
  if (departments.length !== ids.length || departments.some((x) => !d.org_path.startsWith(x.org_path))) {
    throw new AppError('VALIDATION_FAILED', '所选部门不存在或不负责此地', { fields: [{ field: 'body.departmentIds', problem: 'unknown' }] });
  }
  const c = (await findCategory(deps.db, d.category_code, trx))!;
  const overrides = await workCalendar(deps.db, trx);
  const due = c.limit_kind === 'working_days' && c.limit_value > STREET_TIER_MIN_WORKING_DAYS ? dueAt(now, c, overrides) : addWorkingDays(now, STREET_TIER_MIN_WORKING_DAYS, overrides);
  await repo.updateDemand(trx, d.id, { due_at: due, overdue_at: null });
  await scheduleDeadline(trx, d.id, d.county_code, now, due, { ...c, warn_before_hours: 24 });
  for (const dep of departments) {
    const { id } = await dispatches.insertDispatch(trx, {
      demand_id: d.id, department_id: dep.id, org_path: d.org_path, county_code: d.county_code,
      created_at: now, report_due_at: new Date(now.getTime() + REPORT_WITHIN_MS),
    });
    await scheduleReportDue(trx, id, d.county_code, now);
    const accounts = await dispatches.departmentAccounts(trx, dep.id);
    await notify(trx, deps.ctx, accounts.map((a) => a.id), { title: '街道吹哨：请30分钟内报到', body: d.description.slice(0, 60), link: `/demands/${d.id}`, orgPath: d.org_path, countyCode: d.county_code, sms: true });
  }
  return departments.map((x) => ({ id: x.id, name: x.name }));
}
