import type { z } from 'zod';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { childPlaces } from '../../platform/org-units.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import * as repo from './parttime.repository.js';
import type * as s from './parttime.schemas.js';
import { ENROLMENT_KEEPER, mayEnrol } from './whitelist.policy.js';
import { liveEntry, workerInScope } from './whitelist.repository.js';
import type { RoadDeps } from './whitelist.service.js';

/**
 * 兼职网格员 and 安全员: a community enrols a white-listed worker of a station in its area for
 * one of its grids or the community itself, from a day, with a reason; the enrolment ends on a
 * day with a reason (the row stays). One enrolment in force per worker and duty.
 */

export async function list(deps: RoadDeps, scope: Scope, q: z.infer<typeof s.ParttimeQuery>): Promise<z.infer<typeof s.ParttimePage>> {
  const { rows, total, activeTotal } = await repo.list(deps.db, scope, q.active, q.page, q.pageSize);
  return {
    total, activeTotal,
    items: rows.map((r) => ({
      id: r.id, workerId: r.worker_id, workerName: r.worker_name, platformName: r.platform_name, stationName: r.station_name,
      duty: r.duty, unitId: r.unit_id, unitName: r.unit_name, startDay: r.start_day, endDay: r.end_day, reason: r.reason, endReason: r.end_reason,
    })),
  };
}

/** The community and its grids, where the caller may enrol. */
export async function units(deps: RoadDeps, actor: Actor, scope: Scope): Promise<z.infer<typeof s.EnrolUnits>> {
  if (!mayEnrol(actor.role)) return { units: [] };
  const own = await unitInScope(deps.db, scope, scope.orgId, '社区');
  if (own.kind !== 'community') return { units: [] };
  const grids = (await childPlaces(deps.db, own.id)).filter((g) => g.kind === 'grid');
  return { units: [{ id: own.id, name: own.name, kind: 'community' }, ...grids.map((g) => ({ id: g.id, name: g.name, kind: 'grid' as const }))] };
}

export async function enrol(deps: RoadDeps, actor: Actor, scope: Scope, body: z.infer<typeof s.EnrolBody>) {
  if (!mayEnrol(actor.role)) throw new AppError('FORBIDDEN', ENROLMENT_KEEPER);
  return deps.db.transaction().execute(async (trx) => {
    const unit = await unitInScope(trx, scope, body.unitId, '网格或社区');
    if (unit.kind !== 'grid' && unit.kind !== 'community') {
      throw new AppError('VALIDATION_FAILED', '请选择本社区或其下的网格', { fields: [{ field: 'body.unitId', problem: 'kind' }] });
    }
    const w = await workerInScope(trx, scope, body.workerId);
    if (!w) throw notFound('从业人员');
    if (w.left_at) throw new AppError('CONFLICT', '该从业人员已离职，不能聘任');
    if (!(await liveEntry(trx, w.id))) throw new AppError('CONFLICT', '只能聘任已列入白名单的从业人员，请先由街道或区县列入白名单');
    if (body.startDay < chinaDay(deps.clock.now())) {
      throw new AppError('VALIDATION_FAILED', '开始日期不能早于今天', { fields: [{ field: 'body.startDay', problem: 'past' }] });
    }
    const clash = await trx.selectFrom('gig_parttime').select('id').where('worker_id', '=', w.id).where('duty', '=', body.duty)
      .where('end_day', 'is', null).executeTakeFirst();
    if (clash) throw new AppError('ALREADY_EXISTS', body.duty === 'grid_member' ? '该从业人员已是兼职网格员' : '该从业人员已是安全员');
    const row = await trx.insertInto('gig_parttime').values({
      worker_id: w.id, duty: body.duty, unit_id: unit.id, org_path: unit.path, county_code: unit.county_code,
      start_day: body.startDay, reason: body.reason, created_by: actor.accountId, created_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'newgroups.parttime_enrol', entity: 'gig_parttime', entityId: row.id, orgPath: unit.path, countyCode: unit.county_code,
      after: { workerId: w.id, duty: body.duty, unitId: unit.id, startDay: body.startDay }, reason: body.reason });
    return { id: row.id };
  });
}

export async function end(deps: RoadDeps, actor: Actor, scope: Scope, id: number, body: z.infer<typeof s.EndBody>) {
  if (!mayEnrol(actor.role)) throw new AppError('FORBIDDEN', ENROLMENT_KEEPER);
  return deps.db.transaction().execute(async (trx) => {
    const e = await repo.enrolmentInScope(trx, scope, id);
    if (!e) throw notFound('聘任记录');
    if (e.end_day) throw new AppError('INVALID_TRANSITION', '该聘任已结束');
    if (body.endDay < e.start_day) throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期', { fields: [{ field: 'body.endDay', problem: 'before start' }] });
    const done = await trx.updateTable('gig_parttime').set({ end_day: body.endDay, end_reason: body.reason, ended_by: actor.accountId })
      .where('id', '=', id).where('end_day', 'is', null).executeTakeFirst();
    if (!Number(done.numUpdatedRows)) throw new AppError('INVALID_TRANSITION', '该聘任已结束');
    await writeAudit(trx, actor, { action: 'newgroups.parttime_end', entity: 'gig_parttime', entityId: id, orgPath: e.org_path, countyCode: e.county_code,
      after: { endDay: body.endDay }, reason: body.reason });
    return { ok: true };
  });
}
