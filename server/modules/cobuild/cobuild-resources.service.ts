import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { placesById } from '../../platform/org-units.js';
import type { Scope } from '../../platform/scope.js';
import type { ListsDeps } from './cobuild-lists-deps.js';
import * as repo from './cobuild-lists.repository.js';
import type { CreateResourceBody, CreateUnitResourceBody, ResourceListQuery, ResourceView } from './cobuild-lists.schemas.js';
import { pathOf } from './cobuild-needs.service.js';
import { actsForUnit } from './cobuild-projects.policy.js';

/** 资源清单: what paired work units offer, entered by the unit's admin or by the community. */

/** The unit an admin account acts for; refused when the account is not linked or the unit is dissolved. */
export async function myUnit(deps: ListsDeps, actor: Actor) {
  const unit = await repo.unitOfAccount(deps.db, actor.accountId);
  if (!unit) throw new AppError('FORBIDDEN', '您的账号尚未关联共建单位，请联系街道或区里的管理员在账号管理中关联');
  if (unit.dissolved_at) throw new AppError('FORBIDDEN', '您的单位已撤销，不能再参与结对共建');
  return unit;
}

async function views(deps: ListsDeps, rows: repo.ResourceRow[]): Promise<ResourceView[]> {
  const places = await repo.placesOfResources(deps.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, workUnitId: r.work_unit_id, workUnitName: r.work_unit_name, category: r.category, title: r.title, detail: r.detail,
    capacity: r.capacity, availableFrom: r.available_from, availableTo: r.available_to,
    places: places.filter((p) => p.resource_id === r.id).map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
    withdrawn: r.withdrawn_at !== null, createdAt: r.created_at.toISOString(),
  }));
}

export async function listResources(deps: ListsDeps, actor: Actor, scope: Scope, q: ResourceListQuery) {
  if (actsForUnit(actor.role)) {
    const unit = await myUnit(deps, actor);
    const { rows, total } = await repo.listUnitResources(deps.db, unit.id, q.page, q.pageSize);
    return { items: await views(deps, rows), total };
  }
  const path = await pathOf(deps, scope, q.orgId);
  const { rows, total } = await repo.listResources(deps.db, {
    path, unitId: q.workUnitId, category: q.category, includeWithdrawn: q.includeWithdrawn === 'true', page: q.page, pageSize: q.pageSize,
  });
  return { items: await views(deps, rows), total };
}

/** The places a resource serves: live communities or streets, each inside `within`. */
async function servedPlaces(deps: ListsDeps, ids: readonly number[], within: (path: string) => boolean) {
  const found = await placesById(deps.db, ids);
  const places = [...new Set(ids)].map((id) => found.get(id));
  if (places.some((p) => !p || p.dissolved_at || !within(p.path))) throw notFound('服务的社区或街道');
  if (places.some((p) => p!.kind !== 'community' && p!.kind !== 'street')) {
    throw new AppError('VALIDATION_FAILED', '资源的服务范围应为社区或整个街道', { fields: [{ field: 'body.placeIds', problem: 'community or street' }] });
  }
  return places.map((p) => p!);
}

/** The narrowest path covering every place (their common ancestor). */
function commonPath(paths: readonly string[]) {
  const parts = paths.map((p) => p.split('.').filter(Boolean));
  const out: string[] = [];
  for (let i = 0; parts.every((p) => i < p.length && p[i] === parts[0]![i]); i++) out.push(parts[0]![i]!);
  return out.length ? `${out.join('.')}.` : paths[0]!;
}

async function create(
  deps: ListsDeps, actor: Actor, unit: { id: number; name: string }, body: CreateUnitResourceBody, within: (path: string) => boolean,
) {
  const places = await servedPlaces(deps, body.placeIds, within);
  const orgPath = commonPath(places.map((p) => p.path));
  const countyCode = places[0]!.county_code;
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertResource(trx, {
      work_unit_id: unit.id, org_path: orgPath, county_code: countyCode, category: body.category, title: body.title, detail: body.detail ?? '',
      capacity: body.capacity, available_from: body.availableFrom, available_to: body.availableTo, created_by: actor.accountId, created_at: deps.clock.now(),
    }, places);
    await writeAudit(trx, actor, {
      action: 'cobuild.resource.create', entity: 'cobuild_resource', entityId: id, orgPath, countyCode,
      after: { workUnit: unit.name, category: body.category, title: body.title, capacity: body.capacity, places: places.map((p) => p.name) },
    });
    return id;
  });
  return (await views(deps, [(await repo.resourceById(deps.db, id))!]))[0]!;
}

/** The community (or street) enters what a unit offers: the unit must be one it may work with, the places in its scope. */
export async function createResource(deps: ListsDeps, actor: Actor, scope: Scope, body: CreateResourceBody) {
  const options = await repo.unitOptions(deps.db, scope, scope.path);
  const unit = options.find((u) => u.id === body.workUnitId);
  if (!unit) throw notFound('共建单位');
  return create(deps, actor, unit, body, (p) => scope.contains(p));
}

/** A unit's admin enters what its own unit offers, for places in the area that registered it. */
export async function createUnitResource(deps: ListsDeps, actor: Actor, body: CreateUnitResourceBody) {
  const unit = await myUnit(deps, actor);
  return create(deps, actor, unit, body, (p) => p.startsWith(unit.org_path));
}

export async function withdrawResource(deps: ListsDeps, actor: Actor, scope: Scope, id: number) {
  let resource: repo.ResourceRow | undefined;
  if (actsForUnit(actor.role)) {
    const unit = await myUnit(deps, actor);
    resource = await repo.resourceById(deps.db, id);
    if (resource?.work_unit_id !== unit.id) throw notFound('资源');
  } else {
    // Staff withdraw what lies wholly in their scope: a community cannot pull a street-wide offer from its neighbours.
    resource = await repo.resourceById(deps.db, id);
    if (!resource || !scope.contains(resource.org_path)) throw notFound('资源');
  }
  const r = resource;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.withdrawResource(trx, id, deps.clock.now()))) throw new AppError('INVALID_TRANSITION', '该资源已撤回');
    await writeAudit(trx, actor, {
      action: 'cobuild.resource.withdraw', entity: 'cobuild_resource', entityId: id, orgPath: r.org_path, countyCode: r.county_code,
      before: { withdrawn: false }, after: { withdrawn: true },
    });
  });
  return (await views(deps, [(await repo.resourceById(deps.db, id))!]))[0]!;
}
