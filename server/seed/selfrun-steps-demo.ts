import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { chinaDay } from '../platform/clock.js';

/**
 * 居民自办十步 for the demo: three of 离石区's unmanaged compounds outside 滨河街道 have started
 * (滨河's are left for the community to start from the console). The first reached 征求意见 and has
 * a 物管会 formed for the change, on which member_demo sits for the residents' committee, so the
 * committee's phone page has a step to complete; the second reached 征求意见 too, the third has
 * just started. Runs after seedSelfrunDemo, which records the modes.
 */
export async function seedSelfrunStepsDemo(db: Kysely<DB>, now = new Date()) {
  const accounts = new Map((await db.selectFrom('account').select(['id', 'username', 'display_name', 'resident_id', 'scope_path'])
    .where('username', 'in', ['county_lishi', 'street_binhe', 'member_demo']).execute()).map((a) => [a.username, a]));
  const county = accounts.get('county_lishi');
  const street = accounts.get('street_binhe');
  const member = accounts.get('member_demo');
  if (!county || !street) return { processes: 0 };
  const compounds = await db.selectFrom('compound_profile as cp').innerJoin('org_unit as g', 'g.id', 'cp.compound_id')
    .select(['g.id', 'g.name', 'g.path', 'g.county_code']).where('cp.mode', '=', 'none').where('g.path', 'not like', `${street.scope_path}%`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('selfrun_process as p').select('p.compound_id').whereRef('p.compound_id', '=', 'g.id'))))
    .orderBy('g.path').limit(3).execute();
  const day = (n: number) => chinaDay(new Date(now.getTime() - n * 86400_000));
  const at = (n: number) => new Date(now.getTime() - n * 86400_000);
  const year = Number(chinaDay(now).slice(0, 4));
  for (const [i, c] of compounds.entries()) {
    const reached = i === 2 ? 'motion' as const : 'consultation' as const;
    await db.insertInto('selfrun_process').values({
      compound_id: c.id, org_path: c.path, county_code: c.county_code, step: reached, started_by: county.id, started_at: at(30 - i * 5), updated_at: at(20 - i * 5),
    }).execute();
    if (reached === 'consultation') {
      await db.insertInto('selfrun_step_record').values({
        compound_id: c.id, org_path: c.path, county_code: c.county_code, step: 'motion', note: `${c.name}长期无物业管理，楼道照明和垃圾清运无人负责，业主联名提议实行居民自办物业`,
        proposer: i === 0 ? '1号楼、2号楼业主代表23户' : '小区党支部', date_from: day(20 - i * 5), completed_by: county.id,
        completed_by_name: county.display_name, completed_as: 'staff', completed_at: at(20 - i * 5),
      }).execute();
    }
    if (i !== 0) continue;
    // The 物管会 formed for the change: the street, the residents' committee (member_demo), the housing
    // department and the compound's first owners, an owner in the chair.
    const owners = await db.selectFrom('unit_owner').select(['resident_id', 'name']).where('compound_id', '=', c.id).where('ended_at', 'is', null)
      .where('resident_id', 'is not', null).orderBy('id').limit(3).execute();
    const memberName = member?.resident_id
      ? (await db.selectFrom('resident').select('name').where('id', '=', member.resident_id).executeTakeFirst())?.name ?? '居委会代表' : '居委会代表';
    const term = { compound_id: c.id, org_path: c.path, county_code: c.county_code, committee: 'management' as const, term_from: day(25), term_to: `${year + 3}-06-30`, created_by: county.id };
    await db.insertInto('committee_member').values([
      { ...term, member_kind: 'street', role: 'member', resident_id: null, name: '街道办事处代表' },
      { ...term, member_kind: 'residents_committee', role: 'vice_chair', resident_id: member?.resident_id ?? null, name: memberName },
      { ...term, member_kind: 'housing_department', role: 'member', resident_id: null, name: '区住建局代表' },
      ...owners.map((o, k) => ({ ...term, member_kind: 'owner' as const, role: k === 0 ? 'chair' as const : 'member' as const, resident_id: o.resident_id, name: o.name })),
    ]).execute();
  }
  return { processes: compounds.length };
}
