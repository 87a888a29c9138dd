import type { OrgKind } from '../../database.js';
import type { CobuildCategory } from './cobuild-lists.tables.js';

/**
 * The four criteria of a need↔resource match, in words. The list of proposals is computed in
 * SQL (cobuild-matching.repository.ts); these say why a proposal matches, and why a pair a
 * caller picked by hand does not.
 */
export type MatchReason = 'same_category' | 'covers_compound' | 'covers_community' | 'covers_street' | 'covers_wider' | 'capacity' | 'period' | 'paired';

const WORDS: Readonly<Record<MatchReason, string>> = {
  same_category: '同类别',
  covers_compound: '覆盖本小区',
  covers_community: '覆盖本社区',
  covers_street: '覆盖本街道',
  covers_wider: '覆盖所在区域',
  capacity: '服务能力足够',
  period: '时间重叠',
  paired: '已结对',
};

/** Which place of the resource reaches the need: its own community, its street, … */
export function reachReason(kind: OrgKind): MatchReason {
  if (kind === 'grid') return 'covers_compound';
  if (kind === 'community') return 'covers_community';
  if (kind === 'street') return 'covers_street';
  return 'covers_wider';
}

export function matchReasons(reachKind: OrgKind, paired = false): MatchReason[] {
  return ['same_category', reachReason(reachKind), 'capacity', 'period', ...(paired ? ['paired' as const] : [])];
}

/** "同类别 · 覆盖本社区 · 服务能力足够 · 时间重叠" */
export const explain = (reasons: readonly MatchReason[]) => reasons.map((r) => WORDS[r]).join(' · ');

export interface NeedSide {
  category: CobuildCategory;
  org_path: string;
  size: number;
  starts_on: string;
  ends_on: string;
}
export interface ResourceSide {
  category: CobuildCategory;
  capacity: number;
  available_from: string;
  available_to: string;
  withdrawn: boolean;
  unitDissolved: boolean;
  placePaths: readonly string[];
}

/** Why this resource cannot serve this need (the first criterion it fails), or null when it can. */
export function matchRefusal(n: NeedSide, r: ResourceSide): string | null {
  if (r.withdrawn) return '该资源已撤回';
  if (r.unitDissolved) return '提供该资源的单位已撤销';
  if (r.category !== n.category) return '资源与需求的类别不同';
  if (!r.placePaths.some((p) => n.org_path.startsWith(p))) return '该资源的服务范围不包括需求所在的社区或小区';
  if (r.capacity < n.size) return `该资源的服务能力（${r.capacity}）小于需求的规模（${n.size}）`;
  if (r.available_from > n.ends_on || n.starts_on > r.available_to) return '资源的可用时间与需求的时间不重叠';
  return null;
}
