import { AppError } from '../../platform/errors.js';
import type { MeetingTaskStatus } from './meetings.tables.js';

/**
 * The life of a meeting's task (决议事项), as a table. The owner works on it; a company that owns
 * one reports it done from its phone, and the community confirms (or sends it back). The
 * community may also close it done itself, or drop it — always with a reason. `by` says whose
 * step it is: the owning company, or the community that convenes the meeting.
 */
export type TaskAction = 'report' | 'confirm' | 'send_back' | 'drop';
export type TaskStepBy = 'company' | 'community';

export const TASK_STEPS: Readonly<Record<TaskAction, { from: readonly MeetingTaskStatus[]; to: MeetingTaskStatus; by: TaskStepBy; needsNote: boolean }>> = {
  report: { from: ['open'], to: 'reported', by: 'company', needsNote: true },
  confirm: { from: ['open', 'reported'], to: 'done', by: 'community', needsNote: false },
  send_back: { from: ['reported'], to: 'open', by: 'community', needsNote: true },
  drop: { from: ['open', 'reported'], to: 'dropped', by: 'community', needsNote: true },
};

/** Why a task in `status` cannot take `action`, in words for the person who tried. */
function refusal(status: MeetingTaskStatus, action: TaskAction): string {
  switch (status) {
    case 'done': return '该事项已办结，不能再更改';
    case 'dropped': return '该事项已撤销，不能再更改';
    case 'reported': return action === 'report' ? '该事项已报告完成，请等待社区确认' : '该事项状态不允许此操作';
    case 'open': return action === 'send_back' ? '该事项尚未报告完成，无需退回' : '该事项状态不允许此操作';
  }
}

/** What the step needs said: a reason to drop or send back, a note to report. */
const NOTE_MISSING: Record<TaskAction, string> = {
  report: '请填写完成情况说明',
  confirm: '',
  send_back: '请填写退回的理由',
  drop: '撤销事项须填写理由',
};

/** The state after `action`, or INVALID_TRANSITION / VALIDATION_FAILED with the reason. */
export function checkTaskStep(status: MeetingTaskStatus, action: TaskAction, note?: string | null): MeetingTaskStatus {
  const step = TASK_STEPS[action];
  if (!step.from.includes(status)) throw new AppError('INVALID_TRANSITION', refusal(status, action), { status, action });
  if (step.needsNote && !note?.trim()) throw new AppError('VALIDATION_FAILED', NOTE_MISSING[action], { action });
  return step.to;
}

/** A task still waiting for work: shown first on the compound's next agenda. */
export const isOpenTask = (s: MeetingTaskStatus) => s === 'open' || s === 'reported';
