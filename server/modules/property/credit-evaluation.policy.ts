import type { Role } from '../../database.js';
import type { RaterKind } from './credit-evaluation.tables.js';

/**
 * Who may do what in credit evaluation beyond each route's permission. The street rates as the
 * street; the community's staff rate as the community and enter the compound party branch's
 * rating on the branch's behalf (naming its secretary).
 */
export function raterKindsOf(role: Role): readonly RaterKind[] {
  if (role === 'street_admin') return ['street'];
  if (role === 'community_secretary' || role === 'community_worker') return ['community', 'compound'];
  return [];
}

/** Days after publication a company may object to its entry (China days, publication day included). */
export const OBJECTION_WINDOW_DAYS = 10;

/** A company may object while the window is open (China day ≤ the last day). */
export const objectionOpen = (today: string, until: string | null) => until != null && today <= until;

/** Ratings are entered for the running quarter or the one just ended, until its list is published. */
export const ratingQuarterOpen = (quarter: string, current: string, previous: string, published: boolean) =>
  !published && (quarter === current || quarter === previous);
