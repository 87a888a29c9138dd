import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';
import type { SelfrunStep } from './selfrun.tables.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Dates as 'YYYY-MM-DD' text on both engines (never a JS Date shifted by the server's zone). */
const dayText = (col: string) => sql<string | null>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

/** The compound's mode: 'company' while a property contract is live, else as recorded, else none. */
export const modeSql = sql<'self_run' | 'unit_managed' | 'none' | 'company'>`CASE
  WHEN EXISTS (SELECT 1 FROM property_contract k WHERE k.compound_id = g.id AND k.status = 'active') THEN 'company'
  ELSE coalesce(cp.mode, 'none') END`;

function compounds(db: Q, scope: Scope) {
  return db.selectFrom('org_unit as g')
    .innerJoin('org_unit as c', 'c.id', 'g.parent_id')
    .leftJoin('compound_profile as cp', 'cp.compound_id', 'g.id')
    .leftJoin('selfrun_process as p', 'p.compound_id', 'g.id')
    .where('g.kind', '=', 'grid').where('g.grid_type', '=', 'enclosed').where('g.dissolved_at', 'is', null)
    .where(inScope(scope, 'g.path'));
}

export async function board(db: Q, scope: Scope, q: { page: number; pageSize: number; step?: SelfrunStep; name?: string; awaiting?: '1' }) {
  // A compound handed over by 重新选聘/清退 (an open compound_handover) awaits the community's decision.
  let base = compounds(db, scope).leftJoin('compound_handover as h', (j) => j.onRef('h.compound_id', '=', 'g.id').on('h.decided', 'is', null));
  if (q.step) base = base.where('p.step', '=', q.step);
  if (q.awaiting) base = base.where('h.id', 'is not', null);
  if (q.name) base = base.where('g.name', 'like', `%${q.name.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  const [rows, total] = await Promise.all([
    base.select(['g.id', 'g.name', 'c.name as community', 'p.step', 'p.started_at', 'p.updated_at', modeSql.as('mode'),
      'h.cause as handover_cause', 'h.company_name as handover_company', 'h.reselect_to as handover_to', 'h.created_at as handover_at'])
      // Compounds awaiting a decision first, then those under way, so the board reads as a pipeline.
      .orderBy(sql`h.id IS NULL`).orderBy(sql`p.step IS NULL`).orderBy('p.updated_at', 'desc').orderBy('g.id')
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Steps reached by the compounds in scope that have a process, or are recorded self-run. */
export async function byStep(db: Q, scope: Scope) {
  return compounds(db, scope)
    .select([sql<SelfrunStep>`coalesce(p.step, 'done')`.as('step'), (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => eb.or([eb('p.step', 'is not', null), eb('cp.mode', '=', 'self_run')]))
    .groupBy(sql`coalesce(p.step, 'done')`).execute();
}

export async function byStreet(db: Q, scope: Scope) {
  return compounds(db, scope).innerJoin('org_unit as s', 's.id', 'c.parent_id')
    .select(['s.id', 's.name',
      sql<number>`count(*) FILTER (WHERE p.step IS NOT NULL AND p.step <> 'done')::int`.as('in_progress'),
      sql<number>`count(*) FILTER (WHERE p.step = 'done' OR (p.step IS NULL AND cp.mode = 'self_run'))::int`.as('done')])
    .groupBy(['s.id', 's.name']).orderBy('s.id').execute();
}

export function compoundRow(db: Q, scope: Scope, id: number) {
  return compounds(db, scope).where('g.id', '=', id)
    .select(['g.id', 'g.name', 'g.path', 'g.county_code', 'c.name as community', 'cp.mode as stored_mode', 'p.step', 'p.started_at', modeSql.as('mode')])
    .executeTakeFirst();
}

/** The compound for a committee member: reached through the member's row, not the account's scope. */
export function compoundOfMember(db: Q, id: number) {
  return db.selectFrom('org_unit as g').innerJoin('org_unit as c', 'c.id', 'g.parent_id')
    .leftJoin('compound_profile as cp', 'cp.compound_id', 'g.id').leftJoin('selfrun_process as p', 'p.compound_id', 'g.id')
    .where('g.id', '=', id).where('g.dissolved_at', 'is', null)
    .select(['g.id', 'g.name', 'g.path', 'g.county_code', 'c.name as community', 'cp.mode as stored_mode', 'p.step', 'p.started_at', modeSql.as('mode')])
    .executeTakeFirst();
}

/** The account's live committee seats (业委会/物管会), through its resident. */
export function seatsOf(db: Q, accountId: number, compoundId?: number) {
  let q = db.selectFrom('account as a').innerJoin('committee_member as m', 'm.resident_id', 'a.resident_id')
    .select(['m.compound_id', 'm.committee', 'm.role']).where('a.id', '=', accountId).where('m.left_at', 'is', null)
    .orderBy('m.compound_id');
  if (compoundId) q = q.where('m.compound_id', '=', compoundId);
  return q.execute();
}

export function records(db: Q, compoundId: number) {
  return db.selectFrom('selfrun_step_record as r').leftJoin('owner_vote as v', 'v.id', 'r.vote_id')
    .select(['r.id', 'r.step', 'r.note', 'r.proposer', dayText('r.date_from').as('date_from'), dayText('r.date_to').as('date_to'),
      'r.vote_id', 'v.title as vote_title', 'r.bank', 'r.account_name', 'r.account_last4', 'r.completed_by_name', 'r.completed_as', 'r.completed_at'])
    .where('r.compound_id', '=', compoundId).orderBy('r.id').execute();
}

export function photosOf(db: Q, entity: string, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('attachment_link').select(['entity_id', 'attachment_id']).where('entity', '=', entity)
    .where('entity_id', 'in', ids).orderBy('attachment_id').execute();
}

/** Votes of the compound that closed with a passed 实行居民自办 matter (closed, or published since). */
export function passedVotes(db: Q, compoundId: number) {
  return db.selectFrom('owner_vote as v').select(['v.id', 'v.title', 'v.status', 'v.published_at'])
    .where('v.compound_id', '=', compoundId).where('v.status', 'in', ['closed', 'published'])
    .where((eb) => eb.exists(eb.selectFrom('owner_vote_matter as m').select('m.id')
      .whereRef('m.vote_id', '=', 'v.id').where('m.purpose', '=', 'self_run').where('m.passed', '=', true)))
    .orderBy('v.id', 'desc').execute();
}

export function vote(db: Q, id: number) {
  return db.selectFrom('owner_vote').select(['id', 'compound_id', 'title', 'status', 'published_at']).where('id', '=', id).executeTakeFirst();
}

export function selfRunMatters(db: Q, voteId: number) {
  return db.selectFrom('owner_vote_matter').select(['id', 'passed']).where('vote_id', '=', voteId).where('purpose', '=', 'self_run').execute();
}

export function recordOf(db: Q, compoundId: number, step: SelfrunStep) {
  return db.selectFrom('selfrun_step_record').select(['id', 'vote_id', dayText('date_from').as('date_from')])
    .where('compound_id', '=', compoundId).where('step', '=', step as never).executeTakeFirst();
}

/** The compound's open handover (重新选聘/清退 ended its contract and nobody has decided yet), if any. */
export function openHandover(db: Q, compoundId: number) {
  return db.selectFrom('compound_handover').select(['cause', 'company_name', 'reselect_to', 'created_at'])
    .where('compound_id', '=', compoundId).where('decided', 'is', null).executeTakeFirst();
}
