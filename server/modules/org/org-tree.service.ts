import type { Kysely, Transaction } from 'kysely';
import type { DB, GridType, OrgKind } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { ORG_KIND_NAMES, gridSizeWarning, parentKindOf } from './org-kinds.js';
import * as repo from './org.repository.js';
import type { OrgUnitRow } from './org.repository.js';
import type { OrgUnitView } from './org.schemas.js';

export function toView(r: OrgUnitRow): OrgUnitView {
  return {
    id: r.id,
    parentId: r.parent_id,
    kind: r.kind,
    code: r.code,
    name: r.name,
    path: r.path,
    countyCode: r.county_code,
    gridType: r.grid_type,
    childCount: Number(r.child_count ?? 0),
    dissolvedAt: r.dissolved_at ? r.dissolved_at.toISOString() : null,
  };
}

async function mustFind(db: Kysely<DB> | Transaction<DB>, scope: Scope, id: number, what = '组织') {
  const u = await repo.findUnit(db, scope, id);
  if (!u) throw notFound(what);
  if (u.dissolved_at) throw new AppError('CONFLICT', `${u.name}已被撤销或合并，不能再操作`);
  return u;
}

export async function getDetail(db: Kysely<DB>, scope: Scope, id: number) {
  const u = await repo.findUnit(db, scope, id);
  if (!u) throw notFound('组织');
  const [counts, ancestors] = await Promise.all([repo.countPeopleUnder(db, u.path), repo.ancestorsOf(db, u.path)]);
  return {
    ...toView(u),
    householdCount: counts.households,
    residentCount: counts.residents,
    ancestors: ancestors.filter((a) => a.id !== u.id),
    warning: gridSizeWarning(u.grid_type, counts.households),
  };
}

export async function listChildren(db: Kysely<DB>, scope: Scope, parentId: number, page: number, pageSize: number) {
  const parent = await repo.findUnit(db, scope, parentId);
  if (!parent) throw notFound('组织');
  const [items, total] = await Promise.all([
    repo.listChildren(db, scope, parentId, page, pageSize),
    repo.countChildren(db, parentId),
  ]);
  return { items: items.map(toView), total };
}

export async function search(db: Kysely<DB>, scope: Scope, q: string, kind: string | undefined, limit: number) {
  const rows = await repo.searchUnits(db, scope, q, kind, limit);
  const ancestorIds = new Set(rows.flatMap((r) => r.path.split('.').filter(Boolean).map(Number)));
  const names = await repo.namesOf(db, [...ancestorIds]);
  return rows.map((r) => ({
    ...toView(r),
    pathNames: r.path.split('.').filter(Boolean).map((id) => names.get(Number(id)) ?? '').join(' / '),
  }));
}

function auditOf(u: { id: number; path: string; county_code: string }) {
  return { entity: 'org_unit' as const, entityId: u.id, orgPath: u.path, countyCode: u.county_code };
}

export async function createUnit(
  db: Kysely<DB>, actor: Actor, scope: Scope,
  input: { parentId: number; kind: OrgKind; code: string; name: string; gridType?: GridType; geometry?: unknown },
) {
  return db.transaction().execute(async (trx) => {
    const parent = await mustFind(trx, scope, input.parentId, '上级组织');
    const expected = parentKindOf(input.kind);
    if (expected !== parent.kind) {
      throw new AppError('VALIDATION_FAILED', `${ORG_KIND_NAMES[input.kind]}的上级应为${expected ? ORG_KIND_NAMES[expected] : '无'}，而不是${ORG_KIND_NAMES[parent.kind]}`, {
        fields: [{ field: 'body.parentId', problem: 'wrong parent kind' }],
      });
    }
    if ((input.kind === 'grid') !== !!input.gridType) {
      throw new AppError('VALIDATION_FAILED', input.kind === 'grid' ? '请选择网格类型' : '只有网格才有网格类型', {
        fields: [{ field: 'body.gridType', problem: 'grid type' }],
      });
    }
    const county = input.kind === 'county' ? input.code.slice(0, 6) : parent.county_code;
    const { id } = await repo.insertUnit(trx, {
      parent_id: parent.id, kind: input.kind, code: input.code, name: input.name, depth: parent.depth + 1,
      county_code: county, grid_type: input.gridType ?? null,
      geometry: input.geometry ? JSON.stringify(input.geometry) : null,
    });
    const path = `${parent.path}${id}.`;
    await repo.setPath(trx, id, path);
    await repo.insertEvent(trx, {
      orgId: id, kind: 'create', accountId: actor.accountId, orgPath: path, countyCode: county,
      detail: { name: input.name, code: input.code, parentId: parent.id, parentName: parent.name },
    });
    await writeAudit(trx, actor, { action: 'org.create', ...auditOf({ id, path, county_code: county }), after: input });
    return toView((await repo.findUnitUnscoped(trx, id))!);
  });
}

