import { AppError } from '../../platform/errors.js';
import type { SanctionKind, SanctionStatus } from './companies.tables.js';

/**
 * The life of a sanction, as one table per kind. `decide` opens it. 约谈 is recorded once with
 * its minutes. 限期整改 is a task: the company reports it done (`report`), the street or county
 * verifies it (`verify`) or sends it back (`send_back`) for another report. 降级/降费, 清退 and
 * 重新选聘 take effect when decided (the contract or company changes in the same transaction) and
 * have no later steps. `by` says whose step it is: the sanctioning office or the company.
 */
export type SanctionAction = 'decide' | 'report' | 'verify' | 'send_back';
export type StepBy = 'office' | 'company';

interface Step { from: readonly (SanctionStatus | null)[]; to: SanctionStatus; by: StepBy }

export const SANCTION_STEPS: Readonly<Record<SanctionKind, Partial<Record<SanctionAction, Step>>>> = {
  interview: { decide: { from: [null], to: 'recorded', by: 'office' } },
  rectify: {
    decide: { from: [null], to: 'open', by: 'office' },
    report: { from: ['open'], to: 'reported', by: 'company' },
    verify: { from: ['reported'], to: 'verified', by: 'office' },
    send_back: { from: ['reported'], to: 'open', by: 'office' },
  },
  downgrade: { decide: { from: [null], to: 'done', by: 'office' } },
  exit: { decide: { from: [null], to: 'done', by: 'office' } },
  reselect: { decide: { from: [null], to: 'done', by: 'office' } },
};

/** States in which a sanction still waits for someone. */
export const OPEN_STATUSES: readonly SanctionStatus[] = ['open', 'reported'];

/** Why a sanction of `kind` in `status` cannot take `action`, in words for the person who tried. */
function refusal(kind: SanctionKind, status: SanctionStatus | null, action: SanctionAction): string {
  if (action === 'decide') return '该处置已作出，不能重复决定';
  if (kind !== 'rectify') return '只有限期整改需要企业报告和街道或区县验收';
  switch (status) {
    case 'open': return '整改尚未报告完成，不能验收或退回';
    case 'reported': return '整改已报告完成，请等待街道或区县验收';
    case 'verified': return '整改已验收通过，不能再更改';
    default: return '该处置当前状态不能进行此操作';
  }
}

/** The step an action is, or INVALID_TRANSITION with the reason. */
export function checkSanctionStep(kind: SanctionKind, status: SanctionStatus | null, action: SanctionAction): Step {
  const step = SANCTION_STEPS[kind][action];
  if (!step || !step.from.includes(status)) throw new AppError('INVALID_TRANSITION', refusal(kind, status, action), { kind, status, action });
  return step;
}

/** A rectification past its deadline (a China day) that is still waiting for the company. */
export const isOverdue = (s: { kind: SanctionKind; status: SanctionStatus; deadline: string | null }, today: string) =>
  s.kind === 'rectify' && s.status === 'open' && s.deadline != null && s.deadline < today;
