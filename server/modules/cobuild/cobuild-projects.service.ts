import type { Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertAttachable, fileUrl, linkAttachments } from '../../platform/files/attachment.service.js';
import type { Actor } from '../../platform/http/request-context.js';
import { notify } from '../../platform/notifications.js';
import { communityInScope, type Scope } from '../../platform/scope.js';
import type { CobuildProjectStatus } from './cobuild-lists.tables.js';
import type { ListsDeps } from './cobuild-lists-deps.js';
import * as lists from './cobuild-lists.repository.js';
import type {
  CreateProjectBody, MilestoneBody, MilestoneDoneBody, ProjectDetail, ProjectListQuery, ProjectView,
} from './cobuild-lists.schemas.js';
import { pathOf } from './cobuild-needs.service.js';
import { checkProjectStep, type ProjectAction } from './cobuild-project-lifecycle.js';
import { actsForUnit, mayAssign, mayTakeStep } from './cobuild-projects.policy.js';
import * as repo from './cobuild-projects.repository.js';
import { myUnit } from './cobuild-resources.service.js';

/** 项目清单: publish (揭榜), assign, take up (领办), plan, milestones with photos, submit, accept (验收) or send back. */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function projectView(r: repo.ProjectRow): ProjectView {
  return {
    id: r.id, communityId: r.community_id, communityName: r.community_name, category: r.category, title: r.title, detail: r.detail,
    size: r.size, startsOn: r.starts_on, endsOn: r.ends_on, origin: r.origin, status: r.status, workUnitId: r.work_unit_id,
    workUnitName: r.work_unit_name, needId: r.need_id, resourceId: r.resource_id, plan: r.plan, returnReason: r.return_reason,
    milestones: Number(r.milestones), milestonesDone: Number(r.milestones_done),
    takenAt: iso(r.taken_at), submittedAt: iso(r.submitted_at), acceptedAt: iso(r.accepted_at), createdAt: r.created_at.toISOString(),
  };
}

const refuseRole = (action: ProjectAction) => new AppError('FORBIDDEN', {
  take_up: '只有共建单位可以揭榜领办', plan: '实施方案由领办单位填写', milestone: '进度节点由领办单位填写', submit: '只有领办单位可以提交验收',
  assign: '指派领办单位由街道或区里决定，社区请发布揭榜', accept: '项目验收由社区进行', send_back: '退回整改由社区进行', withdraw: '您不能撤回项目',
}[action]);

export async function listProjects(deps: ListsDeps, actor: Actor, scope: Scope, q: ProjectListQuery) {
  const base = { status: q.status, category: q.category, origin: q.origin, page: q.page, pageSize: q.pageSize };
  const { rows, total } = actsForUnit(actor.role)
    ? await repo.listProjects(deps.db, { ...base, unitId: (await myUnit(deps, actor)).id })
    : await repo.listProjects(deps.db, { ...base, scope, path: await pathOf(deps, scope, q.orgId) });
  return { items: rows.map(projectView), total };
}

/** The board a unit's admin takes projects up from: published projects in the area that registered the unit. */
export async function openProjects(deps: ListsDeps, actor: Actor, q: { page: number; pageSize: number; category?: ProjectListQuery['category'] }) {
  const unit = await myUnit(deps, actor);
  const { rows, total } = await repo.listProjects(deps.db, { path: unit.org_path, status: 'published', category: q.category, page: q.page, pageSize: q.pageSize });
  return { items: rows.map(projectView), total };
}

/** A project the caller may see: staff in scope; a unit's admin its own, or one on the board in its area. */
async function visibleProject(deps: ListsDeps, actor: Actor, scope: Scope, id: number) {
  const p = await repo.projectById(deps.db, id);
  if (!p) throw notFound('项目');
  if (actsForUnit(actor.role)) {
    const unit = await myUnit(deps, actor);
    if (p.work_unit_id !== unit.id && !(p.status === 'published' && p.org_path.startsWith(unit.org_path))) throw notFound('项目');
  } else if (!scope.contains(p.org_path)) throw notFound('项目');
  return p;
}

export async function getProject(deps: ListsDeps, actor: Actor, scope: Scope, id: number): Promise<ProjectDetail> {
  const p = await visibleProject(deps, actor, scope, id);
  const [milestones, steps] = await Promise.all([repo.milestonesOf(deps.db, id), repo.stepsOf(deps.db, id)]);
  return {
    ...projectView(p),
    milestoneList: milestones.map((m) => ({
      id: m.id, title: m.title, dueOn: m.due_on, doneOn: m.done_on, note: m.note, photos: m.photo_ids.map((f) => ({ id: f, url: fileUrl(f) })),
    })),
    steps: steps.map((s) => ({
      action: s.action, fromStatus: s.from_status, toStatus: s.to_status, by: s.unit_name ?? s.display_name, reason: s.reason, at: s.at.toISOString(),
    })),
  };
}

