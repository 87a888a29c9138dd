/**
 * 业主表决计票: pure, so the close, the bench and anyone holding the published export count the
 * same way. Areas are in hundredths of a m² (integers), so article278's cross-multiplication
 * never meets a float.
 *
 * Headcount rules (民法典第278条 counts owners by person):
 *  - a person is one owner however many units they own (owner_key); the developer's unsold units
 *    all carry the key 'developer' and so count as one owner;
 *  - co-owners of one unit share its ballot: each of them takes part (and agrees) with it;
 *  - a person takes part in a matter when any of their units has a ballot on it; when their units'
 *    ballots differ (a paper ballot on one, a proxy on another) the person's head follows the
 *    ballot of their largest voting unit (ties: the smaller unit reference). On the phone one
 *    choice covers all of a person's units, so this only decides mixed channels.
 */
import { article278, type VoteCounts, type VoteMatter } from './owners-vote.js';

export type Choice = 'agree' | 'disagree' | 'abstain';
export interface CountUnit { u: string; areaCents: number; owners: string[] }
export interface CountBallot { seq: number; u: string; choice: Choice }
export interface CountMatter { seq: number; kind: VoteMatter }
export interface MatterCount { seq: number; counts: VoteCounts; passed: boolean; failures: string[] }

export function countVote(units: CountUnit[], ballots: CountBallot[], matters: CountMatter[]): { totalAreaCents: number; totalOwners: number; matters: MatterCount[] } {
  const byRef = new Map(units.map((x) => [x.u, x]));
  const totalAreaCents = units.reduce((s, x) => s + x.areaCents, 0);
  const totalOwners = new Set(units.flatMap((x) => x.owners)).size;
  const out = matters.map((m) => {
    let participatingArea = 0;
    let agreeingArea = 0;
    // The unit deciding each person's head: largest area, then the smaller reference.
    const head = new Map<string, { area: number; u: string; choice: Choice }>();
    for (const b of ballots) {
      if (b.seq !== m.seq) continue;
      const unit = byRef.get(b.u);
      if (!unit) continue; // a unit removed since: it is no longer part of the totals either
      participatingArea += unit.areaCents;
      if (b.choice === 'agree') agreeingArea += unit.areaCents;
      for (const k of unit.owners) {
        const h = head.get(k);
        if (!h || unit.areaCents > h.area || (unit.areaCents === h.area && unit.u < h.u)) head.set(k, { area: unit.areaCents, u: unit.u, choice: b.choice });
      }
    }
    const counts: VoteCounts = {
      totalArea: totalAreaCents, totalOwners, participatingArea, participatingOwners: head.size,
      agreeingArea, agreeingOwners: [...head.values()].filter((h) => h.choice === 'agree').length,
    };
    const r = article278(counts, m.kind);
    return { seq: m.seq, counts, passed: r.passed, failures: r.failures };
  });
  return { totalAreaCents, totalOwners, matters: out };
}

/** "120.50" → 12050, exactly (numeric(10,2) arrives as a string). */
export function centsOf(area: string | number): number {
  const [i, f = ''] = String(area).split('.');
  return Number(i) * 100 + Number((f + '00').slice(0, 2)) * (String(area).startsWith('-') ? -1 : 1);
}
