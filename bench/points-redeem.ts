import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { appendForHolder, verifyLedger } from '../server/modules/points/points-ledger.repository.js';
import { redeem, storeDeps } from '../server/modules/store/store-orders.service.js';
import { hashPassword } from '../server/platform/auth/password.js';
import { systemClock } from '../server/platform/clock.js';
import { openDatabase } from '../server/platform/db/connect.js';
import { migrate } from '../server/platform/db/migrate.js';
import type { Actor } from '../server/platform/http/request-context.js';
import { PiiCipher } from '../server/platform/pii/cipher.js';
import { seed } from '../server/seed/seed.js';

/**
 * `npm run bench:points` (second half): points-supermarket redemptions on PostgreSQL, in a fresh
 * schema with the demo city. N households redeem a few hot items at once:
 * (a) through the API (POST /api/store/my/orders, one client per household),
 * (b) through the service directly (no HTTP, no session lookup),
 * (c) the same, spread over several communities (each community's ledger chain is its own lock),
 * (d) N households racing for the last item: exactly one may win.
 * Prints redemptions/s and p50/p99; checks that no balance or stock went below zero and that
 * the ledger verifies.
 */
const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '32' },
    orders: { type: 'string', default: '20' },
    items: { type: 'string', default: '3' },
    communities: { type: 'string', default: '8' },
    keep: { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(args.clients);
const PER_CLIENT = Number(args.orders);
const HOT = Number(args.items);
const SPREAD = Number(args.communities);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_redeem_${Date.now()}`;
const PASSWORD = 'Bench@2026';

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const database = await openDatabase({ databaseUrl: url, schema });
const cipher = new PiiCipher(randomBytes(32));
const out = (s: string) => process.stdout.write(s + '\n');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0) * 10) / 10;
};
const line = (name: string, n: number, ms: number, times: number[], errors: Record<string, number>) =>
  out(`${name.padEnd(44)} ${(n / (ms / 1000)).toFixed(0).padStart(6)} /s   p50 ${String(pct(times, 0.5)).padStart(6)} ms   p99 ${String(pct(times, 0.99)).padStart(6)} ms   ${JSON.stringify(errors)}`);

try {
  await migrate(database);
  await seed(database, cipher, { scale: 'demo' });
  const { db } = database;
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date();

  /** Households of a community, each with an account, 100,000 points, and an always-open store with `HOT` items of deep stock. */
  async function prepare(communityPath: string, n: number) {
    const c = await db.selectFrom('org_unit').select(['id', 'path', 'county_code', 'name']).where('path', '=', communityPath).executeTakeFirstOrThrow();
    const store = await db.insertInto('store').values({
      community_id: c.id, org_id: c.id, org_path: c.path, county_code: c.county_code, name: `${c.name}压测超市`, kind: 'community_centre', always_open: true, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const items: number[] = [];
    for (let i = 0; i < HOT; i++) {
      items.push((await db.insertInto('store_item').values({
        store_id: store.id, org_path: c.path, county_code: c.county_code, name: `热门物品${i + 1}`, kind: 'goods', cost: 2 + i, stock: 1_000_000, per_order_limit: 5, created_at: now,
      }).returning('id').executeTakeFirstOrThrow()).id);
    }
    const residents = await db.selectFrom('resident as r').innerJoin('household as h', 'h.id', 'r.household_id')
      .select(['r.id as resident_id', 'h.id as household_id', 'h.org_path', 'h.county_code'])
      .where('h.org_path', 'like', `${c.path}%`).where('r.relation', '=', 'head').orderBy('h.id').limit(n).execute();
    const actors: Actor[] = [];
    for (const r of residents) {
      const username = `bench_${r.household_id}`;
      const acc = await db.insertInto('account').values({
        username, password_hash: passwordHash, display_name: username, role: 'resident', scope_org_id: c.id, scope_path: r.org_path,
        county_code: r.county_code, resident_id: r.resident_id,
      }).returning('id').executeTakeFirstOrThrow();
      await db.transaction().execute((trx) => appendForHolder(trx, { kind: 'household', id: r.household_id }, [{ amount: 100_000, kind: 'deed', note: '压测' }], now));
      actors.push({ accountId: acc.id, username, displayName: username, role: 'resident', ip: '127.0.0.1' });
    }
    return { community: c, storeId: store.id, items, actors };
  }

  const binhe = await db.selectFrom('org_unit').select(['path']).where('kind', '=', 'street').where('code', 'like', '141102001%').executeTakeFirstOrThrow();
  const communities = await db.selectFrom('org_unit').select('path').where('kind', '=', 'community').where('path', 'like', `${binhe.path}%`).orderBy('id').execute();
  const lishi = await db.selectFrom('org_unit').select('path').where('code', '=', '141102').executeTakeFirstOrThrow();
  const more = await db.selectFrom('org_unit').select('path').where('kind', '=', 'community').where('path', 'like', `${lishi.path}%`).orderBy('id').limit(SPREAD).execute();
  const hot = await prepare(communities[0]!.path, CLIENTS);
  out(`${hot.actors.length} households of ${hot.community.name}, ${HOT} hot items; ${PER_CLIENT} redemptions each`);

  const app = await buildApp({ database, cipher, config: loadConfig() }, { rateLimitPerMinute: 10_000_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Each client signs in from its own address: sign-in is limited to 20 a minute per address.
  const sessions = await Promise.all(hot.actors.map(async (a, k) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${k >> 8}.${k & 255}` },
      body: JSON.stringify({ username: a.username, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${a.username}: HTTP ${res.status}`);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrfToken };
  }));

  out('\nrun                                          rate          p50                p99              refusals');
  // (a) through the API
  {
    const times: number[] = [];
    const errors: Record<string, number> = {};
    const start = performance.now();
    await Promise.all(sessions.map(async (s, k) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const t = performance.now();
        const res = await fetch(`${base}/api/store/my/orders`, {
          method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrfToken },
          body: JSON.stringify({ itemId: hot.items[(k + i) % hot.items.length], quantity: 1 }),
        });
        const body = (await res.json()) as { code?: string };
        if (res.status !== 200) errors[body.code ?? res.status] = (errors[body.code ?? res.status] ?? 0) + 1;
        times.push(performance.now() - t);
      }
    }));
    line(`(a) API, ${CLIENTS} clients, 1 community`, CLIENTS * PER_CLIENT, performance.now() - start, times, errors);
  }

  const deps = storeDeps({ database, cipher, config: loadConfig(), clock: systemClock });
  async function direct(name: string, runs: { actors: Actor[]; items: number[] }[]) {
    const times: number[] = [];
    const errors: Record<string, number> = {};
    const start = performance.now();
    let n = 0;
    await Promise.all(runs.flatMap((r) => r.actors.map(async (a, k) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const t = performance.now();
        try {
          await redeem(deps, a, { itemId: r.items[(k + i) % r.items.length]!, quantity: 1 });
        } catch (e) {
          const code = (e as { code?: string }).code ?? 'ERROR';
          errors[code] = (errors[code] ?? 0) + 1;
        }
        n++;
        times.push(performance.now() - t);
      }
    })));
    line(name, n, performance.now() - start, times, errors);
  }
  // (b) the service, no HTTP
  await direct(`(b) service, ${CLIENTS} clients, 1 community`, [hot]);
  // (c) spread over communities: each has its own chain head, so they do not queue on one lock
  const perCommunity = Math.max(1, Math.floor(CLIENTS / SPREAD));
  const spread = [];
  for (const c of more.filter((m) => m.path !== hot.community.path).slice(0, SPREAD)) spread.push(await prepare(c.path, perCommunity));
  await direct(`(c) service, ${spread.reduce((s, r) => s + r.actors.length, 0)} clients, ${spread.length} communities`, spread);

  // (d) the last item
  {
    const last = await db.insertInto('store_item').values({
      store_id: hot.storeId, org_path: hot.community.path, county_code: hot.community.county_code, name: '最后一台电饭煲', kind: 'goods', cost: 200, stock: 1, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const results = await Promise.allSettled(hot.actors.map((a) => redeem(deps, a, { itemId: last.id, quantity: 1 })));
    const won = results.filter((r) => r.status === 'fulfilled').length;
    const stock = (await db.selectFrom('store_item').select('stock').where('id', '=', last.id).executeTakeFirstOrThrow()).stock;
    out(`(d) ${hot.actors.length} households, 1 last item: ${won} succeeded, stock now ${stock}${won === 1 && stock === 0 ? '' : '   WRONG'}`);
  }
  await app.close();

  const negBalance = await db.selectFrom('points_balance').select('holder_id').where('balance', '<', 0).execute();
  const negStock = await db.selectFrom('store_item').select('id').where('stock', '<', 0).execute();
  const report = await verifyLedger(db);
  out(`\nbalances below zero: ${negBalance.length}   stock below zero: ${negStock.length}   ledger: ${report.ok ? 'verifies' : 'BROKEN'} (${report.entries} entries)`);
  if (negBalance.length || negStock.length || !report.ok) process.exitCode = 1;
} finally {
  await database.close();
  if (args.keep) out(`kept schema ${schema}`);
  else await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
