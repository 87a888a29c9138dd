import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { addMonths, chinaMonth, monthsEnding, monthStart } from './meetings-months.js';
import { checkTaskStep, isOpenTask, type TaskAction } from './meetings-task-lifecycle.js';
import { mayCloseTask, mayPlanMeeting, mayRecordMeeting, ownsTask } from './meetings.policy.js';
import * as repo from './meetings.repository.js';
import type * as s from './meetings.schemas.js';
import type { MeetingTaskStatus, TaskOwnerKind } from './meetings.tables.js';

/**
 * 三方协调月例会: each month the community's party organisation convenes, for each compound, its
 * owners' committee (or 物管会), the serving company and residents' representatives. The agenda
 * comes from what is open (property demands, proposals, earlier tasks); decisions become tasks
 * that return to each later agenda until done. The street sees which compounds did not meet.
 */
export interface MeetingDeps {
  db: Kysely<DB>;
  clock: Clock;
}
type Trx = Transaction<DB>;
export const meetingDeps = (ctx: AppContext): MeetingDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock });

const refuse = (allowed: boolean, message: string) => {
  if (!allowed) throw new AppError('FORBIDDEN', message);
};

/** The months the board and scheduling reach: a year back (late records), two ahead (planning). */
const MONTHS_BACK = 12;
const MONTHS_AHEAD = 2;

async function compoundInScope(db: Kysely<DB> | Trx, scope: Scope, compoundId: number) {
  const g = await unitInScope(db, scope, compoundId, '小区');
  const grid = await db.selectFrom('org_unit').select('grid_type').where('id', '=', g.id).where('dissolved_at', 'is', null).executeTakeFirst();
  if (g.kind !== 'grid' || grid?.grid_type !== 'enclosed') throw notFound('小区');
  return g;
}

// ---- the community's board ----

/** The community a board shows: the one asked for, or the caller's own. */
async function boardCommunity(db: Kysely<DB>, scope: Scope, communityId?: number) {
  if (communityId) {
    const u = await unitInScope(db, scope, communityId, '社区');
    if (u.kind !== 'community') throw notFound('社区');
    return u;
  }
  const own = await unitInScope(db, scope, scope.orgId, '社区');
  if (own.kind === 'community') return own;
  if (own.kind === 'grid') {
    // A grid worker's board is their community's; the scope still limits it to the compounds they reach.
    const parent = await db.selectFrom('org_unit as g').innerJoin('org_unit as c', 'c.id', 'g.parent_id')
      .select(['c.id', 'c.name', 'c.path', 'c.kind']).where('g.id', '=', own.id).executeTakeFirst();
    if (parent?.kind === 'community') return { id: parent.id, name: parent.name, path: parent.path };
  }
  const first = (await repo.communitiesUnder(db, scope, scope.path))[0];
  if (!first) throw notFound('社区');
  return first;
}

export async function board(deps: MeetingDeps, scope: Scope, q: z.infer<typeof s.BoardQuery>): Promise<z.infer<typeof s.Board>> {
  const community = await boardCommunity(deps.db, scope, q.communityId);
  const current = chinaMonth(deps.clock.now());
  // The board ends with next month, so a secretary can plan ahead from it.
  const months = monthsEnding(addMonths(current, 1), q.months + 1);
  const compounds = await repo.compoundsOf(deps.db, scope, [community.path]);
  const ids = compounds.map((c) => c.id);
  const [meetings, companies, communities] = await Promise.all([
    repo.meetingsOf(deps.db, scope, ids, months), repo.liveCompanies(deps.db, ids), repo.communitiesUnder(deps.db, scope, scope.path),
  ]);
  const byKey = new Map(meetings.map((m) => [`${m.compound_id}/${m.month}`, m]));
  const companyOf = new Map(companies.map((c) => [c.compound_id, c.name]));
  return {
    community: { id: community.id, name: community.name },
    communities: communities.map((c) => ({ id: c.id, name: c.name })),
    months, currentMonth: current,
    compounds: compounds.map((c) => ({
      id: c.id, name: c.name, companyName: companyOf.get(c.id) ?? null,
      cells: months.map((month) => {
        const m = byKey.get(`${c.id}/${month}`);
        return { month, meetingId: m?.id ?? null, status: m?.status ?? null, companyPresent: m?.company_present ?? null };
      }),
    })),
  };
}

