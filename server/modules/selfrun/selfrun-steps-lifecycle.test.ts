import { describe, expect, it } from 'vitest';
import { checkStep, STEP_KEYS, STEP_RULES } from './selfrun-steps-lifecycle.js';

describe('the ten steps', () => {
  it('walks the ten steps in order to done', () => {
    let at: string = 'motion';
    for (const s of STEP_KEYS) at = checkStep(at as never, s, 'staff');
    expect(at).toBe('done');
    expect(STEP_KEYS).toHaveLength(10);
  });
  it('refuses a skipped step, a repeated one, one after done, and a staff step for the committee', () => {
    expect(() => checkStep('motion', 'vote', 'staff')).toThrow(/请先完成「动议」/);
    expect(() => checkStep('vote', 'motion', 'staff')).toThrow(/不能重复/);
    expect(() => checkStep('done', 'service_review', 'staff')).toThrow(/已全部完成/);
    expect(() => checkStep('motion', 'motion', 'committee')).toThrow(/由社区办理/);
    expect(checkStep('consultation', 'consultation', 'committee')).toBe('vote');
  });
  it('names every step in Chinese with its condition', () => {
    for (const s of STEP_KEYS) expect(STEP_RULES[s].label).toMatch(/[\u4e00-\u9fa5]/);
  });
});
