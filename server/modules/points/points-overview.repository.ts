import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * The communities under `path` (in scope), each with its street, its residence households, the
 * status of each month from `from` on, and the households with an approved deed in `month`.
 */
export function communityOverview(db: Q, scope: Scope, path: string, from: string, month: string) {
  return db.selectFrom('org_unit as c')
    .innerJoin('org_unit as s', 's.id', 'c.parent_id')
    .select(['c.id', 'c.name', 's.name as street_name'])
    .select([
      sql<number>`(SELECT count(*)::int FROM household h WHERE h.org_path LIKE c.path || '%' AND h.kind = 'residence')`.as('households'),
      sql<{ month: string; status: string }[] | null>`(
        SELECT jsonb_agg(jsonb_build_object('month', m.month, 'status', m.status) ORDER BY m.month)
        FROM points_month m WHERE m.community_id = c.id AND m.month >= ${from} AND m.month <= ${month})`.as('months'),
      sql<number>`(
        SELECT count(DISTINCT r.holder_id)::int FROM points_record r
        WHERE r.community_id = c.id AND r.month = ${month} AND r.status = 'approved' AND r.holder_kind = 'household')`.as('participants'),
    ])
    .where('c.kind', '=', 'community')
    .where('c.dissolved_at', 'is', null)
    .where('c.path', 'like', `${path}%`)
    .where(inScope(scope, 'c.path'))
    .orderBy('s.name').orderBy('c.name')
    .limit(500)
    .execute();
}
