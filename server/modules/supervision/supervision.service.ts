import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { addDays, chinaDay, chinaMonthStart, addMonths, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertAttachable, fileUrl, linkAttachments, type AttachmentReader } from '../../platform/files/attachment.service.js';
import type { Actor, AuthContext } from '../../platform/http/request-context.js';
import { cancelJobs, scheduleJob, type JobHandler } from '../../platform/jobs.js';
import { notify } from '../../platform/notifications.js';
import { orgPlace, placeAbove } from '../../platform/org-units.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { checkInspectionStep, checkProblemStep, INSPECTION_STEPS, OPEN_FOR_RECEIVER, PROBLEM_STEPS, type InspectionAction, type ProblemAction } from './problems-lifecycle.js';
import { isDepartment, isPlanner, mayTakeProblemStep, PROBLEM_STEP_OWNER } from './supervision.policy.js';
import * as repo from './supervision.repository.js';
import type { SupervisionReach } from './supervision.repository.js';
import type { FiguresQuery, GroupBody, HandOverBody, InspectionBody, InspectionsQuery, ProblemBody, ProblemsQuery, StepBody } from './supervision.schemas.js';

export interface SupervisionDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** For notifications (the SMS channel lives on the app context). */
  ctx: AppContext;
}
export const supervisionDeps = (ctx: AppContext): SupervisionDeps => ({ db: ctx.database.db, clock: ctx.clock ?? systemClock, ctx });

/**
 * Who is told about a problem at a unit or a department: the admins of that unit (a county's or
 * the city's organisation department), or the department's own accounts. Sent by text too: a
 * deadline runs.
 */
async function tellReceivers(trx: Transaction<DB>, ctx: AppContext, to: { orgId: number | null; departmentId: number | null }, m: { problemId: number; title: string; body: string; orgPath: string; countyCode: string }) {
  const accounts = await repo.receiverAccounts(trx, to);
  await notify(trx, ctx, accounts.map((a) => a.id), {
    title: m.title, body: m.body, link: `/supervision/problems/${m.problemId}`, orgPath: m.orgPath, countyCode: m.countyCode, sms: true,
  });
}

/** Attachment owner kinds: the photos of a problem as found, and the evidence of its rectification. */
export const PROBLEM_FILES = 'supervision_problem';
export const RECTIFY_FILES = 'supervision_rectification';
export const OVERDUE_JOB = 'supervision.problem_overdue';

