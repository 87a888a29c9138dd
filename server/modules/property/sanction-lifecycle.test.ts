import { describe, expect, it } from 'vitest';
import { checkSanctionStep, isOverdue, SANCTION_STEPS } from './sanction-lifecycle.js';

describe('sanction lifecycle', () => {
  it('opens every kind by a decision of the office', () => {
    for (const kind of Object.keys(SANCTION_STEPS) as (keyof typeof SANCTION_STEPS)[]) {
      expect(checkSanctionStep(kind, null, 'decide').by).toBe('office');
    }
  });
  it('runs a rectification through report, send back, report and verify', () => {
    expect(checkSanctionStep('rectify', 'open', 'report')).toMatchObject({ to: 'reported', by: 'company' });
    expect(checkSanctionStep('rectify', 'reported', 'send_back').to).toBe('open');
    expect(checkSanctionStep('rectify', 'reported', 'verify').to).toBe('verified');
  });
  it('refuses a verify before the report and any step after verification, with a reason', () => {
    expect(() => checkSanctionStep('rectify', 'open', 'verify')).toThrow(/尚未报告完成/);
    expect(() => checkSanctionStep('rectify', 'verified', 'report')).toThrow(/已验收通过/);
    expect(() => checkSanctionStep('interview', 'recorded', 'report')).toThrow(/只有限期整改/);
    expect(() => checkSanctionStep('exit', 'done', 'decide')).toThrow(/不能重复决定/);
  });
  it('counts a rectification overdue only while it waits for the company past its China day', () => {
    expect(isOverdue({ kind: 'rectify', status: 'open', deadline: '2026-11-30' }, '2026-12-01')).toBe(true);
    expect(isOverdue({ kind: 'rectify', status: 'open', deadline: '2026-12-01' }, '2026-12-01')).toBe(false);
    expect(isOverdue({ kind: 'rectify', status: 'reported', deadline: '2026-11-01' }, '2026-12-01')).toBe(false);
  });
});
