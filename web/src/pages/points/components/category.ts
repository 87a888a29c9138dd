import type { TFunction } from 'i18next';
import type { ItemDirection } from '../../../services/points-api.js';

/** The shipped categories (10 for good deeds, 5 for breaches), by direction. */
export const CATEGORIES: Record<ItemDirection, readonly string[]> = {
  positive: ['community_activity', 'volunteer_service', 'waste_sorting', 'neighbour_help', 'frontage_upkeep', 'dispute_mediation', 'suggestion', 'civility', 'good_deed', 'commendation'],
  negative: ['public_morals', 'littering', 'public_space', 'unsafe_charging', 'non_cooperation'],
};

/** A category's name; a community's own category (free text on older servers) shows as it is. */
export function categoryLabel(t: TFunction, code: string): string {
  const names = t('points.category', { returnObjects: true }) as unknown as Record<string, string>;
  return names[code] ?? code;
}
