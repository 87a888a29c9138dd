import type { Me } from '../../../services/types.js';

/**
 * The community an account works in, read from its scope path (city.county.street.community.…):
 * a secretary, worker or grid worker never has to pick it. Above a community there is none.
 */
export function ownCommunityId(me: Pick<Me, 'scope'>): number | undefined {
  const ids = me.scope.path.split('.').filter(Boolean).map(Number);
  return ids.length >= 4 && Number.isInteger(ids[3]) && ids[3] > 0 ? ids[3] : undefined;
}
