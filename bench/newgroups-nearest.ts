import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../server/platform/db/connect.js';
import { migrate } from '../server/platform/db/migrate.js';
import { nearestOpen } from '../server/modules/newgroups/service-points.repository.js';
import { Rng } from '../server/seed/prng.js';

/**
 * The rider's nearest-open query (issue 16) over 5,000 service points across the city's 13
 * counties on PostgreSQL: p95 must stay under 50 ms. Builds its own database (BENCH_DATABASE_URL's
 * server, database linli_bench_nearest), so nothing else is touched.
 */
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = 'linli_bench_nearest';
const POINTS = 5_000;
const RUNS = 500;
const log = (s: string) => process.stderr.write(`${s}\n`);

const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${name}`);
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();
const url = new URL(server);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString() });
const { db } = database;
await migrate(database);

// City → 13 counties; points spread over Lüliang's box (36.7–38.7 N, 110.4–112.3 E), each in the county of its column.
const city = await db.insertInto('org_unit').values({ parent_id: null, kind: 'city', code: '141100', name: '吕梁市', path: 'tmp', depth: 0, county_code: '141100' }).returning('id').executeTakeFirstOrThrow();
await db.updateTable('org_unit').set({ path: `${city.id}.` }).where('id', '=', city.id).execute();
const counties: { id: number; path: string; code: string }[] = [];
for (let i = 0; i < 13; i++) {
  const code = `1411${String(i + 2).padStart(2, '0')}`;
  const c = await db.insertInto('org_unit').values({ parent_id: city.id, kind: 'county', code, name: `县${i}`, path: 'tmp', depth: 1, county_code: code }).returning('id').executeTakeFirstOrThrow();
  const path = `${city.id}.${c.id}.`;
  await db.updateTable('org_unit').set({ path }).where('id', '=', c.id).execute();
  counties.push({ id: c.id, path, code });
}
const rng = new Rng(5000);
const kinds = ['driver_home', 'warm_station', 'party_centre', 'union_station', 'caring_merchant'] as const;
for (let start = 0; start < POINTS; start += 500) {
  const rows = Array.from({ length: 500 }, (_, k) => {
    const lng = 110.4 + rng.next() * 1.9;
    const c = counties[Math.min(12, Math.floor(((lng - 110.4) / 1.9) * 13))]!;
    return { org_id: c.id, org_path: c.path, county_code: c.code, name: `站点${start + k}`, kind: kinds[(start + k) % 5]!, lat: 36.7 + rng.next() * 2, lng, services: ['water'] };
  });
  const ids = await db.insertInto('gig_service_point').values(rows).returning('id').execute();
  // Most open 08:00–20:00 every day, one in five round the clock.
  await db.insertInto('gig_service_point_hours').values(ids.flatMap((r, k) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => (
    (start + k) % 5 === 0 ? { point_id: r.id, weekday, open_min: 0, close_min: 1440 } : { point_id: r.id, weekday, open_min: 480, close_min: 1200 })))).execute();
}
await sql`ANALYZE`.execute(db);

const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const lng = 110.45 + rng.next() * 1.8;
  const c = counties[Math.min(12, Math.floor(((lng - 110.4) / 1.9) * 13))]!;
  // Half the runs at night, when only the round-the-clock points are open and the box must grow.
  const minute = i % 2 ? 720 : 1380;
  const t0 = performance.now();
  await nearestOpen(db, c.code, 36.75 + rng.next() * 1.9, lng, 1 + (i % 7), minute, 10);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
log(`nearest open service points: ${POINTS} points, ${RUNS} queries — p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms (target p95 < 50 ms)`);
await database.close();
if (Number(p(0.95)) >= 50) process.exit(1);