// ---- one meeting ----

async function meetingInScope(db: Kysely<DB> | Trx, scope: Scope, id: number) {
  const m = await repo.meetingById(db, scope, id);
  if (!m) throw notFound('协调会');
  return m;
}

export async function schedule(deps: MeetingDeps, actor: Actor, scope: Scope, body: z.infer<typeof s.ScheduleBody>) {
  refuse(mayPlanMeeting(actor.role), '只有社区书记或社区工作者可以安排三方协调会');
  const current = chinaMonth(deps.clock.now());
  if (body.month < addMonths(current, -MONTHS_BACK) || body.month > addMonths(current, MONTHS_AHEAD)) {
    throw new AppError('VALIDATION_FAILED', '只能安排近一年内或两个月内的协调会', { month: body.month });
  }
  if (chinaMonth(new Date(body.scheduledAt)) !== body.month) throw new AppError('VALIDATION_FAILED', '会议时间应在所选月份内');
  return deps.db.transaction().execute(async (trx) => {
    const g = await compoundInScope(trx, scope, body.compoundId);
    const taken = await trx.selectFrom('property_meeting').select(['id', 'status']).where('compound_id', '=', g.id).where('month', '=', body.month).executeTakeFirst();
    if (taken) throw new AppError('ALREADY_EXISTS', `该小区 ${body.month} 已有三方协调会，每个小区每月只开一次`, { meetingId: taken.id });
    const company = await repo.liveCompany(trx, g.id);
    const { id } = await trx.insertInto('property_meeting').values({
      compound_id: g.id, org_path: g.path, county_code: g.county_code, month: body.month, status: 'planned',
      scheduled_at: new Date(body.scheduledAt), company_id: company?.id ?? null, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await repo.fillAgenda(trx, { id, compound_id: g.id, org_path: g.path, county_code: g.county_code, month: body.month }, actor.accountId);
    await writeAudit(trx, actor, { action: 'property.meeting_schedule', entity: 'property_meeting', entityId: id, orgPath: g.path, countyCode: g.county_code, after: body });
    return { id };
  });
}

export async function detail(deps: MeetingDeps, actor: Actor, scope: Scope, id: number): Promise<z.infer<typeof s.MeetingDetail>> {
  const m = await meetingInScope(deps.db, scope, id);
  const today = chinaDay(deps.clock.now());
  const [agenda, attendees, tasks] = await Promise.all([repo.agendaOf(deps.db, id), repo.attendeesOf(deps.db, id), repo.tasksOfMeeting(deps.db, id)]);
  return {
    id: m.id, compoundId: m.compound_id, compoundName: m.compound_name, communityName: m.community_name ?? '', month: m.month, status: m.status,
    scheduledAt: m.scheduled_at?.toISOString() ?? null, heldAt: m.held_at?.toISOString() ?? null,
    company: m.company_id ? { id: m.company_id, name: m.company_name ?? '' } : null, companyPresent: m.company_present,
    minutes: m.minutes, cancelReason: m.cancel_reason,
    agenda: agenda.map((a) => ({
      id: a.id, kind: a.kind, title: a.title, demandId: a.demand_id, proposalId: a.proposal_id,
      task: a.task_id ? {
        id: a.task_id, ownerKind: a.owner_kind!, ownerName: a.owner_name!, deadline: a.deadline!, status: a.task_status!,
        overdue: isOpenTask(a.task_status!) && a.deadline! < today, meetingMonth: a.task_month!,
      } : null,
    })),
    attendees,
    tasks: tasks.map((t) => taskView(t, today)),
    can: { plan: mayPlanMeeting(actor.role), record: mayRecordMeeting(actor.role), closeTasks: mayCloseTask(actor.role) },
  };
}

type TaskRow = NonNullable<Awaited<ReturnType<typeof repo.taskById>>>;
function taskView(t: TaskRow, today: string): z.infer<typeof s.MeetingTask> {
  return {
    id: t.id, meetingId: t.meeting_id, meetingMonth: t.meeting_month, compoundId: t.compound_id, compoundName: t.compound_name, title: t.title,
    ownerKind: t.owner_kind, ownerName: t.owner_name, deadline: t.deadline, status: t.status, overdue: isOpenTask(t.status) && t.deadline < today,
    demandId: t.demand_id, reportNote: t.report_note, closedNote: t.closed_note,
  };
}

/** A meeting to record on: in scope, not cancelled, locked for the change. */
async function meetingForChange(trx: Trx, scope: Scope, id: number, allowed: readonly string[], message: string) {
  await repo.lockMeeting(trx, id);
  const m = await meetingInScope(trx, scope, id);
  if (!allowed.includes(m.status)) throw new AppError('INVALID_TRANSITION', m.status === 'cancelled' ? '该协调会已取消' : message, { status: m.status });
  return m;
}

export async function refreshAgenda(deps: MeetingDeps, actor: Actor, scope: Scope, id: number) {
  refuse(mayRecordMeeting(actor.role), '您不能整理协调会议程');
  await deps.db.transaction().execute(async (trx) => {
    const m = await meetingForChange(trx, scope, id, ['planned'], '协调会已召开，议程不再更新');
    await repo.fillAgenda(trx, m, actor.accountId);
  });
  return { ok: true };
}

export async function addAgendaItem(deps: MeetingDeps, actor: Actor, scope: Scope, id: number, body: z.infer<typeof s.AgendaBody>) {
  refuse(mayRecordMeeting(actor.role), '您不能整理协调会议程');
  return deps.db.transaction().execute(async (trx) => {
    const m = await meetingForChange(trx, scope, id, ['planned', 'held'], '');
    const row = await trx.insertInto('property_meeting_agenda_item').values({
      meeting_id: m.id, org_path: m.org_path, county_code: m.county_code, kind: 'free', task_id: null, demand_id: null, proposal_id: null,
      title: body.title, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'property.agenda_add', entity: 'property_meeting', entityId: m.id, orgPath: m.org_path, countyCode: m.county_code, after: body });
    return { id: row.id };
  });
}

/** company_present from the attendance: the company came if one of its people is marked present. */
const companyCame = (attendees: readonly { party: string; present: boolean }[], hasCompany: boolean) =>
  hasCompany ? attendees.some((a) => a.party === 'company' && a.present) : null;

export async function saveAttendance(deps: MeetingDeps, actor: Actor, scope: Scope, id: number, body: z.infer<typeof s.AttendanceBody>) {
  refuse(mayRecordMeeting(actor.role), '您不能登记协调会的参会情况');
  await deps.db.transaction().execute(async (trx) => {
    const m = await meetingForChange(trx, scope, id, ['planned', 'held'], '');
    await trx.deleteFrom('property_meeting_attendee').where('meeting_id', '=', m.id).execute();
    await trx.insertInto('property_meeting_attendee').values(body.attendees.map((a) => ({
      meeting_id: m.id, org_path: m.org_path, county_code: m.county_code, party: a.party, name: a.name, present: a.present,
    }))).execute();
    // A held meeting's company_present follows a corrected attendance (the credit score reads it).
    if (m.status === 'held') {
      await trx.updateTable('property_meeting').set({ company_present: companyCame(body.attendees, m.company_id != null) }).where('id', '=', m.id).execute();
    }
    await writeAudit(trx, actor, { action: 'property.meeting_attendance', entity: 'property_meeting', entityId: m.id, orgPath: m.org_path, countyCode: m.county_code, after: body });
  });
  return { ok: true };
}

export async function hold(deps: MeetingDeps, actor: Actor, scope: Scope, id: number, body: z.infer<typeof s.HoldBody>) {
  refuse(mayRecordMeeting(actor.role), '您不能登记协调会召开情况');
  const heldAt = new Date(body.heldAt);
  if (heldAt.getTime() > deps.clock.now().getTime()) throw new AppError('VALIDATION_FAILED', '召开时间不能晚于现在');
  await deps.db.transaction().execute(async (trx) => {
    const m = await meetingForChange(trx, scope, id, ['planned'], '该协调会已登记召开');
    if (chinaMonth(heldAt) !== m.month) throw new AppError('VALIDATION_FAILED', `召开时间应在 ${m.month} 内`);
    const attendees = await repo.attendeesOf(trx, m.id);
    if (!attendees.some((a) => a.party === 'community' && a.present)) {
      throw new AppError('VALIDATION_FAILED', '请先登记参会情况：社区党组织是召集方，须有人出席');
    }
    // The company is the one serving the compound when the meeting is held.
    const company = (await repo.liveCompany(trx, m.compound_id)) ?? (m.company_id ? { id: m.company_id } : undefined);
    await trx.updateTable('property_meeting').set({
      status: 'held', held_at: heldAt, minutes: body.minutes, company_id: company?.id ?? null, company_present: companyCame(attendees, company != null),
    }).where('id', '=', m.id).where('status', '=', 'planned').execute();
    // Proposals on a held meeting's agenda have been discussed: they leave the next agendas.
    await trx.updateTable('property_proposal').set({ status: 'discussed', discussed_meeting_id: m.id })
      .where('status', '=', 'open')
      .where('id', 'in', (eb) => eb.selectFrom('property_meeting_agenda_item').select('proposal_id').where('meeting_id', '=', m.id).where('proposal_id', 'is not', null).$castTo<number>())
      .execute();
    await writeAudit(trx, actor, { action: 'property.meeting_hold', entity: 'property_meeting', entityId: m.id, orgPath: m.org_path, countyCode: m.county_code, after: { heldAt: body.heldAt } });
  });
  return { ok: true };
}

export async function cancel(deps: MeetingDeps, actor: Actor, scope: Scope, id: number, body: z.infer<typeof s.CancelBody>) {
  refuse(mayPlanMeeting(actor.role), '只有社区书记或社区工作者可以取消协调会');
  await deps.db.transaction().execute(async (trx) => {
    const m = await meetingForChange(trx, scope, id, ['planned'], '已召开的协调会不能取消');
    await trx.updateTable('property_meeting').set({ status: 'cancelled', cancel_reason: body.reason }).where('id', '=', m.id).execute();
    await writeAudit(trx, actor, { action: 'property.meeting_cancel', entity: 'property_meeting', entityId: m.id, orgPath: m.org_path, countyCode: m.county_code, reason: body.reason });
  });
  return { ok: true };
}

const OWNER_NAMES: Record<Exclude<TaskOwnerKind, 'company' | 'person' | 'community'>, string> = { owners_committee: '业主委员会' };

export async function addTask(deps: MeetingDeps, actor: Actor, scope: Scope, id: number, body: z.infer<typeof s.TaskBody>) {
  refuse(mayRecordMeeting(actor.role), '您不能登记协调会的决议');
  return deps.db.transaction().execute(async (trx) => {
    const m = await meetingForChange(trx, scope, id, ['held'], '协调会召开后才能登记决议事项');
    if (body.deadline < chinaDay(m.held_at!)) throw new AppError('VALIDATION_FAILED', '完成期限不能早于会议日期');
    let ownerName: string;
    let companyId: number | null = null;
    switch (body.ownerKind) {
      case 'company':
        if (!m.company_id) throw new AppError('VALIDATION_FAILED', '该小区没有服务的物业企业，不能由企业承办');
        companyId = m.company_id;
        ownerName = m.company_name ?? '物业企业';
        break;
      case 'community':
        ownerName = m.community_name ?? '社区';
        break;
      case 'owners_committee':
        ownerName = body.ownerName?.trim() || OWNER_NAMES.owners_committee;
        break;
      case 'person':
        if (!body.ownerName?.trim()) throw new AppError('VALIDATION_FAILED', '请填写负责人姓名');
        ownerName = body.ownerName.trim();
        break;
    }
    if (body.demandId) {
      // A task may note a demand of its own compound only (the agenda's).
      const d = await trx.selectFrom('demand').select('id').where('id', '=', body.demandId).where('org_path', 'like', `${m.org_path}%`).executeTakeFirst();
      if (!d) throw notFound('诉求');
    }
    const row = await trx.insertInto('property_meeting_task').values({
      meeting_id: m.id, compound_id: m.compound_id, org_path: m.org_path, county_code: m.county_code, title: body.title, owner_kind: body.ownerKind,
      owner_name: ownerName, company_id: companyId, deadline: body.deadline, demand_id: body.demandId ?? null, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'property.task_create', entity: 'property_meeting_task', entityId: row.id, orgPath: m.org_path, countyCode: m.county_code, after: body });
    return { id: row.id };
  });
}

// ---- tasks ----

const TASK_AUDIT = { report: 'property.task_report', confirm: 'property.task_done', send_back: 'property.task_reopen', drop: 'property.task_drop' } as const;

/** One step of a task; the row is locked and the status guarded in the UPDATE, so two clicks make one step. */
async function stepTask(deps: MeetingDeps, actor: Actor, id: number, action: TaskAction, note: string | undefined, reach: (t: TaskRow) => boolean) {
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockTask(trx, id);
    const t = await repo.taskById(trx, id);
    if (!t || !reach(t)) throw notFound('事项');
    const to: MeetingTaskStatus = checkTaskStep(t.status, action, note);
    const now = deps.clock.now();
    const set = action === 'report'
      ? { status: to, report_note: note!.trim(), reported_at: now }
      : action === 'send_back'
        ? { status: to, closed_note: note!.trim() }
        : { status: to, closed_note: note?.trim() || null, closed_at: now, closed_by: actor.accountId };
    const r = await trx.updateTable('property_meeting_task').set(set).where('id', '=', id).where('status', '=', t.status).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该事项刚被他人处理，请刷新后再试');
    await writeAudit(trx, actor, { action: TASK_AUDIT[action], entity: 'property_meeting_task', entityId: id, orgPath: t.org_path, countyCode: t.county_code,
      before: { status: t.status }, after: { status: to }, reason: note ?? null });
    return { ok: true };
  });
}

