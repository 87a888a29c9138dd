import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { notify } from '../../platform/notifications.js';
import { placeAbove } from '../../platform/org-units.js';
import { communityInScope, type Scope } from '../../platform/scope.js';
import { chinaYear, type DualReportDeps } from './dual-report-deps.js';
import { checkReportTransition, GRADE_NAMES, MEMBER_POSTS, MEMBER_POST_NAMES } from './dual-report-lifecycle.js';
import { decidesReports, evaluates } from './dual-report.policy.js';
import * as repo from './dual-report.repository.js';
import type { EvaluationGrade, MemberPost } from './dual-report.tables.js';
import { viewerOf } from './work-units.service.js';

/**
 * 在职党员报到: an in-service party member reports, from the phone, to the community where their
 * household is (derived, never chosen), names their work unit and takes posts the community
 * offers; the community confirms or declines with a reason. One live report per member and year.
 */

type ReportRow = NonNullable<Awaited<ReturnType<typeof repo.reportSeenBy>>>;

export const reportView = (r: ReportRow, posts: readonly MemberPost[]) => ({
  id: r.id, memberName: r.member_name, residentId: r.resident_id, communityId: r.community_id, communityName: r.community_name,
  year: r.year, workUnitId: r.work_unit_id, workUnitName: r.work_unit_name, unitListed: r.work_unit_id !== null,
  posts: MEMBER_POSTS.filter((p) => posts.includes(p)), status: r.status, declineReason: r.decline_reason,
  submittedAt: r.submitted_at.toISOString(), decidedAt: r.decided_at?.toISOString() ?? null,
});

async function viewsOf(d: DualReportDeps, rows: ReportRow[]) {
  const posts = await repo.postsOf(d.db, rows.map((r) => r.id));
  return rows.map((r) => reportView(r, posts.get(r.id) ?? []));
}

/** The posts a community offers: its own list, or the whole catalogue when it has not limited it. */
async function offered(d: DualReportDeps, communityId: number) {
  const own = await repo.offersOf(d.db, communityId);
  return { posts: own.length ? MEMBER_POSTS.filter((p) => own.includes(p)) : [...MEMBER_POSTS], limited: own.length > 0 };
}

/** Who the member is and where they would report, or why they cannot. */
async function whereMemberReports(d: DualReportDeps, actor: Actor) {
  const { resident_id } = await repo.accountLinks(d.db, actor.accountId);
  if (resident_id === null) return { blocked: '账号尚未关联居民档案，请联系社区' } as const;
  const m = await repo.memberOfResident(d.db, resident_id);
  if (!m || m.moved_out_at !== null || m.household_id === null) return { blocked: '没有找到您在本市社区的住户登记，请联系社区' } as const;
  if (m.party_member_id === null) return { blocked: '没有找到您的党员档案，请联系所在党组织' } as const;
  if (m.member_kind !== 'in_service') return { blocked: '社区报到面向在职党员；如您的党员类别有误，请联系所在党组织' } as const;
  const community = await placeAbove(d.db, m.org_path, 'community');
  if (!community || community.dissolved_at) return { blocked: '没有找到您家所在的社区，请联系社区' } as const;
  return { blocked: null, member: m, community } as const;
}

export async function myReport(d: DualReportDeps, actor: Actor) {
  const year = chinaYear(d.clock.now());
  const where = await whereMemberReports(d, actor);
  const { resident_id } = await repo.accountLinks(d.db, actor.accountId);
  const history = resident_id === null ? [] : await viewsOf(d, await repo.reportsOfResident(d.db, resident_id));
  const current = history.find((r) => r.year === year && (r.status === 'pending' || r.status === 'confirmed'))
    ?? history.find((r) => r.year === year) ?? null;
  if (where.blocked !== null) return { year, community: null, blocked: where.blocked, postsOffered: [], current, history };
  return {
    year, community: { id: where.community.id, name: where.community.name }, blocked: null,
    postsOffered: (await offered(d, where.community.id)).posts, current, history,
  };
}

