import type { FundingTier } from './venues.tables.js';

/**
 * 以奖代补: a venue's award for a period from its counted use. Tiers are tried from the highest
 * amount down; the first whose minimum use is reached (and, when it asks, whose venue is to the
 * 三要六有 standard) decides the award. Nothing is typed: uses are counted check-ins.
 */
export interface AwardInput {
  uses: number;
  standardMet: boolean;
}
export interface AwardResult {
  tier: string | null;
  amount: number;
  /** Each tier with why it did or did not apply: kept with the award. */
  steps: { tier: string; minUses: number; requireStandard: boolean; amount: number; reached: boolean; reason: string }[];
}

export function computeAward(tiers: readonly FundingTier[], input: AwardInput): AwardResult {
  const ordered = [...tiers].sort((a, b) => b.amount - a.amount || b.minUses - a.minUses);
  let chosen: FundingTier | null = null;
  const steps = ordered.map((t) => {
    const usesOk = input.uses >= t.minUses;
    const standardOk = !t.requireStandard || input.standardMet;
    const reached = usesOk && standardOk;
    const reason = !usesOk ? `使用 ${input.uses} 次，不足 ${t.minUses} 次` : !standardOk ? '未达到三要六有标准' : chosen ? '已按更高档奖补' : '达到本档';
    if (reached && !chosen) chosen = t;
    return { tier: t.name, minUses: t.minUses, requireStandard: t.requireStandard, amount: t.amount, reached: reached && chosen === t, reason };
  });
  const c = chosen as FundingTier | null;
  return { tier: c?.name ?? null, amount: c?.amount ?? 0, steps };
}

/** A rule's tiers must have distinct names and not contradict each other (a bigger award for less use). */
export function tiersProblem(tiers: readonly FundingTier[]): string | null {
  if (new Set(tiers.map((t) => t.name)).size !== tiers.length) return '档次名称不能重复';
  const sorted = [...tiers].sort((a, b) => a.minUses - b.minUses);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.minUses === sorted[i - 1]!.minUses && sorted[i]!.requireStandard === sorted[i - 1]!.requireStandard) return '两个档次的条件相同';
  }
  return null;
}
