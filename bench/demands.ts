import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/platform/db/connect.js';
import { migrate } from '../server/platform/db/migrate.js';
import { PiiCipher } from '../server/platform/pii/cipher.js';
import { seed } from '../server/seed/seed.js';
import { rebuildDemandRollup } from '../server/modules/demands/demand-rates.js';
import { insertNewDemand } from '../server/modules/demands/demand.repository.js';

/**
 * `npm run bench:demands`: on PostgreSQL, in a fresh schema with the demo city,
 * (a) demand intake through the API (POST /api/demands, 8 at a time): requests/s and p99,
 * next to (b) raw single-row INSERTs of the same rows, 8 at a time, in the same run
 * (target: API ≥ half the raw rate), and (c) the rates page for all of 离石区 after loading
 * one million demands (target: p95 < 200 ms).
 */
const { values: args } = parseArgs({
  options: {
    intake: { type: 'string', default: '2000' },
    demands: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
  },
});
const INTAKE = Number(args.intake);
const BULK = Number(args.demands);
const CONCURRENCY = 8;
const ROUNDS = 4;
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_demands_${Date.now()}`;

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const database = await openDatabase({ databaseUrl: url, schema });
const cipher = new PiiCipher(randomBytes(32));
const out = (s: string) => process.stdout.write(s + '\n');

async function pool<T>(n: number, work: (i: number) => Promise<T>) {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < n) await work(next++);
  }));
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10;
};

try {
  await migrate(database);
  await seed(database, cipher, { scale: 'demo' });
  const app = await buildApp({ database, cipher, config: loadConfig() }, { rateLimitPerMinute: 10_000_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const signIn = async (username: string) => {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Linli@2026' }) });
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrfToken };
  };
  const { db } = database;
  const county = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('code', '=', '141102').executeTakeFirstOrThrow();
  const worker = await db.selectFrom('account').select(['scope_path']).where('username', '=', 'worker_binhe1').executeTakeFirstOrThrow();
  const grids = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name']).where('kind', '=', 'grid').where('path', 'like', `${worker.scope_path}%`).execute();

  // (a) intake through the API and (b) raw INSERTs of the same rows, in alternating rounds: the
  // machine is shared, and a burst of someone else's load then hits both sides alike.
  out(`(a) intake: ${INTAKE} POST /api/demands, ${CONCURRENCY} at a time, as worker_binhe1`);
  out(`(b) raw: ${INTAKE} single-row INSERT INTO demand (rollup trigger off: the table as before issue 3), ${CONCURRENCY} at a time`);
  out(`    in ${ROUNDS} alternating rounds`);
  const s = await signIn('worker_binhe1');
  const times: number[] = [];
  let errors = 0;
  let apiMs = 0;
  let rawMs = 0;
  let sqlMs = 0;
  const me = await db.selectFrom('account').select(['id', 'username', 'display_name', 'role', 'scope_path']).where('username', '=', 'worker_binhe1').executeTakeFirstOrThrow();
  const rawPool = new pg.Pool({ connectionString: url, max: CONCURRENCY, options: `-c search_path=${schema}` });
  const perRound = Math.ceil(INTAKE / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const offset = round * perRound;
    const n = Math.min(perRound, INTAKE - offset);
    let t0 = performance.now();
    await pool(n, async (j) => {
      const i = offset + j;
      const t = performance.now();
      const res = await fetch(`${base}/api/demands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrfToken },
        body: JSON.stringify({ orgId: grids[i % grids.length].id, categoryCode: 'environment', description: `楼道堆物第${i}处`, channel: 'walk_in', force: true }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) errors++;
      times.push(performance.now() - t);
    });
    apiMs += performance.now() - t0;
    // The intake statement alone (what one POST writes), without HTTP, auth or validation.
    t0 = performance.now();
    await pool(n, async (j) => {
      const i = offset + j;
      const g = grids[i % grids.length];
      const now = new Date();
      const due = new Date(now.getTime() + 5 * 86400_000);
      await insertNewDemand(db, {
        place: { orgId: g.id, householdId: null, scopePath: me.scope_path },
        demand: { channel: 'walk_in', category_code: 'environment', description: `楼道堆物第${i}处`, photos: '[]', address: null,
          reporter_account_id: me.id, reporter_name: me.display_name, due_at: due, created_at: now },
        actor: { accountId: me.id, username: me.username, displayName: me.display_name, role: me.role, ip: '127.0.0.1' },
        eventDetail: '{}', warnAt: new Date(due.getTime() - 86400_000), auditAfter: '{}', notice: { title: '新诉求：市容环境', body: '楼道堆物' },
      });
    });
    sqlMs += performance.now() - t0;
    await admin.query(`ALTER TABLE ${schema}.demand DISABLE TRIGGER demand_daily_stat_track`);
    t0 = performance.now();
    await pool(n, async (j) => {
      const i = offset + j;
      const g = grids[i % grids.length];
      await rawPool.query(
        `INSERT INTO demand (org_id, org_path, county_code, channel, category_code, description, due_at, created_at)
         VALUES ($1, $2, $3, 'walk_in', 'environment', $4, now() + interval '5 days', now())`,
        [g.id, g.path, g.county_code, `楼道堆物第${i}处`],
      );
    });
    rawMs += performance.now() - t0;
    await admin.query(`ALTER TABLE ${schema}.demand ENABLE TRIGGER demand_daily_stat_track`);
  }
  await rawPool.end();
  const apiRate = INTAKE / (apiMs / 1000);
  const rawRate = INTAKE / (rawMs / 1000);
  const sqlRate = INTAKE / (sqlMs / 1000);

  // (c) the rates page over a million demands
  out(`(c) loading ${BULK.toLocaleString()} demands into 离石区 with COPY…`);
  const allGrids = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('kind', '=', 'grid').where('path', 'like', `${county.path}%`).execute();
  const states = ['closed', 'closed', 'closed', 'resolved', 'accepted', 'submitted', 'escalated'];
  const now = Date.now();
  function* rows() {
    for (let i = 0; i < BULK; i++) {
      const g = allGrids[i % allGrids.length];
      const created = new Date(now - ((i * 7919) % (85 * 86400)) * 1000);
      const state = states[i % states.length];
      const closed = state === 'closed' ? new Date(created.getTime() + 36 * 3600_000) : null;
      yield [g.id, g.path, g.county_code, 'resident', 'environment', '批量演示诉求', state, i % 5 === 0 ? 'spot' : 'community',
        new Date(created.getTime() + 5 * 86400_000), created, i % 3 ? created : null, state === 'resolved' || closed ? created : null,
        closed, closed ? (i % 10 === 0 ? 'unsatisfied' : 'satisfied') : null];
    }
  }
  const loadStart = performance.now();
  // A bulk load goes around the rollup trigger (a million single-row upserts) and rebuilds the
  // rollup once afterwards, as a seed would.
  await admin.query(`ALTER TABLE ${schema}.demand DISABLE TRIGGER demand_daily_stat_track`);
  await database.copyRows('demand', ['org_id', 'org_path', 'county_code', 'channel', 'category_code', 'description', 'state', 'tier',
    'due_at', 'created_at', 'responded_at', 'resolved_at', 'closed_at', 'rating'], rows());
  await admin.query(`ALTER TABLE ${schema}.demand ENABLE TRIGGER demand_daily_stat_track`);
  await rebuildDemandRollup(db);
  await admin.query(`VACUUM ANALYZE ${schema}.demand`);
  await admin.query(`VACUUM ANALYZE ${schema}.demand_daily_stat, ${schema}.demand_open_stat`);
  out(`    loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);
  const c = await signIn('county_lishi');
  const rateTimes: number[] = [];
  for (let i = 0; i < Number(args.requests) + 3; i++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/demands/rates?orgId=${county.id}`, { headers: { cookie: c.cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`rates: HTTP ${res.status}`);
    if (i >= 3) rateTimes.push(performance.now() - t);
  }
  await app.close();

  const ratio = apiRate / rawRate;
  const p95 = pct(rateTimes, 0.95);
  const row = (metric: string, value: string, target: string, met?: boolean) =>
    out(`${metric.padEnd(34)}${value.padEnd(34)}${target.padEnd(14)}${met === undefined ? '' : met ? 'met' : 'NOT MET'}`);
  out('');
  out(`${'metric'.padEnd(34)}${'value'.padEnd(34)}${'target'.padEnd(14)}met`);
  row('(a) API intake', `${apiRate.toFixed(0)} req/s, p99 ${pct(times, 0.99)} ms`, '');
  row('    errors', `${errors}`, '0', errors === 0);
  row('    intake statement alone', `${sqlRate.toFixed(0)} stmt/s`, '');
  row('(b) raw INSERT', `${rawRate.toFixed(0)} rows/s`, '');
  row('API / raw', ratio.toFixed(2), '≥ 0.5', ratio >= 0.5);
  row(`(c) rates page, 离石区, ${(BULK / 1e6).toFixed(1)} M`, `p50 ${pct(rateTimes, 0.5)} / p95 ${p95} ms`, 'p95 < 200 ms', p95 < 200);
  // Exit codes (bench/README.md): 0 every target met, 1 a target missed, 2 the bench failed.
  if (errors || ratio < 0.5 || p95 >= 200) process.exitCode = 1;
} catch (e) {
  console.error(e);
  process.exitCode = 2;
} finally {
  await database.close();
  if (args.keep) out(`kept schema ${schema}`);
  else await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