/** The community confirms, sends back or drops a task of a compound in its scope. */
export async function communityTaskStep(deps: MeetingDeps, actor: Actor, scope: Scope, id: number, action: Exclude<TaskAction, 'report'>, note?: string) {
  refuse(mayCloseTask(actor.role), '只有社区书记或社区工作者可以确认或撤销事项');
  return stepTask(deps, actor, id, action, note, (t) => scope.contains(t.org_path));
}

/** The company whose account this is, via account.property_company_id. */
async function companyOf(deps: MeetingDeps, actor: Actor) {
  const links = await repo.accountLinks(deps.db, actor.accountId);
  if (!links?.property_company_id) throw new AppError('FORBIDDEN', '您的账号还没有关联物业企业，请联系街道关联');
  return { companyId: links.property_company_id, countyCode: links.county_code };
}

export async function companyReport(deps: MeetingDeps, actor: Actor, id: number, note?: string) {
  const c = await companyOf(deps, actor);
  return stepTask(deps, actor, id, 'report', note, (t) => ownsTask(c.companyId, t.company_id));
}

export async function companyTasks(deps: MeetingDeps, actor: Actor, q: z.infer<typeof s.TasksQuery>) {
  const c = await companyOf(deps, actor);
  const today = chinaDay(deps.clock.now());
  const { rows, total } = await repo.companyTasksPage(deps.db, c.companyId, c.countyCode, q);
  return { total, items: rows.map((t) => taskView(t, today)) };
}

