import { describe, expect, it } from 'vitest';
import { committeeProblems, type SeatView } from './committee-rules.js';

const seat = (kind: SeatView['kind'], role: SeatView['role'] = 'member'): SeatView => ({ kind, role });
const valid = (): SeatView[] => [seat('street', 'chair'), seat('residents_committee'), seat('housing_department'),
  ...Array.from({ length: 6 }, () => seat('owner'))];

describe('committeeProblems', () => {
  it('accepts a 物管会 of nine with every kind and one chair', () => {
    expect(committeeProblems('management', valid())).toEqual([]);
  });
  it('refuses fewer than nine and an even number', () => {
    const p = committeeProblems('management', valid().slice(0, 8));
    expect(p).toContain('物管会至少9人，现有8人');
    expect(p).toContain('物管会成员应为单数，现有8人');
  });
  it('names the missing kinds', () => {
    const s = valid().map((x) => (x.kind === 'housing_department' ? seat('owner') : x));
    expect(committeeProblems('management', s)).toEqual(['物管会缺少房管部门代表']);
  });
  it('needs exactly one chair', () => {
    expect(committeeProblems('management', valid().map((x) => ({ ...x, role: 'member' as const })))).toEqual(['尚未确定主任']);
    const two = valid(); two[1] = seat('residents_committee', 'chair');
    expect(committeeProblems('management', two)).toEqual(['只能有一名主任，现有2名']);
  });
  it('an owners committee needs members and a chair only', () => {
    expect(committeeProblems('owners', [])).toEqual(['业委会尚无成员', '尚未确定主任']);
    expect(committeeProblems('owners', [seat('owner', 'chair'), seat('owner')])).toEqual([]);
  });
});
