import { sql, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

/**
 * Rows a lifecycle step acts on, read in scope and locked (FOR UPDATE) inside the step's
 * transaction, so two people closing the same thing at once cannot both pass the checks.
 */
type Trx = Transaction<DB>;

export function lockStation(trx: Trx, scope: Scope, id: number) {
  return trx.selectFrom('gig_station').select(['id', 'name', 'org_path', 'county_code', 'closed_at'])
    .where('id', '=', id).where(inScope(scope, 'org_path')).forUpdate().executeTakeFirst();
}

export async function activeWorkersAt(trx: Trx, stationId: number) {
  const r = await trx.selectFrom('gig_worker').select(sql<number>`count(*)::int`.as('n')).where('station_id', '=', stationId).where('left_at', 'is', null).executeTakeFirstOrThrow();
  return r.n;
}

/** Live organisations covering a station, each with how many of its stations other than this one are still open. */
export function liveOrgsCovering(trx: Trx, stationId: number) {
  return trx.selectFrom('gig_party_org_station as l').innerJoin('gig_party_org as o', 'o.id', 'l.party_org_id')
    .select(['o.id', 'o.name', 'o.kind',
      sql<number>`(SELECT count(*)::int FROM gig_party_org_station l2 JOIN gig_station s2 ON s2.id = l2.station_id
        WHERE l2.party_org_id = o.id AND s2.id <> ${stationId} AND s2.closed_at IS NULL)`.as('other_open')])
    .where('l.station_id', '=', stationId).where('o.dissolved_at', 'is', null).orderBy('o.id').execute();
}

export function lockPoint(trx: Trx, scope: Scope, id: number) {
  return trx.selectFrom('gig_service_point').select(['id', 'name', 'org_path', 'county_code', 'closed_at', 'close_reason'])
    .where('id', '=', id).where(inScope(scope, 'org_path')).forUpdate().executeTakeFirst();
}

export function lockPartyOrg(trx: Trx, scope: Scope, id: number) {
  return trx.selectFrom('gig_party_org').select(['id', 'name', 'org_path', 'county_code', 'dissolved_at'])
    .where('id', '=', id).where(inScope(scope, 'org_path')).forUpdate().executeTakeFirst();
}

export function lockInstructor(trx: Trx, scope: Scope, id: number) {
  return trx.selectFrom('gig_instructor').select(['id', 'name', 'party_org_id', 'org_path', 'county_code', 'ended_on', sql<string>`to_char(sent_on, 'YYYY-MM-DD')`.as('sent_on')])
    .where('id', '=', id).where(inScope(scope, 'org_path')).forUpdate().executeTakeFirst();
}

/** Postings still running in an organisation (ended together with it when it is dissolved). */
export function livePostingsOf(trx: Trx, partyOrgId: number) {
  return trx.selectFrom('gig_instructor').select(['id', 'name', 'org_path', 'county_code', sql<string>`to_char(sent_on, 'YYYY-MM-DD')`.as('sent_on')])
    .where('party_org_id', '=', partyOrgId).where('ended_on', 'is', null).orderBy('id').forUpdate().execute();
}
