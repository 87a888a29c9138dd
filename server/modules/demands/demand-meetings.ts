import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { inScope, type Scope } from '../../platform/scope.js';
import { applyTransition, type DemandDeps } from './demand.service.js';

/**
 * 民情分析会. The agenda is built, not typed: every demand of the community that was put on the
 * agenda, plus every open demand that is overdue. Each decision is a lifecycle step
 * (decide_at_meeting → the community handles it, or request_escalation → the street whistles).
 */
export async function createMeeting(deps: DemandDeps, actor: Actor, scope: Scope, input: { orgId: number; heldOn: string; title?: string }) {
  const { db } = deps;
  const unit = await db.selectFrom('org_unit').select(['id', 'name', 'kind', 'path', 'county_code']).where('id', '=', input.orgId).executeTakeFirst();
  if (!unit || !scope.contains(unit.path)) throw notFound('社区');
  if (unit.kind !== 'community') throw new AppError('VALIDATION_FAILED', '民情分析会以社区为单位召开，请选择社区', { fields: [{ field: 'body.orgId', problem: 'not a community' }] });
  const now = deps.clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('demand_meeting').values({
      org_id: unit.id, org_path: unit.path, county_code: unit.county_code, held_on: input.heldOn,
      title: input.title ?? `${unit.name}${input.heldOn.slice(0, 7)}民情分析会`, created_by: actor.accountId, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const agenda = await trx.selectFrom('demand').select('id')
      .where(sql<boolean>`org_path LIKE ${unit.path + '%'}`)
      .where((eb) => eb.or([
        eb('state', '=', 'on_agenda'),
        eb.and([eb('state', 'in', ['submitted', 'accepted']), eb('due_at', '<', now)]),
      ]))
      .orderBy('created_at').limit(200).execute();
    if (agenda.length) await trx.insertInto('demand_meeting_item').values(agenda.map((d) => ({ meeting_id: id, demand_id: d.id }))).execute();
    await writeAudit(trx, actor, { action: 'demand.meeting_create', entity: 'demand_meeting', entityId: id, orgPath: unit.path, countyCode: unit.county_code, after: { items: agenda.length } });
    return id;
  });
  return getMeeting(deps, scope, id);
}

export async function listMeetings(deps: DemandDeps, scope: Scope, orgId?: number) {
  let q = deps.db.selectFrom('demand_meeting as m').innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.title', 'm.held_on', 'm.org_id', 'o.name as org_name'])
    .select((eb) => [
      eb.selectFrom('demand_meeting_item as i').select(eb.fn.countAll<number>().as('n')).whereRef('i.meeting_id', '=', 'm.id').as('items'),
      eb.selectFrom('demand_meeting_item as i').select(eb.fn.countAll<number>().as('n')).whereRef('i.meeting_id', '=', 'm.id').where('i.decided_at', 'is not', null).as('decided'),
    ])
    .where(inScope(scope, 'm.org_path'));
  if (orgId) q = q.where('m.org_id', '=', orgId);
  const rows = await q.orderBy('m.held_on', 'desc').limit(100).execute();
  return rows.map((m) => ({
    id: m.id, title: m.title, heldOn: dateText(m.held_on), orgId: m.org_id, orgName: m.org_name,
    items: Number(m.items ?? 0), decided: Number(m.decided ?? 0),
  }));
}

export async function getMeeting(deps: DemandDeps, scope: Scope, id: number) {
  const m = await deps.db.selectFrom('demand_meeting').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
  if (!m) throw notFound('民情分析会');
  const items = await deps.db.selectFrom('demand_meeting_item as i').innerJoin('demand as d', 'd.id', 'i.demand_id')
    .innerJoin('demand_category as c', 'c.code', 'd.category_code')
    .select(['i.demand_id', 'i.decision', 'i.outcome', 'i.decided_at', 'd.description', 'd.state', 'd.due_at', 'c.name as category_name', 'd.me_too_count'])
    .where('i.meeting_id', '=', id).orderBy('d.created_at').execute();
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
  const item = await deps.db.selectFrom('demand_meeting_item as i').innerJoin('demand_meeting as m', 'm.id', 'i.meeting_id')
    .innerJoin('demand as d', 'd.id', 'i.demand_id')
    .select(['i.decided_at', 'm.org_path', 'd.state'])
    .where('i.meeting_id', '=', meetingId).where('i.demand_id', '=', input.demandId).executeTakeFirst();
  if (!item || !scope.contains(item.org_path)) throw notFound('议题');
  if (item.decided_at) throw new AppError('INVALID_TRANSITION', '该议题已有决定');
  await deps.db.transaction().execute(async (trx) => {
    // An overdue demand not yet on the agenda goes on it first, so the timeline shows the meeting.
    if (item.state !== 'on_agenda') await applyTransition(deps, trx, input.demandId, actor, 'put_on_agenda', {});
    await applyTransition(deps, trx, input.demandId, actor, input.outcome === 'community' ? 'decide_at_meeting' : 'request_escalation', {
      note: `民情分析会决定：${input.decision}`,
    });
    await trx.updateTable('demand_meeting_item').set({ decision: input.decision, outcome: input.outcome, decided_at: deps.clock.now() })
      .where('meeting_id', '=', meetingId).where('demand_id', '=', input.demandId).execute();
  });
  return getMeeting(deps, scope, meetingId);
}

/**
 * The street's view: communities in the area (the caller's scope, or a unit in it) that have not
 * held a 民情分析会 in the month (default: this month in China), with the day of their last one.
 */
export async function communitiesWithoutMeeting(deps: DemandDeps, scope: Scope, q: { month?: string; orgId?: number; page: number; pageSize: number }) {
  const { db } = deps;
  let area = scope.path;
  if (q.orgId) {
    const u = await db.selectFrom('org_unit').select('path').where('id', '=', q.orgId).executeTakeFirst();
    scope.assert(u?.path, '组织');
    area = u!.path;
  }
  const month = q.month ?? chinaDay(deps.clock.now()).slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const from = `${month}-01`;
  const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const base = db.selectFrom('org_unit as o')
    .where('o.kind', '=', 'community').where('o.dissolved_at', 'is', null)
    .where(sql<boolean>`o.path LIKE ${area + '%'}`)
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('demand_meeting as m').select('m.id').whereRef('m.org_id', '=', 'o.id').where('m.held_on', '>=', from).where('m.held_on', '<', to),
    )));
  const [rows, total] = await Promise.all([
    base.leftJoin('org_unit as p', 'p.id', 'o.parent_id')
      .select(['o.id', 'o.name', 'p.name as parent_name'])
      .select((eb) => eb.selectFrom('demand_meeting as m').select(sql<string | null>`max(m.held_on)::text`.as('d')).whereRef('m.org_id', '=', 'o.id').as('last_held_on'))
      .orderBy('o.path').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    month,
    total: Number(total.n),
    items: rows.map((r) => ({ orgId: r.id, orgName: r.name, parentName: r.parent_name ?? '', lastHeldOn: r.last_held_on ?? null })),
  };
}

const dateText = (d: unknown) => (typeof d === 'string' ? d : (d as Date).toISOString().slice(0, 10));
