import { describe, expect, it } from 'vitest';
import { checkInspectionStep, checkProblemStep, PROBLEM_STEPS, type ProblemAction, type ProblemStatus } from './problems-lifecycle.js';

describe('supervision problem lifecycle', () => {
  it('allows exactly the listed transitions and names the refusal', () => {
    const all: ProblemStatus[] = ['found', 'handed_over', 'rectifying', 'reported', 'verified', 'sent_back'];
    for (const [action, step] of Object.entries(PROBLEM_STEPS)) {
      for (const s of all) {
        const r = checkProblemStep(s, action as ProblemAction);
        if (step.from.includes(s)) expect(r).toBeNull();
        else expect(r).toMatch(/不能/);
      }
    }
    expect(checkProblemStep('verified', 'report')).toBe('该问题已验收销号，不能再办理');
  });
  it('inspections: planned → under way → done, cancelled only before done', () => {
    expect(checkInspectionStep('planned', 'start')).toBeNull();
    expect(checkInspectionStep('planned', 'finish')).toMatch(/计划中/);
    expect(checkInspectionStep('done', 'cancel')).toMatch(/已结束/);
  });
});
