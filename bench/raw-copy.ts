import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { emitResult } from './child.js';

/**
 * PostgreSQL's own COPY rate for resident-shaped rows, the yardstick for the seed: the CSV is
 * generated before the clock starts (random ciphertext- and hash-like strings of the real
 * lengths, no encryption), then streamed into a scratch copy of the resident table with all its
 * indexes and constraints (`LIKE resident INCLUDING ALL`; no foreign keys).
 * The same CSV also goes into a bare table (columns only) for reference.
 * Run by bench/run.ts in its own process, so the pre-built CSV doesn't inflate the server's memory.
 */
const [url, schema, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const TABLE = 'bench_raw_resident';
const COLUMNS = 'id, household_id, org_path, county_code, name, gender, birth_date, relation, id_number_enc, id_number_hash, id_number_mask, phone_enc, phone_hash, phone_mask';

const SURNAMES = '王李张刘郭杨高赵武贾任薛白冯郝田韩梁马孙';
const GIVEN = '伟丽强敏静磊军燕杰涛娟霞芳建国华明红英秀兰玉梅志平文';

function buildChunks(): { chunks: Buffer[]; bytes: number } {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let lines: string[] = [];
  let size = 0;
  let pool = randomBytes(0);
  let at = 0;
  // Slices of one random buffer, base64url-encoded: strings shaped like the real columns.
  const rand = (n: number) => {
    if (at + n > pool.length) {
      pool = randomBytes(1 << 20);
      at = 0;
    }
    const s = pool.subarray(at, at + n).toString('base64url');
    at += n;
    return s;
  };
  for (let i = 1; i <= rows; i++) {
    const male = i % 2 === 1;
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 ? GIVEN[(i * 13) % GIVEN.length] : '');
    const org = `1.${2 + (i % 13)}.${20 + (i % 28)}.${60 + (i % 245)}.${300 + (i % 2427)}.${3000 + (i % 60000)}.${70000 + (i % 50000)}.`;
    const birth = `${1930 + (i % 95)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const idEnc = `v1.${rand(12)}.${rand(16)}.${rand(18)}`;
    const phone = i % 7 !== 0;
    lines.push(
      `${i},${Math.ceil(i / 3)},${org},141102,${name},${male ? 'male' : 'female'},${birth},member,${idEnc},${rand(32)},` +
      `141102**********${String((i * 7919) % 100).padStart(2, '0')},${phone ? `v1.${rand(12)}.${rand(16)}.${rand(11)},${rand(32)},138****${String((i * 104729) % 10000).padStart(4, '0')}` : ',,'}\n`,
    );
    size += 330;
    if (size >= 1 << 20 || i === rows) {
      const b = Buffer.from(lines.join(''));
      chunks.push(b);
      bytes += b.length;
      lines = [];
      size = 0;
    }
  }
  return { chunks, bytes };
}

const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
await client.connect();
try {
  const { chunks, bytes } = buildChunks();
  // The yardstick (same definition as resident), and for reference a bare table without indexes.
  const timeCopy = async (table: string, like: string) => {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`CREATE TABLE ${table} (${like})`);
    await client.query('CHECKPOINT').catch(() => {});
    const started = performance.now();
    await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${table} (${COLUMNS}) FROM STDIN WITH (FORMAT csv)`)));
    const ms = performance.now() - started;
    await client.query(`DROP TABLE ${table}`);
    return ms;
  };
  const bareMs = await timeCopy(`${TABLE}_bare`, 'LIKE resident INCLUDING DEFAULTS');
  const ms = await timeCopy(TABLE, 'LIKE resident INCLUDING ALL');
  emitResult({ rows, bytes, ms, bareMs });
} finally {
  await client.end();
}
