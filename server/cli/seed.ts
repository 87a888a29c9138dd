import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../platform/db/connect.js';
import { DataDirLockedError, lockDataDir } from '../platform/db/data-dir-lock.js';
import { MigrationError, migrate } from '../platform/db/migrate.js';
import { PiiCipher, loadMasterKey } from '../platform/pii/cipher.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seed, type Scale, type SeedProgress } from '../seed/seed.js';

/**
 * `npm run seed -- --scale demo|city [--reset]`: generates the demo city into the configured
 * database (embedded PGlite in LINLI_DATA_DIR, or DATABASE_URL). --reset wipes that database first.
 */
const USAGE = `用法：npm run seed -- --scale demo|city [--reset]
  --scale demo   离石区完整演示数据及其余12个县（市、区）概要（默认）
  --scale city   吕梁市全量规模：约210万居民、245个社区、2427个网格（建议使用 PostgreSQL）
  --reset        先清空数据库（PostgreSQL：重建 public 模式；内置数据库：删除数据目录下的 pg 文件夹）`;

async function main() {
  let args;
  try {
    args = parseArgs({
      options: { scale: { type: 'string', default: 'demo' }, reset: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (args.scale !== 'demo' && args.scale !== 'city') fail(`未知的规模 ${args.scale}\n${USAGE}`);
  const scale = args.scale as Scale;
  const config = loadConfig();

  if (args.reset) await reset(config.databaseUrl, config.dataDir);
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) fail(`${e.message}；请先停止该进程`);
    throw e;
  }
  try {
    await migrate(database);
    const cipher = new PiiCipher(loadMasterKey(config.keyFile, config.keyFromEnv));
    console.error(`正在生成${scale === 'city' ? '全市规模' : '演示'}数据 → ${database.target}`);
    const progress = new ProgressLine();
    const summary = await seed(database, cipher, { scale, onProgress: (p) => progress.update(p) });
    progress.end();

    const seconds = summary.elapsedMs / 1000;
    console.log('\n表                 行数');
    for (const [table, n] of Object.entries(summary.counts)) console.log(`  ${table.padEnd(18)} ${n.toLocaleString('en-US').padStart(12)}`);
    console.log(`  ${'合计'.padEnd(16)} ${summary.totalRows.toLocaleString('en-US').padStart(12)}`);
    console.log(`用时 ${seconds.toFixed(1)} 秒，${Math.round(summary.totalRows / seconds).toLocaleString('en-US')} 行/秒`);
    console.log(`\n演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(18)} ${a.description}`);
  } catch (e) {
    console.error(`\n生成失败：${e instanceof MigrationError ? `${e.message}\n数据库未做任何更改。` : e instanceof Error ? e.message : e}`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

async function reset(databaseUrl: string | undefined, dataDir: string) {
  if (databaseUrl) {
    const admin = await openDatabase({ databaseUrl });
    try {
      await admin.rawTransaction((tx) => tx.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public'));
    } finally {
      await admin.close();
    }
    console.error('已清空 PostgreSQL 的 public 模式');
    return;
  }
  // Hold the data folder's lock while deleting, so a running server is never pulled from under.
  const pgDir = path.join(dataDir, 'pg');
  let release: () => void;
  try {
    release = lockDataDir(dataDir, pgDir);
  } catch (e) {
    if (e instanceof DataDirLockedError) fail(`${e.message}；请先停止该进程再重置`);
    throw e;
  }
  try {
    fs.rmSync(pgDir, { recursive: true, force: true });
  } finally {
    release();
  }
  console.error(`已删除内置数据库 ${pgDir}（密钥文件保留）`);
}

/** One line on stderr, rewritten in place on a terminal and every few seconds otherwise. */
class ProgressLine {
  #last = 0;
  #started = performance.now();
  #tty = process.stderr.isTTY;

  update(p: SeedProgress) {
    const now = performance.now();
    if (!p.done && now - this.#last < (this.#tty ? 200 : 5000)) return;
    this.#last = now;
    const pct = p.done ? '' : p.expected ? ` (${Math.min(99, Math.floor((100 * p.rows) / p.expected))}%)` : '';
    const what = p.table === 'indexes' ? `重建索引 ${p.rows} 个` : `${p.table} ${p.rows.toLocaleString('en-US')} 行${pct}`;
    const line = `  ${what}  ${((now - this.#started) / 1000).toFixed(0)}s`;
    if (this.#tty) process.stderr.write(`\r\x1b[K${line}${p.done ? '\n' : ''}`);
    else if (p.done || p.table !== 'indexes') process.stderr.write(`${line}\n`);
  }

  end() {
    if (this.#tty) process.stderr.write('\r\x1b[K');
  }
}

function fail(message: string): never {
  console.error(`\n生成失败：${message}`);
  process.exit(1);
}

await main();
