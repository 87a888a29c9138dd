import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type Database } from '../server/platform/db/connect.js';
import { migrate } from '../server/platform/db/migrate.js';
import { PiiCipher } from '../server/platform/pii/cipher.js';
import { seed, type SeedProgress, type SeedSummary } from '../server/seed/seed.js';
import { runChild } from './child.js';
import type { EndpointsResult } from './endpoints.js';

/**
 * `npm run bench [-- --scale demo]`: seeds a city into a fresh PostgreSQL schema and measures
 * (a) the seed's rate, (b) PostgreSQL's raw COPY rate for the same number of resident rows,
 * (c) p50/p95 of the console's heaviest list and search endpoints, (d) the server's memory.
 * See bench/README.md.
 */
const TARGETS = {
  /** The seed keeps up with at least half of what COPY alone can do. */
  seedVsRawCopy: 0.5,
  /** A list or search the console shows on every click (issue #2: p95 under 50 ms). */
  p95Ms: 50,
  /** The seed streams: memory stays flat whatever the city's size. */
  seedRssMb: 500,
  /** Issue #2: server memory under 300 MB. */
  serverRssMb: 300,
};

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'city' },
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
if (args.scale !== 'city' && args.scale !== 'demo') throw new Error('--scale must be city or demo');
const scale = args.scale;
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_${Date.now()}`;
const mb = (b: number) => Math.round(b / 2 ** 20);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const log = (s: string) => process.stderr.write(`${s}\n`);

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const serverVersion = await admin(async (c) => {
  await c.query(`CREATE SCHEMA ${schema}`);
  return (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
});
const checkpoint = () => admin((c) => c.query('CHECKPOINT')).catch(() => {});

let database: Database | undefined;
let seedResult: { summary: SeedSummary; rssPeakMb: number } | undefined;
let raw: { rows: number; bytes: number; ms: number; bareMs: number } | undefined;
let endpoints: EndpointsResult | undefined;
try {
  log(`Linli bench: scale ${scale}, PostgreSQL ${serverVersion}, schema ${schema}, ${os.cpus().length} CPUs`);
  database = await openDatabase({ databaseUrl: url, schema });
  await migrate(database);
  const masterKey = randomBytes(32);
  const cipher = new PiiCipher(masterKey);

  // (a) the seed, with its memory sampled as it streams.
  log('\n(a) seed');
  await checkpoint();
  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
  let lastLog = 0;
  const summary = await seed(database, cipher, {
    scale,
    onProgress: (p: SeedProgress) => {
      if (!p.done && performance.now() - lastLog < 10_000) return;
      lastLog = performance.now();
      const pct = !p.done && p.expected ? ` (${Math.min(99, Math.floor((100 * p.rows) / p.expected))}%)` : '';
      log(`    ${p.table} ${fmt(p.rows)}${pct}${p.done ? ' done' : ''}`);
    },
  });
  clearInterval(sampler);
  seedResult = { summary, rssPeakMb: mb(Math.max(rssPeak, process.memoryUsage().rss)) };
  await database.close();
  database = undefined;

  // (b) COPY alone, same number of resident rows, same table definition.
  log(`\n(b) raw COPY of ${fmt(summary.counts.resident)} resident rows`);
  await checkpoint();
  raw = await runChild('raw-copy.ts', [url, schema, String(summary.counts.resident)]);

  // (c, d) endpoints and server memory.
  log(`\n(c) endpoints: ${args.warmup} warm-up + ${args.requests} requests each`);
  endpoints = await runChild<EndpointsResult>('endpoints.ts', [url, schema, args.requests!, args.warmup!], {
    BENCH_MASTER_KEY: masterKey.toString('base64'),
  });
} finally {
  await database?.close();
  if (!args.keep) await admin((c) => c.query(`DROP SCHEMA ${schema} CASCADE`));
  else log(`kept schema ${schema}`);
}

report();

function report() {
  const rows: [string, string, string, boolean | null][] = [];
  const s = seedResult!.summary;
  const seedRate = s.totalRows / (s.elapsedMs / 1000);
  const rawRate = raw!.rows / (raw!.ms / 1000);
  const ratio = seedRate / rawRate;
  console.log(`\nLinli benchmark — scale ${scale}, PostgreSQL ${serverVersion}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? ''})`);
  console.log(`\n(a) seed ${scale}: ${fmt(s.totalRows)} rows in ${(s.elapsedMs / 1000).toFixed(1)} s = ${fmt(seedRate)} rows/s`);
  for (const [t, n] of Object.entries(s.counts)) console.log(`      ${t.padEnd(18)} ${fmt(n).padStart(11)}`);
  console.log(`(b) raw COPY: ${fmt(raw!.rows)} resident rows (${mb(raw!.bytes)} MB of CSV) in ${(raw!.ms / 1000).toFixed(1)} s = ${fmt(rawRate)} rows/s`);
  console.log(`    seed / raw COPY = ${ratio.toFixed(2)}`);
  const bareRate = raw!.rows / (raw!.bareMs / 1000);
  console.log(`    for reference, COPY into a bare table (no indexes or constraints): ${fmt(bareRate)} rows/s; seed / bare = ${(seedRate / bareRate).toFixed(2)}`);
  console.log('(c) endpoints (county_lishi):');
  for (const e of endpoints!.endpoints) {
    console.log(`      ${e.name}\n        ${e.path}\n        p50 ${e.p50} ms, p95 ${e.p95} ms, max ${e.max} ms, errors ${e.errors}/${e.requests}`);
  }
  console.log(`(d) server RSS: ${endpoints!.rssBeforeMb} MB before the requests, peak ${endpoints!.rssPeakMb} MB`);

  rows.push(['seed rate', `${fmt(seedRate)} rows/s`, '', null]);
  rows.push(['raw COPY rate', `${fmt(rawRate)} rows/s`, '', null]);
  rows.push(['raw COPY, bare table', `${fmt(bareRate)} rows/s`, '', null]);
  // A demo-sized load is over before COPY reaches its stride: the ratio is judged at city scale only.
  rows.push(['seed / raw COPY', ratio.toFixed(2), scale === 'city' ? `≥ ${TARGETS.seedVsRawCopy}` : '(city scale only)',
    scale === 'city' ? ratio >= TARGETS.seedVsRawCopy : null]);
  rows.push(['seed peak RSS', `${seedResult!.rssPeakMb} MB`, `< ${TARGETS.seedRssMb} MB`, seedResult!.rssPeakMb < TARGETS.seedRssMb]);
  for (const e of endpoints!.endpoints) {
    rows.push([`p50/p95 ${e.name.split(' (')[0]}`, `${e.p50} / ${e.p95} ms`, `p95 ≤ ${TARGETS.p95Ms} ms, 0 errors`, e.p95 <= TARGETS.p95Ms && e.errors === 0]);
  }
  rows.push(['server peak RSS', `${endpoints!.rssPeakMb} MB`, `< ${TARGETS.serverRssMb} MB`, endpoints!.rssPeakMb < TARGETS.serverRssMb]);

  const w = [Math.max(...rows.map((r) => width(r[0]))), Math.max(...rows.map((r) => width(r[1]))), Math.max(...rows.map((r) => width(r[2])))];
  console.log('\n' + ['metric', 'value', 'target', 'met'].map((h, i) => pad(h, w[i] ?? 3)).join('  '));
  for (const r of rows) console.log([pad(r[0], w[0]), pad(r[1], w[1]), pad(r[2], w[2]), r[3] === null ? '' : r[3] ? 'met' : 'NOT MET'].join('  '));
  const judged = rows.filter((r) => r[3] !== null);
  const failed = judged.filter((r) => !r[3]).length;
  console.log(`\n${judged.length - failed}/${judged.length} targets met${failed ? ` — ${failed} not met` : ''}`);
  process.exitCode = failed ? 1 : 0;
}

/** Display width: CJK characters take two columns. */
function width(s: string) {
  let n = 0;
  for (const ch of s) n += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return n;
}
function pad(s: string, n: number) {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}
