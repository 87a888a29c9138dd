/**
 * A supervision problem's lifecycle as data: found → handed_over (问题移交) → rectifying →
 * reported (整改报告) → verified (销号), or sent_back by the inspector and rectified again.
 * The server checks every step against this table; the web imports it to show the buttons.
 */
export type ProblemStatus = 'found' | 'handed_over' | 'rectifying' | 'reported' | 'verified' | 'sent_back';
export type ProblemAction = 'hand_over' | 'start' | 'report' | 'verify' | 'send_back';
/** Who takes a step: the inspector (or the planning level) or the receiving county/department. */
export type ProblemStepBy = 'inspector' | 'receiver';

export const PROBLEM_STEPS: Record<ProblemAction, { from: readonly ProblemStatus[]; to: ProblemStatus; by: ProblemStepBy }> = {
  hand_over: { from: ['found'], to: 'handed_over', by: 'inspector' },
  start: { from: ['handed_over', 'sent_back'], to: 'rectifying', by: 'receiver' },
  report: { from: ['handed_over', 'rectifying', 'sent_back'], to: 'reported', by: 'receiver' },
  verify: { from: ['reported'], to: 'verified', by: 'inspector' },
  send_back: { from: ['reported'], to: 'sent_back', by: 'inspector' },
};

/** Still waiting on the receiver: the deadline counts and the overdue timer may escalate. */
export const OPEN_FOR_RECEIVER: readonly ProblemStatus[] = ['handed_over', 'rectifying', 'sent_back'];

const STATUS_WORDS: Record<ProblemStatus, string> = {
  found: '待移交', handed_over: '已移交', rectifying: '整改中', reported: '已报整改', verified: '已销号', sent_back: '已退回',
};

/** Null when allowed; otherwise the reason in Chinese. */
export function checkProblemStep(status: ProblemStatus, action: ProblemAction): string | null {
  const step = PROBLEM_STEPS[action];
  if (step.from.includes(status)) return null;
  if (status === 'verified') return '该问题已验收销号，不能再办理';
  return `问题当前为“${STATUS_WORDS[status]}”，不能办理这一步`;
}

export type InspectionStatus = 'planned' | 'under_way' | 'done' | 'cancelled';
export type InspectionAction = 'start' | 'finish' | 'cancel';
export const INSPECTION_STEPS: Record<InspectionAction, { from: readonly InspectionStatus[]; to: InspectionStatus }> = {
  start: { from: ['planned'], to: 'under_way' },
  finish: { from: ['under_way'], to: 'done' },
  cancel: { from: ['planned', 'under_way'], to: 'cancelled' },
};
const INSPECTION_WORDS: Record<InspectionStatus, string> = { planned: '计划中', under_way: '进行中', done: '已结束', cancelled: '已取消' };
export function checkInspectionStep(status: InspectionStatus, action: InspectionAction): string | null {
  if (INSPECTION_STEPS[action].from.includes(status)) return null;
  return `督查当前为“${INSPECTION_WORDS[status]}”，不能办理这一步`;
}
