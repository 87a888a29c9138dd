import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../server/platform/db/connect.js';
import { migrate } from '../server/platform/db/migrate.js';
import type { Actor } from '../server/platform/http/request-context.js';
import { Scope } from '../server/platform/scope.js';
import { ChainWriter, ENTRY_COPY_COLUMNS, finishBulkLoad } from '../server/modules/points/points-bulk.repository.js';
import { closeMonth } from '../server/modules/points/points-months.service.js';
import { restoreIndexes, setAsideIndexes } from '../server/seed/bulk-load.js';
import { Rng, seedOf } from '../server/seed/prng.js';

/**
 * `npm run bench:points` (or `npx tsx bench/points-close.ts [--scale small] [--keep]`): on PostgreSQL, in a fresh schema, a city
 * of 700,000 households in 245 communities with 10 million hash-chained ledger entries over twelve
 * months (streamed with COPY), then the month close (一月一评、一月一示) of every community through
 * the real service function `closeMonth`, three at a time (`--concurrency`): total seconds (target < 60 s) and
 * the process's RSS before, at its sampled peak and after (target: peak no more than 100 MB
 * above the start — the close streams nothing through Node). See bench/README.md.
 */
const TARGETS = { closeSeconds: 60, rssGrowthMb: 100 };

const { values: args } = parseArgs({
  // BENCH_POINTS_SCALE: `npm run bench:points` chains this with the redemption bench, and npm
  // hands `-- args` to the last command only.
  options: {
    scale: { type: 'string', default: process.env.BENCH_POINTS_SCALE ?? 'city' },
    keep: { type: 'boolean', default: false },
    // Measure again on a schema a previous `--keep` run left (skips the load; close another month).
    reuse: { type: 'string' },
    month: { type: 'string', default: '2026-10' },
    // Closes running at once: at month end every community's points group closes its own month.
    concurrency: { type: 'string', default: '3' },
  },
  strict: false,
});
if (args.scale !== 'city' && args.scale !== 'small') throw new Error('--scale must be city or small');
const SIZE = args.scale === 'city'
  ? { communities: 245, households: 700_000, entries: 10_000_000 }
  : { communities: 10, households: 7_000, entries: 100_000 };
const MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
const CLOSE = String(args.month);
const reuse = typeof args.reuse === 'string' ? args.reuse : null;
const CONCURRENCY = Math.max(1, Number(args.concurrency) || 1);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = reuse ?? `bench_points_${Date.now()}`;
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

if (!reuse) await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
const database = await openDatabase({ databaseUrl: url, schema });
const { db } = database;

interface Community { id: number; path: string; county: string; households: [number, number]; units: { id: number; path: string; name: string; building: string }[] }

