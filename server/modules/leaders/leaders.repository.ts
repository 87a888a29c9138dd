import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, LeaderLevel, LeaderLinkTable, LeaderTable, LeaderVisitTable } from '../../database.js';

type Q = Kysely<DB> | Transaction<DB>;
const under = (column: string, path: string) => sql<boolean>`${sql.ref(column)} LIKE ${path + '%'}`;

/** A problem found on a visit counts as solved once its demand is resolved (or rated and closed). */
const SOLVED = sql<boolean>`d.state IN ('resolved', 'closed')`;

/**
 * A leader belongs to an area when their own unit is inside it, or they are linked to a unit
 * inside it (currently, or — for looking one up — at any time, so history stays reachable).
 */
function belongsTo(path: string, currentLinksOnly: boolean) {
  return (eb: ExpressionBuilder<DB & { l: LeaderTable }, 'l'>) =>
    eb.or([
      under('l.org_path', path),
      eb.exists(
        eb.selectFrom('leader_link as k').select('k.id').whereRef('k.leader_id', '=', 'l.id').where(under('k.org_path', path))
          .$if(currentLinksOnly, (qb) => qb.where('k.until', 'is', null)),
      ),
    ]);
}

export function findAccount(db: Q, id: number) {
  return db.selectFrom('account').select(['id', 'scope_path']).where('id', '=', id).executeTakeFirst();
}

/** The leader row, only if it belongs to the area at all (see `belongsTo`). */
export function findLeader(db: Q, id: number, path: string) {
  return db.selectFrom('leader as l').selectAll('l').where('l.id', '=', id).where(belongsTo(path, false)).executeTakeFirst();
}

function leadersIn(db: Q, path: string) {
  return db.selectFrom('leader as l')
    .innerJoin('org_unit as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.name', 'l.level', 'l.title', 'l.work_unit', 'l.org_id', 'o.name as org_name', 'l.account_id'])
    .select((eb) => [
      eb.selectFrom('leader_link as k').select(eb.fn.countAll<number>().as('n'))
        .whereRef('k.leader_id', '=', 'l.id').where('k.until', 'is', null).where(under('k.org_path', path)).as('link_count'),
      eb.selectFrom('leader_visit as v').select(eb.fn.countAll<number>().as('n'))
        .whereRef('v.leader_id', '=', 'l.id').where(under('v.org_path', path)).as('visit_count'),
      eb.selectFrom('leader_visit_demand as vd').innerJoin('leader_visit as v', 'v.id', 'vd.visit_id').innerJoin('demand as d', 'd.id', 'vd.demand_id')
        .whereRef('v.leader_id', '=', 'l.id').where(under('v.org_path', path))
        .select(sql<number>`count(*)`.as('n')).as('problems_found'),
      eb.selectFrom('leader_visit_demand as vd').innerJoin('leader_visit as v', 'v.id', 'vd.visit_id').innerJoin('demand as d', 'd.id', 'vd.demand_id')
        .whereRef('v.leader_id', '=', 'l.id').where(under('v.org_path', path)).where(SOLVED)
        .select(sql<number>`count(*)`.as('n')).as('problems_solved'),
    ]);
}

export type LeaderRow = Awaited<ReturnType<ReturnType<typeof leadersIn>['execute']>>[number];

export function getLeader(db: Q, id: number, path: string) {
  return leadersIn(db, path).where('l.id', '=', id).executeTakeFirst();
}

