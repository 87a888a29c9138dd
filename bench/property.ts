import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { previousQuarter, quarterOfDay, quarterSpan } from '../server/modules/property/credit-formulas.js';
import { hashPassword } from '../server/platform/auth/password.js';
import { chinaDay } from '../server/platform/clock.js';
import { openDatabase } from '../server/platform/db/connect.js';
import { migrate } from '../server/platform/db/migrate.js';
import { PiiCipher } from '../server/platform/pii/cipher.js';

/**
 * `npm run bench:property`: scoring a quarter of 物业信用评价 at city scale on PostgreSQL, in a
 * fresh schema. Generates in SQL one county holding the whole city's 577 property companies and
 * their contracts with 2,427 compounds (20 streets × 10 communities), 200 households a compound,
 * 1,000,000 demands over the last four quarters (half of them 物业服务), the three party ratings
 * and ten survey votes a compound and three monthly meetings. Then, through the API in process as
 * the county admin: publishes a scheme and scores the last quarter (POST
 * /api/property/credit/quarters/:quarter/score), twice (the second replaces the first). Fails
 * when a scoring takes 10 s or more.
 */
const { values: args } = parseArgs({
  options: {
    companies: { type: 'string', default: '577' },
    compounds: { type: 'string', default: '2427' },
    demands: { type: 'string', default: '1000000' },
    households: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
  },
});
const COMPANIES = Number(args.companies);
const COMPOUNDS = Number(args.compounds);
const DEMANDS = Number(args.demands);
const PER_COMPOUND = Number(args.households);
const STREETS = 20;
const COMMUNITIES = 10;
const LIMIT_MS = 10_000;
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_property_${Date.now()}`;
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

try {
  await migrate(database);
  const quarter = previousQuarter(quarterOfDay(chinaDay(new Date())));
  const span = quarterSpan(quarter);
  // Four quarters of demands ending with the scored one.
  const from = new Date(span.from.getTime() - 273 * 86_400_000).toISOString();
  const to = span.to.toISOString();
  const communities = STREETS * COMMUNITIES;
  // Ids from 1,000,000 up: clear of anything a migration may have put in the tree.
  await step('org tree: 20 streets, 200 communities, compounds', `
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code) VALUES (1000000, NULL, 'city', 'b141100', '吕梁市', '1000000.', 0, '141100');
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code) VALUES (1000001, 1000000, 'county', 'b141102', '离石区', '1000000.1000001.', 1, '141102');
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code)
      SELECT 1100000 + s, 1000001, 'street', 'b141102s' || s, '街道' || s, '1000000.1000001.' || (1100000 + s) || '.', 2, '141102' FROM generate_series(1, ${STREETS}) s;
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code)
      SELECT 1200000 + n, 1100000 + 1 + (n - 1) / ${COMMUNITIES}, 'community', 'b141102c' || n, '社区' || n,
             '1000000.1000001.' || (1100000 + 1 + (n - 1) / ${COMMUNITIES}) || '.' || (1200000 + n) || '.', 3, '141102'
      FROM generate_series(1, ${communities}) n;
    INSERT INTO org_unit (id, parent_id, kind, code, name, path, depth, county_code, grid_type)
      SELECT 1300000 + g, c.id, 'grid', 'b141102g' || g, '小区' || g, c.path || (1300000 + g) || '.', 4, '141102', 'enclosed'
      FROM generate_series(1, ${COMPOUNDS}) g JOIN org_unit c ON c.id = 1200000 + 1 + (g - 1) % ${communities};`);
  await step(`${COMPANIES} companies, ${COMPOUNDS.toLocaleString()} contracts`, `
    INSERT INTO property_company (id, org_id, org_path, county_code, name, credit_code, contact_name)
      SELECT k, 1000001, '1000000.1000001.', '141102', '物业公司' || k, '91141102MA' || lpad(k::text, 7, '0') || '1', '经理' FROM generate_series(1, ${COMPANIES}) k;
    INSERT INTO property_contract (company_id, compound_id, org_path, county_code, starts_on, ends_on, fee_per_m2, service_level)
      SELECT 1 + (g.id - 1300001) % ${COMPANIES}, g.id, g.path, '141102', '2025-01-01', '2028-12-31', 1.2, '2' FROM org_unit g WHERE g.kind = 'grid' AND g.id > 1300000;
    SELECT setval(pg_get_serial_sequence('property_company', 'id'), ${COMPANIES});`);
  await step(`${(COMPOUNDS * PER_COMPOUND).toLocaleString()} households`, `
    INSERT INTO household (unit_id, org_path, county_code, room, address)
      SELECT g.id, g.path, '141102', h::text, g.name || h FROM org_unit g, generate_series(1, ${PER_COMPOUND}) h WHERE g.kind = 'grid' AND g.id > 1300000;`);
  await admin.query(`ALTER TABLE ${schema}.demand DISABLE TRIGGER demand_daily_stat_track`);
  await step(`${DEMANDS.toLocaleString()} demands over four quarters`, `
    INSERT INTO demand (org_id, org_path, county_code, channel, category_code, description, due_at, created_at, state, resolved_at, rating, overdue_at)
      SELECT g.id, g.path, '141102', 'resident', CASE WHEN d % 2 = 0 THEN 'property' ELSE 'environment' END, '诉求' || d,
             t + interval '5 days', t, CASE WHEN d % 5 = 0 THEN 'submitted' ELSE 'closed' END, CASE WHEN d % 5 = 0 THEN NULL ELSE t + interval '2 days' END,
             CASE WHEN d % 5 = 0 THEN NULL WHEN d % 7 = 0 THEN 'unsatisfied' ELSE 'satisfied' END, CASE WHEN d % 11 = 0 THEN t + interval '5 days' END
      FROM generate_series(1, ${DEMANDS}) d
      JOIN org_unit g ON g.id = 1300000 + 1 + (d::bigint * 7919) % ${COMPOUNDS}
      CROSS JOIN LATERAL (SELECT '${from}'::timestamptz + (d % 10000) * ('${to}'::timestamptz - '${from}'::timestamptz) / 10000 AS t) x;`);
  await admin.query(`ALTER TABLE ${schema}.demand ENABLE TRIGGER demand_daily_stat_track`);
  await step('ratings, survey votes and meetings', `
    INSERT INTO account (id, username, password_hash, display_name, role, scope_org_id, scope_path, county_code)
      VALUES (1000000, 'bench_rater', 'x', '评价人', 'street_admin', 1000001, '1000000.1000001.', '141102');
    INSERT INTO property_rating (compound_id, org_path, county_code, quarter, rater_kind, company_id, score, branch_secretary, rated_by, rated_at)
      SELECT k.compound_id, k.org_path, '141102', '${quarter}', r, k.company_id, 60 + (k.compound_id + length(r)) % 40, CASE WHEN r = 'compound' THEN '书记' END, 1000000, '${to}'::timestamptz - interval '5 days'
      FROM property_contract k, unnest(ARRAY['street', 'community', 'compound']) r;
    INSERT INTO property_survey_vote (household_id, compound_id, org_path, county_code, quarter, company_id, stars, created_at)
      SELECT h.id, k.compound_id, k.org_path, '141102', '${quarter}', k.company_id, 1 + h.id % 5, '${to}'::timestamptz - interval '5 days'
      FROM property_contract k JOIN household h ON h.unit_id = k.compound_id WHERE h.id % ${Math.max(1, Math.floor(PER_COMPOUND / 10))} = 0;
    INSERT INTO property_meeting (compound_id, org_path, county_code, month, status, held_at, company_id, company_present)
      SELECT k.compound_id, k.org_path, '141102', m, 'held', '${span.from.toISOString()}'::timestamptz + interval '10 days', k.company_id, (k.compound_id + length(m)) % 3 <> 0
      FROM property_contract k, unnest(ARRAY['${span.months.join("','")}']) m;`);
  const t0 = performance.now();
  await admin.query(`SET search_path TO ${schema}`);
  await admin.query('VACUUM (ANALYZE) demand, household, org_unit, property_contract, property_rating, property_survey_vote, property_meeting');
  out(`${'vacuum analyze'.padEnd(56)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);

  const { db } = database;
  await db.insertInto('account').values({
    username: 'bench_county', password_hash: await hashPassword(PASSWORD), display_name: '区级', role: 'county_admin',
    scope_org_id: 1000001, scope_path: '1000000.1000001.', county_code: '141102',
  }).execute();
  const app = await buildApp({ database, cipher: new PiiCipher(randomBytes(32)), config: loadConfig({ LINLI_DATA_DIR: '/tmp/linli-bench-unused' } as NodeJS.ProcessEnv) }, { rateLimitPerMinute: 1_000_000 });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench_county', password: PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
  const headers = { cookie: `linli_session=${login.cookies.find((c) => c.name === 'linli_session')!.value}`, 'x-csrf-token': login.json().csrfToken as string };
  const call = async (method: 'GET' | 'POST', path: string, payload?: object) => {
    const res = await app.inject({ method, url: path, headers, payload });
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  await call('POST', '/api/property/credit/schemes', {
    name: '吕梁市物业服务企业信用评价办法', redTopN: 30, redThreshold: 90, blackThreshold: 60,
    indicators: [
      { name: '街道', source: 'street_rating', weight: 25 }, { name: '社区', source: 'community_rating', weight: 20 }, { name: '支部', source: 'compound_rating', weight: 10 },
      { name: '满意度', source: 'satisfaction_survey', weight: 10 }, { name: '千户诉求', source: 'property_demands_per_1000', weight: 10 },
      { name: '办结率', source: 'resolution_rate', weight: 10 }, { name: '满意率', source: 'satisfaction_rate', weight: 5 }, { name: '超期', source: 'overdue_count', weight: 5 },
      { name: '例会', source: 'meeting_attendance', weight: 5 },
    ],
  });
  for (const run of ['first scoring', 'rescoring (replaces)']) {
    const t1 = performance.now();
    const r = await call('POST', `/api/property/credit/quarters/${quarter}/score`) as { compounds: number; companies: number };
    const ms = performance.now() - t1;
    out(`${`${run} of ${quarter}: ${r.companies} companies, ${r.compounds.toLocaleString()} compounds`.padEnd(56)} ${(ms / 1000).toFixed(2).padStart(6)} s${ms >= LIMIT_MS ? '   ✗ over 10 s' : ''}`);
    if (ms >= LIMIT_MS || r.compounds !== COMPOUNDS || r.companies !== COMPANIES) failed = true;
  }
  const detail = await call('GET', `/api/property/credit/quarters/${quarter}`) as { red: number; black: number };
  out(`  red list ${detail.red}, black list ${detail.black}`);
  await app.close();
} finally {
  await database.close();
  if (!args.keep) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  else out(`kept schema ${schema}`);
  await admin.end();
}
process.exit(failed ? 1 : 0);
