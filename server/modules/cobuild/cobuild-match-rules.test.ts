import { describe, expect, it } from 'vitest';
import { explain, matchReasons, matchRefusal, type NeedSide, type ResourceSide } from './cobuild-match-rules.js';

const need: NeedSide = { category: 'education', org_path: '1.2.3.4.', size: 30, starts_on: '2026-07-01', ends_on: '2026-08-31' };
const resource: ResourceSide = {
  category: 'education', capacity: 40, available_from: '2026-06-01', available_to: '2026-07-15', withdrawn: false, unitDissolved: false, placePaths: ['1.2.3.'],
};

describe('need↔resource match rules', () => {
  it('a resource of the same category, covering the place, big enough and overlapping matches', () => {
    expect(matchRefusal(need, resource)).toBeNull();
    expect(explain(matchReasons('street'))).toBe('同类别 · 覆盖本街道 · 服务能力足够 · 时间重叠');
  });

  it('each criterion alone refuses', () => {
    expect(matchRefusal(need, { ...resource, category: 'policy' })).toMatch(/类别/);
    expect(matchRefusal(need, { ...resource, placePaths: ['1.2.9.'] })).toMatch(/服务范围/);
    expect(matchRefusal(need, { ...resource, capacity: 29 })).toMatch(/服务能力/);
    expect(matchRefusal(need, { ...resource, available_to: '2026-06-30' })).toMatch(/时间/);
    expect(matchRefusal(need, { ...resource, withdrawn: true })).toMatch(/撤回/);
    expect(matchRefusal(need, { ...resource, unitDissolved: true })).toMatch(/撤销/);
  });

  it('capacity equal to the size and a one-day overlap still match', () => {
    expect(matchRefusal(need, { ...resource, capacity: 30, available_to: '2026-07-01' })).toBeNull();
  });
});
