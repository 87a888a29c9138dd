import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

/** SQL of the three-party meetings (三方协调月例会). Every read names the caller's scope. */
type Q = Kysely<DB> | Transaction<DB>;

/**
 * A community's compounds: its enclosed grids (an enclosed compound is its own grid; scattered
 * and business grids have no single compound to meet about).
 */
export function compoundsOf(db: Q, scope: Scope, communityPaths: string[]) {
  if (!communityPaths.length) return Promise.resolve([]);
  return db.selectFrom('org_unit as g')
    .select(['g.id', 'g.name', 'g.path', 'g.parent_id', 'g.county_code'])
    .where('g.kind', '=', 'grid').where('g.grid_type', '=', 'enclosed').where('g.dissolved_at', 'is', null)
    .where(inScope(scope, 'g.path'))
    .where((eb) => eb.or(communityPaths.map((p) => eb('g.path', 'like', `${p}%`))))
    .orderBy('g.path').execute();
}

/** Live communities in scope, under `within` (a street's or the scope's path). */
export function communitiesUnder(db: Q, scope: Scope, within: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'path'])
    .where('kind', '=', 'community').where('dissolved_at', 'is', null)
    .where(inScope(scope, 'path')).where('path', 'like', `${within}%`).orderBy('path').limit(200).execute();
}

export function streetsUnder(db: Q, scope: Scope) {
  return db.selectFrom('org_unit').select(['id', 'name', 'path'])
    .where('kind', '=', 'street').where('dissolved_at', 'is', null).where(inScope(scope, 'path')).orderBy('path').limit(200).execute();
}

/** The company serving a compound now: its live contract's (one per compound, migration 0078). */
export function liveCompany(db: Q, compoundId: number) {
  return db.selectFrom('property_contract as k').innerJoin('property_company as c', 'c.id', 'k.company_id')
    .select(['c.id', 'c.name']).where('k.compound_id', '=', compoundId).where('k.status', '=', 'active').executeTakeFirst();
}

export function liveCompanies(db: Q, compoundIds: number[]) {
  if (!compoundIds.length) return Promise.resolve([]);
  return db.selectFrom('property_contract as k').innerJoin('property_company as c', 'c.id', 'k.company_id')
    .select(['k.compound_id', 'c.id', 'c.name']).where('k.compound_id', 'in', compoundIds).where('k.status', '=', 'active').execute();
}

export function meetingsOf(db: Q, scope: Scope, compoundIds: number[], months: string[]) {
  if (!compoundIds.length || !months.length) return Promise.resolve([]);
  return db.selectFrom('property_meeting').select(['id', 'compound_id', 'month', 'status', 'company_present'])
    .where(inScope(scope, 'org_path')).where('compound_id', 'in', compoundIds).where('month', 'in', months).execute();
}

export function meetingById(db: Q, scope: Scope, id: number) {
  return db.selectFrom('property_meeting as m').innerJoin('org_unit as g', 'g.id', 'm.compound_id')
    .leftJoin('org_unit as c', 'c.id', 'g.parent_id')
    .leftJoin('property_company as pc', 'pc.id', 'm.company_id')
    .select(['m.id', 'm.compound_id', 'm.org_path', 'm.county_code', 'm.month', 'm.status', 'm.scheduled_at', 'm.held_at', 'm.company_id',
      'm.company_present', 'm.minutes', 'm.cancel_reason', 'g.name as compound_name', 'c.name as community_name', 'pc.name as company_name'])
    .where(inScope(scope, 'm.org_path')).where('m.id', '=', id).executeTakeFirst();
}

