import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { FastifyBaseLogger } from 'fastify';
import { ImportRunner } from '../server/modules/org/import/run-import.service.js';
import { openDatabase } from '../server/platform/db/connect.js';
import { migrate } from '../server/platform/db/migrate.js';
import type { Actor } from '../server/platform/http/request-context.js';
import { PiiCipher } from '../server/platform/pii/cipher.js';
import { idNumberCheckChar } from '../server/platform/pii/id-number.js';
import { Scope } from '../server/platform/scope.js';

/**
 * `npm run bench:import`: on PostgreSQL (TEST_DATABASE_URL, else DATABASE_URL, else the local
 * test database), in a fresh schema: (a) a CSV of 100,000 residents imported through the import
 * service exactly as an upload is (parse in its own process, validate every row, look up
 * duplicates by ID-number hash, encrypt ID numbers and phones, write in batches in one
 * transaction), timed from start to the job's "done"; then (b) the very rows it wrote — residents
 * and their residence_history rows — taken out with COPY TO before the clock starts, COPYed in one
 * transaction into copies of both tables with the same columns, indexes, unique constraints and
 * foreign keys. Ratio = import residents/s ÷ COPY residents/s; target ≥ 0.3.
 */
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    keep: { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const TARGET = 0.3;
const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_import_${Date.now()}`;

const BUILDINGS = Math.ceil(ROWS / 200); // 4 units × 10 rooms × ~5 people
const SURNAMES = '王李张刘郭杨高赵武贾任薛白冯郝田韩梁马孙';
const GIVEN = '伟丽强敏静磊军燕杰涛娟霞芳建国华明红英秀兰玉梅志平文';

function idNumber(i: number) {
  // Distinct for every i < 3,650,000: birth date from i % 3650 days, sequence from the rest.
  const d = new Date(Date.UTC(1950, 0, 1) + (i % 3650) * 86_400_000 * 7);
  const birth = d.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `141102${birth}${String(Math.floor(i / 3650)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const database = await openDatabase({ databaseUrl: url, schema });
const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
await client.connect();
let failed = false;
try {
  await migrate(database);
  const db = database.db;
  // A county with one street, community and grid, and enough buildings, units and households.
  const ins = async (parent: { id: number; path: string } | null, kind: 'city' | 'county' | 'street' | 'community' | 'grid', code: string, name: string) => {
    const { id } = await db.insertInto('org_unit').values({
      parent_id: parent?.id ?? null, kind, code, name, path: 'tmp', depth: parent ? parent.path.split('.').length - 1 : 0,
      county_code: '141102', grid_type: kind === 'grid' ? 'enclosed' : null,
    }).returning('id').executeTakeFirstOrThrow();
    const path = `${parent?.path ?? ''}${id}.`;
    await db.updateTable('org_unit').set({ path }).where('id', '=', id).execute();
    return { id, path };
  };
  const city = await ins(null, 'city', '141100', '吕梁市');
  const county = await ins(city, 'county', '141102', '离石区');
  const street = await ins(county, 'street', '141102001', '滨河街道');
  const community = await ins(street, 'community', '141102001001', '龙凤社区');
  const grid = await ins(community, 'grid', '10000014110200100101', '龙凤网格');
  await client.query(`
    INSERT INTO org_unit (parent_id, kind, code, name, path, depth, county_code)
    SELECT $1, 'building', lpad(n::text, 6, '0'), n || '号楼', 'tmp-b' || n, 5, '141102' FROM generate_series(1, $2) n`,
  [grid.id, BUILDINGS]);
  await client.query(`UPDATE org_unit SET path = $1 || id || '.' WHERE kind = 'building'`, [grid.path]);
  await client.query(`
    INSERT INTO org_unit (parent_id, kind, code, name, path, depth, county_code)
    SELECT b.id, 'unit', b.code || lpad(s::text, 2, '0'), s || '单元', 'tmp-u' || b.id || '-' || s, 6, '141102'
    FROM org_unit b, generate_series(1, 4) s WHERE b.kind = 'building'`);
  await client.query(`UPDATE org_unit o SET path = b.path || o.id || '.' FROM org_unit b WHERE b.id = o.parent_id AND o.kind = 'unit'`);
  await client.query(`
    INSERT INTO household (unit_id, org_path, county_code, room, address)
    SELECT u.id, u.path, '141102', r::text, u.name || r FROM org_unit u, generate_series(101, 110) r WHERE u.kind = 'unit'`);
  const { rows: [acct] } = await client.query<{ id: number }>(`
    INSERT INTO account (username, password_hash, display_name, role, scope_org_id, scope_path, county_code)
    VALUES ('bench_import', 'x', 'bench', 'county_admin', $1, $2, '141102') RETURNING id`, [county.id, county.path]);

  // The upload: one CSV, made before the clock starts.
  const lines = ['楼栋编码,单元,房号,新建住户,姓名,身份证号,与户主关系,手机号'];
  for (let i = 0; i < ROWS; i++) {
    const b = 1 + Math.floor(i / 200);
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 ? GIVEN[(i * 13) % GIVEN.length] : '');
    lines.push(`${String(b).padStart(6, '0')},${1 + (Math.floor(i / 50) % 4)},${101 + (Math.floor(i / 5) % 10)},,${name},${idNumber(i)},` +
      `${i % 5 === 0 ? '户主' : '其他成员'},${i % 7 ? `13${String(100_000_000 + i).slice(-9)}` : ''}`);
  }
  const file = Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n');
  console.log(`import bench: ${ROWS.toLocaleString()} residents, CSV ${(file.length / 1e6).toFixed(1)} MB, schema ${schema}`);

  const runner = new ImportRunner(database, console as unknown as FastifyBaseLogger, new PiiCipher(randomBytes(32)));
  const actor: Actor = { accountId: acct.id, username: 'bench_import', displayName: 'bench', role: 'county_admin', ip: '127.0.0.1' };
  const scope = new Scope(county.id, county.path, '141102');
  await client.query('CHECKPOINT').catch(() => {});
  const started = performance.now();
  const jobId = await runner.start(actor, scope, 'residents', 'bench.csv', file);
  let job;
  let writeFrom = 0;
  for (;;) {
    job = await runner.describe(actor, scope, jobId);
    if (job.status === 'importing' && !writeFrom) writeFrom = performance.now();
    if (job.status === 'done' || job.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const importMs = performance.now() - started;
  await runner.close();
  if (job.status !== 'done') throw new Error(`import failed: ${job.message} ${JSON.stringify(job.errors.slice(0, 3))}`);
  const { rows: [{ n }] } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM resident');
  if (n !== ROWS) throw new Error(`expected ${ROWS} residents, found ${n}`);

  // The yardstick: the same rows the import wrote — the residents and their residence_history
  // rows — taken out before the clock starts and COPYed into copies of both tables with the same
  // columns, indexes, unique constraints and foreign keys (LIKE … INCLUDING ALL copies all but
  // the foreign keys, which are added from the originals' definitions), so the database checks
  // on the raw side what it checks for the import.
  const takeOut = async (table: string) => {
    const chunks: Buffer[] = [];
    for await (const c of client.query(copyTo(`COPY ${table} TO STDOUT WITH (FORMAT csv)`))) chunks.push(c as Buffer);
    return chunks;
  };
  const residentRows = await takeOut('resident');
  const historyRows = await takeOut('residence_history');
  const foreignKeys = async (table: string) => (await client.query<{ def: string }>(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`, [table])).rows.map((r) => r.def);
  await client.query('CREATE TABLE bench_raw_resident (LIKE resident INCLUDING ALL)');
  await client.query('CREATE TABLE bench_raw_history (LIKE residence_history INCLUDING ALL)');
  for (const def of await foreignKeys('resident')) await client.query(`ALTER TABLE bench_raw_resident ADD ${def}`);
  for (const def of await foreignKeys('residence_history')) {
    await client.query(`ALTER TABLE bench_raw_history ADD ${def.replace(/REFERENCES resident\(/, 'REFERENCES bench_raw_resident(')}`);
  }
  await client.query('CHECKPOINT').catch(() => {});
  const copyStarted = performance.now();
  await client.query('BEGIN');
  await pipeline(Readable.from(residentRows), client.query(copyFrom('COPY bench_raw_resident FROM STDIN WITH (FORMAT csv)')));
  const residentsCopied = performance.now();
  await pipeline(Readable.from(historyRows), client.query(copyFrom('COPY bench_raw_history FROM STDIN WITH (FORMAT csv)')));
  await client.query('COMMIT');
  const copyMs = performance.now() - copyStarted;
  const residentsOnlyMs = residentsCopied - copyStarted;

  const importRate = ROWS / (importMs / 1000);
  const copyRate = ROWS / (copyMs / 1000);
  const ratio = importRate / copyRate;
  console.log(`(a) import through the service: ${(importMs / 1000).toFixed(2)} s, ${Math.round(importRate).toLocaleString()} rows/s ` +
    `(parse + validate + hash lookups + AES-GCM of ID numbers and phones + resident and residence_history rows, one transaction)`);
  if (writeFrom) console.log(`    of which parse + validate ${((writeFrom - started) / 1000).toFixed(2)} s, encrypt + write ${((importMs - (writeFrom - started)) / 1000).toFixed(2)} s`);
  console.log(`(b) raw COPY of the same rows (residents and their residence_history, same constraints and foreign keys, one transaction): ` +
    `${(copyMs / 1000).toFixed(2)} s, ${Math.round(copyRate).toLocaleString()} residents/s`);
  console.log(`    of which the resident rows ${(residentsOnlyMs / 1000).toFixed(2)} s, their residence_history rows ${((copyMs - residentsOnlyMs) / 1000).toFixed(2)} s`);
  console.log(`ratio ${ratio.toFixed(2)} (target ≥ ${TARGET}) ${ratio >= TARGET ? 'OK' : 'MISSED'}`);
  failed = ratio < TARGET;
} finally {
  await client.end();
  await database.close();
  if (!args.keep) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
process.exit(failed ? 1 : 0);
