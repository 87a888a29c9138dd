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
  },
});
const INTAKE = Number(args.intake);
const BULK = Number(args.demands);
const CONCURRENCY = 8;
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
  const grids = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('kind', '=', 'grid').where('path', 'like', `${worker.scope_path}%`).execute();

  // (a) intake through the API
  out(`(a) intake: ${INTAKE} POST /api/demands, ${CONCURRENCY} at a time, as worker_binhe1`);
  const s = await signIn('worker_binhe1');
  const times: number[] = [];
  let errors = 0;
  const apiStart = performance.now();
  await pool(INTAKE, async (i) => {
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
  const apiRate = INTAKE / ((performance.now() - apiStart) / 1000);

  // (b) raw INSERTs of the same rows
  out(`(b) raw: ${INTAKE} single-row INSERT INTO demand, ${CONCURRENCY} at a time`);
  const rawPool = new pg.Pool({ connectionString: url, max: CONCURRENCY, options: `-c search_path=${schema}` });
  const rawStart = performance.now();
  await pool(INTAKE, async (i) => {
    const g = grids[i % grids.length];
    await rawPool.query(
      `INSERT INTO demand (org_id, org_path, county_code, channel, category_code, description, due_at, created_at)
       VALUES ($1, $2, $3, 'walk_in', 'environment', $4, now() + interval '5 days', now())`,
      [g.id, g.path, g.county_code, `楼道堆物第${i}处`],
    );
  });
  const rawRate = INTAKE / ((performance.now() - rawStart) / 1000);
  await rawPool.end();

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
  await database.copyRows('demand', ['org_id', 'org_path', 'county_code', 'channel', 'category_code', 'description', 'state', 'tier',
    'due_at', 'created_at', 'responded_at', 'resolved_at', 'closed_at', 'rating'], rows());
  await admin.query(`VACUUM ANALYZE ${schema}.demand`);
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
  out('\nmetric                          value                 target          met');
  out(`API intake                      ${apiRate.toFixed(0)} req/s, p99 ${pct(times, 0.99)} ms, ${errors} errors`);
  out(`raw INSERT                      ${rawRate.toFixed(0)} rows/s`);
  out(`API / raw                       ${ratio.toFixed(2)}                  ≥ 0.5           ${ratio >= 0.5 ? 'met' : 'NOT MET'}`);
  out(`rates page, 离石区, ${(BULK / 1e6).toFixed(1)} M demands  p50 ${pct(rateTimes, 0.5)} / p95 ${pct(rateTimes, 0.95)} ms   p95 < 200 ms    ${pct(rateTimes, 0.95) < 200 ? 'met' : 'NOT MET'}`);
} finally {
  await database.close();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