/** Tells the other side of a step: the community's staff of a unit's step, the unit's admins of the community's or street's. */
async function tell(
  trx: Transaction<DB>, deps: ListsDeps, p: { id: number; community_id: number; org_path: string; county_code: string }, to: 'community' | { unitId: number },
  title: string, body: string,
) {
  const ids = to === 'community' ? await repo.communityStaffAccounts(trx, p.community_id) : await repo.unitAdminAccounts(trx, to.unitId);
  await notify(trx, deps.ctx, ids, { title, body, link: `/cobuild/projects/${p.id}`, orgPath: p.org_path, countyCode: p.county_code });
}

async function step(
  trx: Transaction<DB>, deps: ListsDeps, actor: Actor, p: { id: number; org_path: string; county_code: string },
  s: { action: ProjectAction | 'publish' | 'match'; from: CobuildProjectStatus | null; to: CobuildProjectStatus; unitId?: number | null; reason?: string | null },
) {
  await repo.insertStep(trx, {
    project_id: p.id, org_path: p.org_path, county_code: p.county_code, action: s.action, from_status: s.from, to_status: s.to,
    account_id: actor.accountId, work_unit_id: s.unitId ?? null, reason: s.reason ?? null, at: deps.clock.now(),
  });
}

/** A unit the street may send work in `communityPath` to: registered above that community or inside the caller's scope. */
async function assignableUnit(deps: ListsDeps, scope: Scope, communityPath: string, unitId: number) {
  const unit = (await lists.unitOptions(deps.db, scope, communityPath)).find((u) => u.id === unitId);
  if (!unit) throw notFound('共建单位');
  return unit;
}

/** 发布揭榜, or with a unit the street's 指派; from a need, the need leaves the open list. */
export async function createProject(deps: ListsDeps, actor: Actor, scope: Scope, body: CreateProjectBody): Promise<ProjectView> {
  if (body.workUnitId && !mayAssign(actor.role)) throw refuseRole('assign');
  const community = await communityInScope(deps.db, scope, body.communityId);
  const unit = body.workUnitId ? await assignableUnit(deps, scope, community.path, body.workUnitId) : null;
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    if (body.needId) {
      const need = await lists.lockNeed(trx, scope, body.needId);
      if (!need || need.community_id !== community.id) throw notFound('需求');
      if (need.status !== 'open' || !(await lists.setNeedStatus(trx, need.id, 'open', 'matched'))) {
        throw new AppError('CONFLICT', '该需求已立项或已关闭，不能再发布项目', { status: need.status });
      }
    }
    const status: CobuildProjectStatus = unit ? 'in_progress' : 'published';
    const { id } = await repo.insertProject(trx, {
      community_id: community.id, org_path: community.path, county_code: community.county_code, category: body.category, title: body.title,
      detail: body.detail ?? '', size: body.size ?? null, starts_on: body.startsOn, ends_on: body.endsOn,
      origin: unit ? 'assigned' : 'published', status, work_unit_id: unit?.id ?? null, need_id: body.needId ?? null,
      taken_at: unit ? now : null, created_by: actor.accountId, created_at: now, updated_at: now,
    });
    const p = { id, community_id: community.id, org_path: community.path, county_code: community.county_code };
    await step(trx, deps, actor, p, { action: unit ? 'assign' : 'publish', from: null, to: status, unitId: unit?.id });
    if (unit) await tell(trx, deps, p, { unitId: unit.id }, '街道指派了结对共建项目', `${community.name}：${body.title}`);
    await writeAudit(trx, actor, {
      action: unit ? 'cobuild.project.assign' : 'cobuild.project.publish', entity: 'cobuild_project', entityId: id,
      orgPath: community.path, countyCode: community.county_code,
      after: { title: body.title, category: body.category, status, workUnit: unit?.name ?? null, needId: body.needId ?? null },
    });
    return id;
  });
  return projectView((await repo.projectById(deps.db, id))!);
}

/** The street's 指派 of a project waiting on the board. */
export async function assignProject(deps: ListsDeps, actor: Actor, scope: Scope, id: number, workUnitId: number) {
  if (!mayAssign(actor.role)) throw refuseRole('assign');
  const p = await visibleProject(deps, actor, scope, id);
  const unit = await assignableUnit(deps, scope, p.org_path, workUnitId);
  await take(deps, actor, p, unit, 'assign');
  return projectView((await repo.projectById(deps.db, id))!);
}

