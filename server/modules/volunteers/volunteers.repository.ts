import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import { starsCaseSql } from './volunteer-stars.js';
import type { VolunteerOrgKind } from './volunteers.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

/** What a caller reaches: its scope, narrowed to one organisation for an organisation's admin. */
export interface Reach {
  scope: Scope;
  orgOnly: number | null;
}

// ---- accounts and people ----

export function accountLinks(db: Q, accountId: number) {
  return db.selectFrom('account').select(['volunteer_org_id', 'resident_id']).where('id', '=', accountId).executeTakeFirst();
}

/** A resident who still lives here, with the household's path (the community is above it). */
export function residentPlace(db: Q, residentId: number) {
  return db.selectFrom('resident as r').innerJoin('household as h', 'h.id', 'r.household_id')
    .select(['r.id', 'r.name', 'r.phone_enc', 'r.phone_hash', 'r.phone_mask', 'r.org_path', 'r.county_code', 'h.id as household_id'])
    .where('r.id', '=', residentId).where('r.moved_out_at', 'is', null).executeTakeFirst();
}

export const volunteerColumns = ['v.id', 'v.resident_id', 'v.account_id', 'v.org_id', 'v.org_path', 'v.county_code', 'v.name', 'v.phone_mask', 'v.total_hours', 'v.total_points', 'v.created_at'] as const;

export function volunteerByAccount(db: Q, accountId: number) {
  return db.selectFrom('volunteer as v').select(volunteerColumns).where('v.account_id', '=', accountId).executeTakeFirst();
}

export function volunteerByResident(db: Q, residentId: number) {
  return db.selectFrom('volunteer as v').select(volunteerColumns).where('v.resident_id', '=', residentId).executeTakeFirst();
}

export function volunteerById(db: Q, id: number) {
  return db.selectFrom('volunteer as v').select(volunteerColumns).where('v.id', '=', id).executeTakeFirst();
}

export function insertVolunteer(db: Q, v: {
  resident_id: number | null; account_id: number | null; org_id: number; org_path: string; county_code: string; name: string;
  phone_enc: string | null; phone_hash: string | null; phone_mask: string | null;
}) {
  return db.insertInto('volunteer').values(v).returning('id').executeTakeFirstOrThrow();
}

/** A volunteer registered in the subtree with this phone (the same person registered twice). */
export function volunteerByPhone(db: Q, within: string, phoneHash: string) {
  return db.selectFrom('volunteer').select('id').where('org_path', 'like', `${within}%`).where('phone_hash', '=', phoneHash).executeTakeFirst();
}

export async function addMembership(db: Q, volunteerId: number, volunteerOrgId: number) {
  await db.insertInto('volunteer_membership').values({ volunteer_id: volunteerId, volunteer_org_id: volunteerOrgId })
    .onConflict((oc) => oc.columns(['volunteer_org_id', 'volunteer_id']).doNothing()).execute();
}

export async function isMember(db: Q, volunteerId: number, volunteerOrgId: number) {
  return !!(await db.selectFrom('volunteer_membership').select('volunteer_id')
    .where('volunteer_id', '=', volunteerId).where('volunteer_org_id', '=', volunteerOrgId).executeTakeFirst());
}

