import type { Kysely } from 'kysely';
import type { DB } from '../../database.js';

/** A county's published monthly statements (收支公开), newest first, one row per compound and month. */
export async function publishedStatements(db: Kysely<DB>, countyCode: string, page: number, pageSize: number) {
  const base = db.selectFrom('selfrun_statement as s').where('s.county_code', '=', countyCode);
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as g', 'g.id', 's.compound_id').leftJoin('org_unit as c', 'c.id', 'g.parent_id')
      .select(['s.id', 's.compound_id', 's.month', 's.published_at', 'g.name as compound', 'c.name as community'])
      .orderBy('s.month', 'desc').orderBy('s.published_at', 'desc').orderBy('s.id', 'desc')
      .limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** A county's owners' votes whose results are published (表决结果公示), newest first. */
export async function publishedVotes(db: Kysely<DB>, countyCode: string, page: number, pageSize: number) {
  const base = db.selectFrom('owner_vote as v').where('v.county_code', '=', countyCode).where('v.status', '=', 'published');
  const [rows, total] = await Promise.all([
    base.innerJoin('org_unit as g', 'g.id', 'v.compound_id').leftJoin('org_unit as c', 'c.id', 'g.parent_id')
      .select(['v.id', 'v.title', 'v.closes_at', 'v.published_at', 'g.name as compound', 'c.name as community'])
      .orderBy('v.published_at', 'desc').orderBy('v.id', 'desc')
      .limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const matters = ids.length
    ? await db.selectFrom('owner_vote_matter').select(['vote_id', 'seq', 'title', 'passed']).where('vote_id', 'in', ids).orderBy('vote_id').orderBy('seq').execute()
    : [];
  return { rows, matters, total: Number(total.n) };
}