/** Builds the city and its ledger: org tree, households with heads, chained entries, balances. */
async function load() {
  const t0 = performance.now();
  log(`建库：${schema}，${fmt(SIZE.communities)} 个社区，${fmt(SIZE.households)} 户，${fmt(SIZE.entries)} 条积分记录`);

  // ---- the org tree: city → 13 counties → 2 streets each → communities → buildings → units
  const org: unknown[][] = [];
  let nextId = 1;
  const unit = (parent: { id: number; path: string; depth: number } | null, kind: string, name: string, county: string) => {
    const id = nextId++;
    const row = { id, path: `${parent?.path ?? ''}${id}.`, depth: parent ? parent.depth + 1 : 0 };
    org.push([id, parent?.id ?? null, kind, `B${id}`, name, row.path, row.depth, county]);
    return row;
  };
  const city = unit(null, 'city', '吕梁市', '141100');
  const streets = Array.from({ length: 13 }, (_, i) => {
    const code = `1411${String(i + 1).padStart(2, '0')}`;
    const county = unit(city, 'county', `县${i + 1}`, code);
    return [unit(county, 'street', `街道${i + 1}-1`, code), unit(county, 'street', `街道${i + 1}-2`, code)].map((s) => ({ ...s, code }));
  }).flat();
  const perCommunity = Math.floor(SIZE.households / SIZE.communities);
  const communities: Community[] = [];
  let hh = 0;
  for (let c = 0; c < SIZE.communities; c++) {
    const st = streets[c % streets.length]!;
    const cm = unit(st, 'community', `社区${c + 1}`, st.code);
    const n = c === SIZE.communities - 1 ? SIZE.households - hh : perCommunity;
    const unitsPer = Math.ceil(n / 24);
    const units: Community['units'] = [];
    for (let b = 0; b < Math.ceil(unitsPer / 2); b++) {
      const building = unit(cm, 'building', `${b + 1}号楼`, st.code);
      for (let u = 0; u < 2 && units.length < unitsPer; u++) {
        const un = unit(building, 'unit', `${u + 1}单元`, st.code);
        units.push({ id: un.id, path: un.path, name: `${u + 1}单元`, building: `${b + 1}号楼` });
      }
    }
    communities.push({ id: cm.id, path: cm.path, county: st.code, households: [hh + 1, hh + n], units });
    hh += n;
  }
  await database.copyRows('org_unit', ['id', 'parent_id', 'kind', 'code', 'name', 'path', 'depth', 'county_code'], org);
  org.length = 0;

  const aside = await setAsideIndexes(database, ['household', 'resident', 'points_entry', 'points_balance']);
  // ---- households and a head of each (the notice's masked name), streamed
  const unitOf = (c: Community, h: number) => c.units[Math.floor((h - c.households[0]) / 24)]!;
  await database.copyRows('household', ['id', 'unit_id', 'org_path', 'county_code', 'room', 'address', 'kind'], (function* () {
    for (const c of communities) {
      for (let h = c.households[0]; h <= c.households[1]; h++) {
        const u = unitOf(c, h);
        const room = `${1 + Math.floor(((h - c.households[0]) % 24) / 2)}0${1 + (h % 2)}`;
        yield [h, u.id, u.path, c.county, room, `${u.building}${u.name}${room}`, 'residence'];
      }
    }
  })());
  const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
  await database.copyRows('resident', ['id', 'household_id', 'org_path', 'county_code', 'name', 'gender', 'birth_date', 'relation', 'id_number_enc', 'id_number_hash', 'id_number_mask'], (function* () {
    for (const c of communities) {
      for (let h = c.households[0]; h <= c.households[1]; h++) {
        yield [h, h, unitOf(c, h).path, c.county, `${surnames[h % surnames.length]}建${'华国明'[h % 3]}`, 'male', '1970-01-01', 'head', 'x', `h${h}`, '141102**********00'];
      }
    }
  })());
  log(`组织与住户已写入（${((performance.now() - t0) / 1000).toFixed(0)} 秒）`);

  // ---- ledger entries: per community in time order, chained, streamed to COPY
  const items = await db.selectFrom('points_rule_item').select(['id', 'code', 'points', 'direction']).where('community_id', 'is', null).execute();
  const positive = items.filter((i) => i.direction === 'positive');
  const negative = items.filter((i) => i.direction === 'negative');
  const chains: ChainWriter[] = [];
  let entryId = 0;
  let lastLog = performance.now();
  // Entries in proportion to households; the last community takes the rounding, so the total is exact.
  const totals = new Map<number, number>();
  let planned = 0;
  for (const [i, c] of communities.entries()) {
    const n = i === communities.length - 1 ? SIZE.entries - planned : Math.round((SIZE.entries * (c.households[1] - c.households[0] + 1)) / SIZE.households);
    totals.set(c.id, n);
    planned += n;
  }
  await database.copyRows('points_entry', ENTRY_COPY_COLUMNS, (function* () {
    for (const c of communities) {
      const rng = new Rng(seedOf('bench-points', c.id));
      const chain = new ChainWriter(c.id, c.county);
      chains.push(chain);
      const n = c.households[1] - c.households[0] + 1;
      const total = totals.get(c.id)!;
      const perMonth = Math.floor((total - n) / MONTHS.length);
      const pathOf = (h: number) => unitOf(c, h).path;
      for (let h = c.households[0]; h <= c.households[1]; h++) {
        yield chain.row(++entryId, { holderKind: 'household', holderId: h, orgPath: pathOf(h), amount: 100, kind: 'base', month: MONTHS[0]!, note: '基础分', at: new Date(`${MONTHS[0]}-01T09:00:00+08:00`) });
      }
      for (let m = 0; m < MONTHS.length; m++) {
        const count = m === MONTHS.length - 1 ? total - n - perMonth * (MONTHS.length - 1) : perMonth;
        const start = Date.parse(`${MONTHS[m]}-01T08:00:00+08:00`);
        const step = (27 * 86400_000) / Math.max(1, count);
        for (let i = 0; i < count; i++) {
          const h = c.households[0] + rng.int(0, n - 1);
          const x = rng.next();
          const item = x < 0.9 ? rng.pick(positive) : rng.pick(negative);
          const redeem = x > 0.97;
          yield chain.row(++entryId, {
            holderKind: 'household', holderId: h, orgPath: pathOf(h), month: MONTHS[m]!, at: new Date(start + i * step),
            ...(redeem ? { amount: -rng.int(2, 20), kind: 'redeem' as const, note: '积分兑换' }
              : { amount: item.direction === 'positive' ? item.points : -item.points, kind: item.direction === 'positive' ? 'deed' as const : 'penalty' as const, ruleItemId: item.id }),
          });
          if (entryId % 500_000 === 0 && performance.now() - lastLog > 5000) {
            lastLog = performance.now();
            log(`  积分记录 ${fmt(entryId)} / ${fmt(SIZE.entries)}，RSS ${mb(process.memoryUsage().rss)} MB`);
          }
        }
      }
    }
  })());
  log(`积分记录已写入 ${fmt(entryId)} 条（${((performance.now() - t0) / 1000).toFixed(0)} 秒），重建索引…`);
  await finishBulkLoad(db, chains);
  await restoreIndexes(database, aside);
  const acct = await db.insertInto('account').values({
    username: 'bench_admin', password_hash: 'x', display_name: '基准测试', role: 'city_admin', scope_org_id: city.id, scope_path: city.path, county_code: '141100',
  }).returning('id').executeTakeFirstOrThrow();
  await sql.raw('ANALYZE').execute(db);
  await admin((c) => c.query('CHECKPOINT')).catch(() => {});
  const loadSeconds = (performance.now() - t0) / 1000;
  const [{ n: entries }] = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM points_entry`.execute(db)).rows as [{ n: number }];
  log(`准备完成：${fmt(entries)} 条积分记录，用时 ${loadSeconds.toFixed(0)} 秒`);

  return { city, communities, acct, entries, loadSeconds };
}

/** A schema a previous run kept: its communities, households and entries as they are. */
async function existing() {
  const city = await db.selectFrom('org_unit').select(['id', 'path', 'depth']).where('kind', '=', 'city').executeTakeFirstOrThrow();
  const communities = (await db.selectFrom('org_unit').select(['id', 'path']).where('kind', '=', 'community').orderBy('id').execute())
    .map((c) => ({ id: c.id, path: c.path, county: '', households: [0, 0] as [number, number], units: [] }));
  const acct = await db.selectFrom('account').select('id').where('username', '=', 'bench_admin').executeTakeFirstOrThrow();
  const [{ n: entries }] = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM points_entry`.execute(db)).rows as [{ n: number }];
  const [{ n: households }] = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM household`.execute(db)).rows as [{ n: number }];
  SIZE.households = households;
  SIZE.communities = communities.length;
  return { city, communities, acct, entries, loadSeconds: 0 };
}


try {
  if (!reuse) await migrate(database);
  const loaded = reuse ? await existing() : await load();
  const { city, communities, acct, entries, loadSeconds } = loaded;

  // ---- the measured part: close the month for every community through the service
  const actor: Actor = { accountId: acct.id, username: 'bench_admin', displayName: '基准测试', role: 'city_admin', ip: '127.0.0.1' };
  const scope = new Scope(city.id, city.path, '141100');
  const clock = { now: () => new Date('2026-11-03T09:00:00+08:00') };
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const perClose: number[] = [];
  const started = performance.now();
  const queue = [...communities];
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const t = performance.now();
      const m = await closeMonth({ db, clock }, actor, scope, { communityId: c.id, month: CLOSE });
      if (m.status !== 'closed') throw new Error(`社区 ${c.id} 未能结账：${m.status}`);
      perClose.push(performance.now() - t);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
  }));
  const closeSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rssAfter = process.memoryUsage().rss;
  const [{ n: noticeRows }] = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM points_notice_row WHERE month = ${CLOSE}`.execute(db)).rows as [{ n: number }];
  // Closing again is the idempotent path: every community returns unchanged.
  const again = performance.now();
  for (const c of communities.slice(0, 10)) await closeMonth({ db, clock }, actor, scope, { communityId: c.id, month: CLOSE });
  const againMs = (performance.now() - again) / Math.min(10, communities.length);

  const sorted = [...perClose].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const growth = mb(rssPeak - rssBefore);
  console.log(`\n积分月度结账基准（${args.scale === 'city' ? '全市规模' : '小规模'}，PostgreSQL ${url.replace(/\/\/[^@]*@/, '//')}，模式 ${schema}）`);
  console.log(`  数据：${fmt(SIZE.communities)} 个社区，${fmt(SIZE.households)} 户，${fmt(entries)} 条积分记录（准备用时 ${loadSeconds.toFixed(0)} 秒，不计入）`);
  console.log(`  结账 ${CLOSE}：${communities.length} 个社区调用 closeMonth（同时 ${CONCURRENCY} 个），共 ${closeSeconds.toFixed(1)} 秒`);
  console.log(`    每个社区 p50 ${p(0.5).toFixed(0)} ms，p95 ${p(0.95).toFixed(0)} ms，最长 ${sorted[sorted.length - 1]!.toFixed(0)} ms；公示行 ${fmt(noticeRows)}`);
  console.log(`    重复结账（原样返回）平均 ${againMs.toFixed(1)} ms`);
  console.log(`  RSS：开始 ${mb(rssBefore)} MB，峰值 ${mb(rssPeak)} MB，结束 ${mb(rssAfter)} MB（增长 ${growth} MB）`);
  const rows: [string, string, string, boolean][] = [
    ['close every community', `${closeSeconds.toFixed(1)} s`, `< ${TARGETS.closeSeconds} s`, closeSeconds < TARGETS.closeSeconds],
    ['RSS growth during close', `${growth} MB`, `< ${TARGETS.rssGrowthMb} MB`, growth < TARGETS.rssGrowthMb],
    ['notice rows = households', fmt(noticeRows), fmt(SIZE.households), noticeRows === SIZE.households],
  ];
  console.log('\n  指标                       结果           目标');
  for (const [what, got, target, ok] of rows) console.log(`  ${ok ? '✓' : '✗'} ${what.padEnd(26)} ${got.padEnd(14)} ${target}`);
  process.exitCode = rows.every((r) => r[3]) ? 0 : 1;
} catch (e) {
  console.error(e);
  process.exitCode = 2;
} finally {
  await database.close();
  if (!args.keep) await admin((c) => c.query(`DROP SCHEMA ${schema} CASCADE`)).catch((e) => log(`删除模式失败：${(e as Error).message}`));
  else log(`保留模式 ${schema}`);
}
