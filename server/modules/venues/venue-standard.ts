/**
 * The 三要六有 standard a party-mass venue is built to (brief §8), one table of the items used.
 * 三要 (what the branch must see to): 要有场所 a place of its own, 要有标识 the unified party-mass
 * sign, 要有制度 rules on the wall. 六有 (what the venue shows): 有场地 a usable room, 有牌子 a
 * plaque, 有制度 opening and duty rules, 有活动 regular activities, 有台账 a ledger of use, 有队伍
 * a team that runs it. A venue is "to standard" only when every item is recorded with evidence.
 */
export const STANDARD_ITEMS = [
  { code: 'need_place', group: '三要', label: '要有场所' },
  { code: 'need_sign', group: '三要', label: '要有标识' },
  { code: 'need_rules', group: '三要', label: '要有制度' },
  { code: 'has_site', group: '六有', label: '有场地' },
  { code: 'has_plaque', group: '六有', label: '有牌子' },
  { code: 'has_rules', group: '六有', label: '有制度' },
  { code: 'has_activities', group: '六有', label: '有活动' },
  { code: 'has_ledger', group: '六有', label: '有台账' },
  { code: 'has_team', group: '六有', label: '有队伍' },
] as const;
export type StandardItem = (typeof STANDARD_ITEMS)[number]['code'];
export const STANDARD_CODES = STANDARD_ITEMS.map((i) => i.code) as [StandardItem, ...StandardItem[]];

/** The items not yet recorded: empty means the venue is to standard (达标). */
export function missingItems(recorded: readonly string[]): StandardItem[] {
  const have = new Set(recorded);
  return STANDARD_CODES.filter((c) => !have.has(c));
}
