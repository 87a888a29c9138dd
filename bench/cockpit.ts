import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/platform/db/connect.js';
import { migrate } from '../server/platform/db/migrate.js';
import { PiiCipher } from '../server/platform/pii/cipher.js';
import { addMonths, chinaMonth, chinaMonthStart } from '../server/platform/clock.js';
import { INDICATORS } from '../server/modules/indicator-registry.js';
import { rebuildDemandRollup } from '../server/modules/demands/demand-rates.repository.js';
import { refreshCurrent, snapshotMonth } from '../server/modules/stats/snapshots.service.js';
import { restoreIndexes, setAsideIndexes } from '../server/seed/bulk-load.js';
import { seed } from '../server/seed/seed.js';
import { seedCobuildProjectsDemo } from '../server/seed/cobuild-projects-demo.js';

/**
 * `npm run bench:cockpit [-- --scale small] [--keep] [--reuse <schema>]`: the cockpit at
 * Lüliang's size on PostgreSQL (issue 17). In a fresh schema: the city seed (2.05 million
 * residents, 713,000 households, the party tree and staff), one million demands over twelve
 * months, ten million points entries, and the new modules at the article's size (380,000
 * volunteers in 2,748 organisations, 32,000 in-service members reported, 1,956 co-building
 * projects). Then it times (a) the month's snapshot of every indicator for every unit, (b) the
 * count of the month under way that the cockpit reads, and (c) the cockpit page for the whole
 * city and for each county, and its twelve-month trend, over HTTP. See bench/README.md.
 */
