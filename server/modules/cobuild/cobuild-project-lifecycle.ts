import type { CobuildProjectStatus } from './cobuild-lists.tables.js';
import { AppError } from '../../platform/errors.js';

/**
 * The life of a co-building project (结对共建项目), as a table. A community publishes it on the
 * board (揭榜) or a street assigns it to a unit, or accepting a need↔resource match starts it
 * with the unit attached. The unit keeps a plan and milestones with photos and submits it; the
 * community accepts it (验收) or sends it back with a reason, after which the unit resubmits.
 * `by` says whose step it is: the project's unit, the community, the street (or county), or any
 * staff who keep the lists.
 */
export type ProjectAction = 'take_up' | 'assign' | 'plan' | 'milestone' | 'submit' | 'accept' | 'send_back' | 'withdraw';
export type StepBy = 'unit' | 'community' | 'street' | 'staff';

export const PROJECT_STEPS: Readonly<Record<ProjectAction, { from: readonly CobuildProjectStatus[]; to: CobuildProjectStatus | 'same'; by: StepBy }>> = {
  take_up: { from: ['published'], to: 'in_progress', by: 'unit' },
  assign: { from: ['published'], to: 'in_progress', by: 'street' },
  plan: { from: ['in_progress', 'returned'], to: 'same', by: 'unit' },
  milestone: { from: ['in_progress', 'returned'], to: 'same', by: 'unit' },
  submit: { from: ['in_progress', 'returned'], to: 'submitted', by: 'unit' },
  accept: { from: ['submitted'], to: 'accepted', by: 'community' },
  send_back: { from: ['submitted'], to: 'returned', by: 'community' },
  withdraw: { from: ['published'], to: 'withdrawn', by: 'staff' },
};

/** Why a project in `status` cannot take `action`, in words for the person who tried. */
function refusal(status: CobuildProjectStatus, action: ProjectAction): string {
  if ((action === 'take_up' || action === 'assign') && status !== 'withdrawn') return '该项目已有领办单位，不能再揭榜或指派';
  switch (status) {
    case 'published': return '该项目还在揭榜中，尚无领办单位';
    case 'in_progress': return action === 'accept' || action === 'send_back' ? '该项目尚未提交验收' : '该项目正在实施中，不能撤回';
    case 'submitted': return '该项目已提交验收，请等待社区验收结果';
    case 'returned': return action === 'accept' || action === 'send_back' ? '该项目已退回整改，等待领办单位重新提交' : '该项目已退回整改，不能撤回';
    case 'accepted': return '该项目已验收通过，不能再更改';
    case 'withdrawn': return '该项目已撤回';
  }
}

/** The state after `action`, or INVALID_TRANSITION with the reason. */
export function checkProjectStep(status: CobuildProjectStatus, action: ProjectAction): CobuildProjectStatus {
  const step = PROJECT_STEPS[action];
  if (!step.from.includes(status)) throw new AppError('INVALID_TRANSITION', refusal(status, action), { status, action });
  return step.to === 'same' ? status : step.to;
}
