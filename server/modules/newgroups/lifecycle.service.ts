import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import * as repo from './lifecycle.repository.js';
import type { ReasonBody } from './lifecycle.schemas.js';

/**
 * The ends of the register's rows (issue 16 left them without screens): a station closed (站点关闭),
 * a service point closed (服务站点撤销), a party organisation dissolved (党组织撤销) and an
 * instructor's posting ended (党建指导员结束选派). Each records who, when and why on the row and in
 * the audit log, in one transaction; rows are never deleted, so the lists' history filter and the
 * cockpit's period figures (which read these columns) still see them.
 */
export interface LifecycleDeps { db: Kysely<DB>; clock: Clock }
export const lifecycleDeps = (ctx: AppContext): LifecycleDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock });

type Done = { ok: true; closedAt: string };

/**
 * A station closes only when nothing live hangs on it, and the refusal says what to do first:
 * - workers still on it: register them as gone first (a worker of a closed station would be counted
 *   nowhere sensible, and nobody may register anyone at a closed station);
 * - a live 独立建 organisation: it exists for this one station, so dissolve it first (that is a
 *   decision of its own, with its own reason, and ends its instructors);
 * - a live 联合建 organisation for which this is the last open station: dissolve it first too.
 * A joint organisation that still covers other open stations stays: it keeps covering them, and
 * the closed station simply leaves the coverage figures.
 */
export async function closeStation(deps: LifecycleDeps, actor: Actor, scope: Scope, id: number, body: ReasonBody): Promise<Done> {
  return deps.db.transaction().execute(async (trx) => {
    const st = await repo.lockStation(trx, scope, id);
    if (!st) throw notFound('站点');
    if (st.closed_at) throw new AppError('INVALID_TRANSITION', `站点“${st.name}”已关闭`);
    const workers = await repo.activeWorkersAt(trx, id);
    if (workers > 0) throw new AppError('CONFLICT', `站点“${st.name}”还有 ${workers} 名在岗人员，请先在“从业人员”中为其登记离职，再关闭站点`);
    for (const o of await repo.liveOrgsCovering(trx, id)) {
      if (o.kind === 'independent') throw new AppError('CONFLICT', `站点“${st.name}”有独立建立的党组织“${o.name}”，请先撤销该党组织，再关闭站点`);
      if (o.other_open === 0) throw new AppError('CONFLICT', `联合建立的党组织“${o.name}”覆盖的其他站点均已关闭，请先撤销该党组织，再关闭站点`);
    }
    const at = deps.clock.now();
    await trx.updateTable('gig_station').set({ closed_at: at, closed_by: actor.accountId, close_reason: body.reason }).where('id', '=', id).where('closed_at', 'is', null).execute();
    await writeAudit(trx, actor, {
      action: 'newgroups.station_close', entity: 'gig_station', entityId: id, orgPath: st.org_path, countyCode: st.county_code,
      before: { closedAt: null }, after: { closedAt: at.toISOString(), reason: body.reason },
    });
    return { ok: true, closedAt: at.toISOString() };
  });
}

/** A service point closed leaves the map, the rider's nearest list and the open data; its hours stay with it. */
export async function closePoint(deps: LifecycleDeps, actor: Actor, scope: Scope, id: number, body: ReasonBody): Promise<Done> {
  return deps.db.transaction().execute(async (trx) => {
    const p = await repo.lockPoint(trx, scope, id);
    if (!p) throw notFound('服务站点');
    if (p.closed_at) throw new AppError('INVALID_TRANSITION', `服务站点“${p.name}”已撤销`);
    const at = deps.clock.now();
    await trx.updateTable('gig_service_point').set({ closed_at: at, closed_by: actor.accountId, close_reason: body.reason }).where('id', '=', id).where('closed_at', 'is', null).execute();
    await writeAudit(trx, actor, {
      action: 'newgroups.service_point_close', entity: 'gig_service_point', entityId: id, orgPath: p.org_path, countyCode: p.county_code,
      before: { closedAt: null }, after: { closedAt: at.toISOString(), reason: body.reason },
    });
    return { ok: true, closedAt: at.toISOString() };
  });
}

/**
 * A service point closed by mistake, or open again after a season, comes back to the map, the
 * rider's nearest list and the open data, with a reason. The closing stays in the audit log
 * (who, when and why it was closed, then who reopened it and why); the row carries its state now.
 */
