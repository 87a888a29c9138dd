import { AppError } from '../../platform/errors.js';
import { SELFRUN_STEPS, type SelfrunStep } from './selfrun.tables.js';

/**
 * 居民自办物业十步, as a table. A compound's process reaches each step in order; completing the
 * step it has reached moves it to the next, and 服务评定 ends it ('done'). `by` says whose step it
 * is: the community's staff always (they may also record a committee step on its behalf), the
 * committee (业委会/物管会 members of that compound) for its own steps. `needs` lists what the
 * record must carry; the conditions on other records (the vote, the notice, the statements) are
 * checked by the service, which reads those tables.
 */
export type StepKey = Exclude<SelfrunStep, 'done'>;
export type StepBy = 'staff' | 'committee';
export type StepNeed = 'proposer' | 'dates' | 'vote' | 'account' | 'photos';

export interface StepRule {
  label: string;
  by: StepBy;
  needs: readonly StepNeed[];
  /** The condition in words, shown beside the next action. */
  condition: string;
}

export const STEP_RULES: Readonly<Record<StepKey, StepRule>> = {
  motion: { label: '动议', by: 'staff', needs: ['proposer'], condition: '记录动议人和动议理由' },
  consultation: { label: '征求意见', by: 'committee', needs: ['dates'], condition: '记录征求意见的起止日期和结果' },
  vote: { label: '投票表决', by: 'staff', needs: ['vote'], condition: '须有本小区已结束的业主表决，且“实行居民自办物业”事项获得通过' },
  vote_notice: { label: '表决公示', by: 'staff', needs: ['dates'], condition: '表决结果须已公布；公示不少于7天' },
  filing: { label: '社区党委备案', by: 'staff', needs: [], condition: '表决结果公示满7天后方可备案' },
  open_account: { label: '开设公共账户', by: 'staff', needs: ['account'], condition: '备案后开设；只记录开户行、户名和账号后四位' },
  finance_rules: { label: '制定财务制度', by: 'committee', needs: [], condition: '记录财务制度的要点，可附制度文本照片' },
  service_agreement: { label: '签订服务协议', by: 'committee', needs: ['dates'], condition: '记录协议期限和服务内容，可附协议照片' },
  disclosure: { label: '收支公开', by: 'committee', needs: [], condition: '须至少有一份已公布的月度收支报表' },
  service_review: { label: '服务评定', by: 'staff', needs: [], condition: '评定后小区管理模式记为“居民自办”' },
};

export const STEP_KEYS = SELFRUN_STEPS.filter((s): s is StepKey => s !== 'done');

export const nextStep = (s: StepKey): SelfrunStep => SELFRUN_STEPS[SELFRUN_STEPS.indexOf(s) + 1]!;

/** Steps a committee member may complete; staff may complete every step. */
export const mayComplete = (as: StepBy, step: StepKey) => as === 'staff' || STEP_RULES[step].by === 'committee';

/**
 * Completing `step` when the process has reached `reached`: the step reached becomes the next one,
 * or INVALID_TRANSITION saying why in words (done already, or an earlier step still open).
 */
export function checkStep(reached: SelfrunStep, step: StepKey, as: StepBy): SelfrunStep {
  if (reached === 'done') throw new AppError('INVALID_TRANSITION', '十步已全部完成，小区已实行居民自办物业', { reason: 'PROCESS_DONE', step });
  const at = SELFRUN_STEPS.indexOf(reached);
  const want = SELFRUN_STEPS.indexOf(step);
  if (want < at) {
    throw new AppError('INVALID_TRANSITION', `「${STEP_RULES[step].label}」已经完成，不能重复办理`, { reason: 'STEP_REPEATED', step, reached });
  }
  if (want > at) {
    throw new AppError('INVALID_TRANSITION', `请先完成「${STEP_RULES[reached as StepKey].label}」，不能跳过步骤`, { reason: 'STEP_SKIPPED', step, reached });
  }
  if (!mayComplete(as, step)) {
    throw new AppError('FORBIDDEN', `「${STEP_RULES[step].label}」由社区办理，业委会/物管会成员不能办理`, { reason: 'STAFF_STEP', step });
  }
  return nextStep(step);
}
