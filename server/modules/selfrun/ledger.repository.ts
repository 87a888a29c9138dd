import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Income counts up, expense down; a reversal's negative amount undoes its entry in either. */
export const signed = sql<string>`CASE e.kind WHEN 'income' THEN e.amount_fen ELSE -e.amount_fen END`;

/**
 * A compound with a public account: stored as self-run, or its ten steps have reached 开设账户 or
 * later (the account exists from then on).
 */
const ACCOUNT_STEPS = ['open_account', 'finance_rules', 'service_agreement', 'disclosure', 'service_review', 'done'];
function accountCompounds(db: Q) {
  return db.selectFrom('org_unit as g').innerJoin('org_unit as c', 'c.id', 'g.parent_id')
    .leftJoin('compound_profile as cp', 'cp.compound_id', 'g.id').leftJoin('selfrun_process as p', 'p.compound_id', 'g.id')
    .where('g.dissolved_at', 'is', null)
    .where((eb) => eb.or([eb('cp.mode', '=', 'self_run'), eb('p.step', 'in', ACCOUNT_STEPS as never[])]))
    .select(['g.id', 'g.name', 'g.path', 'g.county_code', 'c.name as community', 'c.id as community_id']);
}
export type AccountCompound = NonNullable<Awaited<ReturnType<typeof compoundInScope>>>;