// ---- proposals ----

/** A resident proposes an item for their own compound's next meeting. */
export async function submitProposal(deps: MeetingDeps, actor: Actor, body: z.infer<typeof s.ProposalBody>) {
  const links = await repo.accountLinks(deps.db, actor.accountId);
  if (!links?.resident_id) throw new AppError('FORBIDDEN', '您的账号还没有关联居民信息，请联系社区');
  const g = await repo.residentCompound(deps.db, links.resident_id);
  if (!g) throw new AppError('VALIDATION_FAILED', '您的住址不在封闭小区内，暂不能提交协调会议题');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('property_proposal').values({
      compound_id: g.id, org_path: g.path, county_code: g.county_code, resident_id: g.resident_id, author_name: g.resident_name,
      content: body.content, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'property.proposal_submit', entity: 'property_proposal', entityId: row.id, orgPath: g.path, countyCode: g.county_code });
    return { id: row.id };
  });
}

export async function myProposals(deps: MeetingDeps, actor: Actor): Promise<z.infer<typeof s.MyProposals>> {
  const links = await repo.accountLinks(deps.db, actor.accountId);
  const g = links?.resident_id ? await repo.residentCompound(deps.db, links.resident_id) : undefined;
  if (!g) return { compound: null, items: [] };
  const rows = await repo.proposalsOfCompound(deps.db, g.id, g.resident_id);
  return {
    compound: { id: g.id, name: g.name },
    items: rows.map((p) => ({ id: p.id, compoundId: p.compound_id, compoundName: p.compound_name, authorName: p.author_name, content: p.content, status: p.status, createdAt: p.created_at.toISOString() })),
  };
}