export async function lockMeeting(db: Q, id: number) {
  await db.selectFrom('property_meeting').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Fills a meeting's agenda from what is open for its compound now: tasks of earlier meetings
 * not yet done (carried over), the compound's property demands not yet closed, residents'
 * proposals still waiting. An item already on the agenda is not added twice (unique indexes).
 */
export async function fillAgenda(db: Q, m: { id: number; compound_id: number; org_path: string; county_code: string; month: string }, by: number) {
  await sql`INSERT INTO property_meeting_agenda_item (meeting_id, org_path, county_code, kind, task_id, title, created_by)
    SELECT ${m.id}, ${m.org_path}, ${m.county_code}, 'carried', t.id, t.title, ${by}
    FROM property_meeting_task t JOIN property_meeting pm ON pm.id = t.meeting_id
    WHERE t.compound_id = ${m.compound_id} AND t.status IN ('open', 'reported') AND pm.month < ${m.month}
      AND NOT EXISTS (SELECT 1 FROM property_meeting_agenda_item a WHERE a.meeting_id = ${m.id} AND a.task_id = t.id)
    ORDER BY t.deadline, t.id`.execute(db);
  await sql`INSERT INTO property_meeting_agenda_item (meeting_id, org_path, county_code, kind, demand_id, title, created_by)
    SELECT ${m.id}, ${m.org_path}, ${m.county_code}, 'demand', d.id, left(d.description, 200), ${by}
    FROM demand d
    WHERE d.org_path LIKE ${m.org_path + '%'} AND d.category_code = 'property' AND d.state NOT IN ('closed', 'merged')
      AND NOT EXISTS (SELECT 1 FROM property_meeting_agenda_item a WHERE a.meeting_id = ${m.id} AND a.demand_id = d.id)
    ORDER BY d.created_at, d.id`.execute(db);
  await sql`INSERT INTO property_meeting_agenda_item (meeting_id, org_path, county_code, kind, proposal_id, title, created_by)
    SELECT ${m.id}, ${m.org_path}, ${m.county_code}, 'proposal', p.id, left(p.content, 200), ${by}
    FROM property_proposal p
    WHERE p.compound_id = ${m.compound_id} AND p.status = 'open'
      AND NOT EXISTS (SELECT 1 FROM property_meeting_agenda_item a WHERE a.meeting_id = ${m.id} AND a.proposal_id = p.id)
    ORDER BY p.id`.execute(db);
}

/** The agenda, carried tasks first (with owner, deadline and the month they were decided), then demands, proposals, free items. */
export function agendaOf(db: Q, meetingId: number) {
  return db.selectFrom('property_meeting_agenda_item as a')
    .leftJoin('property_meeting_task as t', 't.id', 'a.task_id')
    .leftJoin('property_meeting as tm', 'tm.id', 't.meeting_id')
    .select(['a.id', 'a.kind', 'a.title', 'a.demand_id', 'a.proposal_id', 't.id as task_id', 't.owner_kind', 't.owner_name', sql<string | null>`to_char(t.deadline, 'YYYY-MM-DD')`.as('deadline'), 't.status as task_status',
      'tm.month as task_month'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy(sql`CASE a.kind WHEN 'carried' THEN 0 WHEN 'demand' THEN 1 WHEN 'proposal' THEN 2 ELSE 3 END`).orderBy('a.id').execute();
}

export function attendeesOf(db: Q, meetingId: number) {
  return db.selectFrom('property_meeting_attendee').select(['party', 'name', 'present']).where('meeting_id', '=', meetingId).orderBy('id').execute();
}

/** A date column as 'YYYY-MM-DD' (both drivers hand dates back as Date objects at UTC midnight otherwise). */
const day = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

const taskColumns = ['t.id', 't.meeting_id', 't.compound_id', 't.org_path', 't.county_code', 't.title', 't.owner_kind', 't.owner_name', 't.company_id',
  day('t.deadline').as('deadline'), 't.demand_id', 't.status', 't.report_note', 't.closed_note', 'm.month as meeting_month', 'g.name as compound_name'] as const;

export function tasksOfMeeting(db: Q, meetingId: number) {
  return db.selectFrom('property_meeting_task as t').innerJoin('property_meeting as m', 'm.id', 't.meeting_id').innerJoin('org_unit as g', 'g.id', 't.compound_id')
    .select(taskColumns).where('t.meeting_id', '=', meetingId).orderBy('t.id').execute();
}

export function taskById(db: Q, id: number) {
  return db.selectFrom('property_meeting_task as t').innerJoin('property_meeting as m', 'm.id', 't.meeting_id').innerJoin('org_unit as g', 'g.id', 't.compound_id')
    .select(taskColumns).where('t.id', '=', id).executeTakeFirst();
}

export async function lockTask(db: Q, id: number) {
  await db.selectFrom('property_meeting_task').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A company's own tasks, open first then by deadline. */
export async function companyTasksPage(db: Q, companyId: number, countyCode: string, q: { status?: string; page: number; pageSize: number }) {
  const base = db.selectFrom('property_meeting_task as t').innerJoin('property_meeting as m', 'm.id', 't.meeting_id').innerJoin('org_unit as g', 'g.id', 't.compound_id')
    .where('t.company_id', '=', companyId).where('t.county_code', '=', countyCode)
    .$if(!!q.status, (b) => b.where('t.status', '=', q.status as 'open'));
  const [rows, total] = await Promise.all([
    base.select(taskColumns).orderBy(sql`CASE t.status WHEN 'open' THEN 0 WHEN 'reported' THEN 1 ELSE 2 END`).orderBy('t.deadline').orderBy('t.id')
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function accountLinks(db: Q, accountId: number) {
  return db.selectFrom('account').select(['resident_id', 'property_company_id', 'county_code']).where('id', '=', accountId).executeTakeFirst();
}

/** The enclosed compound a resident lives in: the grid above their household. */
export function residentCompound(db: Q, residentId: number) {
  return db.selectFrom('resident as r').innerJoin('org_unit as g', (j) => j.on(sql<SqlBool>`r.org_path LIKE g.path || '%'`))
    .select(['r.id as resident_id', 'r.name as resident_name', 'g.id', 'g.name', 'g.path', 'g.county_code'])
    .where('r.id', '=', residentId).where('r.moved_out_at', 'is', null).where('g.kind', '=', 'grid').where('g.grid_type', '=', 'enclosed')
    .where('g.dissolved_at', 'is', null).executeTakeFirst();
}

export function proposalsOfCompound(db: Q, compoundId: number, residentId: number) {
  return db.selectFrom('property_proposal as p').innerJoin('org_unit as g', 'g.id', 'p.compound_id')
    .select(['p.id', 'p.compound_id', 'g.name as compound_name', 'p.author_name', 'p.content', 'p.status', 'p.created_at'])
    .where('p.compound_id', '=', compoundId).where('p.resident_id', '=', residentId).orderBy('p.id', 'desc').limit(50).execute();
}

/** Held meetings and done tasks under a street, for the months asked (China months). */
export function heldMeetingsUnder(db: Q, scope: Scope, within: string, months: string[]) {
  return db.selectFrom('property_meeting').select(['compound_id', 'month', 'status', 'company_present'])
    .where(inScope(scope, 'org_path')).where('org_path', 'like', `${within}%`).where('month', 'in', months).execute();
}

export function doneTasksUnder(db: Q, scope: Scope, within: string, from: Date, to: Date) {
  return db.selectFrom('property_meeting_task').select(['compound_id', 'closed_at'])
    .where(inScope(scope, 'org_path')).where('org_path', 'like', `${within}%`).where('status', '=', 'done')
    .where('closed_at', '>=', from).where('closed_at', '<', to).execute();
}

export async function openTasksUnder(db: Q, scope: Scope, within: string) {
  const r = await db.selectFrom('property_meeting_task').select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inScope(scope, 'org_path')).where('org_path', 'like', `${within}%`).where('status', 'in', ['open', 'reported']).executeTakeFirstOrThrow();
  return Number(r.n);
}
