import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { revealReasonLabel, type RevealReason } from '../../platform/pii/reveal-reasons.js';
import { inScope, unitInScope, type Scope } from '../../platform/scope.js';
import type { DemandDeps, Trx } from './demand-deps.js';
import { awaitingDecisionBy, masksReporter, mayRevealReporterPhone, readsDemandsAs } from './demand.policy.js';
import * as repo from './demand.repository.js';
import { dispatchView, eventView, extensionView, toView } from './demand-views.js';

/**
 * The one read filter for demands: staff see their subtree, departments the demands whistled
 * to them, residents and party members their own reports.
 */
export async function visible(db: Kysely<DB> | Trx, actor: Actor, scope: Scope) {
  const qb = repo.selectDemands(db);
  const as = readsDemandsAs(actor.role);
  if (as === 'place') return qb.where(inScope(scope, 'd.org_path'));
  if (as === 'department') {
    const { department_id } = await repo.accountLinks(db, actor.accountId);
    return repo.whistledTo(qb.where(inScope(scope, 'd.org_path')), department_id ?? -1);
  }
  return qb.where('d.reporter_account_id', '=', actor.accountId);
}

export async function getDemand(deps: DemandDeps, actor: Actor, scope: Scope, id: number) {
  const d = await (await visible(deps.db, actor, scope)).where('d.id', '=', id).executeTakeFirst();
  if (!d) throw notFound('诉求');
  const [events, dispatches, extensions] = await Promise.all([repo.timeline(deps.db, id), repo.dispatchesOf(deps.db, id), repo.extensionsOf(deps.db, id)]);
  // Departments see the reporter masked (name and phone), and residents on the timeline too.
  const masked = masksReporter(actor.role);
  return {
    ...toView(d, deps.clock.now(), masked), timeline: events.map((e) => eventView(e, masked)), dispatches: dispatches.map(dispatchView),
    extension: extensionView(extensions.at(-1)),
  };
}

export async function listDemands(
  deps: DemandDeps, actor: Actor, scope: Scope,
  q: { orgId?: number; state?: string; overdue?: boolean; mine?: boolean; page: number; pageSize: number },
) {
  let qb = await visible(deps.db, actor, scope);
  if (q.orgId) qb = qb.where('d.org_path', 'like', `${(await unitInScope(deps.db, scope, q.orgId)).path}%`);
  if (q.state) qb = qb.where('d.state', '=', q.state);
  if (q.overdue) qb = qb.where('d.overdue_at', 'is not', null).where('d.closed_at', 'is', null);
  if (q.mine) {
    // 我的待办: what this account handles, and what waits on its role's decision (the street's 吹哨 requests).
    const awaiting = awaitingDecisionBy(actor.role);
    qb = qb.where((eb) => eb.or([
      eb('d.handler_account_id', '=', actor.accountId),
      ...(awaiting.length ? [eb('d.state', 'in', [...awaiting])] : []),
    ]));
  }
  const [items, total] = await Promise.all([
    qb.orderBy('d.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    repo.countDemands(deps.db, qb),
  ]);
  const now = deps.clock.now();
  const masked = masksReporter(actor.role);
  return { items: items.map((d) => toView(d, now, masked)), total };
}

/**
 * The reporter's full phone, for a listed reason: staff who may reveal personal data, and the
 * departments a demand was whistled to (they may need to call). Every reveal is audited.
 */
export async function revealReporterPhone(deps: DemandDeps, actor: Actor, scope: Scope, id: number, reason: RevealReason) {
  const visibleDemand = await (await visible(deps.db, actor, scope)).where('d.id', '=', id).executeTakeFirst();
  if (!visibleDemand) throw notFound('诉求');
  if (!mayRevealReporterPhone(actor.role)) throw new AppError('FORBIDDEN', '您的角色无权查看完整手机号');
  const d = await repo.reporterPhone(deps.db, id);
  if (!d.reporter_phone_enc) throw new AppError('NOT_FOUND', '反映人未留手机号');
  const value = deps.ctx.cipher.decrypt(d.reporter_phone_enc);
  await writeAudit(deps.db, actor, {
    action: 'pii.reveal', entity: 'demand', entityId: id, orgPath: d.org_path, countyCode: d.county_code,
    after: { field: 'reporterPhone', reasonCode: reason.code, reasonText: reason.text }, reason: revealReasonLabel(reason),
  });
  return { value };
}
