import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../database.js';
import { inScope, type Scope } from '../../platform/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The compound's mode: 'company' while a property contract is live, else as recorded, else none. */
const modeSql = sql<'self_run' | 'unit_managed' | 'none' | 'company'>`CASE
  WHEN EXISTS (SELECT 1 FROM property_contract k WHERE k.compound_id = g.id AND k.status = 'active') THEN 'company'
  ELSE coalesce(cp.mode, 'none') END`;

const companySql = sql<string | null>`(SELECT pc.name FROM property_contract k JOIN property_company pc ON pc.id = k.company_id
  WHERE k.compound_id = g.id AND k.status = 'active' ORDER BY k.id DESC LIMIT 1)`;
const householdsSql = sql<number>`(SELECT count(*)::int FROM household h WHERE h.org_path LIKE g.path || '%')`;
const unitsSql = sql<number>`(SELECT count(*)::int FROM owned_unit u WHERE u.compound_id = g.id AND u.removed_at IS NULL)`;
const areaSql = sql<string>`(SELECT coalesce(sum(u.area_m2), 0)::text FROM owned_unit u WHERE u.compound_id = g.id AND u.removed_at IS NULL)`;
// 业主人数: a person owning several units counts once (owner_key), the developer's unsold units once.
const ownersSql = sql<number>`(SELECT count(DISTINCT o.owner_key)::int FROM unit_owner o JOIN owned_unit u ON u.id = o.owned_unit_id
  WHERE o.compound_id = g.id AND o.ended_at IS NULL AND u.removed_at IS NULL)`;
const membersSql = sql<number>`(SELECT count(*)::int FROM committee_member m WHERE m.compound_id = g.id AND m.left_at IS NULL)`;
const fiveSql = sql<number>`(SELECT count(*)::int FROM compound_five_have f WHERE f.compound_id = g.id)`;

/** Compounds: enclosed grids, and any grid given a profile. */
function compounds(db: Q, scope: Scope) {
  return db.selectFrom('org_unit as g')
    .innerJoin('org_unit as c', 'c.id', 'g.parent_id')
    .leftJoin('compound_profile as cp', 'cp.compound_id', 'g.id')
    .where('g.kind', '=', 'grid').where('g.dissolved_at', 'is', null)
    .where((eb) => eb.or([eb('g.grid_type', '=', 'enclosed'), eb('cp.compound_id', 'is not', null)]))
    .where(inScope(scope, 'g.path'));
}

const rowColumns = [
  'g.id', 'g.name', 'g.path', 'g.county_code', 'c.name as community', 'cp.mode as stored_mode',
  sql<string | null>`to_char(cp.mode_since, 'YYYY-MM-DD')`.as('mode_since'),
  modeSql.as('mode'), companySql.as('company'), householdsSql.as('households'), unitsSql.as('units'), areaSql.as('area'),
  ownersSql.as('owners'), membersSql.as('members'), fiveSql.as('five'),
] as const;

export async function list(db: Q, scope: Scope, q: { page: number; pageSize: number; mode?: string; name?: string }) {
  let base = compounds(db, scope);
  if (q.mode) base = base.where(modeSql, '=', q.mode as never);
  if (q.name) base = base.where('g.name', 'like', `%${q.name.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  const [rows, total] = await Promise.all([
    base.select([...rowColumns]).orderBy('c.id').orderBy('g.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function one(db: Q, scope: Scope, id: number) {
  return compounds(db, scope).where('g.id', '=', id).select([...rowColumns]).executeTakeFirst();
}

export function byMode(db: Q, scope: Scope) {
  return compounds(db, scope).select([modeSql.as('mode'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy(modeSql).execute();
}

export function byStreet(db: Q, scope: Scope) {
  return compounds(db, scope).innerJoin('org_unit as s', 's.id', 'c.parent_id')
    .select(['s.id', 's.name',
      sql<number>`count(*) FILTER (WHERE cp.mode = 'self_run')::int`.as('self_run'),
      sql<number>`count(*) FILTER (WHERE cp.mode = 'self_run' AND ${fiveSql} < 5)::int`.as('missing')])
    .groupBy(['s.id', 's.name']).orderBy('s.id').execute();
}

export function units(db: Q, compoundId: number, page: number, pageSize: number) {
  const base = db.selectFrom('owned_unit').where('compound_id', '=', compoundId).where('removed_at', 'is', null);
  return Promise.all([
    base.select(['id', 'label', 'area_m2', 'developer_unsold', 'household_id']).orderBy('label').orderBy('id')
      .limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
}

export function ownersOf(db: Q, unitIds: number[]) {
  if (!unitIds.length) return Promise.resolve([]);
  return db.selectFrom('unit_owner').select(['id', 'owned_unit_id', 'name', 'id_number_mask', 'phone_mask', 'resident_id',
    sql<string | null>`to_char(since, 'YYYY-MM-DD')`.as('since')])
    .where('owned_unit_id', 'in', unitIds).where('ended_at', 'is', null).orderBy('id').execute();
}

export function unit(db: Q, compoundId: number, unitId: number) {
  return db.selectFrom('owned_unit').selectAll().where('id', '=', unitId).where('compound_id', '=', compoundId)
    .where('removed_at', 'is', null).executeTakeFirst();
}

export function members(db: Q, compoundId: number) {
  return db.selectFrom('committee_member').select(['id', 'committee', 'member_kind', 'role', 'name', 'resident_id',
    sql<string>`to_char(term_from, 'YYYY-MM-DD')`.as('term_from'), sql<string>`to_char(term_to, 'YYYY-MM-DD')`.as('term_to')])
    .where('compound_id', '=', compoundId).where('left_at', 'is', null).orderBy('id').execute();
}

export function fiveHaves(db: Q, compoundId: number) {
  return db.selectFrom('compound_five_have').select(['id', 'item', 'note', 'recorded_at']).where('compound_id', '=', compoundId).execute();
}

export function photosOf(db: Q, entity: string, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('attachment_link').select(['entity_id', 'attachment_id']).where('entity', '=', entity)
    .where('entity_id', 'in', ids).orderBy('attachment_id').execute();
}