/** Staff record a proposal a resident made in person, for a compound in scope. */
export async function recordProposal(deps: MeetingDeps, actor: Actor, scope: Scope, body: z.infer<typeof s.StaffProposalBody>) {
  refuse(mayRecordMeeting(actor.role), '您不能代居民登记议题');
  return deps.db.transaction().execute(async (trx) => {
    const g = await compoundInScope(trx, scope, body.compoundId);
    const row = await trx.insertInto('property_proposal').values({
      compound_id: g.id, org_path: g.path, county_code: g.county_code, resident_id: null, author_name: body.authorName, content: body.content, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'property.proposal_submit', entity: 'property_proposal', entityId: row.id, orgPath: g.path, countyCode: g.county_code });
    return { id: row.id };
  });
}

// ---- the street's overview ----

/** The street an overview shows: the one asked for, or the caller's own (or the first in scope). */
async function overviewStreet(db: Kysely<DB>, scope: Scope, streetId?: number) {
  if (streetId) {
    const u = await unitInScope(db, scope, streetId, '街道');
    if (u.kind !== 'street') throw notFound('街道');
    return u;
  }
  const own = await unitInScope(db, scope, scope.orgId, '街道');
  if (own.kind === 'street') return own;
  const first = (await repo.streetsUnder(db, scope))[0];
  if (first) return first;
  throw new AppError('FORBIDDEN', '协调会统计按街道查看，您的管辖范围内没有街道');
}

