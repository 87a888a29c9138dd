import { AppError } from '../../platform/errors.js';
import type { EvaluationGrade, MemberPost, ReportStatus } from './dual-report.tables.js';

/**
 * The life of a report (双报到), as a table — the same for a unit's pairing with a community
 * (单位报到) and for an in-service member's report (在职党员报到): it waits for the community,
 * which confirms it or declines it with a reason; the reporter may withdraw it while it waits.
 * Declined and withdrawn reports free the year for a new one; a confirmed one holds it.
 */
export type ReportAction = 'confirm' | 'decline' | 'withdraw';

export const REPORT_TRANSITIONS: Readonly<Record<ReportAction, { from: readonly ReportStatus[]; to: ReportStatus; needsReason: boolean }>> = {
  confirm: { from: ['pending'], to: 'confirmed', needsReason: false },
  decline: { from: ['pending'], to: 'declined', needsReason: true },
  withdraw: { from: ['pending'], to: 'withdrawn', needsReason: false },
};

/** The statuses that hold the year: a second report for it is refused while one of these stands. */
export const LIVE_STATUSES: readonly ReportStatus[] = ['pending', 'confirmed'];

const REFUSALS: Readonly<Record<ReportStatus, string>> = {
  pending: '',
  confirmed: '该报到已确认，不能再更改',
  declined: '该报到已被退回，请重新报到',
  withdrawn: '该报到已撤回',
};

/** The status after `action`, or the Chinese reason it cannot be taken. */
export function checkReportTransition(status: ReportStatus, action: ReportAction, reason?: string | null): ReportStatus {
  const t = REPORT_TRANSITIONS[action];
  if (!t.from.includes(status)) throw new AppError('INVALID_TRANSITION', REFUSALS[status] || '该报到当前状态不允许此操作', { status, action });
  if (t.needsReason && !reason?.trim()) {
    throw new AppError('VALIDATION_FAILED', '退回报到须说明原因', { fields: [{ field: 'body.reason', problem: 'required' }] });
  }
  return t.to;
}

/** The posts an in-service member may take in a community (认岗), in the order they are shown. */
export const MEMBER_POSTS: readonly MemberPost[] = ['branch_secretary', 'building_head', 'member_household', 'volunteer'];
export const MEMBER_POST_NAMES: Readonly<Record<MemberPost, string>> = {
  branch_secretary: '支部书记', building_head: '楼栋长', member_household: '党员中心户', volunteer: '志愿服务队员',
};

/** 双评价 grades, best first. */
export const GRADES: readonly EvaluationGrade[] = ['excellent', 'competent', 'basic', 'incompetent'];
export const GRADE_NAMES: Readonly<Record<EvaluationGrade, string>> = { excellent: '优秀', competent: '称职', basic: '基本称职', incompetent: '不称职' };
export const STATUS_NAMES: Readonly<Record<ReportStatus, string>> = { pending: '待确认', confirmed: '已确认', declined: '已退回', withdrawn: '已撤回' };
