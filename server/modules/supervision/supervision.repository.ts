import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { InspectionStatus, ProblemCategory } from './supervision.tables.js';
import type { ProblemStatus } from './problems-lifecycle.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Who reads: staff by scope; a department's accounts by their department. */
export interface SupervisionReach {
  scope: Scope;
  accountId: number;
  departmentId: number | null;
}

const day = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;
/** Rows of a level above or below the caller (a county admin sees the city's mechanism and its own). */
const onLine = (scope: Scope, col: string) => sql<boolean>`(${sql.ref(col)} LIKE ${scope.path + '%'} OR ${scope.path} LIKE ${sql.ref(col)} || '%')`;

export function departmentOfAccount(db: Q, accountId: number) {
  return db.selectFrom('account').innerJoin('department as d', 'd.id', 'account.department_id')
    .select(['d.id', 'd.name', 'd.org_id', 'd.org_path', 'd.county_code']).where('account.id', '=', accountId).executeTakeFirst();
}

export function departmentById(db: Q, id: number) {
  return db.selectFrom('department').select(['id', 'name', 'org_id', 'org_path', 'county_code']).where('id', '=', id).executeTakeFirst();
}

/** Member departments the caller may pick: of its own level, the levels above and below. */
export function departments(db: Q, scope: Scope, q: string | undefined) {
  return db.selectFrom('department as d').innerJoin('org_unit as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.name', 'o.name as org_name', 'd.org_path'])
    .where(onLine(scope, 'd.org_path'))
    .$if(!!q, (b) => b.where('d.name', 'like', `%${q}%`))
    .orderBy('o.depth').orderBy('d.name').limit(200).execute();
}

// ---- working groups ----

