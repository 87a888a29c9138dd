import { describe, expect, it } from 'vitest';
import { approvalOf, checkRepairStep, REPAIR_STEPS } from './repairs-lifecycle.js';

describe('repair lifecycle', () => {
  it('walks draft → applied → approved → in_progress → done → accepted → published', () => {
    expect(checkRepairStep('draft', 'submit')).toBe('applied');
    expect(checkRepairStep('applied', 'record_vote')).toBe('approved');
    expect(checkRepairStep('applied', 'approve_street')).toBe('applied');
    expect(checkRepairStep('approved', 'start')).toBe('in_progress');
    expect(checkRepairStep('in_progress', 'finish')).toBe('done');
    expect(checkRepairStep('done', 'send_back')).toBe('in_progress');
    expect(checkRepairStep('done', 'accept')).toBe('accepted');
    expect(checkRepairStep('accepted', 'publish')).toBe('published');
  });
  it('refuses a skipped step with the reason', () => {
    expect(() => checkRepairStep('applied', 'start')).toThrow('该维修项目正在审批中');
    expect(() => checkRepairStep('in_progress', 'accept')).toThrow('该维修项目正在施工中');
    expect(() => checkRepairStep('published', 'publish')).toThrow('不能再更改');
  });
  it('nothing leaves a final state', () => {
    for (const step of Object.values(REPAIR_STEPS)) {
      expect(step.from).not.toContain('published');
      expect(step.from).not.toContain('rejected');
    }
  });
  it('only urgent safety repairs take the emergency procedure', () => {
    expect(approvalOf('lift', true)).toBe('emergency');
    expect(approvalOf('lift', false)).toBe('vote');
    expect(approvalOf('charging', true)).toBe('vote');
  });
});
