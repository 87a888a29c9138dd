import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { orgPlace, placeAbove } from '../../platform/org-units.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import type { ListsDeps } from './cobuild-lists-deps.js';
import * as repo from './cobuild-lists.repository.js';
import type { CreateNeedBody, NeedListQuery, NeedView } from './cobuild-lists.schemas.js';

/** 需求清单: what a community or one of its compounds needs, kept by the community's staff. */

export function needView(r: repo.NeedRow): NeedView {
  return {
    id: r.id, communityId: r.community_id, communityName: r.community_name,
    place: { id: r.place_id, name: r.place_name, kind: r.place_kind },
    category: r.category, title: r.title, detail: r.detail, size: r.size, startsOn: r.starts_on, endsOn: r.ends_on,
    status: r.status, projectId: r.project_id, createdAt: r.created_at.toISOString(),
  };
}

/** The subtree a list is narrowed to: a place in the caller's scope, or the whole scope. */
export async function pathOf(deps: ListsDeps, scope: Scope, orgId: number | undefined) {
  return orgId ? (await unitInScope(deps.db, scope, orgId)).path : scope.path;
}

export async function listNeeds(deps: ListsDeps, scope: Scope, q: NeedListQuery) {
  const path = await pathOf(deps, scope, q.orgId);
  const { rows, total } = await repo.listNeeds(deps.db, scope, { path, status: q.status, category: q.category, page: q.page, pageSize: q.pageSize });
  return { items: rows.map(needView), total };
}

export async function createNeed(deps: ListsDeps, actor: Actor, scope: Scope, body: CreateNeedBody): Promise<NeedView> {
  const place = await orgPlace(deps.db, body.placeId, { live: true });
  if (!place || !scope.contains(place.path)) throw notFound('社区或小区');
  const community = place.kind === 'community' ? place : place.kind === 'grid' ? await placeAbove(deps.db, place.path, 'community') : undefined;
  if (!community) {
    throw new AppError('VALIDATION_FAILED', '需求的地点应为社区或其中的小区', { fields: [{ field: 'body.placeId', problem: 'community or compound' }] });
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertNeed(trx, {
      community_id: community.id, place_id: place.id, org_path: place.path, county_code: place.county_code, category: body.category,
      title: body.title, detail: body.detail ?? '', size: body.size, starts_on: body.startsOn, ends_on: body.endsOn,
      created_by: actor.accountId, created_at: deps.clock.now(),
    });
    await writeAudit(trx, actor, {
      action: 'cobuild.need.create', entity: 'cobuild_need', entityId: id, orgPath: place.path, countyCode: place.county_code,
      after: { category: body.category, title: body.title, size: body.size, startsOn: body.startsOn, endsOn: body.endsOn },
    });
    return id;
  });
  return needView((await repo.needInScope(deps.db, scope, id))!);
}

/** Closes an open need nobody will meet (met or no longer wanted); a matched one closes with its project. */
export async function closeNeed(deps: ListsDeps, actor: Actor, scope: Scope, id: number): Promise<NeedView> {
  await deps.db.transaction().execute(async (trx) => {
    const need = await repo.lockNeed(trx, scope, id);
    if (!need) throw notFound('需求');
    if (need.status !== 'open' || !(await repo.setNeedStatus(trx, id, 'open', 'closed'))) {
      throw new AppError('INVALID_TRANSITION', '只有待匹配的需求可以关闭（已立项的需求随项目验收）', { status: need.status });
    }
    await writeAudit(trx, actor, {
      action: 'cobuild.need.close', entity: 'cobuild_need', entityId: id, orgPath: need.org_path, countyCode: need.county_code,
      before: { status: 'open' }, after: { status: 'closed' },
    });
  });
  return needView((await repo.needInScope(deps.db, scope, id))!);
}
