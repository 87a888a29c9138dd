import { sql, type Expression, type Insertable, type Kysely, type SqlBool, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { WorkUnitTable } from './cobuild.tables.js';
import type { MemberPost, MemberReportTable, ReportStatus, UnitPairingTable } from './dual-report.tables.js';

/** Plain SQL of 双报到 (units, pairings, members' reports, posts offered): no rules, the services decide. */
type Q = Kysely<DB> | Transaction<DB>;

/**
 * Whose eyes a read is for: staff see what lies in their scope; a unit admin sees its own unit's
 * rows wherever they are (unitId set), and nothing else.
 */
export interface Viewer {
  scope: Scope;
  unitId: number | null;
}

/** Rows of a table with `org_path` and `work_unit_id` that the viewer may see. */
const seen = (v: Viewer, alias: string): Expression<SqlBool> =>
  v.unitId !== null ? sql<SqlBool>`${sql.ref(`${alias}.work_unit_id`)} = ${v.unitId}` : inScope(v.scope, `${alias}.org_path`);

/**
 * Units the viewer may see: a unit admin its own; staff the units registered in their scope and
 * those paired with or reported by members of a community in it.
 */
const unitSeen = (v: Viewer): Expression<SqlBool> =>
  v.unitId !== null
    ? sql<SqlBool>`w.id = ${v.unitId}`
    : sql<SqlBool>`(w.org_path LIKE ${v.scope.path + '%'}
        OR EXISTS (SELECT 1 FROM unit_pairing p WHERE p.work_unit_id = w.id AND p.org_path LIKE ${v.scope.path + '%'})
        OR EXISTS (SELECT 1 FROM member_report m WHERE m.work_unit_id = w.id AND m.org_path LIKE ${v.scope.path + '%'}))`;

export async function accountLinks(db: Q, accountId: number) {
  return db.selectFrom('account').select(['work_unit_id', 'resident_id']).where('id', '=', accountId).executeTakeFirstOrThrow();
}

// ---- work units ----------------------------------------------------------------------------

const unitColumns = [
  'w.id', 'w.name', 'w.kind', 'w.credit_code', 'w.party_org_name', 'w.contact_name', 'w.phone_mask', 'w.org_id', 'o.name as org_name',
  'w.org_path', 'w.county_code',
] as const;

export function insertWorkUnit(db: Q, v: Insertable<WorkUnitTable>) {
  return db.insertInto('work_unit').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateWorkUnit(db: Q, id: number, v: Updateable<WorkUnitTable>) {
  await db.updateTable('work_unit').set(v).where('id', '=', id).execute();
}

export function creditCodeTaken(db: Q, code: string, exceptId: number | null) {
  return db.selectFrom('work_unit').select(['id', 'name']).where('credit_code', '=', code)
    .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!)).executeTakeFirst();
}

/** A live unit the viewer may see, with the place that registered it; locked when asked. */
export function unitSeenBy(db: Q, v: Viewer, id: number, lock = false) {
  return db.selectFrom('work_unit as w').innerJoin('org_unit as o', 'o.id', 'w.org_id')
    .select(unitColumns).where('w.id', '=', id).where('w.dissolved_at', 'is', null).where(unitSeen(v))
    .$if(lock, (q) => q.forUpdate('w')).executeTakeFirst();
}

/** A live unit by id, whoever asks (a member names where they work). */
export function liveUnit(db: Q, id: number) {
  return db.selectFrom('work_unit').select(['id', 'name']).where('id', '=', id).where('dissolved_at', 'is', null).executeTakeFirst();
}

