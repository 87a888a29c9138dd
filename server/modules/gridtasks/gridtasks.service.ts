import type { Kysely, Transaction } from 'kysely';
import type { DB, GridTaskRefusalReason } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { orgPlace } from '../../platform/org-units.js';
import type { Scope } from '../../platform/scope.js';
import { DEFAULT_TASK_TYPES } from './default-task-types.js';
import { editsAdmissionList, mayFinishTasks, mayPushTasks, reachOf, reaches } from './gridtasks.policy.js';
import * as repo from './gridtasks.repository.js';
import type { TaskTypeView, TaskView } from './gridtasks.schemas.js';

const toTypeView = (t: repo.TaskTypeRow): TaskTypeView => ({
  id: t.id, countyCode: t.county_code, code: t.code, name: t.name, description: t.description,
  sourceDepartment: t.source_department, active: t.active,
});

const toTaskView = (k: repo.TaskRow): TaskView => ({
  id: k.id, typeCode: k.type_code, typeName: k.type_name, title: k.title, detail: k.detail,
  gridId: k.org_id, gridName: k.grid_name, fromDepartment: k.from_department, assignedBy: k.assigned_by_name,
  dueOn: k.due_on, status: k.status, createdAt: k.created_at.toISOString(),
  doneAt: k.done_at ? k.done_at.toISOString() : null, doneNote: k.done_note,
});

/** The county whose list a county admin edits: must be their own. */
async function countyForEdit(db: Kysely<DB> | Transaction<DB>, actor: Actor, scope: Scope, countyId: number) {
  if (!editsAdmissionList(actor.role)) throw new AppError('FORBIDDEN', '网格事项准入清单由县(市、区)管理员维护');
  const county = await orgPlace(db, countyId, { kind: 'county', live: true });
  scope.assert(county?.path, '县(市、区)');
  return county!;
}

export async function listTypes(db: Kysely<DB>, scope: Scope, countyId?: number) {
  let countyCode = scope.countyCode;
  if (countyId) {
    const county = await orgPlace(db, countyId, { kind: 'county', live: true });
    // Anyone reads their own county's list; a city admin reads the counties below it.
    if (!county || (county.county_code !== scope.countyCode && !scope.contains(county.path))) throw notFound('县(市、区)');
    countyCode = county.county_code;
  }
  return (await repo.listTypes(db, countyCode)).map(toTypeView);
}

export async function createType(
  db: Kysely<DB>, actor: Actor, scope: Scope,
  input: { countyId: number; code: string; name: string; description: string; sourceDepartment: string | null },
) {
  return db.transaction().execute(async (trx) => {
    const county = await countyForEdit(trx, actor, scope, input.countyId);
    const id = await repo.insertType(trx, {
      county_code: county.county_code, org_id: county.id, org_path: county.path, code: input.code, name: input.name,
      description: input.description, source_department: input.sourceDepartment,
    });
    await writeAudit(trx, actor, {
      action: 'gridtask.type_create', entity: 'grid_task_type', entityId: id, orgPath: county.path, countyCode: county.county_code, after: input,
    });
    return toTypeView((await repo.findType(trx, id))!);
  });
}

