import { chinaDay } from '../../platform/clock.js';
import { childPlaces } from '../../platform/org-units.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { COBUILD_CATEGORIES } from './cobuild-categories.js';
import type { CobuildCategory } from './cobuild-lists.tables.js';
import type { ListsDeps } from './cobuild-lists-deps.js';
import type { CobuildOverview } from './cobuild-lists.schemas.js';
import * as repo from './cobuild-overview.repository.js';

/** The co-building figures of a community, street or county: projects per category, units, needs met, and per child place. */

const zero = (): Record<CobuildCategory, number> => Object.fromEntries(COBUILD_CATEGORIES.map((c) => [c, 0])) as Record<CobuildCategory, number>;

export async function overview(deps: ListsDeps, scope: Scope, orgId: number | undefined): Promise<CobuildOverview> {
  const place = await unitInScope(deps.db, scope, orgId ?? scope.orgId);
  const year = Number(chinaDay(deps.clock.now()).slice(0, 4));
  const [projects, needs, resources, byCat, children, perChild, paired] = await Promise.all([
    repo.projectTotals(deps.db, place.path),
    repo.needTotals(deps.db, place.path),
    repo.resourceCount(deps.db, place.path),
    repo.projectsByCategory(deps.db, place.path),
    place.kind === 'community' ? Promise.resolve([]) : childPlaces(deps.db, place.id),
    place.kind === 'community' ? Promise.resolve([]) : repo.projectsByChildAndCategory(deps.db, place.id),
    repo.pairedUnits(deps.db, place.path, year),
  ]);
  const cats = zero();
  for (const r of byCat) cats[r.category] = r.n;
  return {
    place: { id: place.id, name: place.name, kind: place.kind },
    totals: { ...projects, paired, needsOpen: needs.open, needsMet: needs.met, resources },
    byCategory: COBUILD_CATEGORIES.map((category) => ({ category, count: cats[category] })),
    children: children
      .filter((c) => c.kind !== 'grid')
      .map((c) => {
        const byCategory = zero();
        for (const r of perChild.filter((x) => x.child_id === c.id)) byCategory[r.category] = r.n;
        return { id: c.id, name: c.name, kind: c.kind, total: Object.values(byCategory).reduce((a, b) => a + b, 0), byCategory };
      }),
  };
}