export async function listLeaders(db: Q, path: string, f: { level?: LeaderLevel; page: number; pageSize: number }) {
  const base = db.selectFrom('leader as l')
    .where(belongsTo(path, true))
    .$if(!!f.level, (qb) => qb.where('l.level', '=', f.level!));
  const [items, total] = await Promise.all([
    leadersIn(db, path)
      .where('l.id', 'in', base.select('l.id').orderBy('l.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize))
      .orderBy('l.id')
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

function linksQuery(db: Q) {
  return db.selectFrom('leader_link as k')
    .innerJoin('org_unit as o', 'o.id', 'k.org_id')
    .select(['k.id', 'k.leader_id', 'k.org_id', 'o.name as org_name', 'o.kind as org_kind', 'k.org_path', 'k.county_code'])
    .select([sql<string>`k.since::text`.as('since'), sql<string | null>`k.until::text`.as('until')]);
}

export type LinkRow = NonNullable<Awaited<ReturnType<typeof findLink>>>;

export function findLink(db: Q, id: number) {
  return linksQuery(db).where('k.id', '=', id).executeTakeFirst();
}

export function linksOf(db: Q, leaderId: number, path: string) {
  return linksQuery(db).where('k.leader_id', '=', leaderId).where(under('k.org_path', path))
    .orderBy('k.since', 'desc').orderBy('k.id', 'desc').execute();
}

export function currentLink(db: Q, leaderId: number, orgId: number) {
  return db.selectFrom('leader_link').select('id')
    .where('leader_id', '=', leaderId).where('org_id', '=', orgId).where('until', 'is', null).executeTakeFirst();
}

export async function insertLink(db: Q, row: Insertable<LeaderLinkTable>) {
  return (await db.insertInto('leader_link').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function endLink(db: Q, id: number, until: string) {
  const r = await db.updateTable('leader_link').set({ until }).where('id', '=', id).where('until', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertLeader(db: Q, row: Insertable<LeaderTable>) {
  return (await db.insertInto('leader').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

function visitsQuery(db: Q) {
  return db.selectFrom('leader_visit as v')
    .innerJoin('org_unit as o', 'o.id', 'v.org_id')
    .innerJoin('account as a', 'a.id', 'v.recorded_by')
    .select(['v.id', 'v.org_id', 'o.name as org_name', 'v.summary', 'a.display_name as recorded_by_name'])
    .select(sql<string>`v.visited_on::text`.as('visited_on'));
}

export type VisitRow = NonNullable<Awaited<ReturnType<typeof findVisit>>>;

export function findVisit(db: Q, id: number) {
  return visitsQuery(db).where('v.id', '=', id).executeTakeFirst();
}

export function visitsOf(db: Q, leaderId: number, path: string, limit: number) {
  return visitsQuery(db).where('v.leader_id', '=', leaderId).where(under('v.org_path', path))
    .orderBy('v.visited_on', 'desc').orderBy('v.id', 'desc').limit(limit).execute();
}

/** The demands raised on these visits, as they stand now. */
export function problemsOf(db: Q, visitIds: number[]) {
  if (!visitIds.length) return Promise.resolve([]);
  return db.selectFrom('leader_visit_demand as vd')
    .innerJoin('demand as d', 'd.id', 'vd.demand_id')
    .innerJoin('demand_category as c', 'c.code', 'd.category_code')
    .select(['vd.visit_id', 'd.id', 'd.description', 'd.state', 'c.name as category_name', SOLVED.as('solved')])
    .where('vd.visit_id', 'in', visitIds).orderBy('d.id').execute();
}

export function linkVisitDemand(db: Q, visitId: number, demandId: number) {
  return db.insertInto('leader_visit_demand').values({ visit_id: visitId, demand_id: demandId }).execute();
}

export async function insertVisit(db: Q, row: Insertable<LeaderVisitTable>) {
  return (await db.insertInto('leader_visit').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Per level, everything counted from the rows: leaders, distinct current links, visits, problems (demands). */
export async function statsUnder(db: Q, path: string) {
  const [leaders, links, visits, problems] = await Promise.all([
    db.selectFrom('leader as l').where(belongsTo(path, true))
      .select(['l.level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('l.level').execute(),
    db.selectFrom('leader_link as k')
      .innerJoin('leader as l', 'l.id', 'k.leader_id')
      .innerJoin('org_unit as o', 'o.id', 'k.org_id')
      .where('k.until', 'is', null).where(under('k.org_path', path))
      .select('l.level')
      .select([
        sql<number>`count(DISTINCT k.org_id) FILTER (WHERE o.kind = 'community')`.as('communities'),
        sql<number>`count(DISTINCT k.org_id) FILTER (WHERE o.kind <> 'community')`.as('compounds'),
      ])
      .groupBy('l.level').execute(),
    db.selectFrom('leader_visit as v')
      .innerJoin('leader as l', 'l.id', 'v.leader_id')
      .where(under('v.org_path', path))
      .select('l.level')
      .select((eb) => eb.fn.countAll<number>().as('visits'))
      .groupBy('l.level').execute(),
    db.selectFrom('leader_visit_demand as vd')
      .innerJoin('leader_visit as v', 'v.id', 'vd.visit_id')
      .innerJoin('leader as l', 'l.id', 'v.leader_id')
      .innerJoin('demand as d', 'd.id', 'vd.demand_id')
      .where(under('v.org_path', path))
      .select('l.level')
      .select([sql<number>`count(*)`.as('found'), sql<number>`count(*) FILTER (WHERE ${SOLVED})`.as('solved')])
      .groupBy('l.level').execute(),
  ]);
  return { leaders, links, visits, problems };
}
