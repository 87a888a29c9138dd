import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { LifeStatus } from './register.schemas.js';

type Q = Kysely<DB> | Transaction<DB>;
const like = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;
const offset = (page: number, pageSize: number) => (page - 1) * pageSize;

/**
 * Platforms a caller sees: those kept by a unit above or at the caller (a street reads its
 * county's register) and those kept inside the caller's subtree.
 */
function platformVisible(scope: Scope, col: string) {
  return sql<boolean>`(${sql.ref(col)} LIKE ${scope.path + '%'} OR ${scope.path} LIKE ${sql.ref(col)} || '%')`;
}

export async function listPlatforms(db: Kysely<DB>, scope: Scope, page: number, pageSize: number) {
  const base = db.selectFrom('gig_platform as p').where(platformVisible(scope, 'p.org_path'));
  const [rows, total] = await Promise.all([
    base.select(['p.id', 'p.name', 'p.kind', 'p.credit_code',
      // Only the stations and workers inside the caller's scope are counted.
      (eb) => eb.selectFrom('gig_station as s').select(sql<number>`count(*)::int`.as('n')).whereRef('s.platform_id', '=', 'p.id').where('s.closed_at', 'is', null).where(inScope(scope, 's.org_path')).as('stations'),
      (eb) => eb.selectFrom('gig_worker as w').select(sql<number>`count(*)::int`.as('n')).whereRef('w.platform_id', '=', 'p.id').where('w.left_at', 'is', null).where(inScope(scope, 'w.org_path')).as('workers'),
    ]).orderBy('p.id').limit(pageSize).offset(offset(page, pageSize)).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export function platformVisibleById(db: Q, scope: Scope, id: number) {
  return db.selectFrom('gig_platform').selectAll().where('id', '=', id).where(platformVisible(scope, 'org_path')).executeTakeFirst();
}

const stationColumns = (scope: Scope) => [
  's.id', 's.name', 's.platform_id', 'p.name as platform_name', 'u.name as unit_name', 's.address', 's.lat', 's.lng', 's.closed_at', 's.close_reason', 's.manager_name', 's.org_path', 's.county_code',
] as const;

/** live / closed / all on a nullable end column: the one filter every list of the register takes. */
export const lifeFilter = (col: string, status: LifeStatus) =>
  status === 'live' ? sql<boolean>`${sql.ref(col)} IS NULL` : status === 'closed' ? sql<boolean>`${sql.ref(col)} IS NOT NULL` : sql<boolean>`TRUE`;

function coveredExpr() {
  return sql<boolean>`EXISTS (SELECT 1 FROM gig_party_org_station l JOIN gig_party_org o ON o.id = l.party_org_id
    WHERE l.station_id = s.id AND o.dissolved_at IS NULL)`;
}

export async function listStations(db: Kysely<DB>, scope: Scope, f: { status: LifeStatus; platformId?: number; q?: string; page: number; pageSize: number }) {
  let base = db.selectFrom('gig_station as s').where(inScope(scope, 's.org_path')).where(lifeFilter('s.closed_at', f.status));
  if (f.platformId) base = base.where('s.platform_id', '=', f.platformId);
  if (f.q) base = base.where('s.name', 'like', like(f.q));
  const [rows, total] = await Promise.all([
    base.innerJoin('gig_platform as p', 'p.id', 's.platform_id').innerJoin('org_unit as u', 'u.id', 's.org_id')
      .select([...stationColumns(scope), coveredExpr().as('covered'),
        (eb) => eb.selectFrom('gig_worker as w').select(sql<number>`count(*)::int`.as('n')).whereRef('w.station_id', '=', 's.id').where('w.left_at', 'is', null).as('workers')])
      .orderBy('s.id', 'desc').limit(f.pageSize).offset(offset(f.page, f.pageSize)).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export function stationInScope(db: Q, scope: Scope, id: number) {
  return db.selectFrom('gig_station as s').innerJoin('gig_platform as p', 'p.id', 's.platform_id').innerJoin('org_unit as u', 'u.id', 's.org_id')
    .select([...stationColumns(scope), coveredExpr().as('covered'),
      sql<number>`(SELECT count(*)::int FROM gig_worker w WHERE w.station_id = s.id AND w.left_at IS NULL)`.as('workers'),
      sql<number>`(SELECT count(*)::int FROM gig_worker w WHERE w.station_id = s.id AND w.left_at IS NULL AND w.party_status = 'member')`.as('members'),
      sql<number>`(SELECT count(*)::int FROM gig_worker w WHERE w.station_id = s.id AND w.left_at IS NULL AND w.party_status = 'applicant')`.as('applicants')])
    .where('s.id', '=', id).where(inScope(scope, 's.org_path')).executeTakeFirst();
}

export function partyOrgsOfStation(db: Kysely<DB>, stationId: number) {
  return db.selectFrom('gig_party_org_station as l').innerJoin('gig_party_org as o', 'o.id', 'l.party_org_id')
    .select(['o.id', 'o.name', 'o.kind']).where('l.station_id', '=', stationId).where('o.dissolved_at', 'is', null).orderBy('o.id').execute();
}

export function instructorsOf(db: Kysely<DB>, partyOrgIds: number[]) {
  if (!partyOrgIds.length) return Promise.resolve([]);
  return db.selectFrom('gig_instructor').select(['party_org_id', 'name', 'sent_by']).where('party_org_id', 'in', partyOrgIds).where('ended_on', 'is', null).orderBy('id').execute();
}

export async function listWorkers(db: Kysely<DB>, scope: Scope, f: { stationId?: number; status: 'active' | 'left' | 'all'; q?: string; page: number; pageSize: number }) {
  let base = db.selectFrom('gig_worker as w').where(inScope(scope, 'w.org_path'));
  if (f.stationId) base = base.where('w.station_id', '=', f.stationId);
  if (f.status === 'active') base = base.where('w.left_at', 'is', null);
  if (f.status === 'left') base = base.where('w.left_at', 'is not', null);
  if (f.q) base = base.where('w.name', 'like', like(f.q));
  const [rows, total] = await Promise.all([
    base.innerJoin('gig_station as s', 's.id', 'w.station_id').innerJoin('gig_platform as p', 'p.id', 'w.platform_id')
      .select(['w.id', 'w.name', 'w.kind', 'w.phone_mask', 'w.party_status', 'w.station_id', 's.name as station_name', 'p.name as platform_name', 'w.consent_version', 'w.consent_at', 'w.left_at'])
      .orderBy('w.id', 'desc').limit(f.pageSize).offset(offset(f.page, f.pageSize)).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export function workerInScope(db: Q, scope: Scope, id: number) {
  return db.selectFrom('gig_worker').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
}

export async function listPartyOrgs(db: Kysely<DB>, scope: Scope, status: LifeStatus, page: number, pageSize: number) {
  const base = db.selectFrom('gig_party_org as o').where(inScope(scope, 'o.org_path')).where(lifeFilter('o.dissolved_at', status));
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as u', 'u.id', 'o.org_id')
      .select(['o.id', 'o.name', 'o.kind', 'u.name as unit_name', 'o.dissolved_at', 'o.dissolve_reason', sql<string>`to_char(o.founded_on, 'YYYY-MM-DD')`.as('founded_on'),
        sql<number>`(SELECT count(*)::int FROM gig_instructor i WHERE i.party_org_id = o.id AND i.ended_on IS NULL)`.as('instructors')])
      .orderBy('o.id', 'desc').limit(pageSize).offset(offset(page, pageSize)).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await db.selectFrom('gig_party_org_station as l').innerJoin('gig_station as s', 's.id', 'l.station_id')
      .select(['l.party_org_id', 's.id', 's.name']).where('l.party_org_id', 'in', ids).orderBy('s.id').execute()
    : [];
  return { rows: rows.map((r) => ({ ...r, stations: links.filter((l) => l.party_org_id === r.id).map((l) => ({ id: l.id, name: l.name })) })), total: total.n };
}

export function partyOrgInScope(db: Q, scope: Scope, id: number) {
  return db.selectFrom('gig_party_org').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).where('dissolved_at', 'is', null).executeTakeFirst();
}

export async function listInstructors(db: Kysely<DB>, scope: Scope, status: LifeStatus, page: number, pageSize: number) {
  const base = db.selectFrom('gig_instructor as i').where(inScope(scope, 'i.org_path')).where(lifeFilter('i.ended_on', status));
  const [rows, total] = await Promise.all([
    base.innerJoin('gig_party_org as o', 'o.id', 'i.party_org_id')
      .select(['i.id', 'i.name', 'i.sent_by', 'i.phone_mask', sql<string>`to_char(i.sent_on, 'YYYY-MM-DD')`.as('sent_on'),
        sql<string | null>`to_char(i.ended_on, 'YYYY-MM-DD')`.as('ended_on'), 'i.end_reason', 'i.party_org_id', 'o.name as party_org_name'])
      .orderBy('i.id', 'desc').limit(pageSize).offset(offset(page, pageSize)).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/**
 * Coverage counted per child unit of a parent (a county for the city, a street for a county), or
 * for one unit's whole subtree: one grouped query per table over path prefixes, so the database
 * counts and nothing loads rows into memory.
 */
export async function coverageCounts(db: Kysely<DB>, of: { parentId: number } | { unitId: number }) {
  const children = 'parentId' in of
    ? sql`(SELECT id, path FROM org_unit WHERE parent_id = ${of.parentId} AND dissolved_at IS NULL)`
    : sql`(SELECT id, path FROM org_unit WHERE id = ${of.unitId})`;
  const q = <T>(body: ReturnType<typeof sql>) => body.execute(db).then((r) => r.rows as T[]);
  type Row = { unit_id: number } & Record<string, number>;
  const [stations, workers, orgs, instructors] = await Promise.all([
    q<Row>(sql`SELECT c.id AS unit_id, count(s.id)::int AS stations,
        count(s.id) FILTER (WHERE EXISTS (SELECT 1 FROM gig_party_org_station l JOIN gig_party_org o ON o.id = l.party_org_id
          WHERE l.station_id = s.id AND o.dissolved_at IS NULL))::int AS covered_stations
      FROM ${children} c JOIN gig_station s ON s.org_path LIKE c.path || '%' AND s.closed_at IS NULL GROUP BY c.id`),
    q<Row>(sql`SELECT c.id AS unit_id, count(*)::int AS workers,
        count(*) FILTER (WHERE w.party_status = 'member')::int AS members, count(*) FILTER (WHERE w.party_status = 'applicant')::int AS applicants
      FROM ${children} c JOIN gig_worker w ON w.org_path LIKE c.path || '%' AND w.left_at IS NULL GROUP BY c.id`),
    q<Row>(sql`SELECT c.id AS unit_id, count(*) FILTER (WHERE o.kind = 'independent')::int AS independent_orgs,
        count(*) FILTER (WHERE o.kind = 'joint')::int AS joint_orgs
      FROM ${children} c JOIN gig_party_org o ON o.org_path LIKE c.path || '%' AND o.dissolved_at IS NULL GROUP BY c.id`),
    q<Row>(sql`SELECT c.id AS unit_id, count(*)::int AS instructors
      FROM ${children} c JOIN gig_instructor i ON i.org_path LIKE c.path || '%' AND i.ended_on IS NULL GROUP BY c.id`),
  ]);
  return { stations, workers, orgs, instructors };
}
