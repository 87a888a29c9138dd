import type { Committee, CommitteeMemberKind, CommitteeRole } from './selfrun.tables.js';

/** The rule's view of one live member. */
export interface SeatView {
  kind: CommitteeMemberKind;
  role: CommitteeRole;
}

const KIND_NAMES: Record<CommitteeMemberKind, string> = {
  street: '街道代表', residents_committee: '居委会代表', housing_department: '房管部门代表', owner: '业主代表',
};
/** 物管会 at least this many members (and an odd number, so a vote of the committee cannot tie). */
export const MANAGEMENT_MIN = 9;

/**
 * Whether a committee's live members make a valid committee, with every reason it does not.
 * 物管会: at least nine, an odd number, each of street / residents' committee / housing department /
 * owner represented. Both committees: exactly one chair. Members may be added one at a time; the
 * committee is "valid" only when this returns no problems.
 */
export function committeeProblems(committee: Committee, seats: readonly SeatView[]): string[] {
  const out: string[] = [];
  const n = seats.length;
  if (committee === 'management') {
    if (n < MANAGEMENT_MIN) out.push(`物管会至少${MANAGEMENT_MIN}人，现有${n}人`);
    if (n % 2 === 0) out.push(`物管会成员应为单数，现有${n}人`);
    const missing = (Object.keys(KIND_NAMES) as CommitteeMemberKind[]).filter((k) => !seats.some((s) => s.kind === k));
    if (missing.length) out.push(`物管会缺少${missing.map((k) => KIND_NAMES[k]).join('、')}`);
  } else if (n === 0) {
    out.push('业委会尚无成员');
  }
  const chairs = seats.filter((s) => s.role === 'chair').length;
  if (chairs === 0) out.push('尚未确定主任');
  if (chairs > 1) out.push(`只能有一名主任，现有${chairs}名`);
  return out;
}
