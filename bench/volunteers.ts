import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { hashPassword } from '../server/platform/auth/password.js';
import { openDatabase } from '../server/platform/db/connect.js';
import { migrate } from '../server/platform/db/migrate.js';
import { PiiCipher } from '../server/platform/pii/cipher.js';

/**
 * `npm run bench:volunteers`: 志愿吕梁 at city scale on PostgreSQL, in a fresh schema. Generates in
 * SQL a city of 13 counties × 12 streets × 12 communities, 2,748 volunteer organisations and
 * projects, 380,000 volunteers, 250,000 activities over two years and 5,000,000 confirmed hour
 * entries (20 volunteers an activity), with each volunteer's and activity's totals. Then, through
 * the API in process: a volunteer's hours and stars (GET /api/volunteers/me, 50 volunteers) and a
 * county's overview (GET /api/volunteers/overview as the county admin). Prints p50/p95 and fails
 * when a p95 is 100 ms or more.
 */
const { values: args } = parseArgs({
  options: {
    volunteers: { type: 'string', default: '380000' },
    activities: { type: 'string', default: '250000' },
    perActivity: { type: 'string', default: '20' },
    calls: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
  },
});
const VOLUNTEERS = Number(args.volunteers);
const ACTIVITIES = Number(args.activities);
const PER_ACTIVITY = Number(args.perActivity);
const CALLS = Number(args.calls);
const COUNTIES = 13;
const STREETS = 12;
const COMMUNITIES = 12;
const ORGS = 2748;
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_volunteers_${Date.now()}`;
const PASSWORD = 'Bench@2026';
const out = (s: string) => process.stdout.write(s + '\n');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0) * 10) / 10;
};

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const database = await openDatabase({ databaseUrl: url, schema });
let failed = false;

async function step(name: string, sqlText: string) {
  const t0 = performance.now();
  await database.rawTransaction((tx) => tx.exec(sqlText));
  out(`${name.padEnd(52)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
}

