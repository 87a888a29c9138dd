import { describe, expect, it } from 'vitest';
import { nextBookingStatus } from './booking-lifecycle.js';
import { computeAward, tiersProblem } from './funding-rule.js';
import { missingItems, STANDARD_CODES } from './venue-standard.js';

const TIERS = [
  { name: '一档', minUses: 120, requireStandard: true, amount: 30000 },
  { name: '二档', minUses: 60, requireStandard: true, amount: 20000 },
  { name: '三档', minUses: 24, requireStandard: false, amount: 10000 },
];

describe('venue rules', () => {
  it('should flag a venue missing any 三要六有 item', () => {
    expect(missingItems(STANDARD_CODES)).toEqual([]);
    expect(missingItems(STANDARD_CODES.filter((c) => c !== 'has_ledger'))).toEqual(['has_ledger']);
    expect(missingItems([])).toHaveLength(9);
  });
  it('should award the highest tier reached, and keep why each tier did or did not apply', () => {
    expect(computeAward(TIERS, { uses: 120, standardMet: true })).toMatchObject({ tier: '一档', amount: 30000 });
    expect(computeAward(TIERS, { uses: 119, standardMet: true })).toMatchObject({ tier: '二档', amount: 20000 });
    // Not to standard: only the tier that does not ask for it.
    const r = computeAward(TIERS, { uses: 200, standardMet: false });
    expect(r).toMatchObject({ tier: '三档', amount: 10000 });
    expect(r.steps.map((s) => s.reason)).toEqual(['未达到三要六有标准', '未达到三要六有标准', '达到本档']);
    expect(computeAward(TIERS, { uses: 23, standardMet: true })).toMatchObject({ tier: null, amount: 0 });
    expect(computeAward(TIERS, { uses: 24, standardMet: false }).steps[2]).toMatchObject({ reached: true });
  });
  it('should refuse tiers with repeated names or identical conditions', () => {
    expect(tiersProblem(TIERS)).toBeNull();
    expect(tiersProblem([...TIERS, { ...TIERS[0]!, amount: 1 }])).toBe('档次名称不能重复');
    expect(tiersProblem([TIERS[0]!, { ...TIERS[0]!, name: 'x' }])).toBe('两个档次的条件相同');
  });
  it('should allow booking steps only from their states', () => {
    expect(nextBookingStatus('requested', 'confirm')).toEqual({ ok: true, to: 'confirmed' });
    expect(nextBookingStatus('cancelled', 'confirm')).toEqual({ ok: false, reason: '只有待确认的预约可以确认' });
    expect(nextBookingStatus('requested', 'check_in')).toMatchObject({ ok: false });
    expect(nextBookingStatus('confirmed', 'cancel')).toEqual({ ok: true, to: 'cancelled' });
  });
});
