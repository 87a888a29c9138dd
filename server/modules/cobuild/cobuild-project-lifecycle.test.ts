import { describe, expect, it } from 'vitest';
import type { CobuildProjectStatus } from './cobuild-lists.tables.js';
import { checkProjectStep, PROJECT_STEPS, type ProjectAction } from './cobuild-project-lifecycle.js';

const STATUSES: CobuildProjectStatus[] = ['published', 'in_progress', 'submitted', 'returned', 'accepted', 'withdrawn'];

describe('co-building project lifecycle', () => {
  it('a published project is taken up or assigned once, then planned, submitted and accepted', () => {
    expect(checkProjectStep('published', 'take_up')).toBe('in_progress');
    expect(checkProjectStep('published', 'assign')).toBe('in_progress');
    expect(checkProjectStep('in_progress', 'plan')).toBe('in_progress');
    expect(checkProjectStep('in_progress', 'submit')).toBe('submitted');
    expect(checkProjectStep('submitted', 'send_back')).toBe('returned');
    expect(checkProjectStep('returned', 'milestone')).toBe('returned');
    expect(checkProjectStep('returned', 'submit')).toBe('submitted');
    expect(checkProjectStep('submitted', 'accept')).toBe('accepted');
  });

  it('every other step is refused with a Chinese reason, never silently', () => {
    for (const action of Object.keys(PROJECT_STEPS) as ProjectAction[]) {
      for (const s of STATUSES.filter((x) => !PROJECT_STEPS[action].from.includes(x))) {
        let err: unknown;
        try { checkProjectStep(s, action); } catch (e) { err = e; }
        expect(err, `${action} from ${s}`).toMatchObject({ code: 'INVALID_TRANSITION' });
        expect((err as { userMessage: string }).userMessage).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });

  it('a project taken by one unit cannot be taken by another', () => {
    expect(() => checkProjectStep('in_progress', 'take_up')).toThrow(/已有领办单位/);
    expect(() => checkProjectStep('accepted', 'accept')).toThrow(/已验收通过/);
  });
});