/** The compounds with an account in scope, with their balance and last closed month (the console's list). */
export async function accountList(db: Q, scope: Scope, page: { page: number; pageSize: number }) {
  const base = accountCompounds(db).where(inScope(scope, 'g.path'));
  const total = Number((await base.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.select([
    sql<string>`(SELECT coalesce(sum(CASE e.kind WHEN 'income' THEN e.amount_fen ELSE -e.amount_fen END), 0) FROM selfrun_ledger_entry e WHERE e.compound_id = g.id)`.as('balance'),
    sql<string | null>`(SELECT max(month) FROM selfrun_statement s WHERE s.compound_id = g.id)`.as('closed'),
  ]).orderBy('c.name').orderBy('g.name').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  return { total, rows };
}

export function compoundInScope(db: Q, scope: Scope, id: number) {
  return accountCompounds(db).where('g.id', '=', id).where(inScope(scope, 'g.path')).executeTakeFirst();
}
/** For members, owners and the public page: reached through their own rows, not the account's scope. */
export function compoundById(db: Q, id: number) {
  return accountCompounds(db).where('g.id', '=', id).executeTakeFirst();
}

export async function isMember(db: Q, accountId: number, compoundId: number) {
  const r = await db.selectFrom('account as a').innerJoin('committee_member as m', 'm.resident_id', 'a.resident_id')
    .select('m.id').where('a.id', '=', accountId).where('m.compound_id', '=', compoundId).where('m.left_at', 'is', null).executeTakeFirst();
  return !!r;
}

/** The owner's live units in the compound, with the household key one rating counts by. */
export function ownedUnitsOf(db: Q, accountId: number, compoundId?: number) {
  let q = db.selectFrom('account as a').innerJoin('unit_owner as o', 'o.resident_id', 'a.resident_id')
    .innerJoin('owned_unit as u', 'u.id', 'o.owned_unit_id')
    .select(['o.compound_id', 'u.id as unit_id', sql<string>`CASE WHEN u.household_id IS NOT NULL THEN 'h' || u.household_id ELSE 'o' || o.owner_key END`.as('household_key')])
    .where('a.id', '=', accountId).where('o.ended_at', 'is', null).where('u.removed_at', 'is', null)
    .orderBy('o.compound_id').orderBy('u.id');
  if (compoundId) q = q.where('o.compound_id', '=', compoundId);
  return q.execute();
}

export function memberCompoundIds(db: Q, accountId: number) {
  return db.selectFrom('account as a').innerJoin('committee_member as m', 'm.resident_id', 'a.resident_id')
    .select('m.compound_id').distinct().where('a.id', '=', accountId).where('m.left_at', 'is', null).execute();
}

/** Serialises writers of one compound's account (凭证号 and month closing). */
export async function lockAccount(trx: Transaction<DB>, compoundId: number) {
  await sql`SELECT pg_advisory_xact_lock(15097, ${compoundId})`.execute(trx);
}

export async function balance(db: Q, compoundId: number, before?: string) {
  let q = db.selectFrom('selfrun_ledger_entry as e').select(sql<string>`coalesce(sum(${signed}), 0)`.as('b')).where('e.compound_id', '=', compoundId);
  if (before) q = q.where('e.day', '<', before);
  return Number((await q.executeTakeFirstOrThrow()).b);
}

export async function closedThrough(db: Q, compoundId: number): Promise<string | null> {
  const r = await db.selectFrom('selfrun_statement').select((eb) => eb.fn.max('month').as('m')).where('compound_id', '=', compoundId).executeTakeFirst();
  return (r?.m as string | null) ?? null;
}

export function entryOf(db: Q, compoundId: number, id: number) {
  return db.selectFrom('selfrun_ledger_entry').selectAll().where('compound_id', '=', compoundId).where('id', '=', id).executeTakeFirst();
}

export async function nextSeq(trx: Transaction<DB>, compoundId: number) {
  const r = await trx.selectFrom('selfrun_ledger_entry').select(sql<number>`coalesce(max(seq), 0) + 1`.as('n')).where('compound_id', '=', compoundId).executeTakeFirstOrThrow();
  return Number(r.n);
}

const monthEnd = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
};

/**
 * Entries with the running balance of the whole ledger (filters apply after it): in bookkeeping
 * order for the export, newest first on screens. Newest first, the balance after an entry is the
 * total less what came after it, a window over the rows already read, so with the index on
 * (compound_id, day, seq) a page reads only the entries down to it, not a compound's whole history.
 */
export async function entries(db: Q, compoundId: number, f: { month?: string; kind?: string; category?: string }, page?: { page: number; pageSize: number }, newestFirst = false) {
  const dir = newestFirst ? 'desc' : 'asc';
  // A month's rows need only that month's newer rows and the balance at its end.
  const total = newestFirst ? await balance(db, compoundId, f.month ? monthEnd(f.month) : undefined) : 0;
  const running = newestFirst
    ? sql<string>`${total} - coalesce(sum(${signed}) OVER (ORDER BY e.day DESC, e.seq DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)`
    : sql<string>`sum(${signed}) OVER (ORDER BY e.day, e.seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
  const inner = db.selectFrom('selfrun_ledger_entry as e')
    .select(['e.id', 'e.seq', 'e.kind', 'e.category', 'e.amount_fen', 'e.day as d', sql<string>`to_char(e.day, 'YYYY-MM-DD')`.as('day'), 'e.summary', 'e.counterparty',
      'e.reverses_id', sql<number | null>`(SELECT r.id FROM selfrun_ledger_entry r WHERE r.reverses_id = e.id)`.as('reversed_by'),
      'e.reason', 'e.created_by_name', 'e.created_as', running.as('balance')])
    .where('e.compound_id', '=', compoundId)
    .$if(!!f.month, (w) => w.where('e.day', '<', monthEnd(f.month!)))
    .$if(!!f.month && newestFirst, (w) => w.where('e.day', '>=', `${f.month}-01`));
  let q = db.selectFrom(inner.as('x')).selectAll();
  let counted = db.selectFrom('selfrun_ledger_entry as e').select((eb) => eb.fn.countAll<string>().as('n')).where('e.compound_id', '=', compoundId);
  if (f.month) {
    q = q.where('x.d', '>=', `${f.month}-01`).where('x.d', '<', monthEnd(f.month));
    counted = counted.where('e.day', '>=', `${f.month}-01`).where('e.day', '<', monthEnd(f.month));
  }
  if (f.kind) {
    q = q.where('x.kind', '=', f.kind as never);
    counted = counted.where('e.kind', '=', f.kind as never);
  }
  if (f.category) {
    q = q.where('x.category', '=', f.category as never);
    counted = counted.where('e.category', '=', f.category as never);
  }
  let rows = q.orderBy('x.d', dir).orderBy('x.seq', dir);
  if (page) rows = rows.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const [n, list] = await Promise.all([counted.executeTakeFirstOrThrow(), rows.execute()]);
  return { total: Number(n.n), rows: list };
}

/** Receipt photos hung on entries. */
export function photosOf(db: Q, entity: string, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('attachment_link').select(['entity_id', 'attachment_id']).where('entity', '=', entity)
    .where('entity_id', 'in', ids).orderBy('attachment_id').execute();
}

/** The compound's households (units with a household of the register), for 物业费 and the rate's denominator. */
export function households(db: Q, compoundId: number) {
  return db.selectFrom('owned_unit').select(['household_id as id', 'label']).where('compound_id', '=', compoundId)
    .where('removed_at', 'is', null).where('household_id', 'is not', null).where('developer_unsold', '=', false).orderBy('label').execute() as Promise<{ id: number; label: string }[]>;
}

export function statementsOf(db: Q, compoundId: number, limit = 24) {
  return db.selectFrom('selfrun_statement').selectAll().where('compound_id', '=', compoundId).orderBy('month', 'desc').limit(limit).execute();
}

/** Owners' accounts of a compound (the notification list), through the register. */
export async function ownerAccounts(db: Q, compoundId: number) {
  const r = await db.selectFrom('unit_owner as o').innerJoin('account as a', 'a.resident_id', 'o.resident_id')
    .select('a.id').distinct().where('o.compound_id', '=', compoundId).where('o.ended_at', 'is', null).where('a.disabled', '=', false).execute();
  return r.map((x) => x.id);
}

/** The community's staff accounts (secretary and workers), for the service review's flag. */
export async function communityStaff(db: Q, communityId: number) {
  const r = await db.selectFrom('account').select('id').where('scope_org_id', '=', communityId)
    .where('role', 'in', ['community_secretary', 'community_worker']).where('disabled', '=', false).execute();
  return r.map((x) => x.id);
}
