import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { VisitTable } from './visits.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Stores a visit; a replayed clientId writes nothing and answers undefined. */
export function insertVisit(db: Q, v: Insertable<VisitTable>) {
  return db.insertInto('visit').values(v).onConflict((oc) => oc.column('client_id').doNothing()).returning('id').executeTakeFirst();
}

export function visitByClientId(db: Q, clientId: string) {
  return db.selectFrom('visit').select(['id', 'visitor_account_id']).where('client_id', '=', clientId).executeTakeFirst();
}

/** One account's visits in the scope, newest first, with the place and the demand raised; and the count. */
export async function visitsOf(db: Q, scope: Scope, accountId: number, page: number, pageSize: number) {
  const base = db.selectFrom('visit as v').where('v.visitor_account_id', '=', accountId).where(inScope(scope, 'v.org_path'));
  const [rows, total] = await Promise.all([
    base
      .innerJoin('org_unit as o', 'o.id', 'v.org_id')
      .leftJoin('household as h', 'h.id', 'v.household_id')
      .leftJoin('demand as d', 'd.id', 'v.demand_id')
      .leftJoin('demand_category as c', 'c.code', 'd.category_code')
      .select(['v.id', 'v.visited_at', 'v.note', 'v.outcome', 'v.demand_id', 'v.household_id', 'o.name as place_name',
        'h.address as household_address', 'd.state as demand_state', 'c.name as category_name'])
      .orderBy('v.visited_at', 'desc').orderBy('v.id', 'desc')
      .limit(pageSize).offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Visits per visitor in the scope within [from, to): all, with a demand raised, solved on the spot. */
export function visitCounts(db: Q, scope: Scope, from: Date, to: Date) {
  return db.selectFrom('visit as v')
    .innerJoin('account as a', 'a.id', 'v.visitor_account_id')
    .select(['v.visitor_account_id', 'a.display_name', 'a.role'])
    .select([
      sql<number>`count(*)::int`.as('visits'),
      sql<number>`count(*) FILTER (WHERE v.outcome <> 'no_demand')::int`.as('with_demand'),
      sql<number>`count(*) FILTER (WHERE v.outcome = 'solved')::int`.as('solved'),
      sql<number>`count(DISTINCT v.household_id)::int`.as('households'),
    ])
    .where(inScope(scope, 'v.org_path'))
    .where('v.visited_at', '>=', from)
    .where('v.visited_at', '<', to)
    .groupBy(['v.visitor_account_id', 'a.display_name', 'a.role'])
    .orderBy(sql`count(*)`, 'desc').orderBy('a.display_name')
    .limit(500)
    .execute();
}