/** Registered units of the member's county, by name, to pick from. */
export async function unitOptions(d: DualReportDeps, actor: Actor, q?: string) {
  const where = await whereMemberReports(d, actor);
  if (where.blocked !== null) return { items: [] };
  return { items: await repo.unitOptions(d.db, where.community.county_code, q) };
}

export async function submitReport(
  d: DualReportDeps, actor: Actor, input: { workUnitId?: number | null; workUnitName?: string | null; posts: MemberPost[] },
) {
  const where = await whereMemberReports(d, actor);
  if (where.blocked !== null) throw new AppError('FORBIDDEN', where.blocked);
  const { member, community } = where;
  const now = d.clock.now();
  const year = chinaYear(now);
  const posts = [...new Set(input.posts)];
  const { posts: offers } = await offered(d, community.id);
  const notOffered = posts.filter((p) => !offers.includes(p));
  if (notOffered.length) {
    const message = `${community.name}没有设置以下岗位：${notOffered.map((p) => MEMBER_POST_NAMES[p]).join('、')}`;
    throw new AppError('VALIDATION_FAILED', message, { fields: [{ field: 'body.posts', problem: message }] });
  }
  let unit: { id: number | null; name: string };
  if (input.workUnitId) {
    const u = await repo.liveUnit(d.db, input.workUnitId);
    if (!u) throw notFound('共建单位');
    unit = u;
  } else if (input.workUnitName?.trim()) {
    unit = { id: null, name: input.workUnitName.trim() };
  } else {
    throw new AppError('VALIDATION_FAILED', '请选择工作单位，或填写未列出的单位名称', { fields: [{ field: 'body.workUnitId', problem: 'required' }] });
  }
  const id = await d.db.transaction().execute(async (trx) => {
    await repo.lockPartyMember(trx, member.party_member_id!);
    const live = await repo.liveReport(trx, member.party_member_id!, year);
    if (live) throw new AppError('ALREADY_EXISTS', live.status === 'pending' ? `您${year}年度的报到正在等待社区确认` : `您${year}年度已向社区报到`);
    const row = await repo.insertReport(trx, {
      party_member_id: member.party_member_id!, resident_id: member.resident_id, account_id: actor.accountId,
      community_id: community.id, org_path: community.path, county_code: community.county_code, year,
      work_unit_id: unit.id, work_unit_name: unit.name, submitted_at: now,
    }, posts);
    await writeAudit(trx, actor, {
      action: 'cobuild.report.submit', entity: 'member_report', entityId: row.id, orgPath: community.path, countyCode: community.county_code,
      after: { communityId: community.id, year, workUnitId: unit.id, workUnitName: unit.name, posts },
    });
    return row.id;
  });
  return (await viewsOf(d, [(await repo.reportById(d.db, id))!]))[0];
}

export async function withdrawMyReport(d: DualReportDeps, actor: Actor, id: number) {
  const { resident_id } = await repo.accountLinks(d.db, actor.accountId);
  await d.db.transaction().execute(async (trx) => {
    const r = await repo.reportById(trx, id, true);
    if (!r || resident_id === null || r.resident_id !== resident_id) throw notFound('报到');
    const to = checkReportTransition(r.status, 'withdraw');
    await repo.updateReport(trx, id, { status: to, decided_at: d.clock.now(), decided_by: actor.accountId });
    await writeAudit(trx, actor, {
      action: 'cobuild.report.withdraw', entity: 'member_report', entityId: id, orgPath: r.org_path, countyCode: r.county_code,
      before: { status: r.status }, after: { status: to },
    });
  });
  return myReport(d, actor);
}

export async function listReports(
  d: DualReportDeps, actor: Actor, scope: Scope,
  f: { page: number; pageSize: number; communityId?: number; workUnitId?: number; status?: string; year?: number },
) {
  const v = await viewerOf(d.db, actor, scope);
  const { rows, total } = await repo.listReports(d.db, v, f);
  return { items: await viewsOf(d, rows), total };
}

