import type { CobuildCategory } from './cobuild-lists.tables.js';

/**
 * The seven categories of the city's co-building table, in its order, with the article's 2024
 * counts (1,956 projects): the demo seed spreads projects in these proportions.
 */
export const COBUILD_CATEGORIES = [
  'party_building', 'policy', 'education', 'culture_sports', 'livelihood', 'special_groups', 'other',
] as const satisfies readonly CobuildCategory[];

export const CATEGORY_NAMES: Readonly<Record<CobuildCategory, string>> = {
  party_building: '党建联建',
  policy: '政策赋能',
  education: '教育融合',
  culture_sports: '文体互动',
  livelihood: '民生实事',
  special_groups: '特定人群关爱',
  other: '其他',
};

/** 党建联建 408, 政策赋能 158, 教育融合 189, 文体互动 249, 民生实事 260, 特定人群关爱 216, 其他 476. */
export const ARTICLE_PROJECT_COUNTS: Readonly<Record<CobuildCategory, number>> = {
  party_building: 408, policy: 158, education: 189, culture_sports: 249, livelihood: 260, special_groups: 216, other: 476,
};