export async function groups(db: Q, scope: Scope, page: { page: number; pageSize: number }) {
  const base = db.selectFrom('supervision_group as g').where(onLine(scope, 'g.org_path'));
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as o', 'o.id', 'g.org_id').innerJoin('department as l', 'l.id', 'g.lead_department_id')
      .select(['g.id', 'g.name', 'g.org_path', 'o.name as org_name', 'l.name as lead_name', 'g.lead_department_id'])
      .orderBy('o.depth').orderBy('g.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function groupMembers(db: Q, groupIds: number[]) {
  if (!groupIds.length) return Promise.resolve([]);
  return db.selectFrom('supervision_group_member as m').innerJoin('department as d', 'd.id', 'm.department_id')
    .select(['m.group_id', 'd.id', 'd.name']).where('m.group_id', 'in', groupIds).orderBy('d.name').execute();
}

export function groupById(db: Q, scope: Scope, id: number) {
  return db.selectFrom('supervision_group').selectAll().where('id', '=', id).where(onLine(scope, 'org_path')).executeTakeFirst();
}

export async function isGroupMember(db: Q, groupId: number, departmentId: number) {
  return !!(await db.selectFrom('supervision_group_member').select('group_id').where('group_id', '=', groupId).where('department_id', '=', departmentId).executeTakeFirst());
}

// ---- inspections ----

function inspectionFilter(eb: ExpressionBuilder<DB & { i: DB['supervision_inspection'] }, 'i'>, reach: SupervisionReach) {
  if (reach.departmentId != null) {
    return eb.exists(eb.selectFrom('supervision_group_member as m').select('m.group_id')
      .whereRef('m.group_id', '=', 'i.group_id').where('m.department_id', '=', reach.departmentId));
  }
  return eb.and([onLine(reach.scope, 'i.org_path')]);
}

export async function inspections(db: Q, reach: SupervisionReach, f: { status?: InspectionStatus; page: number; pageSize: number }) {
  const base = db.selectFrom('supervision_inspection as i').where((eb) => inspectionFilter(eb, reach))
    .$if(!!f.status, (b) => b.where('i.status', '=', f.status!));
  const [rows, total] = await Promise.all([
    base.innerJoin('supervision_group as g', 'g.id', 'i.group_id').innerJoin('org_unit as o', 'o.id', 'i.org_id')
      .select(['i.id', 'i.kind', 'i.title', 'i.status', 'i.org_path', 'i.group_id', 'g.name as group_name', 'o.name as org_name', 'i.cancel_reason',
        day('i.starts_on').as('starts_on'), day('i.ends_on').as('ends_on')])
      .select((eb) => eb.selectFrom('supervision_problem as p').whereRef('p.inspection_id', '=', 'i.id').select((e) => e.fn.countAll<number>().as('n')).as('problems'))
      .orderBy('i.starts_on', 'desc').orderBy('i.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function inspectionPlaces(db: Q, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('supervision_inspection_place as ip').innerJoin('org_unit as o', 'o.id', 'ip.place_id')
    .select(['ip.inspection_id', 'o.id', 'o.name', 'o.kind', 'o.path']).where('ip.inspection_id', 'in', ids).orderBy('o.path').execute();
}

export function inspectionById(db: Q, reach: SupervisionReach, id: number, lock = false) {
  return db.selectFrom('supervision_inspection as i').selectAll('i').select([day('i.starts_on').as('starts_day'), day('i.ends_on').as('ends_day')])
    .where('i.id', '=', id).where((eb) => inspectionFilter(eb, reach))
    .$if(lock, (b) => b.forUpdate()).executeTakeFirst();
}

// ---- problems ----

function problemFilter(eb: ExpressionBuilder<DB & { p: DB['supervision_problem'] }, 'p'>, reach: SupervisionReach) {
  if (reach.departmentId != null) {
    return eb.or([eb('p.receiver_department_id', '=', reach.departmentId), eb('p.found_by', '=', reach.accountId)]);
  }
  return eb.and([inScope(reach.scope, 'p.org_path')]);
}

export interface ProblemFilter {
  status?: ProblemStatus;
  inspectionId?: number;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export async function problems(db: Q, reach: SupervisionReach, f: ProblemFilter, today: string) {
  const base = db.selectFrom('supervision_problem as p').where((eb) => problemFilter(eb, reach))
    .$if(!!f.status, (b) => b.where('p.status', '=', f.status!))
    .$if(!!f.inspectionId, (b) => b.where('p.inspection_id', '=', f.inspectionId!))
    .$if(!!f.overdue, (b) => b.where((eb) => eb.or([eb('p.escalated_at', 'is not', null),
      eb.and([eb('p.status', 'in', ['handed_over', 'rectifying', 'sent_back']), eb('p.deadline', '<', today)])])));
  const [rows, total] = await Promise.all([
    problemColumns(base).orderBy('p.found_at', 'desc').orderBy('p.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

function problemColumns<T extends ReturnType<typeof problemBase>>(base: T) {
  return base.innerJoin('org_unit as pl', 'pl.id', 'p.place_id').innerJoin('supervision_inspection as i', 'i.id', 'p.inspection_id')
    .leftJoin('org_unit as ro', 'ro.id', 'p.receiver_org_id').leftJoin('department as rd', 'rd.id', 'p.receiver_department_id')
    .leftJoin('org_unit as eo', 'eo.id', 'p.escalated_to_org_id')
    .select(['p.id', 'p.inspection_id', 'i.title as inspection_title', 'i.org_path as inspection_path', 'p.place_id', 'pl.name as place_name', 'p.org_path', 'p.county_code',
      'p.category', 'p.description', 'p.lat', 'p.lng', 'p.found_by', 'p.found_at', 'p.status', 'p.receiver_org_id', 'p.receiver_department_id',
      'ro.name as receiver_org_name', 'ro.path as receiver_org_path', 'rd.name as receiver_department_name', 'p.handed_over_at', 'p.reported_at', 'p.rectification',
      'p.verified_at', 'p.escalated_at', 'eo.name as escalated_to_name', day('p.deadline').as('deadline')]);
}
const problemBase = (db: Q) => db.selectFrom('supervision_problem as p');

export function problemById(db: Q, reach: SupervisionReach, id: number) {
  return problemColumns(problemBase(db).where('p.id', '=', id).where((eb) => problemFilter(eb, reach))).executeTakeFirst();
}
export type ProblemRow = NonNullable<Awaited<ReturnType<typeof problemById>>>;

/** Locks the problem row for a step (the caller's reach is checked by reading it first). */
export function lockProblem(db: Transaction<DB>, id: number) {
  return db.selectFrom('supervision_problem').selectAll().select(day('deadline').as('deadline_day')).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertStep(db: Q, s: { problemId: number; orgPath: string; countyCode: string; action: string; from: string | null; to: string; note: string | null; accountId: number | null; at: Date }) {
  return db.insertInto('supervision_problem_step').values({
    problem_id: s.problemId, org_path: s.orgPath, county_code: s.countyCode, action: s.action, from_status: s.from, to_status: s.to,
    note: s.note, account_id: s.accountId, at: s.at,
  }).execute();
}

export function stepsOf(db: Q, problemId: number) {
  return db.selectFrom('supervision_problem_step as s').leftJoin('account as a', 'a.id', 's.account_id')
    .select(['s.id', 's.action', 's.from_status', 's.to_status', 's.note', 's.at', 'a.display_name'])
    .where('s.problem_id', '=', problemId).orderBy('s.id').execute();
}

export async function photosOf(db: Q, entity: string, ids: number[]) {
  if (!ids.length) return new Map<number, number[]>();
  const rows = await db.selectFrom('attachment_link').select(['entity_id', 'attachment_id'])
    .where('entity', '=', entity).where('entity_id', 'in', ids).orderBy('attachment_id').execute();
  const m = new Map<number, number[]>();
  for (const r of rows) m.set(r.entity_id, [...(m.get(r.entity_id) ?? []), r.attachment_id]);
  return m;
}

export function problemsReadable(db: Q, reach: SupervisionReach, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('supervision_problem as p').select('p.id').where('p.id', 'in', ids).where((eb) => problemFilter(eb, reach)).execute();
}

// ---- figures ----

export interface FigureRow {
  receiver_kind: 'county' | 'department';
  receiver_id: number;
  receiver_name: string;
  month: string;
  found: number;
  rectified: number;
  overdue: number;
  days_sum: number;
}

/** Problems handed over, per receiver and China month handed over, within [from, to] months. */
export async function figures(db: Q, reach: SupervisionReach, fromAt: Date, toAt: Date): Promise<FigureRow[]> {
  const month = sql<string>`to_char((p.handed_over_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;
  const rows = await db.selectFrom('supervision_problem as p')
    .leftJoin('org_unit as ro', 'ro.id', 'p.receiver_org_id').leftJoin('department as rd', 'rd.id', 'p.receiver_department_id')
    .where((eb) => problemFilter(eb, reach))
    .where('p.handed_over_at', '>=', fromAt).where('p.handed_over_at', '<', toAt)
    .select([
      sql<'county' | 'department'>`CASE WHEN p.receiver_org_id IS NOT NULL THEN 'county' ELSE 'department' END`.as('receiver_kind'),
      sql<number>`coalesce(p.receiver_org_id, p.receiver_department_id)`.as('receiver_id'),
      sql<string>`coalesce(ro.name, rd.name)`.as('receiver_name'),
      month.as('month'),
      sql<number>`count(*)::int`.as('found'),
      sql<number>`count(*) FILTER (WHERE p.status = 'verified')::int`.as('rectified'),
      sql<number>`count(*) FILTER (WHERE p.escalated_at IS NOT NULL)::int`.as('overdue'),
      sql<number>`coalesce(sum(extract(epoch FROM p.verified_at - p.handed_over_at)) FILTER (WHERE p.status = 'verified'), 0)::float8 / 86400`.as('days_sum'),
    ])
    .groupBy([sql`1`, sql`2`, sql`3`, sql`4`]).orderBy(sql`3`).orderBy(sql`4`).execute();
  return rows as FigureRow[];
}

/** Categories counted for the figures' note. */
export type { ProblemCategory };

/** Live accounts that answer for a unit (its city or county admins) or for a department. */
export function receiverAccounts(db: Q, to: { orgId: number | null; departmentId: number | null }) {
  return db.selectFrom('account').select('id').where('disabled', '=', false)
    .where((eb) => eb.or([
      ...(to.orgId != null ? [eb.and([eb('scope_org_id', '=', to.orgId), eb('role', 'in', ['city_admin', 'county_admin'])])] : []),
      ...(to.departmentId != null ? [eb('department_id', '=', to.departmentId)] : []),
      eb.val(false),
    ])).execute();
}
