import { AppError } from '../../platform/errors.js';
import type { RepairKind, RepairStatus } from './repairs.tables.js';

/**
 * The life of a maintenance-fund repair (专项维修资金), as a table. The applicant (the community,
 * or the company serving the compound) keeps a draft and submits it; an urgent repair of a safety
 * kind is approved by the community and the street (应急程序, both must approve, in either order),
 * any other by the owners' vote recorded by the community (民法典第278条); either may be rejected
 * with a reason. The work starts, is done, and the community accepts it (验收) with a note or sends
 * it back; an accepted repair is published (公示) to the compound with its final amount.
 * `by` says whose step it is.
 */
export type RepairAction =
  | 'submit' | 'approve_community' | 'approve_street' | 'record_vote' | 'reject' | 'start' | 'finish' | 'accept' | 'send_back' | 'publish';
export type RepairStepBy = 'applicant' | 'community' | 'street' | 'community_or_street';

export const REPAIR_STEPS: Readonly<Record<RepairAction, { from: readonly RepairStatus[]; to: RepairStatus | 'same'; by: RepairStepBy }>> = {
  submit: { from: ['draft'], to: 'applied', by: 'applicant' },
  // Stays 'applied' until the other of community and street has approved too (see the service).
  approve_community: { from: ['applied'], to: 'same', by: 'community' },
  approve_street: { from: ['applied'], to: 'same', by: 'street' },
  record_vote: { from: ['applied'], to: 'approved', by: 'community' },
  reject: { from: ['applied'], to: 'rejected', by: 'community_or_street' },
  start: { from: ['approved'], to: 'in_progress', by: 'applicant' },
  finish: { from: ['in_progress'], to: 'done', by: 'applicant' },
  accept: { from: ['done'], to: 'accepted', by: 'community' },
  send_back: { from: ['done'], to: 'in_progress', by: 'community' },
  publish: { from: ['accepted'], to: 'published', by: 'community_or_street' },
};

/** Kinds whose urgent repairs may take the emergency procedure (危及安全: lifts, leaks, fire, pipes). */
export const SAFETY_KINDS: readonly RepairKind[] = ['lift', 'roof_leak', 'wall_leak', 'fire', 'pipes'];

/** 应急程序 or 业主表决, fixed when applied. */
export const approvalOf = (kind: RepairKind, urgent: boolean) => (urgent && SAFETY_KINDS.includes(kind) ? 'emergency' : 'vote');

const WAIT: Record<RepairStatus, string> = {
  draft: '该维修项目还是草稿，请先提交申请',
  applied: '该维修项目正在审批中',
  approved: '该维修项目已批准，尚未开工',
  rejected: '该维修项目已被驳回',
  in_progress: '该维修项目正在施工中',
  done: '该维修项目已完工，等待社区验收',
  accepted: '该维修项目已验收，等待公示',
  published: '该维修项目已公示，不能再更改',
};

/** The state after `action`, or INVALID_TRANSITION with the reason in words for whoever tried. */
export function checkRepairStep(status: RepairStatus, action: RepairAction): RepairStatus {
  const step = REPAIR_STEPS[action];
  if (!step.from.includes(status)) throw new AppError('INVALID_TRANSITION', WAIT[status], { status, action });
  return step.to === 'same' ? status : step.to;
}
