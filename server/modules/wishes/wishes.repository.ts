import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { WishClaimTable, WishState, WishTable } from './wishes.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

/** A resident in the caller's scope who still lives there, for posting a wish on their behalf. */
export function residentInScope(db: Q, scope: Scope, residentId: number) {
  return db.selectFrom('resident').select(['id', 'name', 'org_path', 'county_code'])
    .where('id', '=', residentId).where('moved_out_at', 'is', null).where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

export async function insertWish(db: Q, row: Insertable<WishTable>) {
  return db.insertInto('wish').values(row).returning('id').executeTakeFirstOrThrow();
}

export function wishIdByClientId(db: Q, clientId: string) {
  return db.selectFrom('wish').select(['id', 'posted_by']).where('client_id', '=', clientId).executeTakeFirst();
}

/** A date column as its 'YYYY-MM-DD' text (drivers would hand back a Date at UTC midnight). */
const fulfilBy = (col: string) => sql<string>`${sql.ref(col)}::text`.as('fulfil_by');

export function wishForUpdate(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('wish')
    .select(['id', 'community_id', 'org_path', 'county_code', 'resident_id', 'title', 'state', 'claim_id', 'posted_by', fulfilBy('fulfil_by')])
    .where('id', '=', id).forUpdate().executeTakeFirst();
}
export type WishRow = NonNullable<Awaited<ReturnType<typeof wishForUpdate>>>;

export function claimById(db: Q, id: number) {
  return db.selectFrom('wish_claim').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertClaim(db: Q, row: Insertable<WishClaimTable>) {
  return db.insertInto('wish_claim').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function setWish(db: Q, id: number, from: WishState, set: Partial<Insertable<WishTable>> & { state: WishState }) {
  // Guarded on the state the step was checked against: a step that lost a race changes nothing.
  const r = await db.updateTable('wish').set(set).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setClaim(db: Q, id: number, set: Partial<Insertable<WishClaimTable>>) {
  await db.updateTable('wish_claim').set(set).where('id', '=', id).execute();
}

/** How many wishes an account holds claimed and not yet fulfilled. */
export async function liveClaimCount(db: Q, accountId: number) {
  const r = await db.selectFrom('wish_claim').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId).where('state', '=', 'active').executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The resident an account stands for (residents and party members), if linked. */
export async function accountResident(db: Q, accountId: number) {
  const r = await db.selectFrom('account').select(['resident_id', 'display_name']).where('id', '=', accountId).executeTakeFirst();
  return { residentId: r?.resident_id ?? null, displayName: r?.display_name ?? '' };
}

/** Accounts of a resident (to tell them their wish waits for their confirmation). */
export async function accountsOfResident(db: Q, residentId: number) {
  return (await db.selectFrom('account').select('id').where('resident_id', '=', residentId).where('disabled', '=', false)
    .where('role', 'in', ['resident', 'party_member']).execute()).map((r) => r.id);
}

/** The community's staff who look after wishes: its secretary and workers, and the wish's poster. */
export async function communityStaff(db: Q, communityId: number) {
  return (await db.selectFrom('account').select('id')
    .where('scope_org_id', '=', communityId).where('disabled', '=', false)
    .where('role', 'in', ['community_secretary', 'community_worker']).execute()).map((r) => r.id);
}

const wishColumns = [
  'w.id', 'w.community_id', 'w.org_path', 'w.county_code', 'w.resident_id', 'w.person_kind', 'w.person_mask', 'w.place_label',
  'w.title', 'w.description', 'w.budget_yuan', 'w.state', 'w.claim_id', 'w.posted_by', 'w.posted_at',
  'w.confirmed_at', 'w.withdrawn_at', 'w.withdraw_reason',
] as const;

const claimColumns = [
  'c.account_id as claim_account_id', 'c.claimer_name', 'c.claimer_kind', 'c.state as claim_state', 'c.claimed_at', 'c.due_at',
  'c.fulfilled_at', 'c.fulfil_note', 'c.photo_ids',
] as const;

function selectWishes(db: Q) {
  return db.selectFrom('wish as w')
    .innerJoin('org_unit as o', 'o.id', 'w.community_id')
    .innerJoin('resident as r', 'r.id', 'w.resident_id')
    .innerJoin('account as p', 'p.id', 'w.posted_by')
    .leftJoin('wish_claim as c', 'c.id', 'w.claim_id')
    .select(wishColumns)
    .select(fulfilBy('w.fulfil_by'))
    .select(['o.name as community_name', 'r.name as resident_name', 'p.display_name as posted_by_name'])
    .select(claimColumns);
}
export type WishDetailRow = Awaited<ReturnType<ReturnType<typeof selectWishes>['executeTakeFirstOrThrow']>>;

export function wishInScope(db: Q, scope: Scope, id: number) {
  return selectWishes(db).where('w.id', '=', id).where(inScope(scope, 'w.org_path')).executeTakeFirst();
}

export function wishById(db: Q, id: number) {
  return selectWishes(db).where('w.id', '=', id).executeTakeFirst();
}

export interface WishFilter {
  within: string;
  state?: WishState;
  personKind?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function wishesPage(db: Q, scope: Scope, f: WishFilter) {
  const base = selectWishes(db).where(inScope(scope, 'w.org_path')).where('w.org_path', 'like', `${f.within}%`)
    .$if(!!f.state, (q) => q.where('w.state', '=', f.state!))
    .$if(!!f.personKind, (q) => q.where('w.person_kind', '=', f.personKind as WishTable['person_kind']))
    .$if(!!f.q, (q) => q.where('w.title', 'like', `%${f.q!.replace(/[%_\\]/g, (m) => `\\${m}`)}%`));
  const [rows, total] = await Promise.all([
    base.orderBy('w.posted_at', 'desc').orderBy('w.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Wishes by state for each community in scope (the console's counts). */
export async function countsByCommunity(db: Q, scope: Scope, within: string) {
  return db.selectFrom('wish as w').innerJoin('org_unit as o', 'o.id', 'w.community_id')
    .select(['w.community_id', 'o.name as community_name', 'w.state', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inScope(scope, 'w.org_path')).where('w.org_path', 'like', `${within}%`)
    .groupBy(['w.community_id', 'o.name', 'w.state']).orderBy('o.name').execute();
}

/** Open wishes under a path (the wall), not yet past their date, soonest first. */
export async function openWishes(db: Q, within: string, today: string, page: { page: number; pageSize: number }, communityId?: number) {
  const base = db.selectFrom('wish as w').innerJoin('org_unit as o', 'o.id', 'w.community_id')
    .where('w.state', '=', 'open').where('w.fulfil_by', '>=', today).where('w.org_path', 'like', `${within}%`)
    .$if(communityId !== undefined, (q) => q.where('w.community_id', '=', communityId!));
  const [rows, total] = await Promise.all([
    base.select(['w.id', 'w.community_id', 'o.name as community_name', 'w.person_kind', 'w.person_mask', 'w.place_label', 'w.title',
      'w.description', 'w.budget_yuan', fulfilBy('w.fulfil_by'), 'w.state', 'w.posted_at'])
      .orderBy('w.fulfil_by').orderBy('w.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Wishes fulfilled and confirmed in a community since a moment (the public wall's figure). */
export async function confirmedSince(db: Q, communityId: number, since: Date) {
  const r = await db.selectFrom('wish').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', '=', communityId).where('state', '=', 'confirmed').where('confirmed_at', '>=', since).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** An account's claims, newest first: what they hold now and what they did. */
export async function claimsOf(db: Q, accountId: number, page: { page: number; pageSize: number }) {
  const base = db.selectFrom('wish_claim as c').innerJoin('wish as w', 'w.id', 'c.wish_id').innerJoin('org_unit as o', 'o.id', 'w.community_id')
    .where('c.account_id', '=', accountId);
  const [rows, total] = await Promise.all([
    base.select(['c.id as claim_id', 'c.state as claim_state', 'c.claimed_at', 'c.due_at', 'c.fulfilled_at', 'c.fulfil_note', 'c.photo_ids',
      'w.id', 'w.community_id', 'o.name as community_name', 'w.person_kind', 'w.person_mask', 'w.place_label', 'w.title', 'w.description',
      'w.budget_yuan', fulfilBy('w.fulfil_by'), 'w.state'])
      .orderBy(sql`CASE WHEN c.state IN ('active', 'fulfilled') THEN 0 ELSE 1 END`).orderBy('c.id', 'desc')
      .limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Wishes posted for a resident (their own page: what waits for their confirmation). */
export function wishesForResident(db: Q, residentId: number) {
  return selectWishes(db).where('w.resident_id', '=', residentId).orderBy('w.id', 'desc').limit(50).execute();
}

/** Wishes confirmed in [from, to), counted by the claimer's resident id. */
export async function confirmedByResidents(db: Q, residentIds: readonly number[], from: Date, to: Date) {
  if (!residentIds.length) return [];
  return db.selectFrom('wish_claim as c').innerJoin('wish as w', 'w.claim_id', 'c.id')
    .select(['c.claimer_resident_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.state', '=', 'confirmed').where('c.claimer_resident_id', 'in', [...residentIds])
    .where('w.confirmed_at', '>=', from).where('w.confirmed_at', '<', to)
    .groupBy('c.claimer_resident_id').execute();
}

/** Whether any of the wishes is in scope, or was claimed by or posted for the account (photo readers). */
export async function anyWishReadable(db: Q, ids: readonly number[], by: { scope?: Scope; accountId: number; residentId: number | null }) {
  const r = await db.selectFrom('wish as w').select('w.id').where('w.id', 'in', [...ids])
    .where((eb) => eb.or([
      ...(by.scope ? [inScope(by.scope, 'w.org_path')] : []),
      eb.exists(eb.selectFrom('wish_claim as c').select('c.id').whereRef('c.wish_id', '=', 'w.id').where('c.account_id', '=', by.accountId)),
      ...(by.residentId ? [eb('w.resident_id', '=', by.residentId)] : []),
    ]))
    .limit(1).executeTakeFirst();
  return !!r;
}