/** Units the viewer may see, with this year's confirmed pairings and members that the viewer may also see. */
export async function listUnits(db: Q, v: Viewer, f: { page: number; pageSize: number; q?: string; kind?: string; year: number }) {
  const base = db.selectFrom('work_unit as w').where('w.dissolved_at', 'is', null).where(unitSeen(v))
    .$if(!!f.q, (q) => q.where(sql<SqlBool>`strpos(w.name, ${f.q!}) > 0`))
    .$if(!!f.kind, (q) => q.where('w.kind', '=', f.kind as WorkUnitTable['kind']));
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as o', 'o.id', 'w.org_id').select(unitColumns)
      .select((eb) => [
        eb.selectFrom('unit_pairing as p').whereRef('p.work_unit_id', '=', 'w.id').where('p.year', '=', f.year).where('p.status', '=', 'confirmed')
          .where(seen(v, 'p')).select((e) => e.fn.countAll<number>().as('n')).as('paired_count'),
        eb.selectFrom('member_report as m').whereRef('m.work_unit_id', '=', 'w.id').where('m.year', '=', f.year).where('m.status', '=', 'confirmed')
          .where(seen(v, 'm')).select((e) => e.fn.countAll<number>().as('n')).as('member_count'),
      ])
      .orderBy('w.name').orderBy('w.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Live units of a county, by name: what a member picks from. */
export function unitOptions(db: Q, countyCode: string, q?: string) {
  return db.selectFrom('work_unit').select(['id', 'name']).where('county_code', '=', countyCode).where('dissolved_at', 'is', null)
    .$if(!!q, (qb) => qb.where(sql<SqlBool>`strpos(name, ${q!}) > 0`))
    .orderBy('name').limit(30).execute();
}

// ---- pairings (单位报到) --------------------------------------------------------------------

const pairingColumns = [
  'p.id', 'p.work_unit_id', 'w.name as work_unit_name', 'p.community_id', 'c.name as community_name', 'p.year', 'p.status', 'p.note',
  'p.decline_reason', 'p.requested_at', 'p.decided_at', 'p.grade', 'p.grade_comment', 'p.org_path', 'p.county_code', 'p.requested_by',
] as const;

export function insertPairing(db: Q, v: Insertable<UnitPairingTable>) {
  return db.insertInto('unit_pairing').values(v).returning('id').executeTakeFirstOrThrow();
}

export function livePairing(db: Q, unitId: number, communityId: number, year: number) {
  return db.selectFrom('unit_pairing').select(['id', 'status']).where('work_unit_id', '=', unitId).where('community_id', '=', communityId)
    .where('year', '=', year).where('status', 'in', ['pending', 'confirmed']).executeTakeFirst();
}

/** A pairing the viewer may see, locked FOR UPDATE when asked. */
export function pairingSeenBy(db: Q, v: Viewer, id: number, lock = false) {
  return db.selectFrom('unit_pairing as p').innerJoin('work_unit as w', 'w.id', 'p.work_unit_id').innerJoin('org_unit as c', 'c.id', 'p.community_id')
    .select(pairingColumns).where('p.id', '=', id).where(seen(v, 'p'))
    .$if(lock, (q) => q.forUpdate('p')).executeTakeFirst();
}

export async function updatePairing(db: Q, id: number, v: Updateable<UnitPairingTable>) {
  await db.updateTable('unit_pairing').set(v).where('id', '=', id).execute();
}

export async function listPairings(db: Q, v: Viewer, f: { page: number; pageSize: number; communityId?: number; workUnitId?: number; status?: string; year?: number }) {
  const base = db.selectFrom('unit_pairing as p').where(seen(v, 'p'))
    .$if(!!f.communityId, (q) => q.where('p.community_id', '=', f.communityId!))
    .$if(!!f.workUnitId, (q) => q.where('p.work_unit_id', '=', f.workUnitId!))
    .$if(!!f.status, (q) => q.where('p.status', '=', f.status as ReportStatus))
    .$if(!!f.year, (q) => q.where('p.year', '=', f.year!));
  const [rows, total] = await Promise.all([
    base.innerJoin('work_unit as w', 'w.id', 'p.work_unit_id').innerJoin('org_unit as c', 'c.id', 'p.community_id')
      .select(pairingColumns).orderBy('p.year', 'desc').orderBy('p.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

// ---- members' reports (在职党员报到) -----------------------------------------------------------

/** The resident an account stands for, where they live, and their party membership, if any (locked, so two reports cannot race). */
export function memberOfResident(db: Q, residentId: number) {
  return db.selectFrom('resident as r').leftJoin('party_member as pm', (j) => j.onRef('pm.resident_id', '=', 'r.id').on('pm.left_at', 'is', null))
    .select(['r.id as resident_id', 'r.name', 'r.org_path', 'r.household_id', 'r.moved_out_at', 'pm.id as party_member_id', 'pm.member_kind'])
    .where('r.id', '=', residentId).executeTakeFirst();
}

export async function lockPartyMember(db: Q, id: number) {
  await db.selectFrom('party_member').select('id').where('id', '=', id).forUpdate().execute();
}

export function liveReport(db: Q, partyMemberId: number, year: number) {
  return db.selectFrom('member_report').select(['id', 'status']).where('party_member_id', '=', partyMemberId).where('year', '=', year)
    .where('status', 'in', ['pending', 'confirmed']).executeTakeFirst();
}

export async function insertReport(db: Q, v: Insertable<MemberReportTable>, posts: readonly MemberPost[]) {
  const row = await db.insertInto('member_report').values(v).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('member_report_post').values(posts.map((post) => ({ report_id: row.id, post }))).execute();
  return row;
}

export async function updateReport(db: Q, id: number, v: Updateable<MemberReportTable>) {
  await db.updateTable('member_report').set(v).where('id', '=', id).execute();
}

const reportColumns = [
  'm.id', 'r.name as member_name', 'm.resident_id', 'm.community_id', 'c.name as community_name', 'm.year', 'm.work_unit_id',
  'm.work_unit_name', 'm.status', 'm.decline_reason', 'm.submitted_at', 'm.decided_at', 'm.grade', 'm.grade_comment', 'm.org_path',
  'm.county_code', 'm.account_id',
] as const;

const reports = (db: Q) => db.selectFrom('member_report as m').innerJoin('resident as r', 'r.id', 'm.resident_id').innerJoin('org_unit as c', 'c.id', 'm.community_id');

/** A report the viewer may see, locked FOR UPDATE when asked. */
export function reportSeenBy(db: Q, v: Viewer, id: number, lock = false) {
  return reports(db).select(reportColumns).where('m.id', '=', id).where(seen(v, 'm')).$if(lock, (q) => q.forUpdate('m')).executeTakeFirst();
}

/** A report by id, whoever asks: for the member's own report (the service checks it is theirs). */
export function reportById(db: Q, id: number, lock = false) {
  return reports(db).select(reportColumns).where('m.id', '=', id).$if(lock, (q) => q.forUpdate('m')).executeTakeFirst();
}

/** One member's own reports, newest first. */
export function reportsOfResident(db: Q, residentId: number) {
  return reports(db).select(reportColumns).where('m.resident_id', '=', residentId).orderBy('m.year', 'desc').orderBy('m.id', 'desc').limit(20).execute();
}

export interface ReportFilter {
  communityId?: number;
  workUnitId?: number;
  status?: string;
  year?: number;
}

const filtered = (db: Q, v: Viewer, f: ReportFilter) => reports(db).where(seen(v, 'm'))
  .$if(!!f.communityId, (q) => q.where('m.community_id', '=', f.communityId!))
  .$if(!!f.workUnitId, (q) => q.where('m.work_unit_id', '=', f.workUnitId!))
  .$if(!!f.status, (q) => q.where('m.status', '=', f.status as ReportStatus))
  .$if(!!f.year, (q) => q.where('m.year', '=', f.year!));

export async function listReports(db: Q, v: Viewer, f: ReportFilter & { page: number; pageSize: number }) {
  const base = filtered(db, v, f);
  const [rows, total] = await Promise.all([
    base.select(reportColumns).orderBy('m.submitted_at', 'desc').orderBy('m.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Every report matching the filter, by member name: a community's or a unit's year (hundreds, not the city). */
export function allReports(db: Q, v: Viewer, f: ReportFilter, max: number) {
  return filtered(db, v, f).select(reportColumns).orderBy('r.name').orderBy('m.id').limit(max).execute();
}

export async function postsOf(db: Q, reportIds: readonly number[]): Promise<Map<number, MemberPost[]>> {
  const out = new Map<number, MemberPost[]>();
  if (!reportIds.length) return out;
  const rows = await db.selectFrom('member_report_post').select(['report_id', 'post']).where('report_id', 'in', [...reportIds]).execute();
  for (const r of rows) out.set(r.report_id, [...(out.get(r.report_id) ?? []), r.post]);
  return out;
}

// ---- posts a community offers --------------------------------------------------------------

export async function offersOf(db: Q, communityId: number): Promise<MemberPost[]> {
  return (await db.selectFrom('member_post_offer').select('post').where('community_id', '=', communityId).execute()).map((r) => r.post);
}

export async function replaceOffers(db: Q, c: { id: number; path: string; county_code: string }, posts: readonly MemberPost[]) {
  await db.deleteFrom('member_post_offer').where('community_id', '=', c.id).execute();
  await db.insertInto('member_post_offer').values(posts.map((post) => ({ community_id: c.id, org_path: c.path, county_code: c.county_code, post }))).execute();
}

/** The accounts of a unit's admins (to tell them a pairing was decided). */
export async function unitAdminAccounts(db: Q, unitId: number): Promise<number[]> {
  return (await db.selectFrom('account').select('id').where('work_unit_id', '=', unitId).where('disabled', '=', false).execute()).map((r) => r.id);
}