export async function reopenPoint(deps: LifecycleDeps, actor: Actor, scope: Scope, id: number, body: ReasonBody): Promise<{ ok: true }> {
  return deps.db.transaction().execute(async (trx) => {
    const p = await repo.lockPoint(trx, scope, id);
    if (!p) throw notFound('服务站点');
    if (!p.closed_at) throw new AppError('INVALID_TRANSITION', `服务站点“${p.name}”未撤销，无需恢复`);
    await trx.updateTable('gig_service_point').set({ closed_at: null, closed_by: null, close_reason: null }).where('id', '=', id).where('closed_at', 'is not', null).execute();
    await writeAudit(trx, actor, {
      action: 'newgroups.service_point_reopen', entity: 'gig_service_point', entityId: id, orgPath: p.org_path, countyCode: p.county_code,
      before: { closedAt: new Date(p.closed_at).toISOString(), closeReason: p.close_reason }, after: { closedAt: null, reason: body.reason },
    });
    return { ok: true as const };
  });
}

/**
 * Dissolving an organisation ends its instructors' postings with it, on the same day and for the
 * same reason (a posting is to an organisation: with none left there is nothing to instruct), each
 * ended posting audited on its own. Its station links stay as history; the stations it covered
 * count as uncovered from now on unless another live organisation covers them.
 */
export async function dissolvePartyOrg(deps: LifecycleDeps, actor: Actor, scope: Scope, id: number, body: ReasonBody): Promise<Done & { endedInstructors: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const o = await repo.lockPartyOrg(trx, scope, id);
    if (!o) throw notFound('党组织');
    if (o.dissolved_at) throw new AppError('INVALID_TRANSITION', `党组织“${o.name}”已撤销`);
    const at = deps.clock.now();
    const today = chinaDay(at);
    const postings = await repo.livePostingsOf(trx, id);
    for (const i of postings) {
      // A posting dated after today (typed ahead) ends on its own first day, never before it.
      const endedOn = i.sent_on > today ? i.sent_on : today;
      await trx.updateTable('gig_instructor').set({ ended_on: endedOn, ended_by: actor.accountId, end_reason: `党组织撤销：${body.reason}` }).where('id', '=', i.id).execute();
      await writeAudit(trx, actor, {
        action: 'newgroups.instructor_end', entity: 'gig_instructor', entityId: i.id, orgPath: i.org_path, countyCode: i.county_code,
        before: { endedOn: null }, after: { endedOn, reason: body.reason, byDissolving: id },
      });
    }
    await trx.updateTable('gig_party_org').set({ dissolved_at: at, dissolved_by: actor.accountId, dissolve_reason: body.reason }).where('id', '=', id).where('dissolved_at', 'is', null).execute();
    await writeAudit(trx, actor, {
      action: 'newgroups.party_org_dissolve', entity: 'gig_party_org', entityId: id, orgPath: o.org_path, countyCode: o.county_code,
      before: { dissolvedAt: null }, after: { dissolvedAt: at.toISOString(), reason: body.reason, endedInstructors: postings.map((i) => i.id) },
    });
    return { ok: true, closedAt: at.toISOString(), endedInstructors: postings.length };
  });
}

/** An instructor's posting ends today (China day); the row and the organisation stay. */
export async function endInstructor(deps: LifecycleDeps, actor: Actor, scope: Scope, id: number, body: ReasonBody): Promise<Done> {
  return deps.db.transaction().execute(async (trx) => {
    const i = await repo.lockInstructor(trx, scope, id);
    if (!i) throw notFound('党建指导员');
    if (i.ended_on) throw new AppError('INVALID_TRANSITION', `党建指导员“${i.name}”的选派已结束`);
    const endedOn = chinaDay(deps.clock.now());
    if (i.sent_on > endedOn) throw new AppError('VALIDATION_FAILED', `党建指导员“${i.name}”的选派日期（${i.sent_on}）晚于今天，不能结束选派`);
    await trx.updateTable('gig_instructor').set({ ended_on: endedOn, ended_by: actor.accountId, end_reason: body.reason }).where('id', '=', id).where('ended_on', 'is', null).execute();
    await writeAudit(trx, actor, {
      action: 'newgroups.instructor_end', entity: 'gig_instructor', entityId: id, orgPath: i.org_path, countyCode: i.county_code,
      before: { endedOn: null }, after: { endedOn, reason: body.reason },
    });
    return { ok: true, closedAt: endedOn };
  });
}