export async function overview(deps: MeetingDeps, scope: Scope, q: z.infer<typeof s.OverviewQuery>): Promise<z.infer<typeof s.Overview>> {
  const street = await overviewStreet(deps.db, scope, q.streetId);
  const month = q.month ?? chinaMonth(deps.clock.now());
  const months = monthsEnding(month, 6);
  const communities = await repo.communitiesUnder(deps.db, scope, street.path);
  const compounds = await repo.compoundsOf(deps.db, scope, communities.map((c) => c.path));
  const [meetings, done, tasksOpen, streets] = await Promise.all([
    repo.heldMeetingsUnder(deps.db, scope, street.path, months),
    repo.doneTasksUnder(deps.db, scope, street.path, monthStart(months[0]!), monthStart(addMonths(month, 1))),
    repo.openTasksUnder(deps.db, scope, street.path),
    repo.streetsUnder(deps.db, scope),
  ]);
  const compoundIds = new Set(compounds.map((c) => c.id));
  const held = new Set(meetings.filter((m) => m.status === 'held').map((m) => `${m.compound_id}/${m.month}`));
  const statusOf = new Map(meetings.map((m) => [`${m.compound_id}/${m.month}`, m.status]));
  const doneMonth = done.map((d) => ({ compound: d.compound_id, month: chinaMonth(d.closed_at!) }));
  const rows = communities.map((c) => {
    const mine = compounds.filter((g) => g.path.startsWith(c.path));
    const mineIds = new Set(mine.map((g) => g.id));
    return {
      id: c.id, name: c.name, compounds: mine.length,
      held: mine.filter((g) => held.has(`${g.id}/${month}`)).length,
      tasksDone: doneMonth.filter((d) => d.month === month && mineIds.has(d.compound)).length,
      missed: mine.filter((g) => !held.has(`${g.id}/${month}`)).map((g) => ({ id: g.id, name: g.name, status: statusOf.get(`${g.id}/${month}`) ?? null })),
    };
  }).filter((c) => c.compounds > 0);
  const heldNow = meetings.filter((m) => m.month === month && m.status === 'held' && compoundIds.has(m.compound_id));
  return {
    street: { id: street.id, name: street.name },
    streets: streets.map((x) => ({ id: x.id, name: x.name })),
    month,
    totals: {
      compounds: compounds.length, held: heldNow.length, missed: compounds.length - heldNow.length,
      companyAbsent: heldNow.filter((m) => m.company_present === false).length,
      tasksDone: doneMonth.filter((d) => d.month === month).length, tasksOpen,
    },
    communities: rows,
    series: months.map((mo) => {
      const h = compounds.filter((g) => held.has(`${g.id}/${mo}`)).length;
      return { month: mo, held: h, missed: compounds.length - h, tasksDone: doneMonth.filter((d) => d.month === mo).length };
    }),
  };
}
