import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

export function insertMeeting(db: Q, v: { org_id: number; org_path: string; county_code: string; held_on: string; title: string; created_by: number; created_at: Date }) {
  return db.insertInto('demand_meeting').values(v).returning('id').executeTakeFirstOrThrow();
}

/** The agenda of a community's meeting: demands put on it, and open ones past their due time. */
export function agendaDemands(db: Q, communityPath: string, now: Date) {
  return db.selectFrom('demand').select('id')
    .where(sql<boolean>`org_path LIKE ${communityPath + '%'}`)
    .where((eb) => eb.or([
      eb('state', '=', 'on_agenda'),
      eb.and([eb('state', 'in', ['submitted', 'accepted']), eb('due_at', '<', now)]),
    ]))
    .orderBy('created_at').limit(200).execute();
}

export function insertItems(db: Q, meetingId: number, demandIds: number[]) {
  return db.insertInto('demand_meeting_item').values(demandIds.map((id) => ({ meeting_id: meetingId, demand_id: id }))).execute();
}

export function meetingsInScope(db: Q, scope: Scope, orgId?: number) {
  let q = db.selectFrom('demand_meeting as m').innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.title', 'm.held_on', 'm.org_id', 'o.name as org_name'])
    .select((eb) => [
      eb.selectFrom('demand_meeting_item as i').select(eb.fn.countAll<number>().as('n')).whereRef('i.meeting_id', '=', 'm.id').as('items'),
      eb.selectFrom('demand_meeting_item as i').select(eb.fn.countAll<number>().as('n')).whereRef('i.meeting_id', '=', 'm.id').where('i.decided_at', 'is not', null).as('decided'),
    ])
    .where(inScope(scope, 'm.org_path'));
  if (orgId) q = q.where('m.org_id', '=', orgId);
  return q.orderBy('m.held_on', 'desc').limit(100).execute();
}

export function meetingInScope(db: Q, scope: Scope, id: number) {
  return db.selectFrom('demand_meeting').selectAll().where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
}

export function itemsOf(db: Q, meetingId: number) {
  return db.selectFrom('demand_meeting_item as i').innerJoin('demand as d', 'd.id', 'i.demand_id')
    .innerJoin('demand_category as c', 'c.code', 'd.category_code')
    .select(['i.demand_id', 'i.decision', 'i.outcome', 'i.decided_at', 'd.description', 'd.state', 'd.due_at', 'c.name as category_name', 'd.me_too_count'])
    .where('i.meeting_id', '=', meetingId).orderBy('d.created_at').execute();
}

export function item(db: Q, meetingId: number, demandId: number) {
  return db.selectFrom('demand_meeting_item as i').innerJoin('demand_meeting as m', 'm.id', 'i.meeting_id')
    .innerJoin('demand as d', 'd.id', 'i.demand_id')
    .select(['i.decided_at', 'm.org_path', 'd.state'])
    .where('i.meeting_id', '=', meetingId).where('i.demand_id', '=', demandId).executeTakeFirst();
}

export function recordDecision(db: Q, meetingId: number, demandId: number, v: { decision: string; outcome: 'community' | 'escalate'; decided_at: Date }) {
  return db.updateTable('demand_meeting_item').set(v).where('meeting_id', '=', meetingId).where('demand_id', '=', demandId).execute();
}

/** Live communities under `areaPath` with no meeting held in [from, to), a page of them and how many. */
export async function communitiesWithout(db: Q, areaPath: string, from: string, to: string, page: { page: number; pageSize: number }) {
  const base = db.selectFrom('org_unit as o')
    .where('o.kind', '=', 'community').where('o.dissolved_at', 'is', null)
    .where(sql<boolean>`o.path LIKE ${areaPath + '%'}`)
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('demand_meeting as m').select('m.id').whereRef('m.org_id', '=', 'o.id').where('m.held_on', '>=', from).where('m.held_on', '<', to),
    )));
  const [rows, total] = await Promise.all([
    base.leftJoin('org_unit as p', 'p.id', 'o.parent_id')
      .select(['o.id', 'o.name', 'p.name as parent_name'])
      .select((eb) => eb.selectFrom('demand_meeting as m').select(sql<string | null>`max(m.held_on)::text`.as('d')).whereRef('m.org_id', '=', 'o.id').as('last_held_on'))
      .orderBy('o.path').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
