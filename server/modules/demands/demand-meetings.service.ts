import { writeAudit } from '../../platform/audit.js';
import { chinaDay } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import type { DemandDeps } from './demand-deps.js';
import * as repo from './demand-meetings.repository.js';
import { applyTransition } from './demand-transitions.service.js';

/**
 * 民情分析会. The agenda is built, not typed: every demand of the community that was put on the
 * agenda, plus every open demand that is overdue. Each decision is a lifecycle step
 * (decide_at_meeting → the community handles it, or request_escalation → the street whistles).
 */
export async function createMeeting(deps: DemandDeps, actor: Actor, scope: Scope, input: { orgId: number; heldOn: string; title?: string }) {
  const { db } = deps;
  const unit = await unitInScope(db, scope, input.orgId, '社区');
  if (unit.kind !== 'community') throw new AppError('VALIDATION_FAILED', '民情分析会以社区为单位召开，请选择社区', { fields: [{ field: 'body.orgId', problem: 'not a community' }] });
  const now = deps.clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await repo.insertMeeting(trx, {
      org_id: unit.id, org_path: unit.path, county_code: unit.county_code, held_on: input.heldOn,
      title: input.title ?? `${unit.name}${input.heldOn.slice(0, 7)}民情分析会`, created_by: actor.accountId, created_at: now,
    });
    const agenda = await repo.agendaDemands(trx, unit.path, now);
    if (agenda.length) await repo.insertItems(trx, id, agenda.map((d) => d.id));
    await writeAudit(trx, actor, { action: 'demand.meeting_create', entity: 'demand_meeting', entityId: id, orgPath: unit.path, countyCode: unit.county_code, after: { items: agenda.length } });
    return id;
  });
  return getMeeting(deps, scope, id);
}

export async function listMeetings(deps: DemandDeps, scope: Scope, orgId?: number) {
  const rows = await repo.meetingsInScope(deps.db, scope, orgId);
  return rows.map((m) => ({
    id: m.id, title: m.title, heldOn: dateText(m.held_on), orgId: m.org_id, orgName: m.org_name,
    items: Number(m.items ?? 0), decided: Number(m.decided ?? 0),
  }));
}

export async function getMeeting(deps: DemandDeps, scope: Scope, id: number) {
  const m = await repo.meetingInScope(deps.db, scope, id);
  if (!m) throw notFound('民情分析会');
  const items = await repo.itemsOf(deps.db, id);
  const now = deps.clock.now();
  return {
    id: m.id, title: m.title, heldOn: dateText(m.held_on), orgId: m.org_id,
    items: items.map((i) => ({
      demandId: i.demand_id, description: i.description, categoryName: i.category_name, state: i.state,
      overdue: i.due_at < now && !['resolved', 'closed', 'merged'].includes(i.state), meTooCount: i.me_too_count,
      decision: i.decision, outcome: i.outcome, decidedAt: i.decided_at?.toISOString() ?? null,
    })),
  };
}

export async function decide(deps: DemandDeps, actor: Actor, scope: Scope, meetingId: number, input: { demandId: number; decision: string; outcome: 'community' | 'escalate' }) {
  const item = await repo.item(deps.db, meetingId, input.demandId);
  if (!item || !scope.contains(item.org_path)) throw notFound('议题');
  if (item.decided_at) throw new AppError('INVALID_TRANSITION', '该议题已有决定');
  await deps.db.transaction().execute(async (trx) => {
    // An overdue demand not yet on the agenda goes on it first, so the timeline shows the meeting.
    if (item.state !== 'on_agenda') await applyTransition(deps, trx, input.demandId, actor, 'put_on_agenda', {});
    await applyTransition(deps, trx, input.demandId, actor, input.outcome === 'community' ? 'decide_at_meeting' : 'request_escalation', {
      note: `民情分析会决定：${input.decision}`,
    });
    await repo.recordDecision(trx, meetingId, input.demandId, { decision: input.decision, outcome: input.outcome, decided_at: deps.clock.now() });
  });
  return getMeeting(deps, scope, meetingId);
}

/**
 * The street's view: communities in the area (the caller's scope, or a unit in it) that have not
 * held a 民情分析会 in the month (default: this month in China), with the day of their last one.
 */
export async function communitiesWithoutMeeting(deps: DemandDeps, scope: Scope, q: { month?: string; orgId?: number; page: number; pageSize: number }) {
  const { db } = deps;
  const area = q.orgId ? (await unitInScope(db, scope, q.orgId)).path : scope.path;
  const month = q.month ?? chinaDay(deps.clock.now()).slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const from = `${month}-01`;
  const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const { rows, total } = await repo.communitiesWithout(db, area, from, to, q);
  return {
    month,
    total,
    items: rows.map((r) => ({ orgId: r.id, orgName: r.name, parentName: r.parent_name ?? '', lastHeldOn: r.last_held_on ?? null })),
  };
}

const dateText = (d: unknown) => (typeof d === 'string' ? d : (d as Date).toISOString().slice(0, 10));