export async function updateType(
  db: Kysely<DB>, actor: Actor, scope: Scope, id: number,
  input: { name?: string; description?: string; sourceDepartment?: string | null; active?: boolean },
) {
  if (!editsAdmissionList(actor.role)) throw new AppError('FORBIDDEN', '网格事项准入清单由县(市、区)管理员维护');
  return db.transaction().execute(async (trx) => {
    const before = await repo.findType(trx, id);
    scope.assert(before?.org_path, '事项类型');
    await repo.updateType(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.sourceDepartment !== undefined ? { source_department: input.sourceDepartment } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
    const after = (await repo.findType(trx, id))!;
    await writeAudit(trx, actor, {
      action: 'gridtask.type_update', entity: 'grid_task_type', entityId: id, orgPath: after.org_path, countyCode: after.county_code,
      before: toTypeView(before!), after: toTypeView(after),
    });
    return toTypeView(after);
  });
}

/** Adds the default types the county does not have yet (by code or name); existing ones are left alone. */
export async function adoptDefaults(db: Kysely<DB>, actor: Actor, scope: Scope, countyId: number) {
  return db.transaction().execute(async (trx) => {
    const county = await countyForEdit(trx, actor, scope, countyId);
    const existing = await repo.listTypes(trx, county.county_code);
    const codes = new Set(existing.map((t) => t.code));
    const names = new Set(existing.map((t) => t.name));
    const added: string[] = [];
    for (const d of DEFAULT_TASK_TYPES) {
      if (codes.has(d.code) || names.has(d.name)) continue;
      await repo.insertType(trx, {
        county_code: county.county_code, org_id: county.id, org_path: county.path, code: d.code, name: d.name,
        description: d.description, source_department: d.sourceDepartment,
      });
      added.push(d.code);
    }
    await writeAudit(trx, actor, {
      action: 'gridtask.types_adopt_defaults', entity: 'grid_task_type', entityId: null, orgPath: county.path,
      countyCode: county.county_code, after: { added },
    });
    return { added: added.length, items: (await repo.listTypes(trx, county.county_code)).map(toTypeView) };
  });
}

function refusalMessage(reason: GridTaskRefusalReason, label: string) {
  return reason === 'NOT_ON_LIST'
    ? `“${label}”不在本县网格事项准入清单内，不能派给网格员`
    : `“${label}”已被本县网格事项准入清单停用，不能派给网格员`;
}

/**
 * Pushes a task to a grid if its type is on the grid's county list and active. A refused
 * attempt is recorded in its own transaction, which commits although the request fails:
 * the refusals are how the county sees who tries to overload grids.
 */
export async function pushTask(
  db: Kysely<DB>, actor: Actor, scope: Scope,
  input: { gridId: number; typeCode?: string; title: string; detail: string; fromDepartment?: string; dueOn?: string },
) {
  if (!mayPushTasks(actor.role)) throw new AppError('FORBIDDEN', '您的角色不能向网格派发事项');
  const grid = await orgPlace(db, input.gridId, { kind: 'grid', live: true });
  // Scope first: an out-of-reach grid is refused as unknown and leaves no trace.
  if (!grid || !reaches(actor, scope, grid)) throw notFound('网格');
  const fromDepartment = input.fromDepartment ?? (await repo.departmentNameOf(db, actor.accountId));
  const type = await repo.findTypeFor(db, grid.county_code, input.typeCode ? { code: input.typeCode } : { name: input.title });
  const reason: GridTaskRefusalReason | null = !type ? 'NOT_ON_LIST' : !type.active ? 'TYPE_INACTIVE' : null;
  if (reason) {
    await db.transaction().execute((trx) =>
      repo.insertRefusal(trx, {
        account_id: actor.accountId, username: actor.username, role: actor.role, display_name: actor.displayName,
        from_department: fromDepartment, org_id: grid.id, org_path: grid.path, county_code: grid.county_code,
        requested_code: input.typeCode ?? null, requested_title: input.title, reason,
      }),
    );
    const label = reason === 'TYPE_INACTIVE' ? type!.name : input.title;
    throw new AppError('CONFLICT', refusalMessage(reason, label), { reason, requestedCode: input.typeCode ?? null, requestedTitle: input.title });
  }
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertTask(trx, {
      type_id: type!.id, type_code: type!.code, title: input.title, detail: input.detail, org_id: grid.id,
      org_path: grid.path, county_code: grid.county_code, assigned_by: actor.accountId,
      from_department: fromDepartment, due_on: input.dueOn ?? null,
    });
    await writeAudit(trx, actor, {
      action: 'gridtask.push', entity: 'grid_task', entityId: id, orgPath: grid.path, countyCode: grid.county_code,
      after: { ...input, typeCode: type!.code, fromDepartment },
    });
    return toTaskView((await repo.findTask(trx, id))!);
  });
}

export async function listTasks(
  db: Kysely<DB>, actor: Actor, scope: Scope,
  q: { gridId?: number; status?: 'open' | 'done'; page: number; pageSize: number },
) {
  let gridPath: string | undefined;
  if (q.gridId) {
    const grid = await orgPlace(db, q.gridId, { kind: 'grid', live: true });
    if (!grid || !reaches(actor, scope, grid)) throw notFound('网格');
    gridPath = grid.path;
  }
  const { items, total } = await repo.listTasks(db, reachOf(actor, scope), { gridPath, status: q.status, page: q.page, pageSize: q.pageSize });
  return { items: items.map(toTaskView), total };
}

export async function markDone(db: Kysely<DB>, clock: Clock, actor: Actor, scope: Scope, id: number, note: string) {
  if (!mayFinishTasks(actor.role)) throw new AppError('FORBIDDEN', '网格事项由网格员或社区工作人员办结');
  return db.transaction().execute(async (trx) => {
    const task = await repo.findTask(trx, id);
    scope.assert(task?.org_path, '网格事项');
    if (!(await repo.markDone(trx, id, actor.accountId, note, clock.now()))) throw new AppError('INVALID_TRANSITION', '该事项已办结');
    await writeAudit(trx, actor, {
      action: 'gridtask.done', entity: 'grid_task', entityId: id, orgPath: task!.org_path, countyCode: task!.county_code,
      before: { status: task!.status }, after: { status: 'done', note },
    });
    return toTaskView((await repo.findTask(trx, id))!);
  });
}

/** A calendar day in Lüliang, as an instant: the county's day starts at 00:00 UTC+8. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

export async function refusalStats(db: Kysely<DB>, actor: Actor, scope: Scope, q: { from?: string; to?: string }) {
  const from = q.from ? dayStart(q.from) : undefined;
  // `to` is inclusive: count up to the start of the next day.
  const to = q.to ? new Date(dayStart(q.to).getTime() + 86_400_000) : undefined;
  if (from && to && from >= to) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期');
  const s = await repo.refusalStats(db, reachOf(actor, scope), { from, to });
  return {
    total: s.total,
    byCaller: s.byCaller.map((r) => ({
      accountId: r.account_id, username: r.username, displayName: r.display_name, role: r.role,
      fromDepartment: r.from_department, count: Number(r.n),
    })),
    byTitle: s.byTitle.map((r) => ({ title: r.requested_title, count: Number(r.n) })),
  };
}
