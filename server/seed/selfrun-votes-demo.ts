import type { Kysely } from 'kysely';
import type { DB } from '../database.js';
import { castIn, VOTE_TICK } from '../modules/selfrun/votes.service.js';
import { scheduleJob } from '../platform/jobs.js';

const DAY = 86_400_000;

/**
 * 业主表决 for the demo, in the self-run compound where resident_demo owns a flat (龙凤社区's second):
 * one vote open now (the service-fee standard) on which resident_demo can vote on the phone, and
 * one (实行居民自办物业) whose voting ended an hour before the seed with most owners having
 * agreed on paper: the timer closes and counts it when the server starts, ready to publish.
 * Runs after seedSelfrunDemo (units and owners).
 */
export async function seedSelfrunVotesDemo(db: Kysely<DB>, now = new Date()) {
  const home = await db.selectFrom('account as a').innerJoin('unit_owner as o', 'o.resident_id', 'a.resident_id').innerJoin('owned_unit as u', 'u.id', 'o.owned_unit_id')
    .select(['u.compound_id', 'u.org_path']).where('a.username', '=', 'resident_demo').where('o.ended_at', 'is', null).executeTakeFirst();
  const secretary = await db.selectFrom('account').select('id').where('username', '=', 'secretary_binhe1').executeTakeFirst();
  const worker = await db.selectFrom('account').select('id').where('username', '=', 'worker_binhe1').executeTakeFirst();
  if (!home || !secretary || !worker) return { votes: 0 };
  const g = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('id', '=', home.compound_id).executeTakeFirstOrThrow();
  const units = await db.selectFrom('owned_unit').select('id').where('compound_id', '=', g.id).where('removed_at', 'is', null).orderBy('id').execute();
  const mine = await db.selectFrom('account as a').innerJoin('unit_owner as o', 'o.resident_id', 'a.resident_id').select('o.owned_unit_id')
    .where('a.username', '=', 'resident_demo').where('o.ended_at', 'is', null).execute();
  const others = units.filter((u) => !mine.some((m) => m.owned_unit_id === u.id));

  await db.transaction().execute(async (trx) => {
    const vote = async (title: string, opens: Date, closes: Date, matters: { title: string; kind: 'special' | 'ordinary'; purpose: 'self_run' | 'other' | 'maintenance_fund' }[]) => {
      const { id } = await trx.insertInto('owner_vote').values({
        compound_id: g.id, org_path: g.path, county_code: g.county_code, title, status: 'open', announced_at: new Date(opens.getTime() - 16 * DAY),
        opens_at: opens, closes_at: closes, created_by: secretary.id, created_at: new Date(opens.getTime() - 17 * DAY),
      }).returning('id').executeTakeFirstOrThrow();
      const rows = await trx.insertInto('owner_vote_matter').values(matters.map((m, i) => ({ vote_id: id, seq: i + 1, ...m }))).returning(['id']).execute();
      await scheduleJob(trx, { kind: VOTE_TICK, runAt: closes, payload: { voteId: id }, countyCode: g.county_code, dedupeKey: `owner_vote:${id}:close` });
      const v = (await trx.selectFrom('owner_vote').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
      return { v, matterIds: rows.map((r) => r.id) };
    };
    // Open now for three more weeks: a handful of paper ballots so far; resident_demo has not voted.
    const fee = await vote('2027年度物业服务费标准', new Date(now.getTime() - 2 * DAY), new Date(now.getTime() + 21 * DAY),
      [{ title: '物业服务费按每月每平方米0.5元收取', kind: 'ordinary', purpose: 'other' }]);
    const at = new Date(now.getTime() - DAY);
    for (const [i, u] of others.slice(0, 5).entries()) {
      await castIn(trx, fee.v, [u.id], new Map([[fee.matterIds[0]!, i % 4 === 3 ? 'disagree' : 'agree']]), 'paper', worker.id, at);
    }
    // Voting ended an hour ago: 85% of the units took part on paper, nine in ten of them agreeing.
    const selfRun = await vote('实行居民自办物业', new Date(now.getTime() - 10 * DAY), new Date(now.getTime() - 3600_000),
      [{ title: '本小区实行居民自办物业管理', kind: 'ordinary', purpose: 'self_run' }, { title: '从专项维修资金中列支楼道照明改造', kind: 'ordinary', purpose: 'maintenance_fund' }]);
    const voted = units.filter((_, i) => i % 20 < 17);
    const cast = new Date(now.getTime() - 5 * DAY);
    for (const [i, u] of voted.entries()) {
      const agree = i % 10 !== 9;
      await castIn(trx, selfRun.v, [u.id], new Map([[selfRun.matterIds[0]!, agree ? 'agree' : 'disagree'], [selfRun.matterIds[1]!, agree ? 'agree' : 'abstain']]), 'paper', worker.id, cast);
    }
  });
  return { votes: 2 };
}
