import { unitInScope, type Scope } from '../../platform/scope.js';
import { prevMonth, type PointsDeps } from './points-common.js';
import { monthOf } from './points-ledger.repository.js';
import { communityOverview } from './points-overview.repository.js';

/**
 * 积分社区一览 for staff above a community: each community's last six months (closed or not) and
 * how many of its households had a deed approved in the last month, so a county or street admin
 * sees where to look before picking one.
 */
export async function communitiesOverview(deps: PointsDeps, scope: Scope, q: { orgId?: number }) {
  const org = await unitInScope(deps.db, scope, q.orgId ?? scope.orgId);
  // The month that should be closed by now: the one before this one.
  const month = prevMonth(monthOf(deps.clock.now()));
  const list = [month];
  for (let i = 0; i < 5; i++) list.unshift(prevMonth(list[0]!));
  const rows = await communityOverview(deps.db, scope, org.path, list[0]!, month);
  return {
    month,
    months: list,
    items: rows.map((r) => {
      const status = new Map((r.months ?? []).map((m) => [m.month, m.status]));
      const households = Number(r.households);
      const participants = Number(r.participants);
      return {
        id: r.id, name: r.name, streetName: r.street_name, households, participants,
        participation: households ? Math.round((participants / households) * 1000) / 1000 : null,
        months: list.map((m) => ({ month: m, status: (status.get(m) ?? 'open') as 'open' | 'closed' | 'settled' })),
        closedCount: list.filter((m) => status.get(m) && status.get(m) !== 'open').length,
      };
    }),
  };
}