/** 揭榜领办: one unit per project; of two taking it at once exactly one wins, the other is told why. */
export async function takeUp(deps: ListsDeps, actor: Actor, id: number) {
  const unit = await myUnit(deps, actor);
  // Any project of the unit's area: one taken a moment ago by another unit is refused as taken, not as missing.
  const p = await repo.projectById(deps.db, id);
  if (!p || !p.org_path.startsWith(unit.org_path)) throw notFound('项目');
  await take(deps, actor, p, unit, 'take_up');
  return projectView((await repo.projectById(deps.db, id))!);
}

async function take(deps: ListsDeps, actor: Actor, p: repo.ProjectRow, unit: { id: number; name: string }, action: 'take_up' | 'assign') {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.takeProject(trx, p.id, unit.id, deps.clock.now()))) {
      const now = await repo.lockProject(trx, p.id);
      checkProjectStep(now!.status, action);
      throw new AppError('CONFLICT', '该项目刚被其他单位领办');
    }
    await step(trx, deps, actor, p, { action, from: 'published', to: 'in_progress', unitId: unit.id });
    if (action === 'take_up') await tell(trx, deps, p, 'community', '结对共建项目已被揭榜领办', `${unit.name}领办了「${p.title}」`);
    else await tell(trx, deps, p, { unitId: unit.id }, '街道指派了结对共建项目', `${p.community_name}：${p.title}`);
    await writeAudit(trx, actor, {
      action: action === 'assign' ? 'cobuild.project.assign' : 'cobuild.project.take_up', entity: 'cobuild_project', entityId: p.id,
      orgPath: p.org_path, countyCode: p.county_code, before: { status: 'published' }, after: { status: 'in_progress', workUnit: unit.name },
    });
  });
}

/** A step of the project's own unit, on the locked row: the lifecycle decides whether its state allows it. */
async function unitStep<T>(
  deps: ListsDeps, actor: Actor, id: number, action: 'plan' | 'milestone' | 'submit',
  fn: (trx: Transaction<DB>, p: NonNullable<Awaited<ReturnType<typeof repo.lockProject>>>, unitId: number) => Promise<T>,
): Promise<T> {
  if (!mayTakeStep(actor.role, action)) throw refuseRole(action);
  const unit = await myUnit(deps, actor);
  return deps.db.transaction().execute(async (trx) => {
    const p = await repo.lockProject(trx, id);
    if (!p || p.work_unit_id !== unit.id) throw notFound('项目');
    checkProjectStep(p.status, action);
    return fn(trx, p, unit.id);
  });
}

export async function savePlan(deps: ListsDeps, actor: Actor, scope: Scope, id: number, plan: string) {
  await unitStep(deps, actor, id, 'plan', async (trx, p) => {
    await repo.updateProject(trx, id, p.status, { plan, updated_at: deps.clock.now() });
    await writeAudit(trx, actor, {
      action: 'cobuild.project.plan', entity: 'cobuild_project', entityId: id, orgPath: p.org_path, countyCode: p.county_code,
      before: { plan: p.plan }, after: { plan },
    });
  });
  return getProject(deps, actor, scope, id);
}

async function photos(deps: ListsDeps, actor: Actor, scope: Scope, ids: readonly number[] | undefined) {
  return assertAttachable(deps.db, actor, scope, ids ?? [], 'body.photoIds');
}

/** The caller's unit's own project, or 404 before anything else is looked at. */
async function ownProject(deps: ListsDeps, actor: Actor, id: number) {
  if (!mayTakeStep(actor.role, 'milestone')) throw refuseRole('milestone');
  const unit = await myUnit(deps, actor);
  const p = await repo.projectById(deps.db, id);
  if (!p || p.work_unit_id !== unit.id) throw notFound('项目');
}

export async function addMilestone(deps: ListsDeps, actor: Actor, scope: Scope, id: number, body: MilestoneBody) {
  await ownProject(deps, actor, id);
  const photoIds = await photos(deps, actor, scope, body.photoIds);
  if (body.doneOn && !photoIds.length) {
    throw new AppError('VALIDATION_FAILED', '已完成的节点请上传至少一张进展照片', { fields: [{ field: 'body.photoIds', problem: 'required' }] });
  }
  await unitStep(deps, actor, id, 'milestone', async (trx, p) => {
    const m = await repo.insertMilestone(trx, {
      project_id: id, org_path: p.org_path, county_code: p.county_code, title: body.title, due_on: body.dueOn, done_on: body.doneOn ?? null,
      note: body.note ?? '', photo_ids: photoIds, created_by: actor.accountId, created_at: deps.clock.now(),
    });
    if (photoIds.length) await linkAttachments(trx, photoIds, { entity: 'cobuild_milestone', entityId: m.id, orgPath: p.org_path, countyCode: p.county_code });
    await writeAudit(trx, actor, {
      action: 'cobuild.project.milestone', entity: 'cobuild_milestone', entityId: m.id, orgPath: p.org_path, countyCode: p.county_code,
      after: { projectId: id, title: body.title, dueOn: body.dueOn, doneOn: body.doneOn ?? null, photos: photoIds.length },
    });
  });
  return getProject(deps, actor, scope, id);
}

