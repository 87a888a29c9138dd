import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { notify } from '../../platform/notifications.js';
import type { Scope } from '../../platform/scope.js';
import type { ListsDeps } from './cobuild-lists-deps.js';
import * as lists from './cobuild-lists.repository.js';
import type { MatchQuery, MatchView, ProjectView } from './cobuild-lists.schemas.js';
import { explain, matchReasons, matchRefusal } from './cobuild-match-rules.js';
import * as repo from './cobuild-matching.repository.js';
import { pathOf } from './cobuild-needs.service.js';
import * as projects from './cobuild-projects.repository.js';
import { projectView } from './cobuild-projects.service.js';

/** 供需匹配: proposals between open needs and live resources, and accepting one into a project. */

function matchView(r: repo.MatchRow): MatchView {
  const reasons = matchReasons(r.reach_kind, r.paired);
  return {
    needId: r.need_id, needTitle: r.need_title, communityId: r.community_id, communityName: r.community_name, placeName: r.place_name,
    size: r.size, needStartsOn: r.need_starts_on, needEndsOn: r.need_ends_on, resourceId: r.resource_id, resourceTitle: r.resource_title,
    workUnitId: r.work_unit_id, workUnitName: r.work_unit_name, capacity: r.capacity, availableFrom: r.available_from,
    availableTo: r.available_to, category: r.category, overlapDays: r.overlap_days, reasons, reason: explain(reasons),
  };
}

export async function proposals(deps: ListsDeps, scope: Scope, q: MatchQuery) {
  const path = await pathOf(deps, scope, q.orgId);
  const { rows, total } = await repo.proposeMatches(deps.db, { path, needId: q.needId, page: q.page, pageSize: q.pageSize });
  return { items: rows.map(matchView), total };
}

/** Accepting a match starts a project from the need with the resource's unit attached. */
export async function acceptMatch(deps: ListsDeps, actor: Actor, scope: Scope, body: { needId: number; resourceId: number }): Promise<ProjectView> {
  const id = await deps.db.transaction().execute(async (trx) => {
    const need = await lists.lockNeed(trx, scope, body.needId);
    if (!need) throw notFound('需求');
    if (need.status !== 'open') throw new AppError('CONFLICT', '该需求已匹配、已立项或已关闭', { status: need.status });
    // A resource that serves nothing in the caller's scope is not theirs to name.
    const resource = await lists.resourceReaching(trx, scope.path, body.resourceId);
    if (!resource) throw notFound('资源');
    const places = await lists.placesOfResources(trx, [resource.id]);
    const refusal = matchRefusal(need, {
      category: resource.category, capacity: resource.capacity, available_from: resource.available_from, available_to: resource.available_to,
      withdrawn: resource.withdrawn_at !== null, unitDissolved: resource.unit_dissolved_at !== null, placePaths: places.map((p) => p.org_path),
    });
    if (refusal) throw new AppError('VALIDATION_FAILED', `不能匹配：${refusal}`, { fields: [{ field: 'body.resourceId', problem: 'no match' }] });
    const now = deps.clock.now();
    await lists.setNeedStatus(trx, need.id, 'open', 'matched');
    const { id } = await projects.insertProject(trx, {
      community_id: need.community_id, org_path: need.org_path, county_code: need.county_code, category: need.category, title: need.title,
      size: need.size, starts_on: need.starts_on, ends_on: need.ends_on, origin: 'matched', status: 'in_progress',
      work_unit_id: resource.work_unit_id, need_id: need.id, resource_id: resource.id, taken_at: now, created_by: actor.accountId,
      created_at: now, updated_at: now,
    });
    await projects.insertStep(trx, {
      project_id: id, org_path: need.org_path, county_code: need.county_code, action: 'match', from_status: null, to_status: 'in_progress',
      account_id: actor.accountId, work_unit_id: resource.work_unit_id, reason: null, at: now,
    });
    await notify(trx, deps.ctx, await projects.unitAdminAccounts(trx, resource.work_unit_id), {
      title: '供需匹配：社区请贵单位领办项目', body: `${need.title}（${resource.title}）`, link: `/cobuild/projects/${id}`,
      orgPath: need.org_path, countyCode: need.county_code,
    });
    await writeAudit(trx, actor, {
      action: 'cobuild.match.accept', entity: 'cobuild_project', entityId: id, orgPath: need.org_path, countyCode: need.county_code,
      after: { needId: need.id, resourceId: resource.id, workUnit: resource.work_unit_name },
    });
    return id;
  });
  return projectView((await projects.projectById(deps.db, id))!);
}