export async function renameUnit(db: Kysely<DB>, actor: Actor, scope: Scope, id: number, name: string) {
  return db.transaction().execute(async (trx) => {
    const u = await mustFind(trx, scope, id);
    if (u.name === name) return toView(u);
    await repo.updateUnit(trx, id, { name });
    await repo.insertEvent(trx, {
      orgId: id, kind: 'rename', accountId: actor.accountId, orgPath: u.path, countyCode: u.county_code,
      detail: { from: u.name, to: name },
    });
    await writeAudit(trx, actor, { action: 'org.rename', ...auditOf(u), before: { name: u.name }, after: { name } });
    return toView((await repo.findUnitUnscoped(trx, id))!);
  });
}

/** The caller must hold both ends: the unit moved and the new parent. */
export async function moveUnit(db: Kysely<DB>, actor: Actor, scope: Scope, id: number, newParentId: number) {
  return db.transaction().execute(async (trx) => {
    const u = await mustFind(trx, scope, id);
    const target = await mustFind(trx, scope, newParentId, '目标上级');
    if (u.path === scope.path) throw new AppError('FORBIDDEN', '不能移动自己的管辖根节点');
    if (target.path.startsWith(u.path)) throw new AppError('CONFLICT', '不能移动到自己的下级之下');
    if (parentKindOf(u.kind) !== target.kind) {
      throw new AppError('CONFLICT', `${ORG_KIND_NAMES[u.kind]}只能挂在${ORG_KIND_NAMES[parentKindOf(u.kind)!]}之下`);
    }
    if (u.parent_id === target.id) return toView(u);
    const oldParent = await repo.findUnitUnscoped(trx, u.parent_id!);
    const newPath = `${target.path}${u.id}.`;
    const county = u.kind === 'county' ? null : target.county_code !== u.county_code ? target.county_code : null;
    await repo.updateUnit(trx, u.id, { parent_id: target.id });
    await repo.rewritePaths(trx, u.path, newPath, target.depth + 1 - u.depth, county);
    const detail = {
      from: { parentId: oldParent?.id, parentName: oldParent?.name, path: u.path },
      to: { parentId: target.id, parentName: target.name, path: newPath },
    };
    await repo.insertEvent(trx, { orgId: u.id, kind: 'move', accountId: actor.accountId, orgPath: newPath, countyCode: county ?? u.county_code, detail });
    await writeAudit(trx, actor, { action: 'org.move', ...auditOf(u), before: detail.from, after: detail.to });
    return toView((await repo.findUnitUnscoped(trx, u.id))!);
  });
}

/**
 * Merges `id` into `intoId` (two communities becoming one, 325 → 245): everything below the
 * merged unit moves under the target, and the merged unit is dissolved, never deleted, so its
 * history still says who belonged to it and until when.
 */
export async function mergeUnit(db: Kysely<DB>, clock: Clock, actor: Actor, scope: Scope, id: number, intoId: number) {
  return db.transaction().execute(async (trx) => {
    const u = await mustFind(trx, scope, id);
    const into = await mustFind(trx, scope, intoId, '合并目标');
    if (u.id === into.id) throw new AppError('CONFLICT', '不能与自身合并');
    if (u.kind !== into.kind) throw new AppError('CONFLICT', `只能合并同级组织：${ORG_KIND_NAMES[u.kind]}不能并入${ORG_KIND_NAMES[into.kind]}`);
    if (u.path === scope.path) throw new AppError('FORBIDDEN', '不能合并自己的管辖根节点');
    const counts = await repo.countPeopleUnder(trx, u.path);
    const county = into.county_code !== u.county_code ? into.county_code : null;
    await repo.reassignUnit(trx, u.id, into.id);
    await repo.rewritePaths(trx, u.path, into.path, 0, county, u.id);
    await repo.updateUnit(trx, u.id, { dissolved_at: clock.now() });
    const detail = { merged: { id: u.id, name: u.name, code: u.code }, into: { id: into.id, name: into.name, code: into.code }, ...counts };
    // Stamped by the same clock as the dissolution: the cockpit rolls months counted before it up under the new tree.
    await repo.insertEvent(trx, { orgId: u.id, kind: 'merge', accountId: actor.accountId, orgPath: u.path, countyCode: u.county_code, detail, at: clock.now() });
    await repo.insertEvent(trx, { orgId: into.id, kind: 'merge', accountId: actor.accountId, orgPath: into.path, countyCode: into.county_code, detail, at: clock.now() });
    await writeAudit(trx, actor, { action: 'org.merge', ...auditOf(u), before: detail.merged, after: detail.into });
    return toView((await repo.findUnitUnscoped(trx, into.id))!);
  });
}

