import { sql, type Kysely } from 'kysely';
import type { DB } from '../database.js';
import type { StoredCompoundMode } from '../modules/selfrun/selfrun.tables.js';
import { chinaDay } from '../platform/clock.js';
import { Rng } from './prng.js';

/**
 * 居民自办物业 for the demo: 离石区's enclosed compounds that no company serves get a management
 * mode (mostly self-run, as 762 of the city's 2,427), their exclusive units with floor areas from
 * the household register (a few flats still the developer's), the owners (the household heads)
 * and, for the self-run ones, a 物管会 of nine chaired by a party member. 龙凤社区's second compound
 * is the self-run demo; resident_demo owns a flat there that a tenant lives in.
 * Runs after the property demo, which leaves these compounds without a contract.
 */
const MEMBER_KINDS = [['street', '滨河街道'], ['residents_committee', '居委会'], ['housing_department', '住建局']] as const;

export async function seedSelfrunDemo(db: Kysely<DB>, now = new Date()) {
  const county = await db.selectFrom('account').select('county_code').where('username', '=', 'county_lishi').executeTakeFirst();
  const home = await db.selectFrom('account').select('scope_org_id').where('username', '=', 'property_demo').executeTakeFirst();
  if (!county || !home) return { compounds: 0, units: 0 };
  const by = await db.selectFrom('account').select('id').where('username', '=', 'secretary_binhe1').executeTakeFirstOrThrow();
  const compounds = await db.selectFrom('org_unit as g').select(['g.id', 'g.path', 'g.county_code', 'g.parent_id'])
    .where('g.kind', '=', 'grid').where('g.grid_type', '=', 'enclosed').where('g.county_code', '=', county.county_code).where('g.dissolved_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('property_contract as c').select('c.id').whereRef('c.compound_id', '=', 'g.id').where('c.status', '=', 'active'))))
    .orderBy('g.path').execute();
  const homeCommunity = (await db.selectFrom('org_unit').select('parent_id').where('id', '=', home.scope_org_id).executeTakeFirstOrThrow()).parent_id;
  const demo = compounds.find((c) => c.parent_id === homeCommunity);
  const rng = new Rng(20261202);
  const today = chinaDay(now);
  const modes = new Map<number, StoredCompoundMode>(compounds.map((c) => [c.id, c.id === demo?.id ? 'self_run' : rng.chance(0.8) ? 'self_run' : rng.chance(0.75) ? 'none' : 'unit_managed']));
  if (!compounds.length) return { compounds: 0, units: 0 };
  await db.insertInto('compound_profile').values(compounds.map((c) => ({
    compound_id: c.id, org_path: c.path, county_code: c.county_code, mode: modes.get(c.id)!,
    mode_since: `${Number(today.slice(0, 4)) - rng.int(0, 3)}-0${rng.int(1, 9)}-01`, updated_by: by.id, updated_at: now,
  }))).execute();

  // Exclusive units: every flat of the register in these compounds, its area as registered (or a
  // typical one), the developer still holding a few empty ones.
  const ids = compounds.map((c) => c.id);
  await sql`
    INSERT INTO owned_unit (compound_id, household_id, org_path, county_code, label, area_m2, developer_unsold)
    SELECT g.id, h.id, h.org_path, h.county_code, h.address, coalesce(h.area_m2, 60 + (h.id * 37) % 80), h.kind = 'vacant' AND h.id % 3 = 0
    FROM household h JOIN org_unit g ON h.org_path LIKE g.path || '%'
    WHERE g.id = ANY(${ids}) AND h.kind IN ('residence', 'vacant')`.execute(db);
  // Owners: the household head, by the ID number's hash (one person, one head); the developer's units one owner.
  await sql`
    INSERT INTO unit_owner (owned_unit_id, compound_id, org_path, county_code, owner_key, resident_id, name, id_number_enc, id_number_hash, id_number_mask,
      phone_enc, phone_hash, phone_mask, since)
    SELECT u.id, u.compound_id, u.org_path, u.county_code, CASE WHEN u.developer_unsold THEN 'developer' ELSE r.id_number_hash END,
      CASE WHEN u.developer_unsold THEN NULL ELSE r.id END, CASE WHEN u.developer_unsold THEN '开发商（未售房屋）' ELSE r.name END,
      CASE WHEN u.developer_unsold THEN NULL ELSE r.id_number_enc END, CASE WHEN u.developer_unsold THEN NULL ELSE r.id_number_hash END,
      CASE WHEN u.developer_unsold THEN NULL ELSE r.id_number_mask END,
      CASE WHEN u.developer_unsold THEN NULL ELSE r.phone_enc END, CASE WHEN u.developer_unsold THEN NULL ELSE r.phone_hash END,
      CASE WHEN u.developer_unsold THEN NULL ELSE r.phone_mask END, DATE '2012-06-01' + (u.id % 3000)
    FROM owned_unit u
    LEFT JOIN LATERAL (SELECT * FROM resident r WHERE r.household_id = u.household_id AND r.relation = 'head' ORDER BY r.id LIMIT 1) r ON true
    WHERE u.compound_id = ANY(${ids}) AND (u.developer_unsold OR r.id IS NOT NULL)`.execute(db);

  // resident_demo owns the first flat of the demo compound (let to the family living there).
  const owner = await db.selectFrom('account as a').innerJoin('resident as r', 'r.id', 'a.resident_id')
    .select(['r.id', 'r.name', 'r.id_number_enc', 'r.id_number_hash', 'r.id_number_mask', 'r.phone_enc', 'r.phone_hash', 'r.phone_mask'])
    .where('a.username', '=', 'resident_demo').executeTakeFirst();
  const flat = demo && await db.selectFrom('owned_unit').select(['id', 'compound_id', 'org_path', 'county_code']).where('compound_id', '=', demo.id)
    .where('developer_unsold', '=', false).orderBy('label').executeTakeFirst();
  if (owner && flat) {
    await db.updateTable('unit_owner').set({ ended_at: now }).where('owned_unit_id', '=', flat.id).where('ended_at', 'is', null).execute();
    await db.insertInto('unit_owner').values({
      owned_unit_id: flat.id, compound_id: flat.compound_id, org_path: flat.org_path, county_code: flat.county_code, owner_key: owner.id_number_hash,
      resident_id: owner.id, name: owner.name, id_number_enc: owner.id_number_enc, id_number_hash: owner.id_number_hash, id_number_mask: owner.id_number_mask,
      phone_enc: owner.phone_enc, phone_hash: owner.phone_hash, phone_mask: owner.phone_mask, since: '2019-04-01',
    }).execute();
  }

  // 物管会 of the self-run compounds: nine members — the street, the residents' committee, the housing
  // department and six owners, chaired by a party member owner (the branch secretary) where there is one.
  const year = Number(today.slice(0, 4));
  for (const c of compounds.filter((x) => modes.get(x.id) === 'self_run')) {
    const owners = await db.selectFrom('unit_owner as o').innerJoin('resident as r', 'r.id', 'o.resident_id')
      .leftJoin('party_member as m', (j) => j.onRef('m.resident_id', '=', 'r.id').on('m.left_at', 'is', null))
      .select(['r.id', 'r.name', 'm.id as member_id']).where('o.compound_id', '=', c.id).where('o.ended_at', 'is', null)
      .orderBy(sql`m.id IS NULL`).orderBy('r.id').limit(6).execute();
    if (owners.length < 6) continue;
    const term = { compound_id: c.id, org_path: c.path, county_code: c.county_code, committee: 'management' as const, term_from: `${year - 1}-07-01`, term_to: `${year + 2}-06-30`, created_by: by.id };
    await db.insertInto('committee_member').values([
      ...MEMBER_KINDS.map(([kind, unit], i) => ({ ...term, member_kind: kind, role: i === 1 ? 'vice_chair' as const : 'member' as const, resident_id: null, name: `${unit}代表` })),
      ...owners.map((o, i) => ({ ...term, member_kind: 'owner' as const, role: i === 0 ? 'chair' as const : 'member' as const, resident_id: o.id, name: o.name })),
    ]).execute();
  }
  const units = Number((await db.selectFrom('owned_unit').select((e) => e.fn.countAll().as('n')).where('compound_id', 'in', ids).executeTakeFirstOrThrow()).n);
  return { compounds: compounds.length, units, demoCompoundId: demo?.id ?? null };
}