const TARGETS = { snapshotSeconds: 60, cockpitP95Ms: 200 };

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'city' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    requests: { type: 'string', default: '100' },
  },
  strict: false,
});
if (args.scale !== 'city' && args.scale !== 'small') throw new Error('--scale must be city or small');
const city = args.scale === 'city';
const SIZE = city
  ? { demands: 1_000_000, entries: 10_000_000, volunteers: 380_000, organisations: 2_748, reports: 32_000 }
  : { demands: 20_000, entries: 200_000, volunteers: 4_000, organisations: 30, reports: 500 };
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const reuse = typeof args.reuse === 'string' ? args.reuse : null;
const schema = reuse ?? `bench_cockpit_${Date.now()}`;
const REQUESTS = Number(args.requests) || 100;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const out = (s: string) => process.stdout.write(`${s}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
};
const seconds = async (work: () => Promise<unknown>) => {
  const t = performance.now();
  await work();
  return (performance.now() - t) / 1000;
};

const admin = new pg.Client({ connectionString: url });
await admin.connect();
if (!reuse) await admin.query(`CREATE SCHEMA ${schema}`);
const database = await openDatabase({ databaseUrl: url, schema });
const { db } = database;
const cipher = new PiiCipher(randomBytes(32));
const now = new Date();
const month = chinaMonth(now);
const MONTHS = Array.from({ length: 12 }, (_, k) => addMonths(month, k - 11));

/** Everything the cockpit counts, at the article's size. */
async function load() {
  await migrate(database);
  out(`seeding the city (${args.scale})…`);
  const seeded = await seed(database, cipher, { scale: city ? 'city' : 'demo' });
  out(`    ${fmt(seeded.totalRows)} rows in ${(seeded.elapsedMs / 1000).toFixed(0)} s`);

  // The seed dates the registers from 1 January three years back: the city stands in every month counted.
  out(`${fmt(SIZE.demands)} demands over twelve months, spread over every grid (COPY; the rollup rebuilt once)…`);
  const grids = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('kind', '=', 'grid').execute();
  const states = ['closed', 'closed', 'closed', 'resolved', 'accepted', 'submitted', 'escalated'];
  const yearMs = 365 * 86400_000;
  function* demands() {
    for (let i = 0; i < SIZE.demands; i++) {
      const g = grids[(i * 7919) % grids.length]!;
      const created = new Date(now.getTime() - ((i * 104_729) % yearMs));
      const state = states[i % states.length]!;
      const closed = state === 'closed' ? new Date(created.getTime() + 36 * 3600_000) : null;
      yield [g.id, g.path, g.county_code, i % 4 ? 'resident' : 'walk_in', 'environment', '批量诉求', state, i % 5 === 0 ? 'spot' : 'community',
        new Date(created.getTime() + 5 * 86400_000), created, i % 3 ? created : null, state === 'resolved' || closed ? created : null,
        closed, closed ? (i % 10 === 0 ? 'unsatisfied' : 'satisfied') : null];
    }
  }
  const t1 = performance.now();
  await admin.query(`ALTER TABLE ${schema}.demand DISABLE TRIGGER demand_daily_stat_track`);
  await database.copyRows('demand', ['org_id', 'org_path', 'county_code', 'channel', 'category_code', 'description', 'state', 'tier',
    'due_at', 'created_at', 'responded_at', 'resolved_at', 'closed_at', 'rating'], demands());
  await admin.query(`ALTER TABLE ${schema}.demand ENABLE TRIGGER demand_daily_stat_track`);
  await rebuildDemandRollup(db);
  // One escalation (吹哨) for each escalated demand.
  await sql`INSERT INTO demand_event (demand_id, at, action, org_path, county_code)
    SELECT id, created_at + interval '2 hours', 'escalate', org_path, county_code FROM demand WHERE state = 'escalated'`.execute(db);
  out(`    ${((performance.now() - t1) / 1000).toFixed(0)} s`);

  out(`${fmt(SIZE.entries)} points entries over twelve months, every household (INSERT … SELECT, indexes set aside)…`);
  const t2 = performance.now();
  const aside = await setAsideIndexes(database, ['points_entry']);
  await sql`CREATE UNLOGGED TABLE bench_hh AS
    SELECT row_number() OVER (ORDER BY id) AS n, id, org_path, county_code, split_part(org_path, '.', 4)::int AS community_id FROM household`.execute(db);
  const households = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM bench_hh`.execute(db)).rows[0]!.n);
  const perMonth = Math.ceil(SIZE.entries / MONTHS.length);
  for (const [k, m] of MONTHS.entries()) {
    // A month's entries: deeds, base points, volunteering and redemptions, in the month's China days.
    await sql`INSERT INTO points_entry (community_id, seq, org_path, county_code, holder_kind, holder_id, amount, kind, month, note, created_at, prev_hash, hash)
      SELECT h.community_id, 100000000 + g, h.org_path, h.county_code, 'household', h.id,
        CASE g % 10 WHEN 6 THEN 10 WHEN 7 THEN 3 WHEN 8 THEN -8 WHEN 9 THEN -5 ELSE 5 END,
        CASE g % 10 WHEN 6 THEN 'base' WHEN 7 THEN 'volunteer' WHEN 8 THEN 'redeem' WHEN 9 THEN 'redeem' ELSE 'deed' END,
        ${m}, '', ${chinaMonthStart(m)}::timestamptz + ((g % 27) || ' days')::interval, md5((g - 1)::text), md5(g::text)
      FROM generate_series(${k * perMonth + 1}::bigint, ${Math.min(SIZE.entries, (k + 1) * perMonth)}::bigint) g
      JOIN bench_hh h ON h.n = (g % ${households}) + 1`.execute(db);
  }
  await restoreIndexes(database, aside);
  out(`    ${((performance.now() - t2) / 1000).toFixed(0)} s`);

  out(`volunteers (${fmt(SIZE.volunteers)} in ${fmt(SIZE.organisations)} organisations), ${fmt(SIZE.reports)} in-service members reported, co-building projects…`);
  const t3 = performance.now();
  await sql`CREATE UNLOGGED TABLE bench_communities AS
    SELECT row_number() OVER (ORDER BY id) AS n, id, path, county_code FROM org_unit WHERE kind = 'community'`.execute(db);
  const communities = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM bench_communities`.execute(db)).rows[0]!.n);
  await sql`INSERT INTO volunteer_org (org_id, org_path, county_code, name, kind, contact_name)
    SELECT c.id, c.path, c.county_code, '志愿服务队' || g, 'community_team', '队长'
    FROM generate_series(1, ${SIZE.organisations}) g JOIN bench_communities c ON c.n = (g % ${communities}) + 1`.execute(db);
  await sql`INSERT INTO volunteer (resident_id, org_id, org_path, county_code, name, created_at)
    SELECT r.id, c.id, c.path, c.county_code, r.name, ${now}::timestamptz - interval '60 days'
    FROM (SELECT id, name, org_path FROM resident x WHERE NOT EXISTS (SELECT 1 FROM volunteer v WHERE v.resident_id = x.id) ORDER BY id LIMIT ${SIZE.volunteers}) r
    JOIN bench_communities c ON c.id = split_part(r.org_path, '.', 4)::int`.execute(db);
  await sql`INSERT INTO member_report (party_member_id, resident_id, community_id, org_path, county_code, year, work_unit_name, status, submitted_at, decided_at)
    SELECT m.id, m.resident_id, split_part(m.org_path, '.', 4)::int, m.org_path, m.county_code, ${Number(month.slice(0, 4))}, '市直单位', 'confirmed',
      ${now}::timestamptz - interval '20 days', ${now}::timestamptz - interval '19 days'
    FROM (SELECT * FROM party_member x WHERE x.left_at IS NULL AND NOT EXISTS (SELECT 1 FROM member_report r WHERE r.party_member_id = x.id)
      ORDER BY id LIMIT ${SIZE.reports}) m`.execute(db);
  if (city) await seedCobuildProjectsDemo(db, now); // the demo seed already holds them
  await sql`DROP TABLE bench_hh, bench_communities`.execute(db);
  out(`    ${((performance.now() - t3) / 1000).toFixed(0)} s`);
  await admin.query(`VACUUM ANALYZE ${['demand', 'demand_event', 'demand_daily_stat', 'points_entry', 'volunteer', 'volunteer_org', 'member_report', 'cobuild_project'].map((t) => `${schema}.${t}`).join(', ')}`);
}

let app: Awaited<ReturnType<typeof buildApp>> | undefined;
try {
  if (!reuse) await load();
  else await migrate(database); // a schema kept by an earlier run gets the migrations added since
  const counts = await sql<{ residents: string; demands: string; entries: string }>`
    SELECT (SELECT count(*) FROM resident) AS residents, (SELECT count(*) FROM demand) AS demands, (SELECT count(*) FROM points_entry) AS entries`.execute(db);
  const c = counts.rows[0]!;
  out(`city: ${fmt(Number(c.residents))} residents, ${fmt(Number(c.demands))} demands, ${fmt(Number(c.entries))} points entries; ${INDICATORS.length} indicators`);

  // (a) the month's snapshot of every indicator for every unit (last month, as of its end).
  const last = addMonths(month, -1);
  await db.deleteFrom('indicator_snapshot').where('month', '=', last).execute();
  // The month before it, untimed: a city running for a while has every past month filed, so
  // last month's page compares with a snapshot rather than counting that month's flows again.
  await db.transaction().execute((trx) => snapshotMonth(trx, addMonths(last, -1)));
  const snapshotS = await seconds(() => db.transaction().execute((trx) => snapshotMonth(trx, last)));
  const filed = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM indicator_snapshot WHERE month = ${last}`.execute(db)).rows[0]!.n);
  // (b) the month under way, as the timer counts it every few minutes.
  const refreshS = await seconds(() => db.transaction().execute((trx) => refreshCurrent(trx, new Date())));

  // (c) the cockpit over HTTP, as city_admin: the city and each county in turn, and the trend.
  app = await buildApp({ database, cipher, config: loadConfig() }, { rateLimitPerMinute: 10_000_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'city_admin', password: 'Linli@2026' }) });
  if (!login.ok) throw new Error(`login: HTTP ${login.status}`);
  const cookie = login.headers.getSetCookie().map((x) => x.split(';')[0]).join('; ');
  const cityUnit = await db.selectFrom('org_unit').select('id').where('kind', '=', 'city').executeTakeFirstOrThrow();
  const counties = await db.selectFrom('org_unit').select('id').where('kind', '=', 'county').where('dissolved_at', 'is', null).execute();
  const timed = async (path: string) => {
    const t = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return performance.now() - t;
  };
  const cityTimes: number[] = [];
  const countyTimes: number[] = [];
  const trendTimes: number[] = [];
  for (let i = 0; i < 5; i++) await timed(`/api/stats/cockpit?orgId=${cityUnit.id}`); // warm-up
  for (let i = 0; i < REQUESTS; i++) {
    cityTimes.push(await timed(`/api/stats/cockpit?orgId=${cityUnit.id}`));
    countyTimes.push(await timed(`/api/stats/cockpit?orgId=${counties[i % counties.length]!.id}`));
    trendTimes.push(await timed(`/api/stats/trend?orgId=${counties[i % counties.length]!.id}&key=people.residents&months=12`));
  }
  const pastTimes: number[] = [];
  for (let i = 0; i < REQUESTS; i++) pastTimes.push(await timed(`/api/stats/cockpit?orgId=${i % 2 ? cityUnit.id : counties[i % counties.length]!.id}&month=${last}`));

  const row = (metric: string, value: string, target: string, met?: boolean) =>
    out(`${metric.padEnd(44)}${value.padEnd(34)}${target.padEnd(14)}${met === undefined ? '' : met ? 'met' : 'NOT MET'}`);
  out('');
  out(`${'metric'.padEnd(44)}${'value'.padEnd(34)}${'target'.padEnd(14)}met`);
  row(`(a) month's snapshot, every unit`, `${snapshotS.toFixed(1)} s, ${fmt(filed)} figures`, `< ${TARGETS.snapshotSeconds} s`, snapshotS < TARGETS.snapshotSeconds);
  row(`(b) count of the month under way`, `${refreshS.toFixed(1)} s`, `< ${TARGETS.snapshotSeconds} s`, refreshS < TARGETS.snapshotSeconds);
  row(`(c) cockpit, whole city`, `p50 ${pct(cityTimes, 0.5)} / p95 ${pct(cityTimes, 0.95)} ms`, `p95 < ${TARGETS.cockpitP95Ms} ms`, pct(cityTimes, 0.95) < TARGETS.cockpitP95Ms);
  row(`    cockpit, each county in turn`, `p50 ${pct(countyTimes, 0.5)} / p95 ${pct(countyTimes, 0.95)} ms`, `p95 < ${TARGETS.cockpitP95Ms} ms`, pct(countyTimes, 0.95) < TARGETS.cockpitP95Ms);
  row(`    last month (snapshot), city and counties`, `p50 ${pct(pastTimes, 0.5)} / p95 ${pct(pastTimes, 0.95)} ms`, `p95 < ${TARGETS.cockpitP95Ms} ms`, pct(pastTimes, 0.95) < TARGETS.cockpitP95Ms);
  row(`    a county's 12-month trend`, `p50 ${pct(trendTimes, 0.5)} / p95 ${pct(trendTimes, 0.95)} ms`, `p95 < ${TARGETS.cockpitP95Ms} ms`, pct(trendTimes, 0.95) < TARGETS.cockpitP95Ms);
  const missed = snapshotS >= TARGETS.snapshotSeconds || refreshS >= TARGETS.snapshotSeconds
    || [cityTimes, countyTimes, pastTimes, trendTimes].some((x) => pct(x, 0.95) >= TARGETS.cockpitP95Ms);
  // Exit codes (bench/README.md): 0 every target met, 1 a target missed, 2 the bench failed.
  if (missed) process.exitCode = 1;
} catch (e) {
  console.error(e);
  process.exitCode = 2;
} finally {
  await app?.close();
  await database.close();
  if (args.keep || reuse) out(`kept schema ${schema}`);
  else await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
