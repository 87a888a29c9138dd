import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/platform/db/connect.js';
import { PiiCipher } from '../server/platform/pii/cipher.js';
import { emitResult } from './child.js';

/**
 * The endpoint phase, in its own process: the real app (buildApp) on the seeded schema, listening
 * on a free port, called over HTTP with Node's fetch as `county_lishi` would from the console.
 * Requests go one at a time, so the latencies are the server's, not a queue's.
 */
export interface EndpointResult {
  name: string;
  path: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  max: number;
}
export interface EndpointsResult {
  endpoints: EndpointResult[];
  rssBeforeMb: number;
  rssPeakMb: number;
}

const [url, schema, requestsArg, warmupArg] = process.argv.slice(2);
const REQUESTS = Number(requestsArg);
const WARMUP = Number(warmupArg);
const cipher = new PiiCipher(Buffer.from(process.env.BENCH_MASTER_KEY!, 'base64'));
const database = await openDatabase({ databaseUrl: url, schema });
const app = await buildApp({ database, cipher, config: loadConfig() }, { rateLimitPerMinute: 10_000_000 });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

try {
  const { db } = database;
  const county = await db.selectFrom('org_unit').select(['id', 'path']).where('code', '=', '141102').executeTakeFirstOrThrow();
  // The largest community of 离石区: the heaviest household list a community worker opens.
  const community = await db.selectFrom('org_unit as c')
    .select(['c.id', 'c.name'])
    .select((eb) => eb.selectFrom('household as h').select(eb.fn.countAll<number>().as('n')).where(sql<boolean>`h.org_path LIKE c.path || '%'`).as('n'))
    .where('c.kind', '=', 'community').where('c.path', 'like', `${county.path}%`)
    .orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow();
  const sample = await db.selectFrom('resident').select('id_number_enc')
    .where('org_path', 'like', `${county.path}%`).where(sql<boolean>`id % 97 = 0`).orderBy('id').limit(50).execute();
  const idNumbers = sample.map((r) => cipher.decrypt(r.id_number_enc));
  const surnames = ['王', '李', '张', '刘', '郭'];

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'county_lishi', password: 'Linli@2026' }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

  const endpoints: { name: string; path: (i: number) => string }[] = [
    { name: '下级组织 (county children)', path: () => `/api/org/units/${county.id}/children` },
    { name: `住户列表 (households of ${community.name}, ${community.n})`, path: () => `/api/people/households?orgId=${community.id}&page=1&pageSize=20` },
    { name: '居民按姓氏 (residents by surname)', path: (i) => `/api/people/residents?q=${encodeURIComponent(surnames[i % surnames.length])}&page=1&pageSize=20` },
    { name: '居民按身份证号 (resident by ID number)', path: (i) => `/api/people/residents?q=${idNumbers[i % idNumbers.length]}` },
  ];

  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const results: EndpointResult[] = [];
  for (const e of endpoints) {
    const times: number[] = [];
    let errors = 0;
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const t = performance.now();
      const res = await fetch(base + e.path(i), { headers: { cookie } });
      const body = await res.text();
      const ms = performance.now() - t;
      if (res.status !== 200) {
        errors++;
        if (errors === 1) process.stderr.write(`  ${e.name}: HTTP ${res.status} ${body.slice(0, 200)}\n`);
      }
      if (i >= WARMUP) times.push(ms);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10;
    results.push({ name: e.name, path: e.path(0), requests: REQUESTS, errors, p50: q(0.5), p95: q(0.95), max: q(1) });
  }
  clearInterval(sampler);
  emitResult({ endpoints: results, rssBeforeMb: Math.round(rssBefore / 2 ** 20), rssPeakMb: Math.round(rssPeak / 2 ** 20) } satisfies EndpointsResult);
} finally {
  await app.close();
  await database.close();
}