export async function completeMilestone(deps: ListsDeps, actor: Actor, scope: Scope, milestoneId: number, body: MilestoneDoneBody) {
  const m = await repo.milestoneById(deps.db, milestoneId);
  if (!m) throw notFound('进度节点');
  await ownProject(deps, actor, m.project_id);
  const photoIds = await photos(deps, actor, scope, body.photoIds);
  await unitStep(deps, actor, m.project_id, 'milestone', async (trx, p) => {
    if (!(await repo.completeMilestone(trx, milestoneId, { done_on: body.doneOn, note: body.note ?? m.note, photo_ids: photoIds }))) {
      throw new AppError('INVALID_TRANSITION', '该节点已经完成');
    }
    await linkAttachments(trx, photoIds, { entity: 'cobuild_milestone', entityId: milestoneId, orgPath: p.org_path, countyCode: p.county_code });
    await writeAudit(trx, actor, {
      action: 'cobuild.project.milestone', entity: 'cobuild_milestone', entityId: milestoneId, orgPath: p.org_path, countyCode: p.county_code,
      before: { doneOn: null }, after: { doneOn: body.doneOn, photos: photoIds.length },
    });
  });
  return getProject(deps, actor, scope, m.project_id);
}

/** 提交验收: with a plan and at least one milestone done (with its photos). */
export async function submit(deps: ListsDeps, actor: Actor, scope: Scope, id: number) {
  await unitStep(deps, actor, id, 'submit', async (trx, p, unitId) => {
    if (!p.plan.trim()) throw new AppError('VALIDATION_FAILED', '请先填写实施方案再提交验收');
    if ((await repo.countDoneMilestones(trx, id)) === 0) throw new AppError('VALIDATION_FAILED', '请至少完成一个进度节点并上传照片，再提交验收');
    const now = deps.clock.now();
    await repo.updateProject(trx, id, p.status, { status: 'submitted', submitted_at: now, updated_at: now });
    await step(trx, deps, actor, p, { action: 'submit', from: p.status, to: 'submitted', unitId });
    await tell(trx, deps, p, 'community', '结对共建项目提交验收', '领办单位已完成进度节点，请验收');
    await writeAudit(trx, actor, {
      action: 'cobuild.project.submit', entity: 'cobuild_project', entityId: id, orgPath: p.org_path, countyCode: p.county_code,
      before: { status: p.status }, after: { status: 'submitted' },
    });
  });
  return getProject(deps, actor, scope, id);
}

/** The community's and the street's steps: accept (验收), send back (退回整改), withdraw a published project. */
export async function staffStep(deps: ListsDeps, actor: Actor, scope: Scope, id: number, action: 'accept' | 'send_back' | 'withdraw', reason?: string) {
  if (!mayTakeStep(actor.role, action)) throw refuseRole(action);
  await deps.db.transaction().execute(async (trx) => {
    const p = await repo.lockProject(trx, id);
    if (!p || !scope.contains(p.org_path)) throw notFound('项目');
    const to = checkProjectStep(p.status, action);
    const now = deps.clock.now();
    await repo.updateProject(trx, id, p.status, {
      status: to, updated_at: now,
      ...(action === 'accept' ? { accepted_at: now } : {}),
      ...(action === 'send_back' ? { return_reason: reason ?? null } : {}),
    });
    if (p.need_id) {
      if (action === 'accept') await lists.setNeedStatus(trx, p.need_id, 'matched', 'met');
      if (action === 'withdraw') await lists.setNeedStatus(trx, p.need_id, 'matched', 'open');
    }
    await step(trx, deps, actor, p, { action, from: p.status, to, unitId: p.work_unit_id, reason });
    if (p.work_unit_id && action !== 'withdraw') {
      await tell(trx, deps, p, { unitId: p.work_unit_id }, action === 'accept' ? '结对共建项目已通过验收' : '结对共建项目被退回整改', reason ?? '社区已验收');
    }
    await writeAudit(trx, actor, {
      action: `cobuild.project.${action}`, entity: 'cobuild_project', entityId: id, orgPath: p.org_path, countyCode: p.county_code,
      before: { status: p.status }, after: { status: to }, reason: reason ?? null,
    });
  });
  return getProject(deps, actor, scope, id);
}

export async function unitOptions(deps: ListsDeps, scope: Scope, orgId: number | undefined) {
  return { items: await lists.unitOptions(deps.db, scope, await pathOf(deps, scope, orgId)) };
}

export async function myUnitView(deps: ListsDeps, actor: Actor) {
  const u = await myUnit(deps, actor);
  return { id: u.id, name: u.name, areaName: u.area_name ?? '' };
}
