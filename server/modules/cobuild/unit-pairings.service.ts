import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { notify } from '../../platform/notifications.js';
import { communityInScope, type Scope } from '../../platform/scope.js';
import { orgPlace } from '../../platform/org-units.js';
import { chinaYear, type DualReportDeps } from './dual-report-deps.js';
import { checkReportTransition, GRADE_NAMES } from './dual-report-lifecycle.js';
import { decidesReports, evaluates, registersUnits } from './dual-report.policy.js';
import * as repo from './dual-report.repository.js';
import type { EvaluationGrade } from './dual-report.tables.js';
import { viewerOf } from './work-units.service.js';

/**
 * 单位报到 / 结对: a unit reports to a community for a year (its admin does, or the county or
 * street records it for the unit); the community or its street confirms it or declines it with a
 * reason. A unit may pair with several communities, once per community and year.
 */

type PairingRow = NonNullable<Awaited<ReturnType<typeof repo.pairingSeenBy>>>;

export const pairingView = (p: PairingRow) => ({
  id: p.id, workUnitId: p.work_unit_id, workUnitName: p.work_unit_name, communityId: p.community_id, communityName: p.community_name,
  year: p.year, status: p.status, note: p.note, declineReason: p.decline_reason, requestedAt: p.requested_at.toISOString(),
  decidedAt: p.decided_at?.toISOString() ?? null, grade: p.grade, gradeComment: p.grade_comment,
});

export async function listPairings(
  d: DualReportDeps, actor: Actor, scope: Scope,
  f: { page: number; pageSize: number; communityId?: number; workUnitId?: number; status?: string; year?: number },
) {
  const v = await viewerOf(d.db, actor, scope);
  const { rows, total } = await repo.listPairings(d.db, v, f);
  return { items: rows.map(pairingView), total };
}

/**
 * A pairing request. The unit admin names a community anywhere (units serve where they are
 * needed); staff record one only for a unit they keep and a community in their scope.
 */
export async function requestPairing(
  d: DualReportDeps, actor: Actor, scope: Scope, input: { workUnitId?: number; communityId: number; year?: number | null; note?: string | null },
) {
  const v = await viewerOf(d.db, actor, scope);
  const now = d.clock.now();
  const year = input.year ?? chinaYear(now);
  if (year < chinaYear(now)) throw new AppError('VALIDATION_FAILED', '不能为往年报到', { fields: [{ field: 'body.year', problem: 'past' }] });
  if (v.unitId === null && !registersUnits(actor.role)) throw new AppError('FORBIDDEN', '单位报到由单位管理员提出，或由街道、县（市、区）代为登记');
  const unitId = v.unitId ?? input.workUnitId;
  if (!unitId) throw new AppError('VALIDATION_FAILED', '请选择共建单位', { fields: [{ field: 'body.workUnitId', problem: 'required' }] });
  const community = v.unitId !== null
    ? await orgPlace(d.db, input.communityId, { kind: 'community', live: true })
    : await communityInScope(d.db, scope, input.communityId).then((c) => ({ ...c, kind: 'community' as const }));
  if (!community) throw notFound('社区');
  const id = await d.db.transaction().execute(async (trx) => {
    const unit = await repo.unitSeenBy(trx, v, unitId, true);
    if (!unit || (v.unitId === null && !scope.contains(unit.org_path))) throw notFound('共建单位');
    // A unit serves the communities of the county that registered it.
    if (community.county_code !== unit.county_code) throw notFound('社区');
    const live = await repo.livePairing(trx, unit.id, community.id, year);
    if (live) throw new AppError('ALREADY_EXISTS', live.status === 'pending' ? `已向该社区报到${year}年度，正在等待确认` : `${year}年度已与该社区结对`);
    const row = await repo.insertPairing(trx, {
      work_unit_id: unit.id, community_id: community.id, org_path: community.path, county_code: community.county_code, year,
      note: input.note?.trim() || null, requested_by: actor.accountId, requested_at: now,
    });
    await writeAudit(trx, actor, {
      action: 'cobuild.pairing.request', entity: 'unit_pairing', entityId: row.id, orgPath: community.path, countyCode: community.county_code,
      after: { workUnitId: unit.id, communityId: community.id, year },
    });
    return row.id;
  });
  return pairingView((await repo.pairingSeenBy(d.db, { scope, unitId: v.unitId ?? unitId }, id))!);
}

export async function decidePairing(
  d: DualReportDeps, actor: Actor, scope: Scope, id: number, action: 'confirm' | 'decline' | 'withdraw', reason?: string,
) {
  const v = await viewerOf(d.db, actor, scope);
  if (action === 'withdraw' ? v.unitId === null : !decidesReports(actor.role)) {
    throw new AppError('FORBIDDEN', action === 'withdraw' ? '只有单位管理员可以撤回本单位的报到' : '报到由社区或街道确认');
  }
  await d.db.transaction().execute(async (trx) => {
    const p = await repo.pairingSeenBy(trx, v, id, true);
    if (!p) throw notFound('单位报到');
    const to = checkReportTransition(p.status, action, reason);
    const now = d.clock.now();
    await repo.updatePairing(trx, id, { status: to, decline_reason: action === 'decline' ? reason!.trim() : null, decided_by: actor.accountId, decided_at: now });
    await writeAudit(trx, actor, {
      action: `cobuild.pairing.${action}`, entity: 'unit_pairing', entityId: id, orgPath: p.org_path, countyCode: p.county_code,
      before: { status: p.status }, after: { status: to }, reason: action === 'decline' ? reason : null,
    });
    if (action !== 'withdraw') {
      await notify(trx, d.ctx, await repo.unitAdminAccounts(trx, p.work_unit_id), {
        title: action === 'confirm' ? `${p.community_name}已确认结对` : `${p.community_name}退回了单位报到`,
        body: action === 'confirm' ? `${p.work_unit_name}${p.year}年度与${p.community_name}结对` : `退回原因：${reason}`,
        link: '/cobuild/units', orgPath: p.org_path, countyCode: p.county_code,
      });
    }
  });
  return pairingView((await repo.pairingSeenBy(d.db, v, id))!);
}

/** 双评价 of a paired unit: the community's word on its year, which the unit sees and exports. */
export async function evaluatePairing(d: DualReportDeps, actor: Actor, scope: Scope, id: number, input: { grade: EvaluationGrade; comment?: string | null }) {
  if (!evaluates(actor.role)) throw new AppError('FORBIDDEN', '双评价由社区作出');
  await d.db.transaction().execute(async (trx) => {
    const p = await repo.pairingSeenBy(trx, { scope, unitId: null }, id, true);
    if (!p) throw notFound('单位报到');
    if (p.status !== 'confirmed') throw new AppError('INVALID_TRANSITION', '只能评价已确认结对的单位');
    await repo.updatePairing(trx, id, { grade: input.grade, grade_comment: input.comment?.trim() || null, graded_by: actor.accountId, graded_at: d.clock.now() });
    await writeAudit(trx, actor, {
      action: 'cobuild.pairing.evaluate', entity: 'unit_pairing', entityId: id, orgPath: p.org_path, countyCode: p.county_code,
      before: { grade: p.grade, comment: p.grade_comment }, after: { grade: input.grade, gradeName: GRADE_NAMES[input.grade], comment: input.comment ?? null },
    });
  });
  return pairingView((await repo.pairingSeenBy(d.db, { scope, unitId: null }, id))!);
}
