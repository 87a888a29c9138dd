import { describe, expect, it } from 'vitest';
import { article278 } from './owners-vote.js';

const base = { totalArea: 9000, totalOwners: 90 };

describe('article278 (民法典第278条)', () => {
  it('passes an ordinary matter with two-thirds taking part and a majority of them agreeing', () => {
    expect(article278({ ...base, participatingArea: 6000, participatingOwners: 60, agreeingArea: 3001, agreeingOwners: 31 })).toEqual({ passed: true, failures: [] });
  });
  it('needs exactly two thirds, never rounded', () => {
    const r = article278({ ...base, participatingArea: 5999.99, participatingOwners: 59, agreeingArea: 5000, agreeingOwners: 50 });
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual(['参与表决的专有部分面积不足总面积的三分之二', '参与表决的业主不足业主总人数的三分之二']);
  });
  it('a half is not a majority', () => {
    const r = article278({ ...base, participatingArea: 6000, participatingOwners: 60, agreeingArea: 3000, agreeingOwners: 30 });
    expect(r.failures).toEqual(['同意的面积未过参与表决面积的半数', '同意的业主未过参与表决人数的半数']);
  });
  it('special matters need three quarters of the participants', () => {
    const counts = { ...base, participatingArea: 6000, participatingOwners: 60, agreeingArea: 4500, agreeingOwners: 44 };
    expect(article278(counts, 'special').failures).toEqual(['同意的业主不足参与表决人数的四分之三']);
    expect(article278({ ...counts, agreeingOwners: 45 }, 'special').passed).toBe(true);
  });
  it('refuses counts that cannot be', () => {
    expect(article278({ ...base, participatingArea: 9500, participatingOwners: 60, agreeingArea: 100, agreeingOwners: 10 }).failures).toEqual(['参与表决的面积或人数超过小区总数']);
    expect(article278({ ...base, participatingArea: 6000, participatingOwners: 60, agreeingArea: 100, agreeingOwners: 61 }).failures).toEqual(['同意的面积或人数超过参与表决的数']);
    expect(article278({ totalArea: 0, totalOwners: 0, participatingArea: 0, participatingOwners: 0, agreeingArea: 0, agreeingOwners: 0 }).passed).toBe(false);
  });
});
