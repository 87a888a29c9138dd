import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { castIn, closeVoteNow } from '../modules/selfrun/votes.service.js';

const DAY = 86_400_000;

/**
 * A counted owners' vote on using the maintenance fund, for the repairs that rest on votes: in the
 * self-run compound where resident_demo owns a flat (龙凤社区's second), voting ended yesterday with
 * nine in ten units taking part on paper and most agreeing, closed and counted by the votes' own
 * close. No repair uses it yet: the community picks it on a repair's 登记业主表决 step.
 * Runs after seedSelfrunVotesDemo.
 */
export async function seedSelfrunLinksDemo(db: Kysely<DB>, now = new Date()) {
  const home = await db.selectFrom('account as a').innerJoin('unit_owner as o', 'o.resident_id', 'a.resident_id').innerJoin('owned_unit as u', 'u.id', 'o.owned_unit_id')
    .select('u.compound_id').where('a.username', '=', 'resident_demo').where('o.ended_at', 'is', null).executeTakeFirst();
  const secretary = await db.selectFrom('account').select('id').where('username', '=', 'secretary_binhe1').executeTakeFirst();
  const worker = await db.selectFrom('account').select('id').where('username', '=', 'worker_binhe1').executeTakeFirst();
  if (!home || !secretary || !worker) return { votes: 0 };
  const g = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('id', '=', home.compound_id).executeTakeFirstOrThrow();
  const units = await db.selectFrom('owned_unit').select('id').where('compound_id', '=', g.id).where('removed_at', 'is', null).orderBy('id').execute();
  const opens = new Date(now.getTime() - 8 * DAY);
  const closes = new Date(now.getTime() - DAY);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('owner_vote').values({
      compound_id: g.id, org_path: g.path, county_code: g.county_code, title: '使用专项维修资金维修楼道窗户和单元门', status: 'open',
      announced_at: new Date(opens.getTime() - 16 * DAY), opens_at: opens, closes_at: closes, created_by: secretary.id, created_at: new Date(opens.getTime() - 17 * DAY),
    }).returning('id').executeTakeFirstOrThrow();
    const matters = await trx.insertInto('owner_vote_matter').values([
      { vote_id: id, seq: 1, title: '从专项维修资金中列支楼道窗户和单元门维修', kind: 'ordinary', purpose: 'maintenance_fund' },
    ]).returning('id').execute();
    const v = await trx.selectFrom('owner_vote').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const cast = new Date(now.getTime() - 3 * DAY);
    for (const [i, u] of units.filter((_, i) => i % 10 !== 9).entries()) {
      await castIn(trx, v, [u.id], new Map([[matters[0]!.id, i % 8 === 7 ? 'disagree' : 'agree']]), 'paper', worker.id, cast);
    }
    return id;
  });
  await closeVoteNow({ db, clock: { now: () => now } }, id);
  return { votes: 1 };
}
