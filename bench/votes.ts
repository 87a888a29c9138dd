import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { closeVoteNow } from '../server/modules/selfrun/votes.service.js';
import { ManualClock } from '../server/platform/clock.js';
import { openDatabase } from '../server/platform/db/connect.js';
import { migrate } from '../server/platform/db/migrate.js';

/**
 * `npm run bench:votes`: closing an owners' vote (业主表决) of a large compound on PostgreSQL, in
 * a fresh schema: 5,000 exclusive units (4,700 owners, 300 of the developer's unsold units, some
 * owners holding two units, some co-owned), two matters and 4,000 ballots on each. Times the close
 * (count with article278, set the outcomes, fix the chain head). Fails at 1 s or more.
 */
const { values: args } = parseArgs({ options: { units: { type: 'string', default: '5000' }, ballots: { type: 'string', default: '4000' }, keep: { type: 'boolean', default: false } } });
const UNITS = Number(args.units);
const BALLOTS = Number(args.ballots);
const LIMIT_MS = 1_000;
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_votes_${Date.now()}`;
const out = (s: string) => process.stdout.write(s + '\n');

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const database = await openDatabase({ databaseUrl: url, schema });
const db = database.db;
let failed = false;

try {
  await migrate(database);
  const t0 = performance.now();
  let parent = null as { id: number; path: string } | null;
  for (const [kind, name] of [['city', '吕梁市'], ['county', '离石区'], ['street', '滨河街道'], ['community', '龙凤社区'], ['grid', '大型小区']] as const) {
    const { id } = await db.insertInto('org_unit').values({
      parent_id: parent?.id ?? null, kind, code: `b${kind}`, name, path: 'tmp', depth: parent ? parent.path.split('.').length - 1 : 0,
      county_code: '141102', grid_type: kind === 'grid' ? 'enclosed' : null,
    }).returning('id').executeTakeFirstOrThrow();
    const path: string = `${parent?.path ?? ''}${id}.`;
    await db.updateTable('org_unit').set({ path }).where('id', '=', id).execute();
    parent = { id, path };
  }
  const g = parent!;
  // Units: every 25th the developer's; owner n owns unit n, owners of units 4701.. hold a second unit; every 50th is co-owned.
  await sql`INSERT INTO owned_unit (compound_id, org_path, county_code, label, area_m2, developer_unsold)
    SELECT ${g.id}, ${g.path}, '141102', 'U' || i, 50 + (i * 37) % 90 + (i % 7) * 0.25, i % 25 = 0 FROM generate_series(1, ${UNITS}) i`.execute(db);
  await sql`INSERT INTO unit_owner (owned_unit_id, compound_id, org_path, county_code, owner_key, name)
    SELECT u.id, u.compound_id, u.org_path, u.county_code,
      CASE WHEN u.developer_unsold THEN 'developer' WHEN row_number() OVER (ORDER BY u.id) > ${Math.floor(UNITS * 0.94)} THEN 'k' || (row_number() OVER (ORDER BY u.id) - ${Math.floor(UNITS * 0.5)}) ELSE 'k' || row_number() OVER (ORDER BY u.id) END, '业主'
    FROM owned_unit u WHERE u.compound_id = ${g.id}`.execute(db);
  await sql`INSERT INTO unit_owner (owned_unit_id, compound_id, org_path, county_code, owner_key, name)
    SELECT u.id, u.compound_id, u.org_path, u.county_code, 'co' || u.id, '共有人' FROM owned_unit u WHERE u.compound_id = ${g.id} AND u.id % 50 = 1 AND NOT u.developer_unsold`.execute(db);
  const now = new Date();
  const { id: voteId } = await db.insertInto('owner_vote').values({
    compound_id: g.id, org_path: g.path, county_code: '141102', title: '实行居民自办物业', status: 'open',
    opens_at: new Date(now.getTime() - 10 * 86_400_000), closes_at: new Date(now.getTime() - 1000),
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('owner_vote_matter').values([
    { vote_id: voteId, seq: 1, title: '实行居民自办物业', kind: 'ordinary', purpose: 'self_run' },
    { vote_id: voteId, seq: 2, title: '筹集维修资金', kind: 'special', purpose: 'maintenance_fund' },
  ]).execute();
  await sql`INSERT INTO owner_ballot (vote_id, matter_id, owned_unit_id, choice, channel, cast_at)
    SELECT ${voteId}, m.id, u.id, CASE WHEN u.id % 10 < 8 THEN 'agree' WHEN u.id % 10 = 8 THEN 'disagree' ELSE 'abstain' END, 'paper', now()
    FROM (SELECT id FROM owned_unit WHERE compound_id = ${g.id} ORDER BY id LIMIT ${BALLOTS}) u CROSS JOIN owner_vote_matter m WHERE m.vote_id = ${voteId}`.execute(db);
  await sql`INSERT INTO owner_ballot_chain (vote_id, seq, content, prev_hash, hash, at)
    SELECT ${voteId}, i, '{}', md5(i::text), md5((i + 1)::text), now() FROM generate_series(1, ${BALLOTS}) i`.execute(db);
  await sql`ANALYZE`.execute(db);
  out(`generated ${UNITS} units, ${BALLOTS} ballots × 2 matters`.padEnd(56) + `${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);

  const t1 = performance.now();
  await closeVoteNow({ db, clock: new ManualClock(now) }, voteId);
  const ms = performance.now() - t1;
  const matters = await db.selectFrom('owner_vote_matter').select(['seq', 'passed', 'result']).where('vote_id', '=', voteId).orderBy('seq').execute();
  out(`close and count (article278)`.padEnd(56) + `${(ms / 1000).toFixed(3).padStart(6)} s`);
  for (const m of matters) out(`  matter ${m.seq}: passed=${m.passed} ${JSON.stringify((m.result as { counts: unknown }).counts)}`);
  if (ms >= LIMIT_MS) {
    failed = true;
    out(`FAIL: closing took ${ms.toFixed(0)} ms (limit ${LIMIT_MS} ms)`);
  }
} finally {
  await database.close();
  if (!args.keep) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
process.exit(failed ? 1 : 0);