export async function reachOf(deps: SupervisionDeps, a: AuthContext): Promise<SupervisionReach> {
  if (!isDepartment(a.actor.role)) return { scope: a.scope, accountId: a.actor.accountId, departmentId: null };
  const d = await repo.departmentOfAccount(deps.db, a.actor.accountId);
  if (!d) throw new AppError('FORBIDDEN', '您的账号还没有关联职能部门，请联系管理员');
  return { scope: a.scope, accountId: a.actor.accountId, departmentId: d.id };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

// ---- the coordination mechanism ----

/** The city or county whose mechanism the caller speaks for: an admin account scoped lower plans nothing. */
async function plannerLevel(db: Kysely<DB> | Transaction<DB>, scope: Scope) {
  const org = await unitInScope(db, scope, scope.orgId);
  if (org.kind !== 'city' && org.kind !== 'county') throw new AppError('FORBIDDEN', '工作专班和督查由市、区县设立和组织');
  return org;
}

export async function listDepartments(deps: SupervisionDeps, scope: Scope, q?: string) {
  const rows = await repo.departments(deps.db, scope, q);
  return rows.map((r) => ({ id: r.id, name: r.name, orgName: r.org_name }));
}

export async function listGroups(deps: SupervisionDeps, scope: Scope, page: { page: number; pageSize: number }) {
  const { rows, total } = await repo.groups(deps.db, scope, page);
  const members = await repo.groupMembers(deps.db, rows.map((r) => r.id));
  return {
    total,
    items: rows.map((g) => ({
      id: g.id, name: g.name, orgName: g.org_name, lead: { id: g.lead_department_id, name: g.lead_name },
      members: members.filter((m) => m.group_id === g.id).map((m) => ({ id: m.id, name: m.name })),
    })),
  };
}

/** A working group of the caller's own level (the city's or the county's), its members from that level. */
export async function createGroup(deps: SupervisionDeps, actor: Actor, scope: Scope, body: GroupBody) {
  if (!isPlanner(actor.role)) throw new AppError('FORBIDDEN', '工作专班由市、区县设立');
  const ids = [...new Set([body.leadDepartmentId, ...body.memberIds])];
  return deps.db.transaction().execute(async (trx) => {
    const org = await plannerLevel(trx, scope);
    for (const id of ids) {
      const d = await repo.departmentById(trx, id);
      if (!d || !d.org_path.startsWith(org.path)) {
        throw new AppError('VALIDATION_FAILED', '成员单位须是本级或下级的职能部门', { fields: [{ field: 'body.memberIds', problem: 'unknown department' }], id });
      }
    }
    const g = await trx.insertInto('supervision_group').values({
      org_id: org.id, org_path: org.path, county_code: org.county_code, name: body.name.trim(), lead_department_id: body.leadDepartmentId, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow().catch((e: { constraint?: string }) => {
      if (e?.constraint === 'supervision_group_org_name_key') throw new AppError('ALREADY_EXISTS', '同名的工作专班已存在');
      throw e;
    });
    await trx.insertInto('supervision_group_member').values(ids.map((d) => ({ group_id: g.id, department_id: d }))).execute();
    await writeAudit(trx, actor, { action: 'supervision.group_create', entity: 'supervision_group', entityId: g.id, orgPath: org.path, countyCode: org.county_code, after: { name: body.name, ids } });
    return { id: g.id };
  });
}

// ---- inspections ----

export async function listInspections(deps: SupervisionDeps, reach: SupervisionReach, q: InspectionsQuery) {
  const { rows, total } = await repo.inspections(deps.db, reach, q);
  const places = await repo.inspectionPlaces(deps.db, rows.map((r) => r.id));
  return {
    total,
    items: rows.map((i) => ({
      id: i.id, kind: i.kind, title: i.title, status: i.status, groupId: i.group_id, groupName: i.group_name, orgName: i.org_name,
      startsOn: i.starts_on, endsOn: i.ends_on, cancelReason: i.cancel_reason, problems: Number(i.problems ?? 0),
      places: places.filter((p) => p.inspection_id === i.id).map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
      mayPlan: reach.departmentId == null && reach.scope.contains(i.org_path),
    })),
  };
}

export async function createInspection(deps: SupervisionDeps, actor: Actor, reach: SupervisionReach, body: InspectionBody) {
  if (!isPlanner(actor.role)) throw new AppError('FORBIDDEN', '督查由市、区县组织');
  if (body.endsOn < body.startsOn) throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期', { fields: [{ field: 'body.endsOn', problem: 'before start' }] });
  const scope = reach.scope;
  return deps.db.transaction().execute(async (trx) => {
    const org = await plannerLevel(trx, scope);
    const group = await repo.groupById(trx, scope, body.groupId);
    if (!group || !scope.contains(group.org_path)) throw notFound('工作专班');
    const places = [];
    for (const id of [...new Set(body.placeIds)]) {
      const p = await unitInScope(trx, scope, id, '督查地点');
      if (!['county', 'street', 'community'].includes(p.kind)) {
        throw new AppError('VALIDATION_FAILED', '督查地点须是区县、街道（乡镇）或社区', { fields: [{ field: 'body.placeIds', problem: 'kind' }], id });
      }
      places.push(p);
    }
    const i = await trx.insertInto('supervision_inspection').values({
      org_id: org.id, org_path: org.path, county_code: org.county_code, kind: body.kind, title: body.title.trim(), group_id: group.id,
      starts_on: body.startsOn, ends_on: body.endsOn, created_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('supervision_inspection_place').values(places.map((p) => ({ inspection_id: i.id, place_id: p.id, org_path: p.path, county_code: p.county_code }))).execute();
    await writeAudit(trx, actor, { action: 'supervision.inspection_plan', entity: 'supervision_inspection', entityId: i.id, orgPath: org.path, countyCode: org.county_code, after: body });
    return { id: i.id, status: 'planned' as const };
  });
}

export async function inspectionStep(deps: SupervisionDeps, actor: Actor, reach: SupervisionReach, id: number, action: InspectionAction, reason?: string) {
  return deps.db.transaction().execute(async (trx) => {
    const i = await repo.inspectionById(trx, reach, id, true);
    if (!i) throw notFound('督查');
    if (!isPlanner(actor.role) || !reach.scope.contains(i.org_path)) throw new AppError('FORBIDDEN', '督查的开始、结束和取消由组织督查的市、区县办理');
    const refused = checkInspectionStep(i.status, action);
    if (refused) throw new AppError('INVALID_TRANSITION', refused, { status: i.status, action });
    if (action === 'cancel' && !reason?.trim()) throw new AppError('VALIDATION_FAILED', '取消督查须说明原因', { fields: [{ field: 'body.reason', problem: 'required' }] });
    const to = INSPECTION_STEPS[action].to;
    await trx.updateTable('supervision_inspection').set({ status: to, cancel_reason: action === 'cancel' ? reason!.trim() : i.cancel_reason })
      .where('id', '=', id).where('status', '=', i.status).execute();
    await writeAudit(trx, actor, {
      action: 'supervision.inspection_step', entity: 'supervision_inspection', entityId: id, orgPath: i.org_path, countyCode: i.county_code,
      before: { status: i.status }, after: { action, status: to }, reason: reason ?? null,
    });
    return { status: to };
  });
}

// ---- problems ----

const DEADLINE_AT = (deadline: string) => new Date(`${addDays(deadline, 1)}T00:00:00+08:00`);

/** 问题移交: to the county the place lies in, or to a department whose area contains it; the overdue timer is set. */
async function handOver(trx: Transaction<DB>, deps: SupervisionDeps, actor: Actor, p: { id: number; org_path: string; county_code: string; status: string }, h: HandOverBody) {
  const now = deps.clock.now();
  if (h.deadline < chinaDay(now)) throw new AppError('VALIDATION_FAILED', '整改期限不能早于今天', { fields: [{ field: 'body.deadline', problem: 'past' }] });
  let receiverOrgId: number | null = null;
  let receiverDepartmentId: number | null = null;
  let receiverName: string;
  if (h.to === 'county') {
    const county = await placeAbove(trx, p.org_path, 'county');
    if (!county) throw new AppError('VALIDATION_FAILED', '问题所在地不属于任何区县', { fields: [{ field: 'body.to', problem: 'no county' }] });
    receiverOrgId = county.id;
    receiverName = county.name;
  } else {
    const d = h.departmentId ? await repo.departmentById(trx, h.departmentId) : undefined;
    if (!d) throw new AppError('VALIDATION_FAILED', '请选择接收问题的职能部门', { fields: [{ field: 'body.departmentId', problem: 'required' }] });
    if (!p.org_path.startsWith(d.org_path)) throw new AppError('VALIDATION_FAILED', `${d.name}不管辖问题所在地，请移交给所在区县或其部门`, { fields: [{ field: 'body.departmentId', problem: 'out of area' }] });
    receiverDepartmentId = d.id;
    receiverName = d.name;
  }
  await trx.updateTable('supervision_problem').set({
    status: 'handed_over', receiver_org_id: receiverOrgId, receiver_department_id: receiverDepartmentId, deadline: h.deadline, handed_over_at: now,
  }).where('id', '=', p.id).where('status', '=', 'found').execute();
  await scheduleJob(trx, { kind: OVERDUE_JOB, runAt: DEADLINE_AT(h.deadline), payload: { problemId: p.id }, countyCode: p.county_code, dedupeKey: `supervision_problem:${p.id}:overdue` });
  const note = `移交${receiverName}，整改期限 ${h.deadline}`;
  await tellReceivers(trx, deps.ctx, { orgId: receiverDepartmentId == null ? receiverOrgId : null, departmentId: receiverDepartmentId }, {
    problemId: p.id, title: '督导问题移交', body: `${note}，请按期整改并上报整改情况`, orgPath: p.org_path, countyCode: p.county_code,
  });
  await repo.insertStep(trx, { problemId: p.id, orgPath: p.org_path, countyCode: p.county_code, action: 'hand_over', from: p.status, to: 'handed_over', note, accountId: actor.accountId, at: now });
  await writeAudit(trx, actor, {
    action: 'supervision.problem_step', entity: 'supervision_problem', entityId: p.id, orgPath: p.org_path, countyCode: p.county_code,
    before: { status: p.status }, after: { action: 'hand_over', status: 'handed_over', receiverOrgId, receiverDepartmentId, deadline: h.deadline },
  });
}

/** An inspector records a problem under an inspection under way, at one of its places; optionally hands it over at once. */
export async function recordProblem(deps: SupervisionDeps, actor: Actor, reach: SupervisionReach, body: ProblemBody) {
  return deps.db.transaction().execute(async (trx) => {
    const i = await repo.inspectionById(trx, reach, body.inspectionId);
    if (!i) throw notFound('督查');
    if (i.status !== 'under_way') throw new AppError('INVALID_TRANSITION', '只能在进行中的督查下记录问题');
    const place = await orgPlace(trx, body.placeId, { live: true });
    const places = await repo.inspectionPlaces(trx, [i.id]);
    if (!place || !places.some((pl) => place.path.startsWith(pl.path))) throw notFound('督查地点');
    const photoIds = await assertAttachable(trx, actor, reach.scope, body.photoIds, 'body.photoIds');
    const now = deps.clock.now();
    const p = await trx.insertInto('supervision_problem').values({
      inspection_id: i.id, place_id: place.id, org_path: place.path, county_code: place.county_code, category: body.category,
      description: body.description.trim(), lat: body.lat ?? null, lng: body.lng ?? null, found_by: actor.accountId, found_at: now,
    }).returning(['id', 'org_path', 'county_code', 'status']).executeTakeFirstOrThrow();
    if (photoIds.length) await linkAttachments(trx, photoIds, { entity: PROBLEM_FILES, entityId: p.id, orgPath: p.org_path, countyCode: p.county_code });
    await repo.insertStep(trx, { problemId: p.id, orgPath: p.org_path, countyCode: p.county_code, action: 'record', from: null, to: 'found', note: null, accountId: actor.accountId, at: now });
    await writeAudit(trx, actor, { action: 'supervision.problem_record', entity: 'supervision_problem', entityId: p.id, orgPath: p.org_path, countyCode: p.county_code, after: { inspectionId: i.id, category: body.category } });
    if (body.handOver) await handOver(trx, deps, actor, p, body.handOver);
    return { id: p.id, status: body.handOver ? 'handed_over' as const : 'found' as const };
  });
}

async function partiesOf(trx: Transaction<DB>, actor: Actor, reach: SupervisionReach, p: { found_by: number; inspection_path: string; receiver_department_id: number | null; receiver_org_path: string | null; org_path: string }) {
  const receivesIt = reach.departmentId != null
    ? p.receiver_department_id === reach.departmentId
    : p.receiver_org_path != null && (actor.role === 'county_admin' || actor.role === 'street_admin') && reach.scope.path.startsWith(p.receiver_org_path) && reach.scope.contains(p.org_path);
  void trx;
  return { foundIt: p.found_by === actor.accountId, plansIt: reach.scope.contains(p.inspection_path), receivesIt };
}

export async function problemStep(deps: SupervisionDeps, actor: Actor, reach: SupervisionReach, id: number, action: ProblemAction, input: StepBody) {
  return deps.db.transaction().execute(async (trx) => {
    const seen = await repo.problemById(trx, reach, id);
    if (!seen) throw notFound('问题');
    const p = await repo.lockProblem(trx, id);
    if (!p) throw notFound('问题');
    const refused = checkProblemStep(p.status, action);
    if (refused) throw new AppError('INVALID_TRANSITION', refused, { status: p.status, action });
    const step = PROBLEM_STEPS[action];
    if (!mayTakeProblemStep(actor.role, step.by, await partiesOf(trx, actor, reach, seen))) throw new AppError('FORBIDDEN', PROBLEM_STEP_OWNER[step.by]);
    if (action === 'hand_over') {
      if (!input.handOver) throw new AppError('VALIDATION_FAILED', '请选择移交对象和整改期限', { fields: [{ field: 'body.handOver', problem: 'required' }] });
      await handOver(trx, deps, actor, p, input.handOver);
      return { status: 'handed_over' as const };
    }
    const now = deps.clock.now();
    const note = input.note?.trim() || null;
    if ((action === 'report' || action === 'send_back') && !note) {
      throw new AppError('VALIDATION_FAILED', action === 'report' ? '请填写整改情况' : '退回须说明理由', { fields: [{ field: 'body.note', problem: 'required' }] });
    }
    const photoIds = action === 'report' ? await assertAttachable(trx, actor, reach.scope, input.photoIds ?? [], 'body.photoIds') : [];
    const set: Record<string, unknown> = { status: step.to };
    if (action === 'report') Object.assign(set, { reported_at: now, rectification: note });
    if (action === 'verify') set.verified_at = now;
    await trx.updateTable('supervision_problem').set(set).where('id', '=', id).where('status', '=', p.status).execute();
    if (photoIds.length) await linkAttachments(trx, photoIds, { entity: RECTIFY_FILES, entityId: id, orgPath: p.org_path, countyCode: p.county_code });
    if (action === 'verify') await cancelJobs(trx, `supervision_problem:${id}:overdue`);
    // Sent back: the deadline counts again; one already past escalates at once (unless it did before).
    if (action === 'send_back' && !p.escalated_at && p.deadline_day) {
      const at = DEADLINE_AT(p.deadline_day);
      await scheduleJob(trx, { kind: OVERDUE_JOB, runAt: at > now ? at : now, payload: { problemId: id }, countyCode: p.county_code, dedupeKey: `supervision_problem:${id}:overdue` });
    }
    await repo.insertStep(trx, { problemId: id, orgPath: p.org_path, countyCode: p.county_code, action, from: p.status, to: step.to, note, accountId: actor.accountId, at: now });
    await writeAudit(trx, actor, {
      action: 'supervision.problem_step', entity: 'supervision_problem', entityId: id, orgPath: p.org_path, countyCode: p.county_code,
      before: { status: p.status }, after: { action, status: step.to }, reason: note,
    });
    return { status: step.to };
  });
}

/**
 * The overdue timer: a problem still with its receiver after its deadline is escalated once to the
 * level above — a county's to the city, a department's to the city or county it serves — and
 * marked. Runs in the job's transaction, so a restart neither loses nor repeats it.
 */
export function supervisionJobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return {
    [OVERDUE_JOB]: async (trx, job, now) => {
      const { problemId } = job.payload as { problemId: number };
      const p = await repo.lockProblem(trx, problemId);
      if (!p || p.escalated_at || !OPEN_FOR_RECEIVER.includes(p.status) || !p.deadline_day || chinaDay(now) <= p.deadline_day) return;
      let to: number | null = null;
      if (p.receiver_org_id != null) to = (await orgPlace(trx, p.receiver_org_id))?.parent_id ?? p.receiver_org_id;
      else if (p.receiver_department_id != null) to = (await repo.departmentById(trx, p.receiver_department_id))?.org_id ?? null;
      const where = to != null ? (await orgPlace(trx, to))?.name ?? '' : '';
      await trx.updateTable('supervision_problem').set({ escalated_at: now, escalated_to_org_id: to }).where('id', '=', problemId).where('escalated_at', 'is', null).execute();
      await repo.insertStep(trx, { problemId, orgPath: p.org_path, countyCode: p.county_code, action: 'escalate', from: p.status, to: p.status, note: `逾期未整改（期限 ${p.deadline_day}），已提级督办至${where}`, accountId: null, at: now });
      await writeAudit(trx, null, {
        action: 'supervision.problem_escalate', entity: 'supervision_problem', entityId: problemId, orgPath: p.org_path, countyCode: p.county_code,
        after: { escalatedToOrgId: to, deadline: p.deadline_day },
      });
      // The level above is told, and so is the receiver that let the deadline pass.
      const body = `逾期未整改（期限 ${p.deadline_day}），已提级督办至${where}`;
      await tellReceivers(trx, ctx, { orgId: to, departmentId: null }, { problemId, title: '督导问题逾期提级', body, orgPath: p.org_path, countyCode: p.county_code });
      await tellReceivers(trx, ctx, { orgId: p.receiver_department_id == null ? p.receiver_org_id : null, departmentId: p.receiver_department_id }, {
        problemId, title: '督导问题逾期', body, orgPath: p.org_path, countyCode: p.county_code,
      });
    },
  };
}

function problemItem(r: repo.ProblemRow, today: string) {
  const open = OPEN_FOR_RECEIVER.includes(r.status);
  return {
    id: r.id, inspectionId: r.inspection_id, inspectionTitle: r.inspection_title, placeId: r.place_id, placeName: r.place_name,
    category: r.category, description: r.description, status: r.status,
    receiver: r.receiver_org_name ?? r.receiver_department_name ?? null, receiverKind: r.receiver_org_id ? 'county' as const : r.receiver_department_id ? 'department' as const : null,
    deadline: r.deadline, overdue: !!r.escalated_at || (open && !!r.deadline && r.deadline < today),
    escalatedAt: iso(r.escalated_at), escalatedTo: r.escalated_to_name, foundAt: iso(r.found_at)!,
  };
}

export async function listProblems(deps: SupervisionDeps, reach: SupervisionReach, q: ProblemsQuery) {
  const today = chinaDay(deps.clock.now());
  const { rows, total } = await repo.problems(deps.db, reach, q, today);
  return { total, items: rows.map((r) => problemItem(r, today)) };
}

export async function problemDetail(deps: SupervisionDeps, actor: Actor, reach: SupervisionReach, id: number) {
  const r = await repo.problemById(deps.db, reach, id);
  if (!r) throw notFound('问题');
  const today = chinaDay(deps.clock.now());
  const [steps, photos, evidence] = await Promise.all([
    repo.stepsOf(deps.db, id), repo.photosOf(deps.db, PROBLEM_FILES, [id]), repo.photosOf(deps.db, RECTIFY_FILES, [id]),
  ]);
  const parties = await deps.db.transaction().execute((trx) => partiesOf(trx, actor, reach, r));
  const may = (Object.keys(PROBLEM_STEPS) as ProblemAction[])
    .filter((a) => !checkProblemStep(r.status, a) && mayTakeProblemStep(actor.role, PROBLEM_STEPS[a].by, parties));
  return {
    ...problemItem(r, today), lat: r.lat == null ? null : Number(r.lat), lng: r.lng == null ? null : Number(r.lng),
    rectification: r.rectification, reportedAt: iso(r.reported_at), verifiedAt: iso(r.verified_at), handedOverAt: iso(r.handed_over_at),
    photos: (photos.get(id) ?? []).map(fileUrl), evidence: (evidence.get(id) ?? []).map(fileUrl),
    steps: steps.map((s) => ({ action: s.action, from: s.from_status, to: s.to_status, note: s.note, by: s.display_name ?? null, at: iso(s.at)! })),
    actions: may,
  };
}

/** Counts per receiver (county or department) and month: found (handed over), rectified, overdue, average days to verify. */
export async function supervisionFigures(deps: SupervisionDeps, reach: SupervisionReach, q: FiguresQuery) {
  const to = q.to ?? chinaDay(deps.clock.now()).slice(0, 7);
  const from = q.from ?? addMonths(to, -11);
  if (from > to) throw new AppError('VALIDATION_FAILED', '起始月份不能晚于结束月份', { fields: [{ field: 'querystring.from', problem: 'after to' }] });
  const rows = await repo.figures(deps.db, reach, chinaMonthStart(from), chinaMonthStart(addMonths(to, 1)));
  const byReceiver = new Map<string, { kind: 'county' | 'department'; id: number; name: string; found: number; rectified: number; overdue: number; daysSum: number }>();
  const byMonth = new Map<string, { month: string; found: number; rectified: number; overdue: number }>();
  for (let m = from; m <= to; m = addMonths(m, 1)) byMonth.set(m, { month: m, found: 0, rectified: 0, overdue: 0 });
  for (const r of rows) {
    const k = `${r.receiver_kind}:${r.receiver_id}`;
    const x = byReceiver.get(k) ?? { kind: r.receiver_kind, id: Number(r.receiver_id), name: r.receiver_name, found: 0, rectified: 0, overdue: 0, daysSum: 0 };
    x.found += r.found; x.rectified += r.rectified; x.overdue += r.overdue; x.daysSum += Number(r.days_sum);
    byReceiver.set(k, x);
    const mm = byMonth.get(r.month);
    if (mm) { mm.found += r.found; mm.rectified += r.rectified; mm.overdue += r.overdue; }
  }
  return {
    from, to,
    receivers: [...byReceiver.values()].map((x) => ({
      kind: x.kind, id: x.id, name: x.name, found: x.found, rectified: x.rectified, overdue: x.overdue,
      averageDays: x.rectified ? Math.round((x.daysSum / x.rectified) * 10) / 10 : null,
    })),
    months: [...byMonth.values()],
  };
}

/** A problem's photos and evidence are as visible as the problem. */
export function problemFileReader(deps: SupervisionDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    let departmentId: number | null = null;
    if (isDepartment(actor.role)) departmentId = (await repo.departmentOfAccount(deps.db, actor.accountId))?.id ?? null;
    if (isDepartment(actor.role) && departmentId == null) return false;
    return (await repo.problemsReadable(deps.db, { scope, accountId: actor.accountId, departmentId }, ids)).length > 0;
  };
}