/** Splits some children of `id` off into a new sibling unit. */
export async function splitUnit(
  db: Kysely<DB>, actor: Actor, scope: Scope, id: number, input: { name: string; code: string; childIds: number[] },
) {
  return db.transaction().execute(async (trx) => {
    const u = await mustFind(trx, scope, id);
    if (!u.parent_id) throw new AppError('CONFLICT', '根节点不能拆分');
    const parent = await repo.findUnitUnscoped(trx, u.parent_id);
    if (!parent || !scope.contains(parent.path)) throw new AppError('FORBIDDEN', '拆分会新建同级组织，需要上级的管辖权限');
    const children = await repo.liveChildrenAmong(trx, u.id, input.childIds);
    if (children.length !== new Set(input.childIds).size) {
      throw new AppError('VALIDATION_FAILED', '所选下级中有不属于该组织的', { fields: [{ field: 'body.childIds', problem: 'not children' }] });
    }
    const { id: newId } = await repo.insertUnit(trx, {
      parent_id: parent.id, kind: u.kind, code: input.code, name: input.name, depth: u.depth,
      county_code: u.county_code, grid_type: u.grid_type, geometry: null,
    });
    const newPath = `${parent.path}${newId}.`;
    await repo.setPath(trx, newId, newPath);
    for (const c of children) {
      await repo.updateUnit(trx, c.id, { parent_id: newId });
      await repo.rewritePaths(trx, c.path, `${newPath}${c.id}.`, 0, null);
    }
    const detail = { from: { id: u.id, name: u.name }, to: { id: newId, name: input.name, code: input.code }, children: children.map((c) => ({ id: c.id, name: c.name })) };
    await repo.insertEvent(trx, { orgId: u.id, kind: 'split', accountId: actor.accountId, orgPath: u.path, countyCode: u.county_code, detail });
    await repo.insertEvent(trx, { orgId: newId, kind: 'create', accountId: actor.accountId, orgPath: newPath, countyCode: u.county_code, detail });
    await writeAudit(trx, actor, { action: 'org.split', ...auditOf(u), after: detail });
    return toView((await repo.findUnitUnscoped(trx, newId))!);
  });
}

export async function gridMap(db: Kysely<DB>, scope: Scope, id: number) {
  const u = await repo.findUnit(db, scope, id);
  if (!u) throw notFound('组织');
  const [grids, counties] = await Promise.all([
    repo.gridsWithCounts(db, scope, u.path),
    u.kind === 'city' || u.kind === 'county' ? repo.countyOutlines(db, scope, u.path) : Promise.resolve([]),
  ]);
  return {
    type: 'FeatureCollection' as const,
    unitKind: u.kind,
    counties: counties.map((c) => ({
      type: 'Feature' as const, id: c.id, properties: { id: c.id, name: c.name, code: c.code }, geometry: c.geometry,
    })),
    features: grids
      .filter((g) => g.geometry)
      .map((g) => ({
        type: 'Feature' as const,
        id: g.id,
        properties: {
          id: g.id, name: g.name, code: g.code, gridType: g.grid_type, householdCount: Number(g.household_count ?? 0),
          gridWorkers: g.grid_workers ?? [],
        },
        geometry: g.geometry,
      })),
  };
}

export async function history(db: Kysely<DB>, scope: Scope, id: number) {
  const u = await repo.findUnit(db, scope, id);
  if (!u) throw notFound('组织');
  const rows = await repo.eventsOf(db, id);
  return rows.map((e) => ({ id: e.id, kind: e.kind, at: e.at.toISOString(), detail: e.detail, actor: e.actor }));
}
