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
 * `npm run bench:statement`: a self-run compound's statement page on PostgreSQL, in a fresh schema.
 * Generates in SQL the city's 762 self-run compounds, two years of public-account entries each
 * (30 a month) and their monthly statements, and one large compound with ten years of 200 entries
 * a month. Then, through the API in process, times 60 calls each of the public statements page
 * (GET /api/public/compounds/:id/statements) and the console's ledger page with its running
 * balance (GET /api/selfrun/compounds/:id/ledger) for the large compound. Fails when a p95 is
 * 100 ms or more.
 */
const { values: args } = parseArgs({
  options: { compounds: { type: 'string', default: '762' }, keep: { type: 'boolean', default: false } },
});
const COMPOUNDS = Number(args.compounds);
const CALLS = 60;
const LIMIT_MS = 100;
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_statement_${Date.now()}`;
const PASSWORD = 'Bench@2026';
const out = (s: string) => process.stdout.write(s + '\n');

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const database = await openDatabase({ databaseUrl: url, schema });
let failed = false;

async function step(name: string, sqlText: string) {
  const t0 = performance.now();
  await database.rawTransaction((tx) => tx.exec(sqlText));
  out(`${name.padEnd(56)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
}

// Entries: `months` months back from 2026-10, `per` a month; category and amount vary with n.
const entriesSql = (where: string, months: number, per: number) => `
  INSERT INTO selfrun_ledger_entry (compound_id, org_path, county_code, seq, kind, category, amount_fen, day, summary, created_by_name, created_as)
    SELECT g.id, g.path, '141102', row_number() OVER (PARTITION BY g.id ORDER BY m, k),
           CASE WHEN k % 3 = 0 THEN 'expense' ELSE 'income' END,
           CASE WHEN k % 3 = 0 THEN (ARRAY['wages','repair','material','other_expense'])[1 + k % 4] ELSE (ARRAY['parking','parcel_locker','advert','property_fee','crowdfunding'])[1 + k % 5] END,
           1000 + (k * 7919) % 90000, (date '2026-10-01' - (m || ' months')::interval + ((k % 28) || ' days')::interval)::date, '收支' || k, '记账员', 'staff'
    FROM org_unit g, generate_series(0, ${months - 1}) m, generate_series(1, ${per}) k WHERE ${where}`;

try {
  await migrate(database);
  await step(`org tree: ${COMPOUNDS} self-run compounds`, `
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code) VALUES (1000000, NULL, 'city', 'b141100', '吕梁市', '1000000.', 0, '141100');
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code) VALUES (1000001, 1000000, 'county', 'b141102', '离石区', '1000000.1000001.', 1, '141102');
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code) VALUES (1100001, 1000001, 'street', 'b141102s1', '街道', '1000000.1000001.1100001.', 2, '141102');
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code)
      SELECT 1200000 + n, 1100001, 'community', 'b141102c' || n, '社区' || n, '1000000.1000001.1100001.' || (1200000 + n) || '.', 3, '141102' FROM generate_series(1, 100) n;
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code, grid_type)
      SELECT 1300000 + g, c.id, 'grid', 'b141102g' || g, '小区' || g, c.path || (1300000 + g) || '.', 4, '141102', 'enclosed'
      FROM generate_series(1, ${COMPOUNDS}) g JOIN org_unit c ON c.id = 1200000 + 1 + (g - 1) % 100;
    INSERT INTO compound_profile (compound_id, org_path, county_code, mode, mode_since)
      SELECT id, path, '141102', 'self_run', '2016-01-01' FROM org_unit WHERE kind = 'grid' AND id > 1300000;`);
  await step('two years of 30 entries a month in each compound', entriesSql('g.kind = \'grid\' AND g.id > 1300001', 24, 30));
  await step('ten years of 200 entries a month in the large one', entriesSql('g.id = 1300001', 120, 200));
  await step('monthly statements', `
    INSERT INTO selfrun_statement (compound_id, org_path, county_code, month, opening_fen, income_fen, expense_fen, closing_fen, by_category, entries, fee_households, households, closed_by_name)
      SELECT e.compound_id, min(e.org_path), '141102', to_char(e.day, 'YYYY-MM'), 0,
             sum(e.amount_fen) FILTER (WHERE e.kind = 'income'), sum(e.amount_fen) FILTER (WHERE e.kind = 'expense'),
             sum(CASE e.kind WHEN 'income' THEN e.amount_fen ELSE -e.amount_fen END), '[]', count(*), 0, 0, '记账员'
      FROM selfrun_ledger_entry e GROUP BY e.compound_id, to_char(e.day, 'YYYY-MM');`);
  await admin.query(`SET search_path TO ${schema}`);
  await admin.query('VACUUM (ANALYZE) selfrun_ledger_entry, selfrun_statement, org_unit, compound_profile');

  const { db } = database;
  await db.insertInto('account').values({
    username: 'bench_secretary', password_hash: await hashPassword(PASSWORD), display_name: '社区书记', role: 'community_secretary',
    scope_org_id: 1200001, scope_path: '1000000.1000001.1100001.1200001.', county_code: '141102',
  }).execute();
  const app = await buildApp({ database, cipher: new PiiCipher(randomBytes(32)), config: loadConfig({ LINLI_DATA_DIR: '/tmp/linli-bench-unused' } as NodeJS.ProcessEnv) }, { rateLimitPerMinute: 1_000_000 });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench_secretary', password: PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
  const headers = { cookie: `linli_session=${login.cookies.find((c) => c.name === 'linli_session')!.value}`, 'x-csrf-token': login.json().csrfToken as string };
  for (const [name, path] of [
    ['public statements page (large compound)', '/api/public/compounds/1300001/statements'],
    ['ledger page with running balance (large compound)', '/api/selfrun/compounds/1300001/ledger?pageSize=50'],
    ['ledger of one month (large compound)', '/api/selfrun/compounds/1300001/ledger?month=2026-09&pageSize=50'],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: path, headers });
      times.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    }
    times.sort((a, b) => a - b);
    const p95 = times[Math.ceil(CALLS * 0.95) - 1]!;
    out(`${name.padEnd(56)} p95 ${p95.toFixed(1).padStart(6)} ms${p95 >= LIMIT_MS ? '   ✗ over 100 ms' : ''}`);
    if (p95 >= LIMIT_MS) failed = true;
  }
  await app.close();
} finally {
  await database.close();
  if (!args.keep) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  else out(`kept schema ${schema}`);
  await admin.end();
}
process.exit(failed ? 1 : 0);