export async function decideReport(d: DualReportDeps, actor: Actor, scope: Scope, id: number, action: 'confirm' | 'decline', reason?: string) {
  if (!decidesReports(actor.role)) throw new AppError('FORBIDDEN', '在职党员报到由社区或街道确认');
  const v = { scope, unitId: null };
  await d.db.transaction().execute(async (trx) => {
    const r = await repo.reportSeenBy(trx, v, id, true);
    if (!r) throw notFound('报到');
    const to = checkReportTransition(r.status, action, reason);
    await repo.updateReport(trx, id, { status: to, decline_reason: action === 'decline' ? reason!.trim() : null, decided_by: actor.accountId, decided_at: d.clock.now() });
    await writeAudit(trx, actor, {
      action: `cobuild.report.${action}`, entity: 'member_report', entityId: id, orgPath: r.org_path, countyCode: r.county_code,
      before: { status: r.status }, after: { status: to }, reason: action === 'decline' ? reason : null,
    });
    if (r.account_id !== null) {
      await notify(trx, d.ctx, [r.account_id], {
        title: action === 'confirm' ? `${r.community_name}已确认您的报到` : `${r.community_name}退回了您的报到`,
        body: action === 'confirm' ? `${r.year}年度您在${r.community_name}认领的岗位已生效` : `退回原因：${reason}。可修改后重新报到`,
        link: '/m/cobuild-report', orgPath: r.org_path, countyCode: r.county_code,
      });
    }
  });
  return (await viewsOf(d, [(await repo.reportSeenBy(d.db, v, id))!]))[0];
}

/** 双评价 of a confirmed member's year. */
export async function evaluateReport(d: DualReportDeps, actor: Actor, scope: Scope, id: number, input: { grade: EvaluationGrade; comment?: string | null }) {
  if (!evaluates(actor.role)) throw new AppError('FORBIDDEN', '双评价由社区作出');
  await d.db.transaction().execute(async (trx) => {
    const r = await repo.reportSeenBy(trx, { scope, unitId: null }, id, true);
    if (!r) throw notFound('报到');
    if (r.status !== 'confirmed') throw new AppError('INVALID_TRANSITION', '只能评价已确认报到的党员');
    await repo.updateReport(trx, id, { grade: input.grade, grade_comment: input.comment?.trim() || null, graded_by: actor.accountId, graded_at: d.clock.now() });
    await writeAudit(trx, actor, {
      action: 'cobuild.report.evaluate', entity: 'member_report', entityId: id, orgPath: r.org_path, countyCode: r.county_code,
      before: { grade: r.grade, comment: r.grade_comment }, after: { grade: input.grade, gradeName: GRADE_NAMES[input.grade], comment: input.comment ?? null },
    });
  });
  return { ok: true as const };
}

export async function postOffers(d: DualReportDeps, scope: Scope, communityId: number) {
  const c = await communityInScope(d.db, scope, communityId);
  return { communityId: c.id, ...(await offered(d, c.id)) };
}

export async function setPostOffers(d: DualReportDeps, actor: Actor, scope: Scope, input: { communityId: number; posts: MemberPost[] }) {
  if (!decidesReports(actor.role)) throw new AppError('FORBIDDEN', '报到岗位由社区设置');
  const c = await communityInScope(d.db, scope, input.communityId);
  const posts = MEMBER_POSTS.filter((p) => input.posts.includes(p));
  await d.db.transaction().execute(async (trx) => {
    const before = await repo.offersOf(trx, c.id);
    await repo.replaceOffers(trx, c, posts);
    await writeAudit(trx, actor, {
      action: 'cobuild.posts.offer', entity: 'org_unit', entityId: c.id, orgPath: c.path, countyCode: c.county_code, before: { posts: before }, after: { posts },
    });
  });
  return postOffers(d, scope, c.id);
}
