import { communityInScope, type Scope } from '../../platform/scope.js';
import type { StoreDeps } from './store-deps.js';
import { dayOf } from './store-views.js';
import * as repo from './store.repository.js';

/** Figures of the points supermarket: redemptions per store and month. */

export async function stats(deps: StoreDeps, scope: Scope, q: { communityId?: number; months: number }) {
  if (q.communityId) await communityInScope(deps.db, scope, q.communityId);
  const now = deps.clock.now();
  const months: string[] = [];
  const [y, m] = dayOf(now).split('-').map(Number) as [number, number];
  for (let k = q.months - 1; k >= 0; k--) {
    const d = new Date(Date.UTC(y, m - 1 - k, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const since = new Date(`${months[0]}-01T00:00:00+08:00`);
  const [rows, stores] = await Promise.all([
    repo.monthlyRedemptions(deps.db, scope, q.communityId, since),
    repo.storesInScope(deps.db, scope, q.communityId),
  ]);
  return {
    stores: stores.map((s) => ({ id: s.id, name: s.name })),
    months,
    rows: rows.map((r) => ({ storeId: r.store_id, month: r.month, orders: Number(r.orders), points: Number(r.points) })),
  };
}
