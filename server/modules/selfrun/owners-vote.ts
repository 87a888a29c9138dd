/**
 * 业主共同决定 under the Civil Code art. 278 (民法典第二百七十八条): owners holding at least two
 * thirds of the exclusive area AND at least two thirds of all owners must take part (双三分之二);
 * then the matter passes with more than half of the participating area and participants
 * (ordinary matters, including using the maintenance fund — 使用维修资金, item 5), or at least three
 * quarters of both (raising the fund, rebuilding, changing common parts — items 6 to 8).
 * Pure, so the close, the bench and anyone recounting from the export apply the same rule. It lives
 * here, with the votes, so the property module (whose repairs use these votes) depends on selfrun
 * and never the other way round.
 */
export type VoteMatter = 'ordinary' | 'special';

export interface VoteCounts {
  /** The compound's totals: exclusive area in m² and owners by headcount. */
  totalArea: number;
  totalOwners: number;
  participatingArea: number;
  participatingOwners: number;
  agreeingArea: number;
  agreeingOwners: number;
}

export interface VoteOutcome {
  passed: boolean;
  /** Why it failed, in words for the person recording it (empty when it passed). */
  failures: string[];
}

/** Integer-safe "a/b ≥ p/q": cross-multiplied so 2/3 is never rounded. */
const atLeast = (a: number, b: number, p: number, q: number) => a * q >= b * p;
const moreThan = (a: number, b: number, p: number, q: number) => a * q > b * p;

export function article278(c: VoteCounts, matter: VoteMatter = 'ordinary'): VoteOutcome {
  const failures: string[] = [];
  if (!(c.totalArea > 0) || !(c.totalOwners > 0)) return { passed: false, failures: ['小区总面积和业主总人数须大于0'] };
  if (c.participatingArea > c.totalArea || c.participatingOwners > c.totalOwners) failures.push('参与表决的面积或人数超过小区总数');
  if (c.agreeingArea > c.participatingArea || c.agreeingOwners > c.participatingOwners) failures.push('同意的面积或人数超过参与表决的数');
  if (failures.length) return { passed: false, failures };
  if (!atLeast(c.participatingArea, c.totalArea, 2, 3)) failures.push('参与表决的专有部分面积不足总面积的三分之二');
  if (!atLeast(c.participatingOwners, c.totalOwners, 2, 3)) failures.push('参与表决的业主不足业主总人数的三分之二');
  if (matter === 'ordinary') {
    if (!moreThan(c.agreeingArea, c.participatingArea, 1, 2)) failures.push('同意的面积未过参与表决面积的半数');
    if (!moreThan(c.agreeingOwners, c.participatingOwners, 1, 2)) failures.push('同意的业主未过参与表决人数的半数');
  } else {
    if (!atLeast(c.agreeingArea, c.participatingArea, 3, 4)) failures.push('同意的面积不足参与表决面积的四分之三');
    if (!atLeast(c.agreeingOwners, c.participatingOwners, 3, 4)) failures.push('同意的业主不足参与表决人数的四分之三');
  }
  return { passed: failures.length === 0, failures };
}
