import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, poolSize } from '../server/platform/db/connect.js';
import { migrate } from '../server/platform/db/migrate.js';
import { PiiCipher } from '../server/platform/pii/cipher.js';
import { seed } from '../server/seed/seed.js';
import { rebuildDemandRollup } from '../server/modules/demands/demand-rates.repository.js';
import { insertNewDemand } from '../server/modules/demands/demand.repository.js';
import { runChild, startChild } from './child.js';

/**
 * `npm run bench:demands`: on PostgreSQL, in a fresh schema with the demo city,
 * (a) demand intake through the API (POST /api/demands, 8 at a time, from a client process
 * to the server in its own process): requests/s and p99, next to (b) a raw insert of the same
 * rows, 8 at a time, in the same run (target: API ≥ half the raw rate), and (c) the rates page
 * for all of 离石区 after loading one million demands (target: p95 < 200 ms). bench/README.md
 * says how each is measured.
 */
const { values: args } = parseArgs({
  options: {
    intake: { type: 'string', default: '4000' },
    demands: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
  },
});
const INTAKE = Number(args.intake);
const BULK = Number(args.demands);
const CONCURRENCY = 8;
const ROUNDS = 8;
const WARMUP = Math.min(4000, Number(args.intake));
// What an intake writes, as a hand-written INSERT with every value given: the yardstick.
const RAW_SAME_ROWS = `
  WITH d AS (
    INSERT INTO demand (org_id, org_path, county_code, channel, category_code, description, address, photos,
      reporter_account_id, reporter_name, due_at, created_at)
    VALUES ($1::int, $2::text, $3::text, 'walk_in', 'environment', $4::text, $5::text, '[]', $6::int, $7::text, $8::timestamptz,
      $9::timestamptz)
    RETURNING id
  ), e AS (
    INSERT INTO demand_event (demand_id, at, account_id, actor_name, actor_role, action, to_state, note, attachments, detail,
      org_path, county_code)
    SELECT d.id, $9, $6, $7, $10::text, 'create', 'submitted', $4, '[]', $11::jsonb, $2, $3 FROM d
    RETURNING id
  ), j AS (
    INSERT INTO job (kind, run_at, payload, county_code, dedupe_key)
    SELECT k.kind, k.run_at, jsonb_build_object('demandId', d.id, 'dueAt', $12::text), $3, 'demand:' || d.id || ':' || k.suffix
    FROM d, (VALUES ('demand.warn', $13::timestamptz, 'warn'), ('demand.overdue', $8, 'overdue')) AS k (kind, run_at, suffix)
  ), a AS (
    INSERT INTO audit_log (account_id, username, role, action, entity, entity_id, org_path, county_code, after, ip)
    SELECT $6, $14::text, $10, 'demand.create', 'demand', d.id::text, $2, $3, $15::jsonb, '127.0.0.1' FROM d
  ), n AS (
    INSERT INTO notification (account_id, channel, title, body, link, org_path, county_code)
    SELECT s.id, 'inbox', $16::text, $17::text, '/demands/' || d.id, $2, $3 FROM d, unnest($18::int[]) AS s (id)
  )
  SELECT d.id, e.id AS event_id FROM d, e`;
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_demands_${Date.now()}`;

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const database = await openDatabase({ databaseUrl: url, schema });
const piiKey = randomBytes(32);
const cipher = new PiiCipher(piiKey);
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

let server: Awaited<ReturnType<typeof startChild<{ port: number }>>> | undefined;
try {
  await migrate(database);
  await seed(database, cipher, { scale: 'demo' });
  server = await startChild<{ port: number }>('demand-server.ts', [url, schema, piiKey.toString('hex')]);
  const base = `http://127.0.0.1:${server.ready.port}`;
  const serverCpu = () => server!.ask<{ userMs: number; systemMs: number }>('cpu');
  const signIn = async (username: string) => {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Linli@2026' }) });
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrfToken };
  };
  const { db } = database;
  const county = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('code', '=', '141102').executeTakeFirstOrThrow();
  const worker = await db.selectFrom('account').select(['scope_path']).where('username', '=', 'worker_binhe1').executeTakeFirstOrThrow();
  const grids = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name']).where('kind', '=', 'grid').where('path', 'like', `${worker.scope_path}%`).execute();

  // (a) intake through the API, the intake statement alone, (b) the raw insert of the same rows
  // and the single-row reference, each first warmed up untimed (Node compiles the hot paths
  // only after a few thousand calls; a cold start is not the steady rate), then timed in
  // alternating rounds: the machine is shared, and a burst of someone else's load then hits all
  // of them alike.
  out(`(a) intake: ${INTAKE} POST /api/demands, ${CONCURRENCY} at a time, as worker_binhe1, the client in its own process`);
  out(`(b) raw: the same rows (demand, timeline step, 2 timers, audit record, inbox notices) as one plain INSERT statement per demand, ${CONCURRENCY} at a time`);
  out(`    after ${WARMUP} untimed of each, in ${ROUNDS} alternating rounds; ${poolSize()} database connections on both sides`);
  const s = await signIn('worker_binhe1');
  const me = await db.selectFrom('account').select(['id', 'username', 'display_name', 'role', 'scope_path']).where('username', '=', 'worker_binhe1').executeTakeFirstOrThrow();
  // Who gets the inbox notice for each grid, looked up once: the raw side inserts, it does not decide.
  const staff = await db.selectFrom('account').select(['id', 'scope_path'])
    .where('role', 'in', ['grid_worker', 'community_worker', 'community_secretary']).where('disabled', '=', false).execute();
  const staffOf = new Map(grids.map((g) => [g.id, staff.filter((a) => g.path.startsWith(a.scope_path)).map((a) => a.id)]));
  const rawPool = new pg.Pool({ connectionString: url, max: poolSize(), options: `-c search_path=${schema}` });
  const timed = async (work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    return performance.now() - t0;
  };

  /** (a) n POSTs from the client process; elapsed, latencies, errors and both sides' CPU time. */
  const api = async (offset: number, n: number) => {
    const cpu0 = await serverCpu();
    const load = await runChild<{ ms: number; times: number[]; errors: number; cpuMs: number }>('demand-load.ts', [JSON.stringify({
      base, cookie: s.cookie, csrfToken: s.csrfToken, gridIds: grids.map((g) => g.id), offset, count: n, concurrency: CONCURRENCY,
    })]);
    const cpu1 = await serverCpu();
    return { ...load, serverCpu: { user: cpu1.userMs - cpu0.userMs, system: cpu1.systemMs - cpu0.systemMs } };
  };
  /** The intake statement alone (what one POST writes), without HTTP, auth or validation. */
  const statement = (offset: number, n: number) => pool(n, async (j) => {
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
  /**
   * (b) The same rows, raw: one plain INSERT … statement per demand (a prepared statement on a
   * plain pg pool), every value already known, no lookup, no check, the tables as they are.
   */
  const raw = (offset: number, n: number) => pool(n, async (j) => {
    const i = offset + j;
    const g = grids[i % grids.length];
    const now = new Date();
    const due = new Date(now.getTime() + 5 * 86400_000);
    await rawPool.query({ name: 'raw_same_rows', text: RAW_SAME_ROWS, values: [
      g.id, g.path, g.county_code, `楼道堆物第${i}处`, g.name, me.id, me.display_name, due, now, me.role,
      JSON.stringify({ channel: 'walk_in', category: 'environment', dueAt: due.toISOString() }), due.toISOString(),
      new Date(due.getTime() - 86400_000), me.username, JSON.stringify({ category: 'environment', channel: 'walk_in' }),
      '新诉求：市容环境', `楼道堆物第${i}处`, staffOf.get(g.id),
    ] });
  });
  /** For reference: the demand row alone, as before issue 3 (no rollup trigger, nothing else). */
  const oneRow = async (offset: number, n: number) => {
    await admin.query(`ALTER TABLE ${schema}.demand DISABLE TRIGGER demand_daily_stat_track`);
    const ms = await timed(() => pool(n, async (j) => {
      const i = offset + j;
      const g = grids[i % grids.length];
      await rawPool.query(
        `INSERT INTO demand (org_id, org_path, county_code, channel, category_code, description, due_at, created_at)
         VALUES ($1, $2, $3, 'walk_in', 'environment', $4, now() + interval '5 days', now())`,
        [g.id, g.path, g.county_code, `楼道堆物第${i}处`],
      );
    }));
    await admin.query(`ALTER TABLE ${schema}.demand ENABLE TRIGGER demand_daily_stat_track`);
    return ms;
  };

  const warm = await api(INTAKE, WARMUP);
  await statement(INTAKE, WARMUP);
  await raw(INTAKE, WARMUP);
  await oneRow(INTAKE, WARMUP);
  const times: number[] = [];
  let errors = warm.errors;
  let apiMs = 0;
  let rawMs = 0;
  let sqlMs = 0;
  let oneRowMs = 0;
  let serverCpuMs = 0;
  let serverSysMs = 0;
  let clientCpuMs = 0;
  const perRound = Math.ceil(INTAKE / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const offset = round * perRound;
    const n = Math.min(perRound, INTAKE - offset);
    const a = await api(offset, n);
    apiMs += a.ms;
    times.push(...a.times);
    errors += a.errors;
    serverCpuMs += a.serverCpu.user + a.serverCpu.system;
    serverSysMs += a.serverCpu.system;
    clientCpuMs += a.cpuMs;
    sqlMs += await timed(() => statement(offset, n));
    rawMs += await timed(() => raw(offset, n));
    oneRowMs += await oneRow(offset, n);
  }
  await rawPool.end();
  const apiRate = INTAKE / (apiMs / 1000);
  const rawRate = INTAKE / (rawMs / 1000);
  const sqlRate = INTAKE / (sqlMs / 1000);
  const oneRowRate = INTAKE / (oneRowMs / 1000);

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
  await server.stop();
  server = undefined;

  const ratio = apiRate / rawRate;
  const p95 = pct(rateTimes, 0.95);
  const row = (metric: string, value: string, target: string, met?: boolean) =>
    out(`${metric.padEnd(34)}${value.padEnd(48)}${target.padEnd(14)}${met === undefined ? '' : met ? 'met' : 'NOT MET'}`);
  out('');
  out(`${'metric'.padEnd(34)}${'value'.padEnd(48)}${'target'.padEnd(14)}met`);
  row('(a) API intake', `${apiRate.toFixed(0)} req/s, p99 ${pct(times, 0.99)} ms`, '');
  row('    CPU per request', `server ${(serverCpuMs / INTAKE).toFixed(2)} ms (system ${(serverSysMs / INTAKE).toFixed(2)}), client ${(clientCpuMs / INTAKE).toFixed(2)} ms`, '');
  row('    errors', `${errors}`, '0', errors === 0);
  row('    intake statement alone', `${sqlRate.toFixed(0)} stmt/s`, '');
  row('(b) raw INSERT of the same rows', `${rawRate.toFixed(0)} demands/s`, '');
  row('API / raw', ratio.toFixed(2), '≥ 0.5', ratio >= 0.5);
  row('    single-row INSERT (reference)', `${oneRowRate.toFixed(0)} rows/s; API / it ${(apiRate / oneRowRate).toFixed(2)}`, '');
  row(`(c) rates page, 离石区, ${(BULK / 1e6).toFixed(1)} M`, `p50 ${pct(rateTimes, 0.5)} / p95 ${p95} ms`, 'p95 < 200 ms', p95 < 200);
  // Exit codes (bench/README.md): 0 every target met, 1 a target missed, 2 the bench failed.
  if (errors || ratio < 0.5 || p95 >= 200) process.exitCode = 1;
} catch (e) {
  console.error(e);
  process.exitCode = 2;
} finally {
  await server?.stop();
  await database.close();
  if (args.keep) out(`kept schema ${schema}`);
  else await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
