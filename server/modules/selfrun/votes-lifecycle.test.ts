import { describe, expect, it } from 'vitest';
import { checkVoteStep, VOTE_TRANSITIONS } from './votes-lifecycle.js';
import { centsOf, countVote } from './vote-count.js';

describe('owner vote lifecycle', () => {
  it('walks draft → announced → open → closed → published and refuses the rest in Chinese', () => {
    expect(checkVoteStep('draft', 'announce')).toBe('announced');
    expect(checkVoteStep('announced', 'open')).toBe('open');
    expect(checkVoteStep('open', 'close')).toBe('closed');
    expect(checkVoteStep('closed', 'publish')).toBe('published');
    expect(() => checkVoteStep('closed', 'cancel')).toThrow(/不能取消/);
    expect(() => checkVoteStep('draft', 'publish')).toThrow(/INVALID_TRANSITION/);
    for (const t of Object.values(VOTE_TRANSITIONS)) expect(t.refusal).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('countVote', () => {
  it('counts a person once, the developer once, co-owners with their unit', () => {
    const units = [
      { u: 'a', areaCents: 10000, owners: ['p1'] }, { u: 'b', areaCents: 5000, owners: ['p1'] },
      { u: 'c', areaCents: 8000, owners: ['p2', 'p3'] }, { u: 'd', areaCents: 7000, owners: ['developer'] }, { u: 'e', areaCents: 7000, owners: ['developer'] },
    ];
    const r = countVote(units, [{ seq: 1, u: 'a', choice: 'agree' }, { seq: 1, u: 'b', choice: 'agree' }, { seq: 1, u: 'c', choice: 'agree' }, { seq: 1, u: 'd', choice: 'agree' }], [{ seq: 1, kind: 'ordinary' }]);
    expect(r.totalOwners).toBe(4);
    expect(r.matters[0]!.counts).toMatchObject({ participatingArea: 30000, participatingOwners: 4, agreeingOwners: 4 });
    expect(r.matters[0]!.passed).toBe(true);
  });
  it('reads numeric areas exactly', () => {
    expect(centsOf('120.5')).toBe(12050);
    expect(centsOf('88')).toBe(8800);
    expect(centsOf('0.07')).toBe(7);
  });
});