/** Locks a volunteer's row: sign-ups and hours of one volunteer are decided one at a time (overlaps). */
export async function lockVolunteer(db: Q, id: number) {
  await db.selectFrom('volunteer').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function volunteersPage(db: Q, reach: Reach, q: { within: string; volunteerOrgId?: number; q?: string; page: number; pageSize: number }) {
  const orgId = reach.orgOnly ?? q.volunteerOrgId;
  const base = db.selectFrom('volunteer as v')
    .where(inScope(reach.scope, 'v.org_path'))
    .where('v.org_path', 'like', `${q.within}%`)
    .$if(orgId != null, (b) => b.where((eb) => eb.exists(eb.selectFrom('volunteer_membership as m').select('m.volunteer_id')
      .whereRef('m.volunteer_id', '=', 'v.id').where('m.volunteer_org_id', '=', orgId!))))
    .$if(!!q.q, (b) => b.where('v.name', 'like', `%${q.q}%`));
  const [rows, total] = await Promise.all([
    base.leftJoin('org_unit as c', 'c.id', 'v.org_id').select([...volunteerColumns, 'c.name as community_name'])
      .orderBy('v.total_hours', 'desc').orderBy('v.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function orgNamesOfVolunteers(db: Q, ids: number[]) {
  if (!ids.length) return [];
  return db.selectFrom('volunteer_membership as m').innerJoin('volunteer_org as o', 'o.id', 'm.volunteer_org_id')
    .select(['m.volunteer_id', 'o.id', 'o.name']).where('m.volunteer_id', 'in', ids).orderBy('o.id').execute();
}

export async function raiseTotals(db: Q, volunteerId: number, hours: number, points: number) {
  await db.updateTable('volunteer')
    .set((eb) => ({ total_hours: sql<number>`${eb.ref('total_hours')} + ${hours}`, total_points: sql<number>`${eb.ref('total_points')} + ${points}` }))
    .where('id', '=', volunteerId).execute();
}

// ---- organisations ----

const orgColumns = ['o.id', 'o.org_id', 'o.org_path', 'o.county_code', 'o.name', 'o.kind', 'o.work_unit_id', 'o.contact_name', 'o.phone_mask', 'o.created_at', 'o.dissolved_at'] as const;

export function orgById(db: Q, id: number) {
  return db.selectFrom('volunteer_org as o').select(orgColumns).where('o.id', '=', id).executeTakeFirst();
}

export async function orgsPage(db: Q, reach: Reach, q: { within: string; page: number; pageSize: number }) {
  const base = db.selectFrom('volunteer_org as o').where(inScope(reach.scope, 'o.org_path')).where('o.org_path', 'like', `${q.within}%`)
    .$if(reach.orgOnly != null, (b) => b.where('o.id', '=', reach.orgOnly!));
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as u', 'u.id', 'o.org_id').select([...orgColumns, 'u.name as place_name',
      (eb) => eb.selectFrom('volunteer_membership as m').select((e) => e.fn.countAll<number>().as('n')).whereRef('m.volunteer_org_id', '=', 'o.id').as('members'),
      (eb) => eb.selectFrom('account as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.volunteer_org_id', '=', 'o.id').as('admins'),
      (eb) => eb.selectFrom('volunteer_project as p').select((e) => e.fn.countAll<number>().as('n')).whereRef('p.volunteer_org_id', '=', 'o.id').as('projects'),
    ]).orderBy('o.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function insertOrg(db: Q, v: {
  org_id: number; org_path: string; county_code: string; name: string; kind: VolunteerOrgKind;
  work_unit_id: number | null; contact_name: string; phone_enc: string | null; phone_hash: string | null; phone_mask: string | null;
}) {
  return db.insertInto('volunteer_org').values(v).returning('id').executeTakeFirstOrThrow();
}

export function orgAdmins(db: Q, volunteerOrgId: number) {
  return db.selectFrom('account').select(['id', 'username', 'display_name'])
    .where('volunteer_org_id', '=', volunteerOrgId).orderBy('id').execute();
}

// ---- projects ----

export function projectById(db: Q, id: number) {
  return db.selectFrom('volunteer_project').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertProject(db: Q, v: { volunteer_org_id: number; org_path: string; county_code: string; name: string; description: string; created_by: number }) {
  return db.insertInto('volunteer_project').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function projectsPage(db: Q, reach: Reach, q: { within: string; volunteerOrgId?: number; page: number; pageSize: number }) {
  const orgId = reach.orgOnly ?? q.volunteerOrgId;
  const base = db.selectFrom('volunteer_project as p').innerJoin('volunteer_org as o', 'o.id', 'p.volunteer_org_id')
    .where(inScope(reach.scope, 'p.org_path')).where('p.org_path', 'like', `${q.within}%`)
    .$if(orgId != null, (b) => b.where('p.volunteer_org_id', '=', orgId!));
  const [rows, total] = await Promise.all([
    base.select(['p.id', 'p.volunteer_org_id', 'o.name as org_name', 'p.name', 'p.description', 'p.created_at',
      (eb) => eb.selectFrom('volunteer_activity as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.project_id', '=', 'p.id').as('activities'),
    ]).orderBy('p.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

// ---- activities ----

const activityColumns = ['a.id', 'a.project_id', 'a.volunteer_org_id', 'a.place_id', 'a.org_path', 'a.county_code', 'a.title', 'a.address',
  'a.starts_at', 'a.ends_at', 'a.capacity', 'a.signed_up', 'a.served', 'a.status', 'a.confirmed_at', 'a.created_at'] as const;

const activityView = (db: Q) => db.selectFrom('volunteer_activity as a')
  .innerJoin('volunteer_project as p', 'p.id', 'a.project_id')
  .innerJoin('volunteer_org as o', 'o.id', 'a.volunteer_org_id')
  .innerJoin('org_unit as u', 'u.id', 'a.place_id');

const activityViewColumns = [...activityColumns, 'p.name as project_name', 'o.name as org_name', 'u.name as place_name'] as const;

export function activityById(db: Q, id: number) {
  return activityView(db).select(activityViewColumns).where('a.id', '=', id).executeTakeFirst();
}

export function lockActivity(db: Q, id: number) {
  return db.selectFrom('volunteer_activity').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertActivity(db: Q, v: {
  project_id: number; volunteer_org_id: number; place_id: number; org_path: string; county_code: string; title: string; address: string;
  starts_at: Date; ends_at: Date; capacity: number; created_by: number; created_at: Date;
}) {
  return db.insertInto('volunteer_activity').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function activitiesPage(db: Q, reach: Reach, q: { within: string; volunteerOrgId?: number; projectId?: number; status?: string; page: number; pageSize: number }) {
  const orgId = reach.orgOnly ?? q.volunteerOrgId;
  const filter = <T extends ReturnType<typeof activityView>>(b: T) => b
    .where(inScope(reach.scope, 'a.org_path')).where('a.org_path', 'like', `${q.within}%`)
    .$if(orgId != null, (x) => x.where('a.volunteer_org_id', '=', orgId!))
    .$if(q.projectId != null, (x) => x.where('a.project_id', '=', q.projectId!))
    .$if(!!q.status, (x) => x.where('a.status', '=', q.status as 'open'));
  const [rows, total] = await Promise.all([
    filter(activityView(db)).select(activityViewColumns).orderBy('a.starts_at', 'desc').orderBy('a.id', 'desc')
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    filter(activityView(db)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Open activities that have not ended in the volunteer's county, those of their own street first. */
export function activitiesNear(db: Q, countyCode: string, streetPath: string, volunteerId: number, now: Date, limit: number) {
  return activityView(db)
    .leftJoin('volunteer_signup as s', (j) => j.onRef('s.activity_id', '=', 'a.id').on('s.volunteer_id', '=', volunteerId))
    .select([...activityViewColumns, 's.status as my_status', 's.checkin_at as my_checkin_at', 's.checkout_at as my_checkout_at'])
    .where('a.county_code', '=', countyCode).where('a.status', '!=', 'cancelled').where('a.ends_at', '>', now)
    .orderBy(sql`(a.org_path LIKE ${streetPath + '%'})`, 'desc').orderBy('a.starts_at').limit(limit).execute();
}

export async function bumpSignedUp(db: Q, activityId: number, by: 1 | -1) {
  const q = db.updateTable('volunteer_activity').set((eb) => ({ signed_up: sql<number>`${eb.ref('signed_up')} + ${by}` })).where('id', '=', activityId);
  const r = await (by > 0 ? q.where(sql<boolean>`signed_up < capacity`) : q).returning('id').executeTakeFirst();
  return !!r;
}

export async function setActivityConfirmed(db: Q, id: number, v: { served: number; confirmed_at: Date; confirmed_by: number }) {
  await db.updateTable('volunteer_activity').set({ ...v, status: 'confirmed' }).where('id', '=', id).execute();
}

// ---- sign-ups ----

export function signupOf(db: Q, activityId: number, volunteerId: number) {
  return db.selectFrom('volunteer_signup').selectAll().where('activity_id', '=', activityId).where('volunteer_id', '=', volunteerId).executeTakeFirst();
}

export function signupByClientId(db: Q, clientId: string) {
  return db.selectFrom('volunteer_signup').selectAll()
    .where((eb) => eb.or([eb('checkin_client_id', '=', clientId), eb('checkout_client_id', '=', clientId)])).executeTakeFirst();
}

/** Another live sign-up of the volunteer whose time overlaps [from, to). */
export function overlappingSignup(db: Q, volunteerId: number, activityId: number, from: Date, to: Date) {
  return db.selectFrom('volunteer_signup as s').innerJoin('volunteer_activity as a', 'a.id', 's.activity_id')
    .select(['a.id', 'a.title', 'a.starts_at', 'a.ends_at'])
    .where('s.volunteer_id', '=', volunteerId).where('s.activity_id', '!=', activityId).where('s.status', '=', 'signed')
    .where('a.status', '!=', 'cancelled').where('s.starts_at', '<', to).where('s.ends_at', '>', from).executeTakeFirst();
}

/** Another activity the volunteer already has confirmed hours for, overlapping [from, to). */
export function overlappingHours(db: Q, volunteerId: number, activityId: number, from: Date, to: Date) {
  return db.selectFrom('volunteer_hour_entry as e').innerJoin('volunteer_activity as a', 'a.id', 'e.activity_id')
    .select(['a.id', 'a.title']).where('e.volunteer_id', '=', volunteerId).where('e.activity_id', '!=', activityId)
    .where('a.starts_at', '<', to).where('a.ends_at', '>', from)
    .groupBy(['a.id', 'a.title']).having(sql<boolean>`sum(e.hours) > 0`).executeTakeFirst();
}

export async function insertSignup(db: Q, v: { activity_id: number; volunteer_id: number; starts_at: Date; ends_at: Date; signed_at: Date }) {
  return db.insertInto('volunteer_signup').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function reviveSignup(db: Q, id: number, at: Date) {
  await db.updateTable('volunteer_signup').set({ status: 'signed', signed_at: at }).where('id', '=', id).execute();
}

export async function cancelSignup(db: Q, id: number) {
  await db.updateTable('volunteer_signup').set({ status: 'cancelled' }).where('id', '=', id).execute();
}

/** Sets the check-in once: a second scan (or a replay) changes nothing. */
export async function setCheckin(db: Q, id: number, at: Date, clientId: string | null) {
  const r = await db.updateTable('volunteer_signup').set({ checkin_at: at, checkin_client_id: clientId })
    .where('id', '=', id).where('checkin_at', 'is', null).returning('id').executeTakeFirst();
  return !!r;
}

export async function setCheckout(db: Q, id: number, at: Date, clientId: string | null) {
  const r = await db.updateTable('volunteer_signup').set({ checkout_at: at, checkout_client_id: clientId })
    .where('id', '=', id).where('checkout_at', 'is', null).where('checkin_at', 'is not', null).returning('id').executeTakeFirst();
  return !!r;
}

/** Sign-ups of an activity with each volunteer's live hours on it (the confirm table). */
export function rosterOf(db: Q, activityId: number) {
  return db.selectFrom('volunteer_signup as s').innerJoin('volunteer as v', 'v.id', 's.volunteer_id')
    .select(['s.id', 's.volunteer_id', 'v.name', 'v.phone_mask', 'v.resident_id', 's.status', 's.signed_at', 's.checkin_at', 's.checkout_at',
      (eb) => eb.selectFrom('volunteer_hour_entry as e').select(sql<number>`coalesce(sum(e.hours), 0)`.as('h'))
        .whereRef('e.activity_id', '=', 's.activity_id').whereRef('e.volunteer_id', '=', 's.volunteer_id').as('hours'),
      (eb) => eb.selectFrom('volunteer_hour_entry as e').select(sql<number>`coalesce(sum(e.points), 0)`.as('p'))
        .whereRef('e.activity_id', '=', 's.activity_id').whereRef('e.volunteer_id', '=', 's.volunteer_id').as('points'),
      (eb) => eb.selectFrom('volunteer_hour_entry as e').select(sql<number>`count(*)`.as('c'))
        .whereRef('e.activity_id', '=', 's.activity_id').whereRef('e.volunteer_id', '=', 's.volunteer_id').where('e.kind', '=', 'confirm').as('confirmed'),
    ])
    .where('s.activity_id', '=', activityId).orderBy('s.id').execute();
}

// ---- hour entries ----

export function entriesOf(db: Q, activityId: number, volunteerId: number) {
  return db.selectFrom('volunteer_hour_entry').selectAll().where('activity_id', '=', activityId).where('volunteer_id', '=', volunteerId).orderBy('id').execute();
}

export function insertEntry(db: Q, v: {
  volunteer_id: number; activity_id: number; kind: 'confirm' | 'reversal' | 'correction'; basis: 'scan' | 'organiser'; hours: number;
  reverses_id?: number | null; reason: string | null; occurred_on: string; org_path: string; county_code: string;
  points?: number; points_record_id?: number | null; created_by: number; created_at: Date;
}) {
  return db.insertInto('volunteer_hour_entry').values({ reverses_id: null, points_record_id: null, ...v })
    .onConflict((oc) => oc.columns(['activity_id', 'volunteer_id']).where('kind', '=', 'confirm').doNothing())
    .returning('id').executeTakeFirst();
}

/** The volunteer's hour entries, newest first, with the activity's title. */
export function myEntries(db: Q, volunteerId: number, limit: number) {
  return db.selectFrom('volunteer_hour_entry as e').innerJoin('volunteer_activity as a', 'a.id', 'e.activity_id')
    .select(['e.id', 'e.activity_id', 'a.title', 'e.kind', 'e.hours', 'e.points', 'e.reason', sql<string>`e.occurred_on::text`.as('occurred_on'), 'e.created_at'])
    .where('e.volunteer_id', '=', volunteerId).orderBy('e.id', 'desc').limit(limit).execute();
}

/** Confirmed activities and net hours per resident in a China-time year. */
export function yearFigures(db: Q, residentIds: number[], year: number) {
  return db.selectFrom('volunteer_hour_entry as e').innerJoin('volunteer as v', 'v.id', 'e.volunteer_id')
    .select(['v.resident_id', sql<number>`count(DISTINCT e.activity_id) FILTER (WHERE e.kind = 'confirm')`.as('activities'), sql<number>`coalesce(sum(e.hours), 0)`.as('hours')])
    .where('v.resident_id', 'in', residentIds)
    .where('e.occurred_on', '>=', `${year}-01-01` as never).where('e.occurred_on', '<=', `${year}-12-31` as never)
    .groupBy('v.resident_id').execute();
}

// ---- overview ----

export async function overview(db: Q, reach: Reach, within: string) {
  const org = reach.orgOnly;
  const like = `${within}%`;
  const [orgs, vols, acts, stars] = await Promise.all([
    db.selectFrom('volunteer_org as o').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('o.org_path', 'like', like).where('o.dissolved_at', 'is', null).$if(org != null, (b) => b.where('o.id', '=', org!)).executeTakeFirstOrThrow(),
    org != null
      ? db.selectFrom('volunteer as v').innerJoin('volunteer_membership as m', 'm.volunteer_id', 'v.id').where('m.volunteer_org_id', '=', org)
        .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(v.total_hours), 0)`.as('hours')]).executeTakeFirstOrThrow()
      : sql<{ n: number; hours: number }>`SELECT count(*) AS n, coalesce(sum(total_hours), 0) AS hours FROM volunteer WHERE org_path LIKE ${like}`
        .execute(db).then((r) => r.rows[0]!),
    db.selectFrom('volunteer_activity as a')
      .select([sql<number>`count(*)`.as('n'), sql<number>`count(*) FILTER (WHERE a.status = 'confirmed')`.as('confirmed'), sql<number>`coalesce(sum(a.served), 0)`.as('served')])
      .where('a.org_path', 'like', like)
      .$if(org != null, (b) => b.where('a.volunteer_org_id', '=', org!)).executeTakeFirstOrThrow(),
    org != null
      ? sql<{ stars: number; n: number }>`SELECT ${sql.raw(starsCaseSql('v.total_hours'))} AS stars, count(*) AS n FROM volunteer v
          JOIN volunteer_membership m ON m.volunteer_id = v.id WHERE m.volunteer_org_id = ${org} AND v.total_hours >= 100 GROUP BY 1`.execute(db).then((r) => r.rows)
      : sql<{ stars: number; n: number }>`SELECT ${sql.raw(starsCaseSql('total_hours'))} AS stars, count(*) AS n FROM volunteer
          WHERE org_path LIKE ${like} AND total_hours >= 100 GROUP BY 1`.execute(db).then((r) => r.rows),
  ]);
  return { orgs: Number(orgs.n), volunteers: Number(vols.n), hours: Number(vols.hours), activities: Number(acts.n),
    confirmedActivities: Number(acts.confirmed), served: Number(acts.served), stars: stars.map((s) => ({ stars: Number(s.stars), n: Number(s.n) })) };
}

/** Hours confirmed per month over the last year in the subtree (the overview's chart), by the activities' own totals. */
export function hoursByMonth(db: Q, reach: Reach, within: string, from: Date) {
  const month = sql<string>`to_char(a.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
  return db.selectFrom('volunteer_activity as a')
    .select([month.as('month'), sql<number>`sum(a.hours_total)`.as('hours')])
    .where('a.org_path', 'like', `${within}%`).where('a.starts_at', '>=', from).where('a.hours_total', '!=', 0)
    .$if(reach.orgOnly != null, (b) => b.where('a.volunteer_org_id', '=', reach.orgOnly!))
    .groupBy(month).orderBy(month).execute();
}

/** Moves an activity's hour total with its entries (same transaction). */
export async function addActivityHours(db: Q, activityId: number, hours: number) {
  if (hours === 0) return;
  await db.updateTable('volunteer_activity').set((eb) => ({ hours_total: sql<number>`${eb.ref('hours_total')} + ${hours}` })).where('id', '=', activityId).execute();
}