try {
  await migrate(database);
  const communities = COUNTIES * STREETS * COMMUNITIES;
  // Ids from 1,000,000 up: clear of anything a migration may have put in the tree.
  await step('org tree', `
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code) VALUES (1000000, NULL, 'city', 'b141100', '吕梁市', '1000000.', 0, '141100');
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code)
      SELECT 1000000 + c, 1000000, 'county', 'b1411' || lpad(c::text, 2, '0'), '县' || c, '1000000.' || (1000000 + c) || '.', 1, '1411' || lpad(c::text, 2, '0')
      FROM generate_series(1, ${COUNTIES}) c;
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code)
      SELECT 1100000 + c * 100 + s, 1000000 + c, 'street', 'b1411' || lpad(c::text, 2, '0') || lpad(s::text, 3, '0'), '街道' || c || '-' || s,
             '1000000.' || (1000000 + c) || '.' || (1100000 + c * 100 + s) || '.', 2, '1411' || lpad(c::text, 2, '0')
      FROM generate_series(1, ${COUNTIES}) c, generate_series(1, ${STREETS}) s;
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code)
      SELECT 1200000 + n, st.id, 'community', 'b' || st.code || lpad(k::text, 3, '0'), st.name || '社区' || k, st.path || (1200000 + n) || '.', 3, st.county_code
      FROM (SELECT id, code, name, path, county_code, row_number() OVER (ORDER BY id) - 1 AS i FROM org_unit WHERE kind = 'street' AND id >= 1100000) st,
           generate_series(1, ${COMMUNITIES}) k, LATERAL (SELECT st.i * ${COMMUNITIES} + k AS n) x;`);
  // community number n (1..communities) is org_unit 1200000 + n.
  await step(`${ORGS} organisations and projects`, `
    INSERT INTO volunteer_org (id, org_id, org_path, county_code, name, kind, contact_name)
      SELECT o, u.id, u.path, u.county_code, '志愿服务队' || o, 'community_team', '队长'
      FROM generate_series(1, ${ORGS}) o JOIN org_unit u ON u.id = 1200000 + 1 + (o - 1) % ${communities};
    INSERT INTO volunteer_project (id, volunteer_org_id, org_path, county_code, name)
      SELECT id, id, org_path, county_code, '助老送餐' FROM volunteer_org;`);
  await step(`${VOLUNTEERS.toLocaleString()} volunteers`, `
    INSERT INTO volunteer (id, org_id, org_path, county_code, name, phone_mask)
      SELECT v, u.id, u.path, u.county_code, '志愿者' || v, '138****' || lpad((v % 10000)::text, 4, '0')
      FROM generate_series(1, ${VOLUNTEERS}) v JOIN org_unit u ON u.id = 1200000 + 1 + (v - 1) % ${communities};
    INSERT INTO volunteer_membership (volunteer_id, volunteer_org_id)
      SELECT v.id, 1 + (v.org_id - 1200001) % ${ORGS} FROM volunteer v;`);
  await step(`${ACTIVITIES.toLocaleString()} activities over two years`, `
    INSERT INTO volunteer_activity (id, project_id, volunteer_org_id, place_id, org_path, county_code, title, starts_at, ends_at, capacity, signed_up, status, confirmed_at)
      SELECT a, o.id, o.id, o.org_id, o.org_path, o.county_code, '活动' || a,
             now() - (a % 730) * interval '1 day' - interval '2 hours', now() - (a % 730) * interval '1 day' + interval '1 hour', ${PER_ACTIVITY}, ${PER_ACTIVITY},
             'confirmed', now() - (a % 730) * interval '1 day' + interval '2 hours'
      FROM generate_series(1, ${ACTIVITIES}) a JOIN volunteer_org o ON o.id = 1 + (a - 1) % ${ORGS};`);
  // Volunteers of the activity's own community: community c holds volunteers c, c + communities, c + 2·communities, …
  const perCommunity = Math.floor(VOLUNTEERS / communities);
  if (perCommunity < PER_ACTIVITY) throw new Error(`${PER_ACTIVITY} volunteers an activity need at least as many per community (${perCommunity})`);
  await step(`${(ACTIVITIES * PER_ACTIVITY).toLocaleString()} hour entries`, `
    INSERT INTO volunteer_hour_entry (volunteer_id, activity_id, kind, basis, hours, occurred_on, org_path, county_code, created_at)
      SELECT (a.place_id - 1200000) + ${communities} * ((k + a.id) % ${perCommunity}), a.id, 'confirm', 'scan', 3,
             (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date, a.org_path, a.county_code, a.confirmed_at
      FROM volunteer_activity a, generate_series(0, ${PER_ACTIVITY - 1}) k;`);
  await step('totals of volunteers and activities', `
    UPDATE volunteer v SET total_hours = s.h FROM (SELECT volunteer_id, sum(hours) AS h FROM volunteer_hour_entry GROUP BY volunteer_id) s WHERE s.volunteer_id = v.id;
    UPDATE volunteer_activity SET hours_total = 3 * ${PER_ACTIVITY};
    SELECT setval(pg_get_serial_sequence('volunteer', 'id'), (SELECT max(id) FROM volunteer));
    SELECT setval(pg_get_serial_sequence('volunteer_activity', 'id'), (SELECT max(id) FROM volunteer_activity));
    SELECT setval(pg_get_serial_sequence('volunteer_org', 'id'), (SELECT max(id) FROM volunteer_org));
    SELECT setval(pg_get_serial_sequence('volunteer_project', 'id'), (SELECT max(id) FROM volunteer_project));`);
  const t0 = performance.now();
  await admin.query(`SET search_path TO ${schema}`);
  // Fresh statistics and a visibility map (so counts answer from the indexes alone).
  await admin.query('VACUUM (ANALYZE) volunteer, volunteer_activity, volunteer_hour_entry, volunteer_org, volunteer_membership, org_unit');
  out(`${'vacuum analyze'.padEnd(52)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);

  // Accounts: the first county's admin, and 50 volunteers' own.
  const { db } = database;
  const hash = await hashPassword(PASSWORD);
  const county = await db.selectFrom('org_unit').select(['id', 'path', 'county_code']).where('id', '=', 1000001).executeTakeFirstOrThrow();
  await db.insertInto('account').values({ username: 'bench_county', password_hash: hash, display_name: '区级', role: 'county_admin', scope_org_id: county.id, scope_path: county.path, county_code: county.county_code }).execute();
  const picked = await db.selectFrom('volunteer').select(['id', 'org_id', 'org_path', 'county_code']).where('id', '<=', VOLUNTEERS).orderBy(({ fn }) => fn('random', [])).limit(50).execute();
  for (const v of picked) {
    const { id } = await db.insertInto('account').values({ username: `bench_vol_${v.id}`, password_hash: hash, display_name: `志愿者${v.id}`, role: 'resident', scope_org_id: v.org_id, scope_path: v.org_path, county_code: v.county_code })
      .returning('id').executeTakeFirstOrThrow();
    await db.updateTable('volunteer').set({ account_id: id }).where('id', '=', v.id).execute();
  }

  const app = await buildApp({ database, cipher: new PiiCipher(randomBytes(32)), config: loadConfig({ LINLI_DATA_DIR: '/tmp/linli-bench-unused' } as NodeJS.ProcessEnv) }, { rateLimitPerMinute: 1_000_000 });
  await app.ready();
  let ip = 0;
  const login = async (username: string) => {
    const remoteAddress = `10.7.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD }, remoteAddress });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return { cookie: `linli_session=${res.cookies.find((c) => c.name === 'linli_session')!.value}`, remoteAddress };
  };
  const time = async (s: { cookie: string; remoteAddress: string }, path: string) => {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: path, headers: { cookie: s.cookie }, remoteAddress: s.remoteAddress });
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    return { ms, body: res.json() };
  };
  const report = (name: string, times: number[]) => {
    const p95 = pct(times, 0.95);
    out(`${name.padEnd(52)} p50 ${String(pct(times, 0.5)).padStart(6)} ms   p95 ${String(p95).padStart(6)} ms   (${times.length} calls)${p95 >= 100 ? '   ✗ over 100 ms' : ''}`);
    if (p95 >= 100) failed = true;
  };

  const vols = [];
  for (const v of picked) vols.push(await login(`bench_vol_${v.id}`));
  const countyAdmin = await login('bench_county');
  // Warm-up: the first calls pay for plans and caches.
  for (const s of vols) await time(s, '/api/volunteers/me');
  for (let i = 0; i < 10; i++) await time(countyAdmin, '/api/volunteers/overview');

  const me: number[] = [];
  let sample: { hours: number; stars: number; entries: unknown[] } | undefined;
  for (let i = 0; i < CALLS; i++) {
    const r = await time(vols[i % vols.length]!, '/api/volunteers/me');
    me.push(r.ms);
    sample ??= r.body;
  }
  report("a volunteer's hours and stars (GET /volunteers/me)", me);
  out(`  e.g. ${sample!.hours} hours, ${sample!.stars} stars, ${sample!.entries.length} recent entries`);
  const ov: number[] = [];
  let overview: { volunteers: number; hours: number; activities: number } | undefined;
  for (let i = 0; i < Math.max(20, Math.floor(CALLS / 4)); i++) {
    const r = await time(countyAdmin, '/api/volunteers/overview');
    ov.push(r.ms);
    overview ??= r.body;
  }
  report("a county's overview (GET /volunteers/overview)", ov);
  out(`  ${overview!.volunteers.toLocaleString()} volunteers, ${overview!.hours.toLocaleString()} hours, ${overview!.activities.toLocaleString()} activities in the county`);
  await app.close();
} finally {
  await database.close();
  if (!args.keep) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  else out(`kept schema ${schema}`);
  await admin.end();
}
process.exit(failed ? 1 : 0);
